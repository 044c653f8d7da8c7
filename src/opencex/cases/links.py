"""Links between cases: related cases, and a case closed as a duplicate of another.

The writes follow the rule of cases.actions (policy, row lock, change, timeline events on both
cases, message to the resident, one transaction). The other case is looked up among the cases
the officer may see, so a reference they may not see is "not found", exactly like one that does
not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from opencex.cases import policies
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseLink, EventKind, LinkKind, Status
from opencex.cases.references import normalise_reference
from opencex.cases.timeline import record_event
from opencex.cases.workflow import check_closing_as_duplicate
from opencex.notify import conf as notify_conf
from opencex.notify.letters import promise_for
from opencex.notify.services import notify_resident


def _locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("service", "resident")
        .get(pk=case.pk)
    )


def _locked_pair(case: Case, other: Case) -> tuple[Case, Case]:
    rows = {
        row.pk: row
        for row in Case.objects.select_for_update(of=("self",))
        .select_related("service", "resident")
        .filter(pk__in=[case.pk, other.pk])
        .order_by("pk")
    }
    return rows[case.pk], rows[other.pk]


def _other_case(actor, case: Case, reference: str) -> Case:
    reference = normalise_reference(reference)
    if not reference:
        raise CaseError("Enter the reference of the other case.")
    if reference == case.reference:
        raise CaseError("A case cannot be linked to itself. Enter the reference of another case.")
    other = policies.visible_cases(actor).filter(reference=reference).first()
    if other is None:
        raise CaseError(f"No case with the reference {reference} was found. Check the reference.")
    return other


def _link_between(case: Case, other: Case) -> CaseLink | None:
    return CaseLink.objects.filter(
        Q(case=case, other_case=other) | Q(case=other, other_case=case)
    ).first()


def _save_link(link: CaseLink) -> CaseLink:
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        # Someone linked the same pair a moment ago.
        raise CaseError("These cases were linked a moment ago. Reload the page.") from None
    return link


@transaction.atomic
def link_cases(*, actor, case: Case, other_reference: str, reason: str = "") -> CaseLink:
    """Link `case` to another case as related (the same problem, the same place, the same
    resident). Staff see the link on both cases; residents are not told."""
    case = _locked(case)
    if not policies.can_link_cases(actor, case):
        raise PermissionDenied("You cannot link this case.")
    other = _other_case(actor, case, other_reference)
    if _link_between(case, other) is not None:
        raise CaseError(f"This case is already linked to {other.reference}.")
    link = _save_link(
        CaseLink(
            case=case, other_case=other, kind=LinkKind.RELATED, reason=reason, created_by=actor
        )
    )
    for this, that in ((case, other), (other, case)):
        record_event(
            this,
            EventKind.LINKED,
            actor,
            f"Linked to {that.reference} as a related case",
            body=reason,
            data={"other": that.reference, "kind": LinkKind.RELATED},
        )
    return link


def is_same_person(case: Case, other: Case) -> bool:
    """Whether two cases came from the same resident (by record, or by the email they gave)."""
    if case.resident_id is not None and case.resident_id == other.resident_id:
        return True
    email = case.contact_email.strip().lower()
    return bool(email) and email == other.contact_email.strip().lower()


@transaction.atomic
def mark_duplicate(*, actor, case: Case, original_reference: str, reason: str) -> Case:
    """Close `case` as a duplicate of the case with `original_reference`, whose work carries on.

    Both timelines record it and the resident is told. They are given the original's reference
    only if it is their own request: another resident's reference is not theirs to know."""
    if not policies.can_link_cases(actor, case):
        raise PermissionDenied("You cannot close this case as a duplicate.")
    if not reason.strip():
        raise CaseError("Say why this case is a duplicate.")
    # Both rows are locked, in pk order, before anything is checked: while A is marked a
    # duplicate of M, M cannot be closed as a duplicate of N (A would follow a closed case).
    case, original = _locked_pair(case, _other_case(actor, case, original_reference))
    if not policies.can_link_cases(actor, case):
        raise PermissionDenied("You cannot close this case as a duplicate.")
    check_closing_as_duplicate(kind=case.kind, current=case.status)
    _check_can_be_original(case, original)

    link = _link_between(case, original) or CaseLink(case=case, other_case=original)
    link.case, link.other_case = case, original  # a related link becomes a duplicate link
    link.kind, link.reason, link.created_by = LinkKind.DUPLICATE_OF, reason, actor
    _save_link(link)
    _hand_followers_over(actor, case, original)

    previous = case.status
    today = timezone.localdate()
    for pause in case.pauses.open():
        pause.ended_on = max(today, pause.started_on)
        pause.save(update_fields=["ended_on"])
    case.status = Status.CLOSED
    case.outcome = f"Duplicate of {original.reference}"
    case.closed_at = timezone.now()
    case.new_reply_at = None
    case.save()

    same_person = is_same_person(case, original)
    record_event(
        case,
        EventKind.MARKED_DUPLICATE,
        actor,
        f"Marked as a duplicate of {original.reference}",
        body=reason,
        data={"original": original.reference},
    )
    record_event(
        case,
        EventKind.STATUS_CHANGED,
        actor,
        "Closed as a duplicate",
        body=(
            f"We are dealing with this under your other request, {original.reference}."
            if same_person
            else "Someone has already told us about this. We are dealing with it under their "
            "report, so we have closed this one."
        ),
        visible=True,
        data={"from": previous, "to": Status.CLOSED, "duplicate_of": original.reference},
    )
    record_event(
        original,
        EventKind.LINKED,
        actor,
        f"{case.reference} closed as a duplicate of this case",
        body=reason,
        data={"other": case.reference, "kind": LinkKind.DUPLICATE_OF},
    )
    notify_resident(
        case=case,
        template="case_marked_duplicate",
        extra_context={
            "original": original if same_person else None,
            "original_track_url": (
                notify_conf.case_tracking_url(original.reference) if same_person else ""
            ),
        },
        actor=actor,
    )
    return case


def _hand_followers_over(actor, case: Case, original: Case) -> None:
    """The reports already closed as duplicates of `case` now follow `original`, so that every
    reporter of a cluster keeps hearing about the one job that carries on."""
    for link in CaseLink.objects.filter(other_case=case, kind=LinkKind.DUPLICATE_OF).exclude(
        case=original
    ):
        CaseLink.objects.filter(
            Q(case=link.case_id, other_case=original) | Q(case=original, other_case=link.case_id)
        ).delete()  # a related link between them gives way to the duplicate link
        link.other_case = original
        link.save(update_fields=["other_case"])
        record_event(
            original,
            EventKind.LINKED,
            actor,
            f"{link.case.reference} now follows this case (it duplicated {case.reference})",
            data={"other": link.case.reference, "kind": LinkKind.DUPLICATE_OF},
        )


def original_of(case: Case) -> Case | None:
    """The case `case` was closed as a duplicate of, if it was."""
    link = (
        CaseLink.objects.filter(case=case, kind=LinkKind.DUPLICATE_OF)
        .select_related("other_case")
        .first()
    )
    return link.other_case if link else None


def followers_of(case: Case) -> list[Case]:
    """The reports closed as duplicates of `case`: their reporters follow it."""
    return list(
        Case.objects.filter(
            links_from__other_case=case, links_from__kind=LinkKind.DUPLICATE_OF
        ).select_related("resident", "service")
    )


def check_can_be_withdrawn(case: Case, *, by_resident: bool = False) -> None:
    """Refuse to withdraw a main job that reports are merged into: withdrawn, its followers
    would never hear of the problem again and it would never be fixed. Asked by the one step
    every status change takes (cases.actions.status.record_status_change). A resident is told
    in their language, without the other reports' number."""
    count = CaseLink.objects.filter(other_case=case, kind=LinkKind.DUPLICATE_OF).count()
    if count and by_resident:
        raise CaseError(
            gettext(
                "Other people have reported the same problem, so we are dealing with it as one "
                "job and it cannot be withdrawn. If the problem has gone, reply to us and we "
                "will close it."
            )
        )
    if count:
        reports = "1 report is" if count == 1 else f"{count} reports are"
        raise CaseError(
            f"This case cannot be withdrawn: {reports} merged into it and follow its work. "
            "Close it with an outcome instead, so that every reporter is told."
        )


# The statuses of a main job its followers hear about (closing and a new date always).
FOLLOWED_STATUSES = frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.RESOLVED})


def tell_followers(*, case: Case, actor, change: str) -> int:
    """Tell every reporter of a report merged into `case` that the job changed (`change`:
    "status", "closed" or "expected_date"), once each, in their own language, about their own
    report: never the main job's reference or anyone else's details. A follower who is the main
    job's own reporter is told by the main job's message already. Returns how many were told.
    Called by the actions that tell the main job's resident, in their transaction."""
    if change == "status" and case.status not in FOLLOWED_STATUSES:
        return 0  # a wait for the main job's resident, or a reply to them, is not the job's news
    told: set[str] = {case.client_email.strip().lower()} - {""}
    promise, _stopped_since = promise_for(case)  # the date the tracking page names too
    job_due = promise.on if promise is not None else None
    count = 0
    for follower in followers_of(case):
        if is_same_person(follower, case):
            continue
        address = follower.client_email.strip().lower()
        if address and address in told:
            continue
        notification = notify_resident(
            case=follower,
            template="case_job_changed",
            extra_context={"job": case, "change": change, "job_due": job_due},
            actor=actor,
        )
        if notification is not None:
            told.add(address or notification.recipient)
            count += 1
    return count


def _check_can_be_original(case: Case, original: Case) -> None:
    if CaseLink.objects.filter(case=case, kind=LinkKind.DUPLICATE_OF).exists():
        raise CaseError("This case is already marked as a duplicate.")
    existing = _link_between(case, original)
    if existing is not None and existing.kind == LinkKind.DUPLICATE_OF:
        raise CaseError(
            f"{original.reference} is a duplicate of this case, so it cannot be its original."
        )
    its_original = (
        CaseLink.objects.filter(case=original, kind=LinkKind.DUPLICATE_OF)
        .select_related("other_case")
        .first()
    )
    if its_original is not None:
        raise CaseError(
            f"{original.reference} is itself a duplicate of {its_original.other_case.reference}. "
            f"Mark this case as a duplicate of {its_original.other_case.reference} instead."
        )


@dataclass(frozen=True)
class LinkedCase:
    """A case linked to the one on the page, and how: "related", "original" (the page's case
    duplicates it) or "duplicate" (it duplicates the page's case)."""

    case: Case
    relation: str
    reason: str


def linked_cases(actor, case: Case) -> tuple[list[LinkedCase], int]:
    """The cases linked to `case` that `actor` may see, and how many more they may not see.

    Which of them the actor may see is asked of those few cases by id: asked through the links
    (an OR across two joins), PostgreSQL read every case the actor may see to find them."""
    links = list(
        CaseLink.objects.filter(Q(case=case) | Q(other_case=case)).select_related(
            "case", "other_case"
        )
    )
    others = {link.other_case_id if link.case_id == case.pk else link.case_id for link in links}
    visible_ids = (
        set(policies.visible_cases(actor).filter(pk__in=others).values_list("pk", flat=True))
        if others
        else set()
    )
    shown: list[LinkedCase] = []
    for link in links:
        if link.case_id == case.pk:
            other = link.other_case
            relation = "original" if link.kind == LinkKind.DUPLICATE_OF else "related"
        else:
            other = link.case
            relation = "duplicate" if link.kind == LinkKind.DUPLICATE_OF else "related"
        if other.pk in visible_ids:
            shown.append(LinkedCase(case=other, relation=relation, reason=link.reason))
    return shown, len(links) - len(shown)
