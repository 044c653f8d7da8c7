"""Loads the demo council: its catalogue, its accounts and, once, a synthetic two-year history.

Running it again is cheap and changes nothing: the catalogue and the demo accounts are upserted,
and the history is generated only if no `DemoLoad` says it is already there. `reset=True`
deletes the history it made (and only that) and generates it again.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.audit import protection as audit_protection
from opencex.audit.models import AuditSeal
from opencex.cases.models import Case, CaseEvent
from opencex.catalogue.loading import LoadSummary, demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Team
from opencex.contacts.models import Contact
from opencex.council.calendar import council_calendar
from opencex.demo.activity import make_activity, save_activity
from opencex.demo.config import DemoError, load_demo_council
from opencex.demo.history import make_history
from opencex.demo.models import DemoLoad
from opencex.demo.names import new_faker
from opencex.demo.people import ensure_demo_resident, make_population
from opencex.demo.staff import SignIn, ensure_demo_staff
from opencex.directory.services import load_demo_directory
from opencex.disclosure.models import DisclosureEntry, DisclosureEvent
from opencex.forecasts.history import rebuild_forecasts
from opencex.matching.models import MergeEvent, ResidentMerge
from opencex.people.models import Property, Resident, SensitiveAccess

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class DemoSize:
    residents: int
    properties: int
    cases: int


SIZES = {
    "full": DemoSize(residents=3000, properties=2500, cases=12000),
    "small": DemoSize(residents=50, properties=40, cases=200),
}


@dataclass
class DemoReport:
    catalogue: LoadSummary
    sign_ins: list[SignIn]
    synthetic_staff: int
    history: DemoLoad
    history_is_new: bool
    deleted_histories: int
    seconds: float


def load_demo(
    *,
    size: str = "full",
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    now: datetime | None = None,
) -> DemoReport:
    started = time.perf_counter()
    if size not in SIZES:
        raise DemoError(f"Unknown demo size '{size}'; use one of: {', '.join(SIZES)}.")
    now = now or timezone.now()
    profile = settings.COUNCIL_PROFILE
    council = load_demo_council(profile.slug)
    catalogue = load_catalogue_file(demo_catalogue_file(profile.slug))
    teams = {team.slug: team for team in Team.objects.all()}
    staff = ensure_demo_staff(
        council=council, profile=profile, teams=teams, faker=new_faker("en_GB")
    )
    today = timezone.localdate(now)
    demo_resident, demo_home = ensure_demo_resident(council, staff.resident_user, today)
    deleted = delete_history() if reset else 0

    history = DemoLoad.objects.first()
    is_new = history is None
    if is_new:
        rng = random.Random(seed)
        plan = SIZES[size]
        with transaction.atomic():
            population = make_population(
                rng=rng,
                council=council,
                residents=plan.residents,
                properties=plan.properties,
                today=today,
                recorder=staff.accounts[Role.CASEWORKER],
            )
            population.homes[demo_resident.pk] = demo_home
            calendar = council_calendar()
            made = make_history(
                rng=rng,
                now=now,
                cases=plan.cases,
                profile=profile,
                council=council,
                staff=staff,
                population=population,
                demo_resident=demo_resident,
                calendar=calendar,
            )
            # Signposted contacts point at the partner directory's entries.
            load_demo_directory()
            activity = make_activity(
                rng=rng,
                now=now,
                cases=made.cases,
                population=population,
                staff=staff,
                profile=profile,
                calendar=calendar,
            )
            save_activity(activity)
            # Officers see predicted completion from the first page, not the next morning.
            rebuild_forecasts(today)
            history = DemoLoad.objects.create(
                seed=seed,
                size=size,
                anchor_on=today,
                id_ranges={
                    "people.Resident": _id_range(population.residents),
                    "people.Property": _id_range(population.properties),
                    "cases.Case": _id_range(made.cases),
                    "contacts.Contact": _id_range(activity.contacts),
                },
                counts={
                    "residents": len(population.residents),
                    "properties": len(population.properties),
                    "occupancies": population.occupancy_count,
                    "vulnerable_residents": population.sensitive_count,
                    "cases": len(made.cases),
                    "case_events": made.event_count,
                    "clock_pauses": made.pause_count,
                    "contacts": len(activity.contacts),
                    "ratings": len(activity.ratings),
                    "by_kind": dict(Counter(case.kind for case in made.cases).most_common()),
                    "by_channel": dict(Counter(case.channel for case in made.cases).most_common()),
                    "by_status": dict(Counter(case.status for case in made.cases).most_common()),
                    "open_overdue": sum(
                        1
                        for case in made.cases
                        if case.is_open and case.due_on is not None and case.due_on < today
                    ),
                },
                seconds=round(time.perf_counter() - started, 2),
            )
    return DemoReport(
        catalogue=catalogue,
        sign_ins=staff.sign_ins,
        synthetic_staff=staff.synthetic_count,
        history=history,
        history_is_new=is_new,
        deleted_histories=deleted,
        seconds=time.perf_counter() - started,
    )


def _id_range(rows) -> list[int]:
    ids = [row.pk for row in rows]
    return [min(ids), max(ids)] if ids else []


def _in_range(field: str, bounds: list[int]) -> Q:
    return Q(**{f"{field}__range": tuple(bounds)}) if bounds else Q(pk__in=[])


def delete_history() -> int:
    """Delete every synthetic history the demo made: its cases (with their timelines, pauses
    and messages), any later case about its residents, its residents and its properties.

    Their timelines and reads of special-category data are audit records, which the database
    refuses to delete: the audit protection is lifted for this, which only the tables' owner
    may do, and the seals go too (the demo's chain starts again at the next sealing)."""
    try:
        with audit_protection.lifted():
            return _delete_history()
    except ProtectedError as error:
        # A record made after the demo (outside what it made) still points at its rows.
        raise DemoError(f"Resetting the demo would orphan other records: {error}") from error
    except DatabaseError as error:
        raise DemoError(
            "Resetting the demo deletes its synthetic audit trail, which only the owner of the "
            "tables may do: run `opencex demo --reset` with the owner's DATABASE_URL "
            f"(the migration role). The database said: {error}"
        ) from error


def _delete_history() -> int:
    loads = list(DemoLoad.objects.all())
    if loads:
        models.QuerySet.delete(AuditSeal.objects.all())
    for load in loads:
        ranges = load.id_ranges
        # The history's residents, and those typed in again by demo.matching (listed by id).
        residents = _in_range("pk", ranges.get("people.Resident", [])) | Q(
            pk__in=ranges.get("people.Resident.again", [])
        )
        their = Resident.objects.filter(residents).values("pk")
        cases = Case.objects.filter(
            _in_range("pk", ranges.get("cases.Case", [])) | Q(resident__in=their)
        )
        # Logged contacts protect the cases they opened.
        Contact.objects.filter(
            _in_range("pk", ranges.get("contacts.Contact", [])) | Q(case__in=cases.values("pk"))
        ).delete()
        # Internal reviews protect the requests they review: delete them first.
        reviews = Case.objects.filter(parent__in=cases.values("pk"))
        for doomed in (reviews, cases):
            # The disclosure log's entries protect the requests they were prepared from; the
            # demo's are published again from its file by the next load.
            entries = DisclosureEntry.objects.filter(case__in=doomed.values("pk"))
            models.QuerySet.delete(DisclosureEvent.objects.filter(entry__in=entries.values("pk")))
            models.QuerySet.delete(entries)
            models.QuerySet.delete(CaseEvent.objects.filter(case__in=doomed.values("pk")))
            doomed.delete()
        models.QuerySet.delete(SensitiveAccess.objects.filter(resident__in=their))
        # Merges of demo residents (an officer trying the review queue) go with them: their audit
        # events, the merges, and the link from a merged record to the one it was merged into.
        merges = ResidentMerge.objects.filter(Q(kept__in=their) | Q(merged__in=their))
        models.QuerySet.delete(MergeEvent.objects.filter(merge__in=merges.values("pk")))
        merges.delete()
        Resident.objects.filter(merged_into__in=their).update(merged_into=None)
        # The accounts the demo gave its residents (demo.insight) go with them.
        their_accounts = Resident.objects.filter(residents, user__role=Role.RESIDENT)
        accounts = list(their_accounts.values_list("user", flat=True))
        Resident.objects.filter(residents).delete()
        User.objects.filter(pk__in=accounts).delete()
        Property.objects.filter(_in_range("pk", ranges.get("people.Property", []))).delete()
        load.delete()
    return len(loads)
