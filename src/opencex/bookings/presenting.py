"""How a booking reads to people (pages, emails, the calendar file): what, where and when, worked
out once from the bookings file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from opencex.bookings import timing
from opencex.bookings.config import Collection, RoomHire, Visit, bookings_config
from opencex.bookings.models import Booking, Slot
from opencex.catalogue.models import Service
from opencex.payments.money import pounds


@dataclass(frozen=True)
class Described:
    title: str  # "Bulky waste collection", the catalogue service's title
    what: str  # "Furniture: 2, Large electrical: 1"
    where: str
    starts_at: datetime
    ends_at: datetime
    when: str
    price: str
    deposit: str
    cut_off: datetime | None


def service_title(slug: str) -> str:
    service = Service.objects.filter(slug=slug).only("title").first()
    return service.title if service else slug


def resource_name(slot: Slot) -> str:
    bookable = bookings_config().bookable(slot.service)
    if isinstance(bookable, Collection):
        round_ = next((r for r in bookable.rounds if r.slug == slot.resource), None)
        return round_.name if round_ else slot.resource
    if isinstance(bookable, RoomHire):
        found = bookable.room(slot.resource)
        return f"{found[1].name}, {found[0].name}" if found else slot.resource
    if isinstance(bookable, Visit):
        return bookable.place
    return slot.resource


def when(slot: Slot) -> str:
    starts, ends = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return f"{starts:%A} {starts.day} {starts:%B %Y}, {starts:%H:%M} to {ends:%H:%M}"


def describe(booking: Booking) -> Described:
    slot = booking.slot
    bookable = bookings_config().bookable(booking.service)
    if isinstance(bookable, Collection):
        items = booking.details.get("items", {})
        what = ", ".join(
            f"{item.name}: {count}"
            for item in bookable.item_types
            if (count := items.get(item.slug, 0))
        )
        where = booking.address
    elif isinstance(bookable, Visit):
        what = f"{booking.details.get('people', booking.units)} people, {slot.session}"
        where = bookable.place
    else:
        what = slot.session
        where = resource_name(slot)
        if isinstance(bookable, RoomHire):
            found = bookable.room(slot.resource)
            where = f"{found[1].name}, {found[0].name}, {found[0].address}" if found else where
    return Described(
        title=service_title(booking.service),
        what=what,
        where=where,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        when=when(slot),
        price="£" + pounds(booking.price_pence),
        deposit="£" + pounds(booking.deposit_pence) if booking.deposit_pence else "",
        cut_off=timing.cut_off(bookable, slot.starts_at) if bookable else None,
    )


def slot_choices(bookable, details: dict, resource: str = "", *, moving: Booking | None = None):
    """The slots to offer as radios, each with its label and hint. Moving a booking offers the
    same round (a collection) or any room or session, never the slot it has."""
    from django.utils.translation import gettext as _

    from opencex.bookings.slots import bookable_slots

    units = details.get("people", 1) if isinstance(bookable, Visit) else 1
    if moving is not None:
        resource = moving.slot.resource if isinstance(bookable, Collection) else ""
    offered = bookable_slots(bookable, units=units, resource=resource)
    return [
        {
            "slot": slot,
            "label": f"{timezone.localtime(slot.starts_at):%A} {slot.day.day} "
            f"{timezone.localtime(slot.starts_at):%B}, {slot.session}",
            "hint": _("%(left)s places left") % {"left": slot.room_left}
            if isinstance(bookable, Visit)
            else resource_name(slot),
        }
        for slot in offered
        if moving is None or slot.pk != moving.slot_id
    ]
