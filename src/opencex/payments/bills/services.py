"""Paying a bill with its reference: check the reference and the amount, then the one door,
`services.start_payment`. Every interface (the citizen journey, an officer on the phone) calls
`check_bill` to show what is due and `start_bill_payment` to pay it; both check everything."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opencex.council.profile import PayableBill
from opencex.languages import ENGLISH, in_current_language, text_in
from opencex.payments.bills.references import check_reference, payable_bill
from opencex.payments.bills.system import Bill, bills_system
from opencex.payments.models import FINAL_STATUSES, Payment, PaymentChannel, PaymentStatus
from opencex.payments.money import pounds
from opencex.payments.services import MAXIMUM_PENCE, PaymentInProgress, start_payment


@dataclass(frozen=True)
class CheckedBill:
    """A reference that passed its checks, and what the bills system says is due on it."""

    payable: PayableBill
    reference: str
    bill: Bill | None

    @property
    def amount_due_pence(self) -> int | None:
        return self.bill.balance_pence if self.bill is not None else None

    @property
    def resident_says_amount(self) -> bool:
        return self.payable.amount_from == "resident"


def _payable(kind: str) -> PayableBill:
    payable = payable_bill(kind)
    if payable is None:
        raise LookupError(f"The council does not take payments for {kind!r} by reference.")
    return payable


def check_bill(*, kind: str, reference: str) -> CheckedBill:
    """Check the reference (format, check digit) and look it up. A bill whose amount comes from
    the bills system must be found there and still owe something."""
    payable = _payable(kind)
    try:
        normalised = check_reference(payable, reference)
    except ValidationError as error:
        raise ValidationError({"reference": error}) from None
    bill = bills_system().find_bill(kind, normalised)
    if payable.amount_from == "bill":
        if bill is None:
            raise ValidationError(
                {
                    "reference": _(
                        "We cannot find a %(name)s with that number. Check it and try again"
                    )
                    % {"name": in_current_language(payable.reference_name)}
                }
            )
        if bill.balance_pence <= 0:
            raise ValidationError(
                {
                    "reference": _("Nothing is owed on this %(name)s")
                    % {"name": in_current_language(payable.reference_name)}
                }
            )
    return CheckedBill(payable, normalised, bill)


def check_amount(checked: CheckedBill, amount_pence: int | None) -> int:
    """What this payment will be: the amount due, or the resident's amount within what is owed."""
    if not checked.resident_says_amount:
        assert checked.amount_due_pence is not None
        return checked.amount_due_pence
    if amount_pence is None:
        raise ValidationError({"amount": _("Enter the amount you want to pay")})
    if not 1 <= amount_pence <= MAXIMUM_PENCE:
        raise ValidationError({"amount": _("Enter an amount between £0.01 and £100,000")})
    due = checked.amount_due_pence
    if due is not None and due > 0 and amount_pence > due:
        raise ValidationError(
            {
                "amount": _("Enter an amount of £%(due)s or less: that is what you owe")
                % {"due": pounds(due)}
            }
        )
    return amount_pence


def _refuse_if_being_paid(checked: CheckedBill) -> None:
    """Two tabs, or two people, must not each pay the same bill in full: while another payment
    for it has no final state (a resident has up to 90 minutes on the card page), or one that
    succeeded is not yet posted to the bills system (its balance does not show it yet), a new
    payment is refused. The same attempt again (its idempotency key) is not refused. Two starts
    at the same moment can both pass this check: the database then refuses the second
    (`PaymentInProgress`), and `start_bill_payment` gives the same refusal."""
    payments = Payment.objects.filter(purpose=checked.payable.kind, purpose_id=checked.reference)
    in_progress = payments.exclude(status__in=FINAL_STATUSES).exists()
    not_yet_posted = payments.filter(
        status=PaymentStatus.SUCCESS,
        bill_posting__isnull=False,
        bill_posting__posted_at__isnull=True,
        bill_posting__gave_up=False,
    ).exists()
    if in_progress or not_yet_posted:
        raise _being_paid(checked)


def _being_paid(checked: CheckedBill) -> ValidationError:
    return ValidationError(
        {
            "reference": _(
                "A payment for this %(name)s is already in progress. Try again in 90 "
                "minutes, or phone us if you need to pay now"
            )
            % {"name": in_current_language(checked.payable.reference_name)}
        }
    )


def start_bill_payment(
    *,
    actor,
    kind: str,
    reference: str,
    amount_pence: int | None,
    email: str,
    return_url: str,
    idempotency_key: str,
    channel: str = PaymentChannel.WEB,
    resident=None,
    card_holder_present: bool = True,
    place: str = "",
) -> Payment:
    """Check the bill again (a form can be replayed) and start its payment."""
    checked = check_bill(kind=kind, reference=reference)
    amount = check_amount(checked, amount_pence)
    if not Payment.objects.filter(idempotency_key=idempotency_key).exists():
        _refuse_if_being_paid(checked)
    try:
        return start_payment(
            actor=actor,
            purpose=kind,
            purpose_id=checked.reference,
            amount_pence=amount,
            description=f"{text_in(checked.payable.name, ENGLISH)} {checked.reference}",
            reference=checked.reference,
            email=email,
            return_url=return_url,
            idempotency_key=idempotency_key,
            channel=channel,
            resident=resident,
            card_holder_present=card_holder_present,
            place=place,
        )
    except PaymentInProgress:
        raise _being_paid(checked) from None
