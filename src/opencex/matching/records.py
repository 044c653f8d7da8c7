"""Residents as the matching engine reads them (`linkage.PersonRecord`), and the in-memory index
the "someone we already know?" look-ups ask, rebuilt when residents or their addresses change."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Prefetch, Q

from opencex.matching import linkage
from opencex.people.models import Occupancy, Resident

BATCH = 2000


def _live_residents():
    return Resident.objects.filter(merged_into__isnull=True)


def _current_homes():
    return Prefetch(
        "occupancies",
        queryset=Occupancy.objects.select_related("property").order_by(
            "ended_on", "-started_on", "-pk"
        ),
        to_attr="homes",
    )


def person_record(resident: Resident) -> linkage.PersonRecord:
    """The resident with their current address (else their latest), as the engine reads them."""
    homes = getattr(resident, "homes", None)
    if homes is None:
        homes = list(
            resident.occupancies.select_related("property").order_by(
                "ended_on", "-started_on", "-pk"
            )
        )
    # ended_on sorts nulls (current homes) last on PostgreSQL and first on SQLite: choose here.
    current = [home for home in homes if home.ended_on is None] or homes
    place = current[0].property if current else None
    address = ""
    if place is not None:
        address = ", ".join(
            p for p in (place.address_line_1, place.address_line_2, place.town) if p
        )
    return linkage.PersonRecord(
        id=resident.pk,
        full_name=resident.full_name,
        date_of_birth=resident.date_of_birth,
        email=resident.email,
        phone=resident.phone,
        address=address,
        postcode=place.postcode if place else "",
        uprn=place.uprn if place else "",
    )


def every_person_record() -> Iterator[linkage.PersonRecord]:
    """Every resident not merged away, read in batches with their properties."""
    last = 0
    while True:
        batch = list(
            _live_residents()
            .filter(pk__gt=last)
            .order_by("pk")
            .prefetch_related(_current_homes())[:BATCH]
        )
        if not batch:
            return
        for resident in batch:
            yield person_record(resident)
        last = batch[-1].pk


def person_records(residents: Iterable[Resident]) -> dict[int, linkage.PersonRecord]:
    pks = [resident.pk for resident in residents]
    found = Resident.objects.filter(pk__in=pks).prefetch_related(_current_homes())
    return {resident.pk: person_record(resident) for resident in found}


def fingerprint(*records: linkage.PersonRecord) -> str:
    """What the records say, in one short hash: a decided pair is proposed again only when it
    changes."""
    text = "\x1f".join(repr(record) for record in sorted(records, key=lambda r: r.id))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class _Seen:
    """What the index was last brought up to date with."""

    residents: int
    last_resident: int
    changed: datetime | None
    homes: int
    last_home: int

    @classmethod
    def now(cls) -> _Seen:
        residents = Resident.objects.aggregate(
            n=Count("pk"), last=Max("pk"), changed=Max("updated_at")
        )
        homes = Occupancy.objects.aggregate(n=Count("pk"), last=Max("pk"))
        return cls(
            residents["n"],
            residents["last"] or 0,
            residents["changed"],
            homes["n"],
            homes["last"] or 0,
        )


class _IndexCache:
    """One `MatchIndex` per process. Each look-up asks one cheap query what changed since: the
    residents saved since (and those with a new home) are put in again, a record merged away is
    taken out; a resident or home deleted (counts that went down) rebuilds it whole."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: _Seen | None = None
        self._index: linkage.MatchIndex | None = None
        self._version = ""

    def index(self) -> linkage.MatchIndex:
        now = _Seen.now()
        with self._lock:
            seen, index = self._seen, self._index
            if index is None or seen is None or self._version != linkage.MODEL_VERSION:
                return self._rebuild(now)
            if now == seen:
                return index
            new_homes = Occupancy.objects.filter(pk__gt=seen.last_home)
            new_residents = Resident.objects.filter(pk__gt=seen.last_resident)
            if (
                now.residents - seen.residents != new_residents.count()
                or now.homes - seen.homes != new_homes.count()
                or (seen.changed and (now.changed is None or now.changed < seen.changed))
            ):
                return self._rebuild(now)  # something was deleted, or the clock went back
            added = Q(pk__gt=seen.last_resident) | Q(pk__in=new_homes.values("resident"))
            saved = Q(updated_at__gte=seen.changed) if seen.changed else Q(pk__in=[])
            changed = Resident.objects.filter(added | saved)
            for resident in changed.prefetch_related(_current_homes()):
                if resident.merged_into_id:
                    index.remove(resident.pk)
                else:
                    index.add(person_record(resident))
            self._seen = now
            return index

    def _rebuild(self, now: _Seen) -> linkage.MatchIndex:
        self._index = linkage.MatchIndex(every_person_record())
        self._seen = now
        self._version = linkage.MODEL_VERSION
        return self._index

    def clear(self) -> None:
        with self._lock:
            self._index = None
            self._seen = None


INDEX = _IndexCache()
