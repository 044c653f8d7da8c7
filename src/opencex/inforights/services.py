"""Writes to the information-rights register that move a request's clock: fees notices, proof of
identity and extensions; and flags (duplicate, repeat, vexatious). Decisions, internal reviews
and ICO complaints are in `inforights.decisions`.

These are the only doors to those acts: the generic case actions hand an FOI/EIR/SAR extension
over to `extend_request` and refuse to pause or resume for a fee or proof of identity
(`inforights.ownership` registers them with `cases.owners`). Each takes the `actor`, checks
`inforights.policies` (whose `register_acts` is what the pages offer), and moves the case's clock
and status through the steps of `cases.actions` (so the clock rules of RULES.md apply in one
place), in one transaction with its register entry, its timeline event and the message to the
requester.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases.actions.clock import record_extension, record_pause, record_resumption
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind, EventKind, PauseReason
from opencex.cases.timeline import record_event
from opencex.clocks.wording import long_date
from opencex.inforights import policies
from opencex.inforights.lapsing import ONE_DAY, fee_lapses_on
from opencex.inforights.legislation import Law
from opencex.inforights.models import InformationRequest
from opencex.inforights.selectors import is_same_requester
from opencex.notify.services import notify_resident

K = CaseKind
LAW_OF_KIND = {K.FOI: Law.FOIA, K.FOI_INTERNAL_REVIEW: Law.FOIA, K.EIR: Law.EIR}
FEE_KINDS = policies.FEE_KINDS


class RequestError(CaseError):
    """A register change that cannot be made, with each problem by the form field it is about
    ("" for the whole form)."""

    def __init__(self, errors: Mapping[str, str] | str) -> None:
        self.errors = dict(errors) if isinstance(errors, Mapping) else {"": errors}
        super().__init__(" ".join(self.errors.values()))


def require_may_act(actor, case: Case) -> None:
    if not policies.can_act_on_request(actor, case):
        raise PermissionDenied("You cannot act on this information request.")


def require_offered(actor, case: Case, act: str, message: str) -> None:
    """The last check: what `policies.register_acts` does not offer now is refused."""
    if act not in policies.register_acts(actor, case):
        raise RequestError(message)


def entry_for(case: Case) -> InformationRequest:
    """The case's register entry, made on first use and locked for the caller's transaction."""
    entry, _ = InformationRequest.objects.select_for_update().get_or_create(case=case)
    return entry


def _open_pause(case: Case, reason: str):
    return case.pauses.open().filter(reason=reason).first()


# --- Fees notices (FOIA s9, s10(2); EIR reg 8) ---------------------------------------------------


@transaction.atomic
def issue_fees_notice(*, actor, case: Case, amount: Decimal, on: date | None = None) -> Case:
    """Give the requester a fees notice: the clock stops from `on` until the fee arrives."""
    require_may_act(actor, case)
    if case.kind not in FEE_KINDS:
        raise RequestError(f"A {K(case.kind).label.lower()} has no fee.")
    if amount is None or amount <= 0:
        raise RequestError({"amount": "Enter the fee, in pounds, more than £0"})
    require_offered(actor, case, "fees-notice", "The clock is already stopped.")
    on = on or timezone.localdate()
    # The fees notice below is the one email: it says what to pay and by when.
    case = record_pause(
        actor=actor,
        case=case,
        reason=PauseReason.FEES_NOTICE,
        on=on,
        note=f"Fee £{amount:.2f}",
        notify=False,
    )
    entry = entry_for(case)
    entry.fee_amount, entry.fees_notice_on, entry.fee_paid_on = amount, on, None
    entry.save()
    notify_resident(
        case=case,
        template="information_request_fees_notice",
        extra_context={"amount": f"{amount:.2f}", "pay_by": fee_lapses_on(on) - ONE_DAY},
        actor=actor,
    )
    return case


@transaction.atomic
def record_fee_paid(*, actor, case: Case, on: date | None = None) -> Case:
    """The fee arrived on `on`: the clock runs again, the days of the notice not counted."""
    require_may_act(actor, case)
    if _open_pause(case, PauseReason.FEES_NOTICE) is None:
        raise RequestError("There is no fees notice waiting to be paid.")
    on = on or timezone.localdate()
    case = record_resumption(actor=actor, case=case, on=on)
    entry = entry_for(case)
    entry.fee_paid_on = on
    entry.save()
    return case


# --- Proof of identity for subject access (UK GDPR Art 12(6), Art 12A) --------------------------


@transaction.atomic
def ask_for_identity(*, actor, case: Case, on: date | None = None, note: str = "") -> Case:
    """Wait for proof of identity: the month does not start until it arrives."""
    require_may_act(actor, case)
    if case.kind != K.SAR:
        raise RequestError("Only a subject access request waits for proof of identity.")
    require_offered(actor, case, "identity-needed", "The clock is already stopped.")
    return record_pause(
        actor=actor, case=case, reason=PauseReason.IDENTITY, on=on, note=note.strip()
    )


@transaction.atomic
def record_identity_verified(*, actor, case: Case, evidence: str, on: date | None = None) -> Case:
    """Proof of identity arrived on `on`: the month starts again from that day."""
    require_may_act(actor, case)
    if _open_pause(case, PauseReason.IDENTITY) is None:
        raise RequestError("This request is not waiting for proof of identity.")
    if not evidence.strip():
        raise RequestError({"evidence": "Say how the requester proved who they are"})
    on = on or timezone.localdate()
    case = record_resumption(actor=actor, case=case, on=on)
    entry = entry_for(case)
    entry.identity_verified_on, entry.identity_evidence = on, evidence.strip()
    entry.save()
    return case


# --- Extensions ----------------------------------------------------------------------------------

_EXTENSION_NOTICE: dict[str, str] = {
    K.FOI: "the first 20 working days",
    K.EIR: "the first 20 working days",
    K.FOI_INTERNAL_REVIEW: "the first 20 working days",
    K.SAR: "the first month",
}


def extend_request(
    *, actor, case: Case, reason: str, days: int | None = None, on: date | None = None
) -> Case:
    """The extension the request's law allows: an FOI request's for the public interest test, the
    others' as complex. The one door for it: the case page's "extend" is handed here."""
    if days is not None:
        raise RequestError("An information request is extended to its legal limit, not by days.")
    if case.kind == K.FOI:
        return extend_for_public_interest(actor=actor, case=case, reason=reason, on=on)
    return extend_as_complex(actor=actor, case=case, reason=reason, on=on)


def extend_for_public_interest(*, actor, case: Case, reason: str, on: date | None = None) -> Case:
    """FOIA s10(3): more time to weigh the public interest, to the 40th working day at most."""
    if case.kind != K.FOI:
        raise RequestError("Only an FOI request is extended for the public interest test.")
    return _extend(actor=actor, case=case, reason=reason, on=on)


def extend_as_complex(*, actor, case: Case, reason: str, on: date | None = None) -> Case:
    """EIR reg 7 (complex and voluminous, to 40 working days), UK GDPR Art 12(3) (complex or
    numerous, to three months), or an internal review in an exceptional case (40 working days)."""
    if case.kind not in {K.EIR, K.SAR, K.FOI_INTERNAL_REVIEW}:
        raise RequestError("Extend an FOI request for the public interest test instead.")
    return _extend(actor=actor, case=case, reason=reason, on=on)


@transaction.atomic
def _extend(*, actor, case: Case, reason: str, on: date | None) -> Case:
    """The requester must be told within the first period: the day they are told, `on`, is
    checked against the deadline before the extension."""
    require_may_act(actor, case)
    if not reason.strip():
        raise RequestError(
            {"reason": "Give the reason for the extension: the requester is told it"}
        )
    on = on or timezone.localdate()
    case = Case.objects.select_for_update(of=("self",)).get(pk=case.pk)
    if case.is_extended:
        raise RequestError("This deadline has already been extended once.")
    require_offered(actor, case, "extend", "A request that is finished cannot be extended.")
    first_period_ends = case_deadline(case).due
    if on < case.received_on:
        raise RequestError("The requester cannot be told before the request arrived.")
    if first_period_ends is not None and on > first_period_ends and not case.is_extended:
        raise RequestError(
            "Too late to extend: the requester had to be told within "
            f"{_EXTENSION_NOTICE[case.kind]}, by {long_date(first_period_ends)}."
        )
    case = record_extension(actor=actor, case=case, reason=reason.strip())
    entry = entry_for(case)
    entry.extended_on, entry.extension_reason = on, reason.strip()
    entry.save()
    notify_resident(
        case=case,
        template="information_request_extended",
        extra_context={"reason": reason.strip(), "told_within": _EXTENSION_NOTICE[case.kind]},
        actor=actor,
    )
    return case


# --- Flags ---------------------------------------------------------------------------------------


class Flag:
    DUPLICATE = "duplicate"
    REPEAT = "repeat"
    VEXATIOUS = "vexatious"
    CHOICES = (
        (DUPLICATE, "Duplicate of another request still open"),
        (REPEAT, "Repeated request (FOIA s14(2))"),
        (VEXATIOUS, "Vexatious (FOIA s14(1)) or manifestly unreasonable (EIR 12(4)(b))"),
    )


@transaction.atomic
def flag_request(
    *, actor, case: Case, flag: str, reason: str, other_case: Case | None = None
) -> InformationRequest:
    """Mark a request as a duplicate, a repeat or vexatious, with the reason."""
    require_may_act(actor, case)
    if flag not in {Flag.DUPLICATE, Flag.REPEAT, Flag.VEXATIOUS}:
        raise RequestError({"flag": "Select what the request is"})
    if not reason.strip():
        raise RequestError({"reason": "Give the reason: it may have to be explained to the ICO"})
    if flag != Flag.VEXATIOUS:
        if other_case is None or other_case.pk == case.pk:
            raise RequestError({"other_reference": "Enter the reference of the earlier request"})
        if flag == Flag.REPEAT and not is_same_requester(case, other_case):
            raise RequestError(
                {"other_reference": "A repeated request comes from the same requester"}
            )
    entry = entry_for(case)
    if flag == Flag.DUPLICATE:
        entry.duplicate_of = other_case
    elif flag == Flag.REPEAT:
        entry.repeat_of = other_case
    else:
        entry.is_vexatious = True
    entry.flag_reason, entry.flagged_by = reason.strip(), account_or_none(actor)
    entry.save()
    label = dict(Flag.CHOICES)[flag]
    named = other_case if flag != Flag.VEXATIOUS else None  # a vexatious flag names no case
    other = f" {named.reference}" if named is not None else ""
    record_event(
        case,
        EventKind.NOTE,
        actor,
        f"Flagged: {label.split(' (')[0].lower()}{other}",
        body=reason.strip(),
        data={"flag": flag, "other_case": named.pk if named is not None else None},
    )
    return entry
