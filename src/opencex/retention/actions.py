"""Erasure on request (UK GDPR Art. 17), where the law allows it.

A resident may ask the council to erase what it holds about them. The council may refuse while it
still needs the data for a legal obligation, a public task or a legal claim (Art. 17(3)): an open
case, and a closed case still within its retention period unless the profile lets that kind be
erased on request (`[retention] erasable_on_request`). It refuses too while a payment they made
is a financial record the council must keep for the accounting period (`[retention.records]
payments`), while a booking is still to take place or a payment still going through, and while
they are on a tenancy that has not ended (the housing system's record, which it keeps).
Otherwise their cases, payments, bookings and record are anonymised, as the retention schedule
would later do, and the erasure is recorded: who decided, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opencex.bookings.models import Booking
from opencex.bookings.models import Status as BookingStatus
from opencex.cases.models import Case, CaseKind
from opencex.housing.models import TenancyMember
from opencex.payments.models import FINAL_STATUSES, Payment, PaymentStatus
from opencex.people.models import Resident
from opencex.retention import anonymising, policies
from opencex.retention.models import AnonymisedResident, Because, Erasure
from opencex.retention.periods import expires_on, financial_record_expires_on, period_in_words
from opencex.retention.schedules import council_retention, ended_at


@dataclass(frozen=True)
class ErasureRefused(Exception):
    """Erasure refused, with each reason in words an officer can read to the resident."""

    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return " ".join(self.reasons)


def their_cases(resident: Resident):
    """The resident's cases not yet anonymised: linked to their record, or sent from their email
    address before the record existed."""
    cases = Case.objects.filter(anonymisation__isnull=True)
    email = resident.email.strip()
    # Sent from their address with no resident record: never another resident's case, even one
    # who shares the address (a household's email).
    sent_from_their_address = (
        Q(contact_email__iexact=email, resident__isnull=True) if email else Q(pk__in=[])
    )
    client = Q(resident=resident) | sent_from_their_address
    return cases.filter(client).annotate(ended=ended_at()).order_by("received_at", "pk")


def reasons_to_keep(resident: Resident, today=None, *, cases=None) -> list[str]:
    """Why the council must keep this resident's data now; empty if it may erase it. `cases`:
    their cases as already read (and locked) by the caller."""
    today = today or timezone.localdate()
    if AnonymisedResident.objects.filter(resident=resident).exists():
        return [_("This resident's personal data has already been removed.")]
    retention = council_retention()
    reasons = []
    for case in their_cases(resident) if cases is None else cases:
        label = CaseKind(case.kind).label
        if case.is_open:
            reasons.append(
                _("%(kind)s %(reference)s is still open.")
                % {"kind": label, "reference": case.reference}
            )
            continue
        if case.kind in retention.erasable_on_request:
            continue
        period = retention.cases.for_kind(case.kind)
        ended = timezone.localdate(case.ended)
        until = expires_on(ended, period)
        if until > today:
            reasons.append(
                _(
                    "%(kind)s %(reference)s ended on %(ended)s and must be kept until "
                    "%(until)s (%(period)s after it ended)."
                )
                % {
                    "kind": label,
                    "reference": case.reference,
                    "ended": _day(ended),
                    "until": _day(until),
                    "period": period_in_words(period),
                }
            )
    return reasons + _other_reasons_to_keep(resident, today)


def their_payments(resident: Resident):
    """The payments they made or an officer took for them, and those given with their email
    address and no resident record (as the subject access export finds them); never another
    resident's payment from the same address (a household's email)."""
    email = resident.email.strip()
    with_their_address = Q(email__iexact=email, resident__isnull=True) if email else Q(pk__in=[])
    return Payment.objects.filter(Q(resident=resident) | with_their_address).order_by(
        "created_at", "pk"
    )


def _other_reasons_to_keep(resident: Resident, today) -> list[str]:
    """Their payments kept for the accounts, bookings still to come, tenancies not ended."""
    retention = council_retention()
    period = retention.records.payments
    reasons = []
    for payment in their_payments(resident):
        if payment.status not in FINAL_STATUSES:
            going_through = _("Payment %(reference)s is still going through.")
            reasons.append(going_through % {"reference": payment.reference})
            continue
        if payment.status != PaymentStatus.SUCCESS:
            continue  # nothing was taken: not a financial record
        last_change = timezone.localdate(payment.updated_at)
        until = financial_record_expires_on(last_change, period, retention.financial_year_starts_in)
        if until > today:
            reasons.append(
                _(
                    "Payment %(reference)s of £%(amount)s (%(what)s) is a financial record the "
                    "council must keep for its accounts until %(until)s (%(period)s after the end "
                    "of the financial year it was paid or last refunded in)."
                )
                % {
                    "reference": payment.reference,
                    "amount": f"{payment.amount_pence / 100:.2f}",
                    "what": payment.description,
                    "until": _day(until),
                    "period": period_in_words(period),
                }
            )
    live = Booking.objects.filter(
        resident=resident,
        status__in=[BookingStatus.HELD, BookingStatus.CONFIRMED],
        slot__ends_at__gte=timezone.now(),
    ).select_related("slot")
    for booking in live.order_by("slot__starts_at"):
        reasons.append(
            _("Booking %(reference)s is still to take place, on %(day)s: cancel it first.")
            % {"reference": booking.reference, "day": _day(booking.slot.day)}
        )
    tenancies = TenancyMember.objects.filter(
        resident=resident, tenancy__ended_on__isnull=True
    ).select_related("tenancy")
    for member in tenancies:
        reasons.append(
            _(
                "They are on tenancy %(reference)s, which has not ended: the housing management "
                "system holds the tenancy and its rent account, and the council needs them to "
                "manage it."
            )
            % {"reference": member.tenancy.housing_ref}
        )
    return reasons


def _day(day) -> str:
    return date_format(day, "j F Y")


@transaction.atomic
def erase_resident(resident: Resident, *, by, reason: str) -> Erasure:
    """Erase `resident`'s personal data at their request, or raise ErasureRefused saying why
    the council must keep it; the erasure is recorded with `by` and `reason`."""
    if not policies.can_erase_resident(by, resident):
        raise PermissionDenied("Only information governance can erase a resident's data.")
    if not reason.strip():
        raise ErasureRefused(("Enter why the resident's data is being erased.",))
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    # Decide on the cases as locked, so that one reopened (or sent) meanwhile cannot be erased
    # open: the rule is checked on exactly the cases that are anonymised.
    cases = list(their_cases(resident).select_for_update(of=("self",)))
    if reasons := reasons_to_keep(resident, cases=cases):
        raise ErasureRefused(tuple(reasons))
    erasure = Erasure.objects.create(
        resident=resident,
        by=by,
        at=timezone.now(),
        reason=reason.strip(),
        cases_anonymised=len(cases),
    )
    for case in cases:
        anonymising.anonymise_case(case, because=Because.ERASURE, erasure=erasure)
    # Only payments past their accounting period, or that took nothing, are left (above).
    anonymising.anonymise_payments(their_payments(resident))
    anonymising.anonymise_resident(resident, because=Because.ERASURE, erasure=erasure)
    # Records merged into this one keep what could not move (audit rows, a row this record had
    # its own of): they are this person's too, and go with the erasure (the erasure's own record
    # is the kept one's: one erasure, one request).
    for merged in resident.merged_records():
        tombstone = Resident.objects.select_for_update().get(pk=merged.pk)
        anonymising.anonymise_resident(tombstone, because=Because.ERASURE)
    return erasure
