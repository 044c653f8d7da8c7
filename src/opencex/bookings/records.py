"""What the bookings hold about a resident, for the two readers of everything about them: the
subject access export (`inforights.export`) and anonymising under the retention schedule or on
erasure (`retention.anonymising`)."""

from __future__ import annotations

from typing import Any

from opencex.bookings.models import Booking, BookingEvent
from opencex.bookings.presenting import describe


def bookings_held_about(resident) -> list[dict[str, Any]]:
    """Every booking of `resident`, as the subject access export shows it."""
    bookings = Booking.objects.filter(resident=resident).select_related("slot", "resident")
    return [
        {
            "reference": booking.reference,
            "service": described.title,
            "what": described.what,
            "when": described.when,
            "where": described.where,
            "status": booking.get_status_display(),
            "email": booking.email,
            "address": booking.address,
            "postcode": booking.postcode,
            "where_left": booking.where_left,
            "concession": booking.concession_benefit,
            "concession_checked": booking.concession_checked,
            "price_pence": booking.price_pence,
            "deposit_pence": booking.deposit_pence,
            "refunded_pence": booking.refunded_pence,
            "how": booking.get_channel_display(),
            "made_at": booking.created_at,
            "history": [
                {"at": event.at, "what": event.what, "detail": event.detail}
                for event in booking.events.all()
            ],
        }
        for booking in bookings.order_by("created_at", "pk")
        for described in [describe(booking)]
    ]


def forget_booking_details(resident) -> int:
    """Blank what a resident's bookings say about them (contact, address, benefit, officers'
    notes); what was booked, when and for how much stays for the council's figures."""
    return forget_bookings(Booking.objects.filter(resident=resident))


def forget_bookings(bookings) -> int:
    """Blank what `bookings` say about the person who booked (the retention schedule, once a
    booking took place long enough ago; or their resident record is anonymised)."""
    BookingEvent.objects.filter(booking__in=bookings).update(detail="")
    return bookings.update(email="", address="", postcode="", where_left="", concession_benefit="")
