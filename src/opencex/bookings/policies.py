"""Who may see and do what with a booking: one function per question.

A resident sees and changes their own bookings. Contact-centre officers (who take bookings by
phone and at the desk) and administrators see and change every booking. Caseworkers and team
managers see and change the bookings of the bookable services their teams run (the catalogue
service's team, as cases are scoped by team), and nothing else: the crew's list holds names,
phone numbers and addresses. `visible_bookings` and `can_view_booking` answer the same question
for many and for one. `available_actions` says what may be done with a booking now: the pages
draw their buttons from it and the acts (opencex.bookings.changes) refuse what it leaves out.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.bookings import timing
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Booking, Status
from opencex.catalogue.models import Service

# Officers who take bookings for anyone and see every booking.
EVERY_BOOKING = frozenset({Role.CONTACT_CENTRE, Role.ADMINISTRATOR})
# Officers who see and take the bookings of their own teams' services only.
TEAMS_BOOKINGS = frozenset({Role.CASEWORKER, Role.TEAM_MANAGER})
BOOKING_OFFICERS = EVERY_BOOKING | TEAMS_BOOKINGS


def _is_officer(actor) -> bool:
    return is_signed_in(actor) and actor.is_active and actor.role in BOOKING_OFFICERS


def services_of(actor) -> frozenset[str]:
    """The bookable services (catalogue slugs) whose bookings `actor` may see and take."""
    if not _is_officer(actor):
        return frozenset()
    bookable = {b.service for b in bookings_config().bookables}
    if actor.role in EVERY_BOOKING:
        return frozenset(bookable)
    cached = getattr(actor, "_opencex_booking_services", None)
    if cached is None:
        cached = frozenset(
            Service.objects.filter(slug__in=bookable, team__members=actor).values_list(
                "slug", flat=True
            )
        )
        actor._opencex_booking_services = cached
    return cached


def is_booking_officer(actor) -> bool:
    """An officer whose role takes bookings (which bookings: `services_of`)."""
    return _is_officer(actor)


def can_book_for(actor, resident, service: str) -> bool:
    """A resident books for themselves; an officer for any named resident, for the services
    they take bookings for."""
    if not is_signed_in(actor):
        return False
    if actor.role == Role.RESIDENT:
        return resident.user_id == actor.id
    return service in services_of(actor)


def can_view_booking(actor, booking: Booking) -> bool:
    return can_book_for(actor, booking.resident, booking.service)


def can_change_booking(actor, booking: Booking) -> bool:
    """Cancel or move: the resident it is for, or an officer who may see it."""
    return can_view_booking(actor, booking)


def can_manage_bookings(actor) -> bool:
    """The staff booking pages: collection lists, the room diary. Each shows only the bookings
    the officer may see (`visible_bookings`): none, for an officer whose teams run no bookable
    service."""
    return is_booking_officer(actor)


def can_manage_booking(actor, booking: Booking) -> bool:
    """An officer's acts on a booking (returning a deposit, checking a concession)."""
    return booking.service in services_of(actor)


def visible_bookings(actor) -> QuerySet[Booking]:
    if not is_signed_in(actor):
        return Booking.objects.none()
    if actor.role == Role.RESIDENT:
        return Booking.objects.filter(resident__user=actor)
    if actor.role in EVERY_BOOKING and _is_officer(actor):
        return Booking.objects.all()
    return Booking.objects.filter(service__in=services_of(actor))


def available_actions(actor, booking: Booking, *, now=None) -> frozenset[str]:
    """What `actor` may do with `booking` now: "cancel" (a confirmed booking before it starts),
    "move" (also before its cut-off, for a service whose rules allow moves), "return-deposit"
    (an officer, after a hire with a deposit not yet returned)."""
    now = now or timezone.now()
    acts: set[str] = set()
    bookable = bookings_config().bookable(booking.service)
    if bookable is None:
        return frozenset()
    if (
        can_change_booking(actor, booking)
        and booking.status == Status.CONFIRMED
        and booking.slot.starts_at > now
    ):
        acts.add("cancel")
        if bookable.rules.moves and timing.is_before_cut_off(
            bookable, booking.slot.starts_at, now=now
        ):
            acts.add("move")
    if (
        can_manage_booking(actor, booking)
        and booking.status == Status.CONFIRMED
        and booking.deposit_pence
        and not booking.deposit_returned
        and booking.slot.ends_at <= now
    ):
        acts.add("return-deposit")
    return frozenset(acts)
