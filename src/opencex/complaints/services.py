"""Every write about a complaint: acknowledge, extend, respond at each stage, escalate, and open
a complaint from what a resident said on another case.

These are the only doors to those acts: the generic case actions hand a complaint's
acknowledgement and extension over to them (`complaints.ownership` registers them with
`cases.owners`), and the case page, the complaint page and the tracking page call them. Each
checks the complaint rules (complaints.policies, whose `complaint_acts` is what the pages offer),
then changes the case through the steps of `cases.actions`, so the clock, the lifecycle and the
timeline stay theirs; the stage response and the letters to the resident are this app's. One
transaction each: a refused step leaves nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.cases import policies as case_policies
from opencex.cases.actions.clock import record_acknowledgement, record_extension
from opencex.cases.actions.core import officer_acts, proof_of, refresh_due_date
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.routing import reassign_case
from opencex.cases.actions.status import record_status_change
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind, Channel, EventKind, Status
from opencex.cases.policies import ReferenceGrant
from opencex.cases.timeline import record_event
from opencex.catalogue.models import Service
from opencex.clocks.rules import RULES, DeadlineKind
from opencex.complaints import letters, policies
from opencex.complaints.models import Complaint, Outcome, StageResponse
from opencex.complaints.selectors import about_service_for, ombudsman_for_case, possible_complaint
from opencex.notify.services import notify_resident

_EXTENSION_RULE: dict[int | None, DeadlineKind] = {
    1: DeadlineKind.COMPLAINT_STAGE1_RESPONSE,
    2: DeadlineKind.COMPLAINT_STAGE2_RESPONSE,
}


class ComplaintError(CaseError):
    """A complaint step that cannot be carried out, with a message a person can act on."""


def _locked(case: Case) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("service", "resident")
        .get(pk=case.pk)
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _complaint_for(case: Case) -> Complaint:
    complaint, _ = Complaint.objects.get_or_create(case=case)
    return complaint


def _check_stage_two_handler(actor, case: Case) -> None:
    if case.stage == 2 and policies.is_stage_one_handler(actor, case):
        raise PermissionDenied(
            "You handled this complaint at stage 1, so someone else must handle stage 2."
        )


def _require_offered(actor, case: Case, act: str, message: str) -> None:
    """The last check: what `policies.complaint_acts` does not offer now is refused."""
    if act not in policies.complaint_acts(actor, case):
        raise ComplaintError(message)


@transaction.atomic
def acknowledge_complaint(*, actor, case: Case, on: date | None = None) -> Case:
    """Acknowledge a complaint at its current stage; the response clock starts from `on`."""
    case = _locked(case)
    _check_stage_two_handler(actor, case)
    _require(policies.can_handle_complaint(actor, case), "You cannot acknowledge this complaint.")
    _require_offered(actor, case, "acknowledge", f"Stage {case.stage} was already acknowledged.")
    return record_acknowledgement(actor=actor, case=case, on=on)


@transaction.atomic
def extend_complaint(*, actor, case: Case, reason: str, days: int | None) -> Case:
    """The one extension a stage allows (up to 10 working days at stage 1, 20 at stage 2), with
    the reason; the resident is told the new date and how to contact the ombudsman."""
    case = _locked(case)
    _check_stage_two_handler(actor, case)
    _require(policies.can_handle_complaint(actor, case), "You cannot extend this complaint.")
    if case.acknowledged_on is None:
        raise ComplaintError("Acknowledge the complaint before extending its response deadline.")
    if case.is_extended:
        raise ComplaintError("This deadline has already been extended once.")
    _require_offered(actor, case, "extend", "This stage of the complaint is not open any more.")
    limit = RULES[_EXTENSION_RULE[case.stage]].max_extension_days
    if days is None or not 1 <= days <= limit:
        raise ComplaintError(f"A stage {case.stage} extension is 1 to {limit} working days.")
    case = record_extension(actor=actor, case=case, reason=reason, days=days)
    # Our notice is the one message: it also gives the ombudsman's details.
    notify_resident(
        case=case,
        template=letters.EXTENSION_TEMPLATE,
        extra_context={"reason": reason, "days": days, "ombudsman": ombudsman_for_case(case)},
        actor=actor,
    )
    return case


@transaction.atomic
def record_complaint_response(
    *,
    actor,
    case: Case,
    outcome: str,
    complaint_as_understood: str,
    decision_and_reasons: str,
    apology: bool = False,
    remedy_action: str = "",
    remedy_amount: Decimal | None = None,
    still_to_do: str = "",
    lesson_learned: str = "",
    lesson_service: Service | None = None,
    about_service: Service | None = None,
) -> StageResponse:
    """Send the stage response and mark the complaint responded.

    The letter states the stage, the complaint as understood, the decision and reasons, any
    remedy and what is still to be done; at stage 1 it says how to ask for stage 2, at stage 2
    (the final response) which ombudsman to go to and how. A lesson learned is tagged to a
    service and its service area."""
    case = _locked(case)
    _check_stage_two_handler(actor, case)
    _require(policies.can_handle_complaint(actor, case), "You cannot respond to this complaint.")
    if "respond" not in policies.complaint_acts(actor, case):
        raise ComplaintError(
            "Acknowledge the complaint before responding."
            if case.status == Status.RECEIVED
            else "This stage of the complaint is not open for a response."
        )
    stage = case.stage
    if stage is None:  # only a complaint has a stage (database constraint complaint_has_a_stage)
        raise ComplaintError("Only a complaint has a stage response.")
    letter = letters.ResponseLetter(
        stage=stage,
        outcome=_checked_outcome(outcome),
        complaint_as_understood=_required(complaint_as_understood, "the complaint as understood"),
        decision_and_reasons=_required(decision_and_reasons, "the decision and the reasons"),
        apology=apology,
        remedy_action=remedy_action.strip(),
        remedy_amount=_checked_amount(remedy_amount),
        still_to_do=still_to_do.strip(),
    )
    lesson_learned = lesson_learned.strip()
    lesson_service_area = None
    if lesson_learned:
        if lesson_service is None:
            raise ComplaintError("Choose the service the lesson learned is about.")
        if lesson_service.service_area is None:
            raise ComplaintError("The service chosen for the lesson has no service area.")
        lesson_service_area = lesson_service.service_area
    complaint = _complaint_for(case)
    if complaint.responses.filter(stage=stage).exists():
        raise ComplaintError(f"Stage {stage} has already been responded to.")
    if about_service is not None:
        complaint.about_service = about_service
        complaint.save(update_fields=["about_service"])
    about_service = about_service or about_service_for(case)
    ombudsman = ombudsman_for_case(case, about_service)
    if case.stage == 1 and case.assigned_to_id is None:
        # Whoever answers stage 1 is its handler, so that stage 2 goes to someone else.
        case = reassign_case(actor=actor, case=case, officer=actor, reason="Responded at stage 1")
    response = StageResponse.objects.create(
        complaint=complaint,
        stage=stage,
        outcome=letter.outcome,
        complaint_as_understood=letter.complaint_as_understood,
        decision_and_reasons=letter.decision_and_reasons,
        apology=letter.apology,
        remedy_action=letter.remedy_action,
        remedy_amount=letter.remedy_amount,
        still_to_do=letter.still_to_do,
        lesson_learned=lesson_learned,
        lesson_service=lesson_service if lesson_learned else None,
        lesson_service_area=lesson_service_area,
        ombudsman=ombudsman.slug,
        letter=letters.render_response(case, letter, ombudsman=ombudsman, officer=actor),
        due_on=case.due_on,
        responded_on=timezone.localdate(),
        responded_by=actor,
    )
    record_status_change(
        actor=actor,
        case=case,
        to=Status.RESPONDED,
        reason=f"Stage {case.stage} response: {Outcome(letter.outcome).label.lower()}.",
        notify=False,  # the response letter below is the message
    )
    record_event(
        case,
        EventKind.MESSAGE_OUT,
        actor,
        f"Stage {case.stage} response sent",
        body=response.letter,
        visible=True,
        data={"stage": case.stage, "outcome": letter.outcome, "ombudsman": ombudsman.slug},
    )
    notify_resident(
        case=case,
        template=letters.RESPONSE_TEMPLATE,
        extra_context=letters.response_context(letter, ombudsman=ombudsman, officer=actor),
        actor=actor,
    )
    return response


def _checked_outcome(outcome: str) -> str:
    if outcome not in Outcome.values:
        raise ComplaintError("Choose whether the complaint is upheld, partly upheld or not upheld.")
    return outcome


def _required(text: str, what: str) -> str:
    if not text.strip():
        raise ComplaintError(f"Write {what}.")
    return text.strip()


def _checked_amount(amount: Decimal | None) -> Decimal | None:
    if amount is not None and amount < 0:
        raise ComplaintError("A payment cannot be less than £0.")
    return amount or None


@transaction.atomic
def escalate_to_stage_two(
    *,
    actor,
    case: Case,
    reason: str,
    grant: ReferenceGrant | None = None,
    on: date | None = None,
) -> Case:
    """Take a stage 1 complaint to stage 2: the one door for it, from the case page, the complaint
    page and the resident's tracking page. The resident may ask (signed in, or holding a
    reference grant) once we have responded or the response is overdue; an officer handling it
    may give the day the resident asked (`on`, a letter that came earlier). The stage 2 clock
    starts that day, and someone other than the stage 1 officer must handle it."""
    case = _locked(case)
    if case.kind != CaseKind.COMPLAINT or case.stage != 1:
        raise ComplaintError("Only a stage 1 complaint can be escalated.")
    _require(policies.can_escalate(actor, case, grant), "You cannot escalate this complaint.")
    if case.status == Status.WITHDRAWN:
        raise ComplaintError("A withdrawn complaint cannot be escalated.")
    is_resident = case_policies.can_act_as_resident_on(actor, case, grant)
    if is_resident and not policies.may_escalate_now(case, timezone.localdate()):
        raise ComplaintError(
            "You can ask for stage 2 once we have sent our stage 1 response, or if it is late."
        )
    if is_resident and on is not None:
        raise ComplaintError("Stage 2 starts on the day you ask for it.")
    if not is_resident:
        _require_offered(actor, case, "escalate", "This complaint cannot be escalated now.")
    if not reason.strip():
        raise ComplaintError("Say why you are unhappy with the stage 1 response.")
    on = on or timezone.localdate()
    case.begin_stage_two(on)
    if not is_resident:
        officer_acts(case)
    refresh_due_date(case)
    case.save()
    record_event(
        case,
        EventKind.ESCALATED,
        actor,
        "Escalated to stage 2",
        body=reason,
        visible=True,
        data={"on": on, "due_on": case.due_on, **proof_of(actor, grant)},
    )
    notify_resident(case=case, template=letters.ESCALATION_TEMPLATE, actor=actor)
    return case


def _complaints_service() -> Service | None:
    """The council's own "make a complaint" service, which routes complaints to its team."""
    return Service.objects.filter(case_kind=CaseKind.COMPLAINT).order_by("pk").first()


def _open_complaint(
    *, actor, case: Case, description: str, received_at: datetime, channel: str, answers=None
) -> Case:
    complaint_case, created = open_case(
        actor=actor,
        kind=CaseKind.COMPLAINT,
        channel=channel,
        subject=f"Complaint about {case.reference}: {case.subject}"[:200],
        description=description,
        contact_name=case.contact_name,
        contact_email=case.contact_email or (case.resident.email if case.resident else ""),
        contact_phone=case.contact_phone,
        resident=case.resident,
        property=case.property,
        service=_complaints_service(),
        answers={"reference": case.reference, **(answers or {})},
        received_at=received_at,
        submission_key=f"complaint-from-{case.reference}",
    )
    if not created:
        return complaint_case
    Complaint.objects.create(case=complaint_case, raised_from=case, about_service=case.service)
    record_event(
        case,
        EventKind.LINKED,
        actor,
        f"Complaint {complaint_case.reference} opened from this case",
        data={"other": complaint_case.reference, "kind": "complaint"},
    )
    record_event(
        complaint_case,
        EventKind.LINKED,
        actor,
        f"Opened from {case.reference}",
        data={"other": case.reference, "kind": "raised_from"},
    )
    return complaint_case


def _already_raised(case: Case) -> None:
    earlier = Complaint.objects.filter(raised_from=case).select_related("case").first()
    if earlier is not None:
        raise ComplaintError(
            f"A complaint about this was already opened: {earlier.case.reference}."
        )


@transaction.atomic
def treat_as_complaint(*, actor, case: Case) -> Case:
    """An officer opens a stage 1 complaint from an unhappy resident's request or enquiry. It is
    received when the resident said it, so its acknowledgement clock counts from then."""
    case = _locked(case)
    _require(policies.can_treat_as_complaint(actor, case), "You cannot open a complaint from this.")
    _already_raised(case)
    found = possible_complaint(case)
    said, at = (found.words, found.at) if found else (case.description, case.received_at)
    channel = Channel.EMAIL if case.channel == Channel.PARTNER_API else case.channel
    return _open_complaint(
        actor=actor, case=case, description=said, received_at=at, channel=channel
    )


@transaction.atomic
def complain_about_request(
    *,
    actor,
    case: Case,
    what_happened: str,
    put_right: str,
    grant: ReferenceGrant | None = None,
) -> Case:
    """The resident makes a stage 1 complaint from their request's page, in their own words."""
    case = _locked(case)
    _require(policies.can_complain_about(actor, case, grant), "You cannot complain about this.")
    _already_raised(case)
    what_happened = _required(what_happened, "what happened")
    put_right = _required(put_right, "what you would like us to do")
    return _open_complaint(
        actor=actor,
        case=case,
        description=f"{what_happened}\n\nWhat I would like: {put_right}",
        received_at=timezone.now(),
        channel=Channel.WEB,
        answers={"what_happened": what_happened, "put_right": put_right},
    )
