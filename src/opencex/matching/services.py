"""The doors for one record per resident: finding duplicate residents (every night, while an
officer types, at sign-up), an officer's decision on a pair, merging two records and undoing a
merge. The engine (`matching.linkage`) only proposes; an officer decides, and only a manager,
information governance or an administrator merges (`policies`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django_tasks import task

from opencex.aigovernance import services as governance
from opencex.aigovernance import switches
from opencex.aigovernance.models import Outcome
from opencex.jobs import daily
from opencex.matching import linkage, policies, relations
from opencex.matching.models import (
    CandidatePair,
    MergeAct,
    MergeEvent,
    PairSource,
    PairStatus,
    ResidentMerge,
)
from opencex.matching.records import INDEX, every_person_record, fingerprint, person_records
from opencex.people import services as people_services
from opencex.people.models import Resident

MODEL_KEY = "resident_matching"
DAILY_AT = time(2, 30)
# The kept record's details filled from the merged record where the kept record has none.
FILLED_FIELDS = (
    "email",
    "phone",
    "date_of_birth",
    "accessibility_needs",
    "accessible_format",
    "interpreter_language",
    "user",
)


class MergeRefused(ValueError):
    """Why two records cannot be merged (or a merge undone), in words for the officer."""


# --- Finding pairs -----------------------------------------------------------------------------


@dataclass
class SearchRun:
    """What one search of every resident found."""

    turned_off: bool = False
    residents: int = 0
    new: int = 0
    proposed_again: int = 0
    updated: int = 0
    unchanged: int = 0
    likely: int = 0
    uncertain: int = 0

    def __str__(self) -> str:
        if self.turned_off:
            return "Resident matching is turned off in the council profile: nothing searched."
        return (
            f"Searched {self.residents} residents: {self.likely} likely and {self.uncertain} "
            f"uncertain pairs ({self.new} new, {self.proposed_again} proposed again after their "
            f"details changed, {self.updated} rescored, {self.unchanged} unchanged)."
        )


def find_duplicate_residents(
    *, thresholds: linkage.Thresholds = linkage.DEFAULT_THRESHOLDS
) -> SearchRun:
    """Search every resident for pairs that may be one person and store them for review. Safe to
    run again: a pair is stored once; a pair an officer decided is not the same person is
    proposed again only when either record's details have changed since."""
    run = SearchRun()
    if not switches.is_on(MODEL_KEY):
        run.turned_off = True
        return run
    records = {record.id: record for record in every_person_record()}
    run.residents = len(records)
    for pair in linkage.find_pairs(records.values(), thresholds=thresholds):
        outcome = _store_pair(
            pair,
            records[pair.a],
            records[pair.b],
            thresholds=thresholds,
            source=PairSource.SWEEP,
        )
        setattr(run, outcome, getattr(run, outcome) + 1)
        if pair.probability >= thresholds.match:
            run.likely += 1
        else:
            run.uncertain += 1
    return run


@transaction.atomic
def _store_pair(
    pair: linkage.ScoredPair,
    first: linkage.PersonRecord,
    second: linkage.PersonRecord,
    *,
    thresholds: linkage.Thresholds,
    source: str,
    actor=None,
) -> str:
    """Store one scored pair; returns which of SearchRun's counts it adds to."""
    a, b = sorted((pair.a, pair.b))
    seen = fingerprint(first, second)
    existing = CandidatePair.objects.select_for_update().filter(resident_a=a, resident_b=b).first()
    if existing is not None:
        if existing.status == PairStatus.MERGED:
            return "unchanged"
        if existing.status == PairStatus.NOT_THE_SAME and existing.fingerprint == seen:
            return "unchanged"
        if (
            existing.status != PairStatus.NOT_THE_SAME
            and existing.fingerprint == seen
            and existing.model_version == linkage.MODEL_VERSION
        ):
            return "unchanged"
    values: dict[str, Any] = {
        "probability": pair.probability,
        "reasons": list(pair.reasons),
        "model_version": linkage.MODEL_VERSION,
        "is_likely": pair.probability >= thresholds.match,
        "fingerprint": seen,
    }
    if existing is None:
        try:
            # A savepoint: the nightly search (or a sign-up's job) may store the same pair
            # between our read and this insert; then we start again from the pair it stored.
            with transaction.atomic():
                CandidatePair.objects.create(
                    resident_a_id=a,
                    resident_b_id=b,
                    source=source,
                    proposed_by=actor,
                    suggestion=_suggest(pair, a, b),
                    **values,
                )
            return "new"
        except IntegrityError:
            return _store_pair(
                pair, first, second, thresholds=thresholds, source=source, actor=actor
            )
    values["suggestion"] = _suggest(pair, a, b)
    outcome = "updated"
    if existing.status == PairStatus.NOT_THE_SAME:
        values.update(status=PairStatus.PROPOSED, decided_by=None, decided_at=None, note="")
        outcome = "proposed_again"
    for name, value in values.items():
        setattr(existing, name, value)
    existing.save()
    return outcome


def _suggest(pair: linkage.ScoredPair, a: int, b: int):
    return governance.record_suggestion(
        model_key=MODEL_KEY,
        model_version=linkage.MODEL_VERSION,
        subject_type="resident",
        subject_id=a,
        suggested={"same_person_as": b},
        confidence=pair.probability,
        reasons=pair.reasons,
    )


@task()
def find_duplicate_residents_every_day() -> str:
    """Search every resident, then queue the same job for tomorrow (even if today's failed)."""
    try:
        return str(find_duplicate_residents())
    finally:
        daily.queue_next_run(find_duplicate_residents_every_day, DAILY_AT)


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(find_duplicate_residents_every_day, DAILY_AT)


# --- "Someone we already know?" ----------------------------------------------------------------


@dataclass(frozen=True)
class KnownResident:
    """A known resident who may be the person being typed in, with only what an officer needs to
    tell them apart: the name, part of the address, the year of birth and the engine's reasons."""

    resident_id: int
    full_name: str
    partial_address: str
    birth_year: int | None
    reasons: tuple[str, ...]
    is_likely: bool


def partial_address(record: linkage.PersonRecord) -> str:
    """The street without the house number, and the postcode's outward part ("Cowley Road, OX4")."""
    street = record.address.split(",")[0].strip()
    words = street.split()
    while words and any(ch.isdigit() for ch in words[0]):
        words.pop(0)
    outward = record.postcode.strip().upper().split(" ")[0] if record.postcode.strip() else ""
    if outward and " " not in record.postcode.strip() and len(outward) > 4:
        outward = outward[:-3]
    return ", ".join(part for part in (" ".join(words), outward) if part)


def known_residents_like(
    *,
    actor,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    date_of_birth=None,
    postcode: str = "",
    address: str = "",
    limit: int = 5,
    while_typing: bool = False,
) -> list[KnownResident]:
    """The known residents most like the details typed so far (the engine's look-up), best
    first, then those the one exact rule finds that the engine did not
    (`people.services.likely_duplicates`: same email, same phone, same name and date of birth;
    the engine may score an exact email or phone match low, but it is always shown). With
    resident matching turned off, only the exact rule, and only on a whole record, never while
    typing (`while_typing`)."""
    if not policies.can_review_pairs(actor):
        raise PermissionDenied
    if not any((full_name.strip(), email.strip(), phone.strip(), postcode.strip())):
        return []
    if not switches.is_on(MODEL_KEY):
        return [] if while_typing else _exactly_alike(full_name, email, phone, date_of_birth, limit)
    partial = linkage.PersonRecord(
        id=0,
        full_name=full_name.strip(),
        date_of_birth=date_of_birth,
        email=email.strip(),
        phone=phone.strip(),
        address=address.strip(),
        postcode=postcode.strip(),
    )
    found = INDEX.index().candidates(partial, limit=limit)
    known = person_records(Resident.objects.live().filter(pk__in=[pair.b for pair in found]))
    match = linkage.DEFAULT_THRESHOLDS.match
    engine = [
        _known(known[pair.b], pair.reasons, is_likely=pair.probability >= match)
        for pair in found
        if pair.b in known
    ]
    shown = {known.resident_id for known in engine}
    exact = _exactly_alike(full_name, email, phone, date_of_birth, limit)
    return engine + [known for known in exact if known.resident_id not in shown]


def _known(
    record: linkage.PersonRecord, reasons: Iterable[str], *, is_likely: bool
) -> KnownResident:
    born = record.date_of_birth
    return KnownResident(
        resident_id=record.id,
        full_name=record.full_name,
        partial_address=partial_address(record),
        birth_year=born.year if born else None,
        reasons=tuple(reasons),
        is_likely=is_likely,
    )


def _exactly_alike(full_name, email, phone, date_of_birth, limit: int) -> list[KnownResident]:
    found = people_services.likely_duplicates(
        full_name=full_name, email=email, phone=phone, date_of_birth=date_of_birth
    )
    residents = list(found.order_by("full_name", "pk")[:limit])
    records = person_records(residents)
    return [_known(records[r.pk], (EXACTLY_ALIKE,), is_likely=True) for r in residents]


EXACTLY_ALIKE = "same email address, phone number, or name and date of birth"


def propose_for_new_resident(resident: Resident, *, source: str = PairSource.SIGN_UP) -> int:
    """A resident just created (at sign-up) who looks like someone known: record the pairs for
    the review queue, the engine's and those of the exact rule (a new sign-up's name is its
    email address, so the engine rarely finds them by name: the same email address or phone
    number is always proposed). Never merges or links: that would let anyone claim another's
    record by signing up with their name. Returns how many pairs were recorded. Run as a job
    after the sign-in commits (`tasks.propose_for_new_resident`): building the look-up takes
    seconds on a large council's records."""
    if not switches.is_on(MODEL_KEY):
        return 0
    records = person_records([resident])
    if resident.pk not in records:
        return 0
    record = records[resident.pk]
    index = INDEX.index()
    found = [pair for pair in index.candidates(record, limit=5) if pair.b != resident.pk]
    exact = people_services.likely_duplicates(
        full_name=resident.full_name,
        email=resident.email,
        phone=resident.phone,
        date_of_birth=resident.date_of_birth,
    ).exclude(pk=resident.pk)
    seen = {pair.b for pair in found}
    extra = [pk for pk in exact.order_by("pk").values_list("pk", flat=True)[:5] if pk not in seen]
    others = person_records(Resident.objects.live().filter(pk__in=[*seen, *extra]))
    for pk in extra:
        if pk in others:
            scored = linkage.compare(record, others[pk], model=index.model)
            found.append(
                linkage.ScoredPair(
                    a=record.id,
                    b=pk,
                    probability=scored.probability,
                    reasons=(EXACTLY_ALIKE, *scored.reasons),
                )
            )
    stored = 0
    for pair in found:
        if pair.b not in others:
            continue
        scored = linkage.ScoredPair(
            a=min(resident.pk, pair.b),
            b=max(resident.pk, pair.b),
            probability=pair.probability,
            reasons=pair.reasons,
        )
        _store_pair(
            scored,
            record,
            others[pair.b],
            thresholds=linkage.DEFAULT_THRESHOLDS,
            source=source,
        )
        stored += 1
    return stored


# --- An officer's decision on a pair -----------------------------------------------------------


def _locked_pair(pair: CandidatePair) -> CandidatePair:
    return CandidatePair.objects.select_for_update().get(pk=pair.pk)


@transaction.atomic
def decide_not_the_same(*, actor, pair: CandidatePair, note: str = "") -> CandidatePair:
    """Two different people: the pair leaves the queue and is not proposed again unless either
    record's details change."""
    if not policies.can_review_pairs(actor):
        raise PermissionDenied
    pair = _locked_pair(pair)
    if pair.status in (PairStatus.MERGED, PairStatus.NOT_THE_SAME):
        raise MergeRefused("Someone has already decided about these records.")
    _decide(pair, actor, PairStatus.NOT_THE_SAME, Outcome.DISMISSED, note)
    return pair


@transaction.atomic
def propose_merge(*, actor, pair: CandidatePair, note: str = "") -> CandidatePair:
    """An officer who may not merge says it is the same person: a manager looks next."""
    if not policies.can_review_pairs(actor):
        raise PermissionDenied
    pair = _locked_pair(pair)
    if pair.status != PairStatus.PROPOSED:
        raise MergeRefused("Someone has already decided about these records.")
    pair.status = PairStatus.UNDER_REVIEW
    pair.note = note[:500]
    pair.decided_by = actor
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "note", "decided_by", "decided_at"])
    return pair


def _decide(pair: CandidatePair, actor, status: str, outcome: str, note: str) -> None:
    pair.status = status
    pair.decided_by = actor
    pair.decided_at = timezone.now()
    pair.note = note[:500]
    pair.save(update_fields=["status", "decided_by", "decided_at", "note"])
    correction = {"same_person": False} if outcome == Outcome.CORRECTED else None
    governance.record_decision(
        suggestion=pair.suggestion, actor=actor, outcome=outcome, correction=correction, note=note
    )


# --- Merging and undoing -----------------------------------------------------------------------


@dataclass
class MergePreview:
    """What a merge would do, for the confirmation page."""

    counts: dict[str, int] = field(default_factory=dict)
    left: dict[str, int] = field(default_factory=dict)
    filled: dict[str, Any] = field(default_factory=dict)
    refusal: str = ""


def _refusal(kept: Resident, merged: Resident) -> str:
    if kept.pk == merged.pk:
        return "A record cannot be merged with itself."
    if kept.merged_into_id or merged.merged_into_id:
        return "One of these records has already been merged into another record."
    if _is_anonymised(kept, merged):
        return "One of these records has been anonymised under the retention schedule."
    if kept.user_id and merged.user_id:
        return (
            "Both records have their own sign-in account. A record keeps one account, so "
            "merging would shut the resident out of the other: ask the resident which email "
            "address they sign in with, and ask an administrator to close the other account "
            "first."
        )
    return ""


def _resident_field(name: str) -> models.Field:
    return cast(models.Field, Resident._meta.get_field(name))


def _is_anonymised(*residents: Resident) -> bool:
    # retention.AnonymisedResident, read through its reverse name (`anonymisation`).
    pks = [resident.pk for resident in residents]
    return Resident.objects.filter(pk__in=pks, anonymisation__isnull=False).exists()


def _value(resident: Resident, name: str) -> Any:
    model_field = _resident_field(name)
    value = getattr(resident, model_field.attname)
    return None if value is None else model_field.value_to_string(resident)


def _restore(name: str, value: Any) -> tuple[str, Any]:
    model_field = _resident_field(name)
    return model_field.attname, None if value is None else model_field.to_python(value)


def _fills(kept: Resident, merged: Resident) -> dict[str, dict[str, Any]]:
    fills = {}
    for name in FILLED_FIELDS:
        old, new = _value(kept, name), _value(merged, name)
        if old in (None, "") and new not in (None, ""):
            fills[name] = {"old": old, "new": new}
    return fills


def preview_merge(*, kept: Resident, merged: Resident) -> MergePreview:
    if refusal := _refusal(kept, merged):
        return MergePreview(refusal=refusal)
    plan = relations.plan_merge(kept, merged)
    left: dict[str, int] = {}
    for row, _why in plan.leave:
        left[row.label] = left.get(row.label, 0) + 1
    return MergePreview(counts=plan.counts(), left=left, filled=_fills(kept, merged))


def _locked(*residents: Resident) -> dict[int, Resident]:
    # Always in the same order, so that two merges of the same records cannot deadlock.
    pks = sorted(resident.pk for resident in residents)
    return {r.pk: r for r in Resident.objects.select_for_update().filter(pk__in=pks).order_by("pk")}


@transaction.atomic
def merge_residents(
    *, actor, kept: Resident, merged: Resident, reason: str, pair: CandidatePair | None = None
) -> ResidentMerge:
    """Merge `merged` into `kept`: every row that points at `merged` points at `kept` instead
    (cases, contacts, support needs, bookings, payments, ... found from the models, `relations`),
    the kept record's empty details are filled from the merged one, and the merged record stays
    as a tombstone (`merged_into`) so that the merge can be undone. Audited (`MergeEvent`), and
    the officer's decision recorded on the engine's suggestion."""
    if not policies.can_merge_residents(actor):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise MergeRefused("Enter why these records are the same person.")
    locked = _locked(kept, merged)
    kept, merged = locked[kept.pk], locked[merged.pk]
    if refusal := _refusal(kept, merged):
        raise MergeRefused(refusal)
    plan = relations.plan_merge(kept, merged, lock=True)
    fills = _fills(kept, merged)
    emptied = {}
    if "user" in fills:
        # The account is one-to-one: take it off the merged record before the kept one has it.
        emptied["user"] = {"old": _value(merged, "user"), "new": None}
        merged.user = None
        merged.save(update_fields=["user"])
    moved = [row.as_json() for row in plan.move]
    relations.point_rows(moved, at=kept, from_=merged)
    for name, change in fills.items():
        attname, value = _restore(name, change["new"])
        setattr(kept, attname, value)
    kept.save()
    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    people_services.sync_priority(kept)
    people_services.sync_priority(merged)
    pair = pair or _pair_of(kept, merged)
    merge = ResidentMerge.objects.create(
        kept=kept,
        merged=merged,
        pair=pair,
        merged_by=actor,
        reason=reason,
        moved=moved,
        left=[{**row.as_json(), "why": why} for row, why in plan.leave],
        filled=fills,
        emptied=emptied,
    )
    MergeEvent.objects.create(
        merge=merge,
        act=MergeAct.MERGED,
        actor=actor,
        kept_number=kept.pk,
        merged_number=merged.pk,
        rows=len(moved),
        reason=reason,
    )
    if pair is not None and pair.status != PairStatus.MERGED:
        _decide(_locked_pair(pair), actor, PairStatus.MERGED, Outcome.ACCEPTED, reason)
    return merge


def _pair_of(first: Resident, second: Resident) -> CandidatePair | None:
    a, b = sorted((first.pk, second.pk))
    return CandidatePair.objects.filter(resident_a=a, resident_b=b).first()


@transaction.atomic
def undo_merge(*, actor, merge: ResidentMerge, reason: str) -> ResidentMerge:
    """Put back exactly what the merge moved (rows added to the kept record since stay with it),
    and the kept record's details the merge filled in, unless an officer has changed them since.
    Audited; the pair is then "not the same person" (the officer's correction of the engine)."""
    if not policies.can_undo_merge(actor):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise MergeRefused("Enter why this merge is being undone.")
    merge = ResidentMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeRefused("This merge has already been undone.")
    locked = _locked(merge.kept, merge.merged)
    kept, merged = locked[merge.kept_id], locked[merge.merged_id]
    if kept.merged_into_id:
        raise MergeRefused(
            "The kept record has since been merged into another record: undo that merge first."
        )
    if _is_anonymised(kept, merged):
        raise MergeRefused(
            "One of these records has since been anonymised under the retention schedule, so "
            "the merge can no longer be undone."
        )
    moved_back = relations.point_rows(merge.moved, at=merged, from_=kept)
    for name, change in merge.filled.items():
        if _value(kept, name) == change["new"]:
            attname, value = _restore(name, change["old"])
            setattr(kept, attname, value)
    kept.save()
    merged.merged_into = None
    for name, change in merge.emptied.items():
        attname, value = _restore(name, change["old"])
        if name == "user" and Resident.objects.filter(user_id=value).exists():
            continue  # the account now belongs to a record still holding it: it stays there
        setattr(merged, attname, value)
    merged.save()
    people_services.sync_priority(kept)
    people_services.sync_priority(merged)
    merge.undone_at = timezone.now()
    merge.undone_by = actor
    merge.undo_reason = reason
    merge.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    MergeEvent.objects.create(
        merge=merge,
        act=MergeAct.UNDONE,
        actor=actor,
        kept_number=kept.pk,
        merged_number=merged.pk,
        rows=moved_back,
        reason=reason,
    )
    if merge.pair is not None:
        _decide(_locked_pair(merge.pair), actor, PairStatus.NOT_THE_SAME, Outcome.CORRECTED, reason)
    return merge
