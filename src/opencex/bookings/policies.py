"""Who may see and do what with a booking: one function per question."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.bookings.models import Booking

# Officers who take bookings for residents on the phone or at the desk, and run the rounds.
BOOKING_OFFICERS = frozenset(
    {Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}
)


def is_booking_officer(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in BOOKING_OFFICERS


def can_book_for(actor, resident) -> bool:
    """A resident books for themselves; a booking officer for any named resident."""
    if not is_signed_in(actor):
        return False
    if actor.role == Role.RESIDENT:
        return resident.user_id == actor.id
    return is_booking_officer(actor)


def can_view_booking(actor, booking: Booking) -> bool:
    return can_book_for(actor, booking.resident)


def can_change_booking(actor, booking: Booking) -> bool:
    """Cancel or move: the resident it is for, or a booking officer."""
    return can_book_for(actor, booking.resident)


def can_manage_bookings(actor) -> bool:
    """Collection lists, the room diary, returning deposits, checking concessions."""
    return is_booking_officer(actor)


def visible_bookings(actor):
    if not is_signed_in(actor):
        return Booking.objects.none()
    if actor.role == Role.RESIDENT:
        return Booking.objects.filter(resident__user=actor)
    if is_booking_officer(actor):
        return Booking.objects.all()
    return Booking.objects.none()
