"""Booking a slot: the one door for holding it while the resident pays, confirming it when the
payment succeeds, and giving it back when the payment fails or the hold lapses.

The order that keeps a slot from being double-booked and nothing being charged twice:
1. `hold_slot` takes the units with a conditional UPDATE (capacity.take) and saves the booking
   as HELD with an expiry, in one transaction, and queues `release_lapsed_hold` for the expiry.
2. `pay_for_booking` starts the payment (opencex.payments) for the booking's total, keyed by the
   booking, so a second click returns the same payment.
3. The payments app calls `booking_paid` or `booking_not_paid` exactly once, in its transaction:
   paid on a HELD booking confirms it; paid on a booking whose hold lapsed takes the units again
   if there is still room, else the booking is refused, its payment due back in full
   (`payment_purpose.refund`), and the resident told. Not paid gives the units back.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from opencex.bookings import capacity, messages, policies, timing
from opencex.bookings.config import Collection, RoomHire, Visit, bookings_config, english
from opencex.bookings.models import Booking, BookingEvent, Channel, Slot, Status
from opencex.bookings.payment_purpose import refund
from opencex.bookings.presenting import describe
from opencex.bookings.pricing import Price, PriceProblem, collection_price, room_price, visit_price
from opencex.bookings.references import new_reference
from opencex.contacts.models import Outcome
from opencex.contacts.services import log_contact
from opencex.events.services import publish
from opencex.jobs.queue import enqueue
from opencex.payments.models import Payment
from opencex.payments.services import start_payment

logger = logging.getLogger(__name__)
PURPOSE = "booking"


class BookingProblem(ValueError):
    """A booking that cannot be made or changed as asked: the field and a sentence to show."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# The changes a back office (the waste crews' system, a room diary) hears of: the booking's own
# history keeps every step, the outbound events only what changes the work to be done.
OUTBOUND_TOPICS = {
    "confirmed": "booking.confirmed",
    "cancelled": "booking.cancelled",
    "moved": "booking.moved",
}


def record(booking: Booking, what: str, *, actor=None, detail: str = "") -> None:
    """Write a step of the booking's history and, for the changes in `OUTBOUND_TOPICS`, the
    outbound event (opencex.events) in the same transaction."""
    BookingEvent.objects.create(
        booking=booking,
        what=what,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        detail=detail[:300],
    )
    if what in OUTBOUND_TOPICS:
        publish(
            topic=OUTBOUND_TOPICS[what],
            subject_type="booking",
            subject_id=booking.reference,
            data={"booking": _outbound_payload(booking)},
        )


# What was booked, as priced: the only `details` a back office hears of (anything else a channel
# stored with the booking stays here).
OUTBOUND_DETAILS = ("items", "people")


def _outbound_payload(booking: Booking) -> dict[str, Any]:
    # What the crew or venue needs to do the work, and nothing else about the resident: no name,
    # email, phone or where-left note. The address and postcode are sent for a collection only:
    # they are where the crew does the work, not a way to contact the resident. A room or a visit
    # happens at the council's venue, so the resident's own address is never sent for one.
    at_the_door = isinstance(bookings_config().bookable(booking.service), Collection)
    return {
        "reference": booking.reference,
        "service": booking.service,
        "status": booking.status,
        "slot": {
            "id": booking.slot_id,
            "starts_at": booking.slot.starts_at.isoformat(),
            "ends_at": booking.slot.ends_at.isoformat(),
        },
        "details": {k: v for k, v in booking.details.items() if k in OUTBOUND_DETAILS},
        "units": booking.units,
        "address": booking.address if at_the_door else "",
        "postcode": booking.postcode if at_the_door else "",
        "channel": booking.channel,
        "price_pence": booking.price_pence,
        "deposit_pence": booking.deposit_pence,
    }


def price_of(bookable, slot: Slot, details: dict[str, Any], *, concession: bool) -> Price:
    if isinstance(bookable, Collection):
        items = {str(k): int(v) for k, v in details.get("items", {}).items()}
        return collection_price(bookable, items, concession=concession)
    if isinstance(bookable, RoomHire):
        return room_price(
            bookable, slot.resource, slot.starts_at, slot.ends_at, concession=concession
        )
    if isinstance(bookable, Visit):
        return visit_price(bookable, int(details.get("people", 0)), concession=concession)
    raise BookingProblem("service", _("This service cannot be booked online"))


def check_slot_offered(bookable, slot: Slot, *, postcode: str = "", now=None) -> None:
    """The slot belongs to the service, is inside the booking window, before its cut-off, and
    (for a collection) on the round that collects from the postcode."""
    now = now or timezone.now()
    first, last = timing.booking_window(bookable, timezone.localtime(now).date())
    if slot.service != bookable.service or slot.is_closed:
        raise BookingProblem("slot", _("Choose one of the dates shown"))
    if not (first <= slot.day <= last) or now >= timing.cut_off(bookable, slot.starts_at):
        raise BookingProblem("slot", _("That date can no longer be booked. Choose another date"))
    if isinstance(bookable, Collection):
        round_ = bookable.round_for(postcode)
        if round_ is None:
            raise BookingProblem("postcode", _("We do not collect from that postcode. Check it"))
        if slot.resource != round_.slug:
            raise BookingProblem("slot", _("Choose a date for your area's collection round"))


def check_details(
    *, service: str, details: dict[str, Any], postcode: str = "", concession: bool = False
) -> None:
    """What can be checked before a slot is chosen: the items and their maximum, a group's size,
    the postcode's round (a room's price needs its session, so it is checked with the slot)."""
    bookable = bookings_config().bookable(service)
    if bookable is None:
        raise BookingProblem("service", _("This service cannot be booked online"))
    try:
        if isinstance(bookable, Collection):
            collection_price(
                bookable,
                {str(k): int(v) for k, v in details.get("items", {}).items()},
                concession=concession,
            )
            if bookable.round_for(postcode) is None:
                raise BookingProblem(
                    "postcode", _("We do not collect from that postcode. Check it")
                )
        elif isinstance(bookable, Visit):
            visit_price(bookable, int(details.get("people", 0)), concession=concession)
    except PriceProblem as problem:
        raise BookingProblem(problem.field, problem.message) from None


def hold_slot(
    *,
    actor,
    resident,
    service: str,
    slot: Slot,
    details: dict[str, Any],
    email: str,
    idempotency_key: str,
    concession_benefit: str = "",
    address: str = "",
    postcode: str = "",
    where_left: str = "",
    channel: str = Channel.WEB,
) -> Booking:
    """Hold `slot` for `resident` while they pay. The same `idempotency_key` (a form's token)
    returns the booking it made, so a double submit holds once."""
    if not policies.can_book_for(actor, resident, service):
        raise PermissionDenied(_("You cannot book for this resident."))
    if channel != Channel.WEB and not policies.is_booking_officer(actor):
        raise PermissionDenied(_("Only an officer takes a booking by phone or at the desk."))
    existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.resident_id != resident.pk:
            raise PermissionDenied(_("This booking was started by someone else."))
        return existing
    bookable = bookings_config().bookable(service)
    if bookable is None:
        raise BookingProblem("service", _("This service cannot be booked online"))
    benefits = [english(b) for b in bookings_config().concessions_for(bookable)]
    if concession_benefit and concession_benefit not in benefits:
        raise BookingProblem("concession_benefit", _("Choose the benefit you get from the list"))
    if not email:
        raise BookingProblem("email", _("Enter an email address for the confirmation"))
    check_slot_offered(bookable, slot, postcode=postcode)
    try:
        price = price_of(bookable, slot, details, concession=bool(concession_benefit))
    except PriceProblem as problem:
        raise BookingProblem(problem.field, problem.message) from None
    try:
        with transaction.atomic():
            if not capacity.take(slot.pk, price.units):
                raise BookingProblem(
                    "slot", _("Sorry, that date has just been fully booked. Choose another date")
                )
            booking = Booking.objects.create(
                reference=new_reference(),
                service=service,
                slot=slot,
                units=price.units,
                resident=resident,
                email=email,
                details=details,
                address=address,
                postcode=postcode.upper().strip(),
                where_left=where_left,
                concession_benefit=concession_benefit,
                price_pence=price.price_pence,
                deposit_pence=price.deposit_pence,
                hold_expires_at=timezone.now() + timedelta(minutes=bookable.hold_minutes),
                channel=channel,
                taken_by=actor if channel != Channel.WEB else None,
                idempotency_key=idempotency_key,
            )
            record(booking, "held", actor=actor, detail=f"Until {booking.hold_expires_at:%H:%M}")
            enqueue(
                release_lapsed_hold.using(run_after=booking.hold_expires_at), booking_id=booking.pk
            )
    except IntegrityError:
        # The same key from a second request at the same moment: the first one's booking.
        existing = Booking.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None or existing.resident_id != resident.pk:
            raise
        return existing
    return booking


def pay_for_booking(*, actor, booking: Booking, return_url: str, place: str = ""):
    """Start (or resume) the payment for a held booking; the payment's `next_url` is where the
    card details are typed. An officer's booking by phone is card holder not present (MOTO); at
    the desk `place` says where. A booking that costs nothing is confirmed at once (None)."""
    if not policies.can_view_booking(actor, booking):
        raise PermissionDenied
    if booking.status == Status.CONFIRMED:
        return None
    if booking.status != Status.HELD or booking.hold_expires_at <= timezone.now():
        raise BookingProblem("slot", _("The time to pay has run out. Choose a date again"))
    if booking.total_pence == 0:
        with transaction.atomic():
            locked = _locked(booking.reference)
            if locked is not None and locked.status == Status.HELD:
                _confirm(locked, detail="Nothing to pay")
                if locked.channel != Channel.WEB:
                    _log_assisted_booking(actor, locked, place)
        return None
    payment = start_payment(
        actor=actor,
        purpose=PURPOSE,
        purpose_id=booking.reference,
        amount_pence=booking.total_pence,
        description=f"{describe(booking).title} {booking.reference}",
        reference=booking.reference,
        email=booking.email,
        return_url=return_url,
        idempotency_key=_attempt_key(booking),
        channel=booking.channel,
        resident=booking.resident,
        card_holder_present=booking.channel != Channel.PHONE,
        place=place,
    )
    if booking.payment_id != str(payment.pk):
        Booking.objects.filter(pk=booking.pk).update(payment_id=str(payment.pk))
        booking.payment_id = str(payment.pk)
    return payment


def _attempt_key(booking: Booking) -> str:
    """The payment attempt's key: the same for a second click or the back button (one payment),
    a new one once the last attempt ended unpaid with the hold still standing (the provider could
    not be reached, so the resident never saw a card page: they may try again)."""
    attempts = Payment.objects.filter(purpose=PURPOSE, purpose_id=booking.reference)
    latest = attempts.order_by("-pk").first()
    if latest is None:
        return f"booking-{booking.reference}"
    if latest.is_final and not latest.is_paid:
        return f"booking-{booking.reference}-{attempts.count() + 1}"
    return latest.idempotency_key


def _log_assisted_booking(actor, booking: Booking, place: str) -> None:
    """A free booking an officer took: the assisted-digital contact a payment would have logged."""
    log_contact(
        actor=actor,
        channel=booking.channel,
        outcome=Outcome.RESOLVED,
        resident=booking.resident,
        place=place,
        note=f"Booking {booking.reference} taken",
    )


def _locked(reference: str) -> Booking | None:
    return (
        Booking.objects.select_for_update()
        .select_related("resident", "slot")
        .filter(reference=reference)
        .first()
    )


def booking_paid(payment) -> None:
    """The payments app's `on_paid` for a booking (inside its transaction, once per payment)."""
    booking = _locked(payment.purpose_id)
    if booking is None:
        logger.error(
            "Payment %s is for booking %s, which does not exist", payment.pk, payment.purpose_id
        )
        return
    booking.payment_id = str(payment.pk)
    if booking.status == Status.HELD:
        _confirm(booking)
    elif booking.status == Status.RELEASED and capacity.take(booking.slot_id, booking.units):
        # Paid after the hold lapsed, but the slot still had room: a booking after all.
        _confirm(booking, detail="Paid after the hold lapsed; the slot still had room")
    elif booking.status in (Status.RELEASED, Status.CANCELLED):
        booking.status = Status.REFUSED
        booking.save(update_fields=["status", "payment_id"])
        record(booking, "refused", detail="Paid after the hold lapsed and the slot was full")
        # Refunded in full, by the job `refund` queues once this commits (see payment_purpose).
        refund(booking=booking, amount_pence=booking.total_pence, reason="Slot full when paid")
        messages.tell_resident(booking=booking, template="booking_refused")
    else:
        booking.save(update_fields=["payment_id"])


def _confirm(booking: Booking, detail: str = "") -> None:
    booking.status = Status.CONFIRMED
    booking.confirmed_at = timezone.now()
    booking.save(update_fields=["status", "confirmed_at", "payment_id"])
    record(booking, "confirmed", detail=detail or "Paid")
    messages.tell_resident(booking=booking, template="booking_confirmed")


def booking_not_paid(payment) -> None:
    """The payments app's `on_not_paid`: the payment failed or was abandoned; give the slot back.
    A payment that never reached the provider (it could not be reached) took nothing and showed
    the resident no card page: the hold stands until it lapses, so that they can try again."""
    booking = _locked(payment.purpose_id)
    if booking is None or booking.status != Status.HELD:
        return
    if not payment.provider_payment_id and booking.hold_expires_at > timezone.now():
        record(booking, "payment not started", detail="The payment provider could not be reached")
        return
    _release(booking, "Payment did not complete")


def _release(booking: Booking, why: str) -> None:
    capacity.give_back(booking.slot_id, booking.units)
    booking.status = Status.RELEASED
    booking.save(update_fields=["status"])
    record(booking, "released", detail=why)


def release_lapsed_holds(now=None) -> int:
    """Give back every hold that lapsed without payment (the job for each hold does this at its
    expiry; this catches any the worker missed)."""
    now = now or timezone.now()
    released = 0
    for pk in Booking.objects.filter(status=Status.HELD, hold_expires_at__lte=now).values_list(
        "pk", flat=True
    ):
        released += release_lapsed_hold.call(booking_id=pk)
    return released


@task()
def release_lapsed_hold(booking_id: int) -> int:
    with transaction.atomic():
        booking = Booking.objects.select_for_update().filter(pk=booking_id).first()
        if booking is None or booking.status != Status.HELD:
            return 0
        if booking.hold_expires_at > timezone.now():
            return 0
        _release(booking, "The time to pay ran out")
    return 1
