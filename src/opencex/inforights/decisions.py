"""Decisions on information requests: the response with the exemptions or exceptions it relies
on (and the public interest reasoning of qualified ones), internal reviews, and complaints to the
ICO. Each checks `inforights.policies` and changes the case through `cases.actions` in one
transaction with its register entry, its timeline event and the message to the requester.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import record_status_change
from opencex.cases.models import Case, CaseKind, Channel, EventKind, Status
from opencex.cases.timeline import record_event
from opencex.inforights.legislation import citable_for, exemption
from opencex.inforights.models import (
    AppliedExemption,
    Decision,
    IcoComplaint,
    IcoOutcome,
    InformationRequest,
)
from opencex.inforights.services import (
    LAW_OF_KIND,
    RequestError,
    entry_for,
    require_may_act,
    require_offered,
)
from opencex.notify.services import notify_resident

K = CaseKind
# A decision that withholds something must say under which exemption or exception.
WITHHOLDING = frozenset(
    {Decision.PART_RELEASED, Decision.REFUSED, Decision.NEITHER_CONFIRM_NOR_DENY}
)


def decision_problems(
    *, case: Case, decision: str, exemptions: Sequence[str], reasons: str, public_interest
) -> dict[str, str]:
    """What is wrong with a decision, by form field; empty when it may be recorded."""
    problems: dict[str, str] = {}
    if decision not in Decision.values:
        problems["decision"] = "Select the decision"
    if not reasons.strip():
        problems["reasons"] = "Write the response to the requester"
    law = LAW_OF_KIND.get(K(case.kind))
    citable = {item.code for item in citable_for(law)}
    unknown = [code for code in exemptions if code not in citable]
    if unknown:
        problems["exemptions"] = (
            "Choose exemptions from the list for this kind of request"
            if law
            else "A subject access request cites its Data Protection Act exemptions in the reasons"
        )
        return problems
    if decision == Decision.RELEASED and exemptions:
        problems["exemptions"] = "Information released in full relies on no exemption: choose "
        problems["exemptions"] += "part release, or untick the exemptions"
    elif decision in WITHHOLDING and law is not None and not exemptions:
        problems["exemptions"] = "Select the exemption or exception the decision relies on"
    for code in exemptions:
        if exemption(code).needs_public_interest and not public_interest.get(code, "").strip():
            problems[f"public_interest:{code}"] = (
                f"Give the public interest reasoning for {exemption(code).provision}: it is a "
                "qualified exemption"
            )
    return problems


def decision_text(entry: InformationRequest) -> str:
    """The decision as the requester reads it, with each exemption cited and weighed."""
    lines = [entry.reasons.strip()]
    applied = list(entry.exemptions.all())
    if applied:
        lines += ["", "We relied on:"]
        for item in applied:
            cited = exemption(item.code)
            lines.append(f"- {cited.label}")
            if item.public_interest.strip():
                lines.append(f"  Public interest: {item.public_interest.strip()}")
    return "\n".join(lines)


@transaction.atomic
def record_decision(
    *,
    actor,
    case: Case,
    decision: str,
    exemptions: Sequence[str] = (),
    reasons: str,
    public_interest: Mapping[str, str] | None = None,
) -> InformationRequest:
    """Decide the request, send the response (with the right to ask for an internal review, then
    to complain to the ICO) and mark the case responded."""
    require_may_act(actor, case)
    public_interest = public_interest or {}
    exemptions = list(dict.fromkeys(exemptions))
    problems = decision_problems(
        case=case,
        decision=decision,
        exemptions=exemptions,
        reasons=reasons,
        public_interest=public_interest,
    )
    if problems:
        raise RequestError(problems)
    entry = entry_for(case)
    if entry.decision:
        raise RequestError("This request has been decided already.")
    if case.pauses.open().exists():
        raise RequestError(
            "The request is waiting for the requester: decide it once the clock runs again."
        )
    require_offered(actor, case, "decision", "Only an open request can be decided.")
    decision = Decision(decision)
    case = record_status_change(
        actor=actor,
        case=case,
        to=Status.RESPONDED,
        reason=f"Decision: {decision.label}",
        notify=False,  # the decision itself, sent below, is the one email
    )
    entry.decision, entry.decided_on = decision, timezone.localdate()
    entry.decided_by, entry.reasons = account_or_none(actor), reasons.strip()
    entry.save()
    AppliedExemption.objects.bulk_create(
        AppliedExemption(
            request=entry,
            code=code,
            public_interest=public_interest.get(code, "").strip()
            if exemption(code).needs_public_interest
            else "",
        )
        for code in exemptions
    )
    text = decision_text(entry)
    record_event(
        case,
        EventKind.MESSAGE_OUT,
        actor,
        f"Decision sent: {decision.label.lower()}",
        body=text,
        visible=True,
        data={"decision": decision, "exemptions": exemptions},
    )
    notify_resident(
        case=case,
        template="information_request_decision",
        extra_context={"decision": decision.label, "response": text},
        actor=actor,
    )
    return entry


# --- Internal review and the ICO -----------------------------------------------------------------


@transaction.atomic
def request_internal_review(
    *, actor, case: Case, reason: str, channel: str = Channel.EMAIL, received_at=None
) -> Case:
    """The requester asked for the decision to be looked at again: a review case, due in 20
    working days from receipt (s45 Code of Practice)."""
    require_may_act(actor, case)
    if case.kind != K.FOI:
        raise RequestError("An internal review is of an FOI request's decision.")
    entry = InformationRequest.objects.filter(case=case).first()
    if entry is None or not entry.decision:
        raise RequestError("Record the decision before reviewing it.")
    if case.children.filter(kind=K.FOI_INTERNAL_REVIEW).exists():
        raise RequestError("This request already has an internal review.")
    if not reason.strip():
        raise RequestError({"reason": "Say why the requester is unhappy with the decision"})
    review, _ = open_case(
        actor=actor,
        kind=K.FOI_INTERNAL_REVIEW,
        channel=channel,
        subject=f"Internal review of {case.reference}: {case.subject}"[:200],
        description=reason.strip(),
        contact_name=case.contact_name,
        contact_email=case.contact_email,
        contact_phone=case.contact_phone,
        resident=case.resident,
        received_at=received_at,
        parent=case,
    )
    InformationRequest.objects.create(case=review)
    return review


@transaction.atomic
def record_ico_complaint(
    *,
    actor,
    case: Case,
    ico_reference: str,
    received_on: date,
    outcome: str = IcoOutcome.PENDING,
) -> IcoComplaint:
    """Record a complaint the ICO told the council about, or its outcome when it is decided."""
    require_may_act(actor, case)
    ico_reference = " ".join(ico_reference.split()).upper()
    if not ico_reference:
        raise RequestError({"ico_reference": "Enter the ICO's case reference"})
    if outcome not in IcoOutcome.values:
        raise RequestError({"outcome": "Select the ICO's outcome"})
    if received_on < case.received_on or received_on > timezone.localdate():
        raise RequestError(
            {"received_on": "The date must be between the request's receipt and today"}
        )
    complaint = IcoComplaint.objects.select_for_update().filter(ico_reference=ico_reference).first()
    if complaint is not None and complaint.case_id != case.pk:
        raise RequestError({"ico_reference": "That ICO reference is recorded on another request"})
    if complaint is None:
        complaint = IcoComplaint(case=case, ico_reference=ico_reference, recorded_by=actor)
    complaint.received_on, complaint.outcome = received_on, outcome
    complaint.save()
    record_event(
        case,
        EventKind.NOTE,
        actor,
        f"ICO complaint {ico_reference}: {IcoOutcome(outcome).label.lower()}",
        data={"ico_reference": ico_reference, "outcome": outcome, "received_on": received_on},
    )
    return complaint
