"""Demo bookings: the coming weeks' slots, and a few bookings for the demo resident (a bulky waste
collection on their round, a community room, a museum visit), booked and paid through the same
services and the local test provider. Idempotent (each has a fixed key); `opencex demo --reset`
removes them and books them again for the new dates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opencex.bookings import services
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Booking, BookingEvent
from opencex.bookings.slots import bookable_slots, open_slots
from opencex.payments.providers import test_provider
from opencex.payments.services import settle_payment
from opencex.people.models import Resident

KEY_PREFIX = "demo-booking-"
# What the demo resident has booked: service, details, and how far into the offered slots.
DEMO_BOOKINGS: list[tuple[str, dict[str, Any], int]] = [
    ("book-bulky-waste-collection", {"items": {"furniture": 1, "large-electrical": 1}}, 0),
    ("book-community-centre", {}, 20),
    ("visit-museum-of-oxford", {"people": 12}, 10),
]


@transaction.atomic
def delete_demo_bookings() -> int:
    """Remove the demo's bookings (giving their places back); payments stay as records."""
    doomed = list(
        Booking.objects.select_for_update().filter(idempotency_key__startswith=KEY_PREFIX)
    )
    for booking in doomed:
        if booking.is_live:
            from opencex.bookings.capacity import give_back

            give_back(booking.slot_id, booking.units)
    BookingEvent.objects.filter(booking__in=doomed).delete()
    Booking.objects.filter(pk__in=[b.pk for b in doomed]).delete()
    return len(doomed)


def load_demo_bookings(*, resident_email: str, reset: bool = False) -> str:
    """Open the slots and make the bookings of the demo resident (the resident demo account with
    `resident_email`, at their home); a sentence saying what was done."""
    if reset:
        delete_demo_bookings()
    opened = open_slots()
    resident = Resident.objects.filter(user__email=resident_email).select_related("user").first()
    occupancy = resident.occupancies.select_related("property").first() if resident else None
    if resident is None or occupancy is None:
        return f"Bookings: {opened} slots opened; no demo resident with a home to book for."
    home = occupancy.property
    made = 0
    for service, details, nth in DEMO_BOOKINGS:
        key = f"{KEY_PREFIX}{service}"
        bookable = bookings_config().bookable(service)
        if bookable is None or Booking.objects.filter(idempotency_key=key).exists():
            continue
        round_ = bookable.round_for(home.postcode) if bookable.kind == "collection" else None
        units = details.get("people", 1)
        offered = bookable_slots(bookable, units=units, resource=round_.slug if round_ else "")
        if not offered:
            continue
        booking = services.hold_slot(
            actor=resident.user,
            resident=resident,
            service=service,
            slot=offered[min(nth, len(offered) - 1)],
            details=details,
            email=resident.email,
            idempotency_key=key,
            address=f"{home.address_line_1}, {home.address_line_2}".strip(", "),
            postcode=home.postcode,
            where_left="At the bottom of the tower, by the bin store" if round_ else "",
        )
        _pay(booking)
        made += 1
    return f"Bookings: {opened} slots opened, {made} demo bookings made ({timezone.localdate()})."


def _pay(booking: Booking) -> None:
    """Pay with the test provider's succeeding card (only the test provider: no real money)."""
    if settings.OPENCEX_PAYMENT_PROVIDER != test_provider.NAME:
        return
    payment = services.pay_for_booking(
        actor=booking.resident.user,
        booking=booking,
        return_url=f"/bookings/{booking.reference}/return/",
    )
    if payment is not None:
        test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
        settle_payment(payment=payment)
