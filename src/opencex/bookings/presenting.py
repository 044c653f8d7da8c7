"""How a booking reads to people (pages, emails, the calendar file): what, where and when, worked
out once from the bookings file, in the language of the page (names from the file with
`in_current_language`, days and times with `opencex.dates_in_language`, never strftime, whose
names are always English)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opencex.bookings import timing
from opencex.bookings.config import Collection, RoomHire, Visit, bookings_config, english
from opencex.bookings.models import Booking, Slot
from opencex.catalogue.models import Service
from opencex.dates_in_language import clock_time, long_date
from opencex.languages import current_language, in_current_language
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

    @property
    def cut_off_words(self) -> str:
        """The last moment to move or cancel as a page says it: "5pm, Friday 4 September"."""
        if self.cut_off is None:
            return ""
        return _("%(time)s, %(day)s") % {
            "time": clock_time(self.cut_off),
            "day": long_date(self.cut_off, with_year=False),
        }


def service_title(slug: str) -> str:
    return service_titles([slug])[slug]


def service_titles(slugs: Iterable[str]) -> dict[str, str]:
    """The catalogue titles of these services in the page's language, in one query (a slug with
    no service keeps its slug)."""
    wanted = set(slugs)
    language = current_language()
    titles = {
        service.slug: service.text_in("title", language)
        for service in Service.objects.filter(slug__in=wanted).only("slug", "title", "translations")
    }
    return {slug: titles.get(slug, slug) for slug in wanted}


def resource_name(slot: Slot) -> str:
    bookable = bookings_config().bookable(slot.service)
    if isinstance(bookable, Collection):
        round_ = next((r for r in bookable.rounds if r.slug == slot.resource), None)
        return in_current_language(round_.name) if round_ else slot.resource
    if isinstance(bookable, RoomHire):
        found = bookable.room(slot.resource)
        if found:
            return _("%(room)s, %(venue)s") % {
                "room": in_current_language(found[1].name),
                "venue": in_current_language(found[0].name),
            }
        return slot.resource
    if isinstance(bookable, Visit):
        return in_current_language(bookable.place)
    return slot.resource


def session_name(slot: Slot) -> str:
    """The slot's session (a round's name for a collection) in the page's language: the slot
    keeps its English, which is looked up in the file; as kept, if the file no longer has it."""
    bookable = bookings_config().bookable(slot.service)
    if isinstance(bookable, Collection):
        names = [r.name for r in bookable.rounds]
    elif isinstance(bookable, RoomHire):
        names = [s.name for v in bookable.venues for s in v.sessions]
    elif isinstance(bookable, Visit):
        names = [s.name for s in bookable.sessions]
    else:
        names = []
    found = next((name for name in names if english(name) == slot.session), slot.session)
    return in_current_language(found)


def when(slot: Slot) -> str:
    """ "Monday 7 September 2026, 7am to 3pm", in the page's language."""
    return _("%(day)s, %(start)s to %(end)s") % {
        "day": long_date(slot.starts_at),
        "start": clock_time(slot.starts_at),
        "end": clock_time(slot.ends_at),
    }


def describe_all(bookings: Iterable[Booking]) -> list[tuple[Booking, Described]]:
    """Each booking with its description, the service titles read once for the whole list."""
    bookings = list(bookings)
    titles = service_titles(b.service for b in bookings)
    return [(b, describe(b, title=titles[b.service])) for b in bookings]


def describe(booking: Booking, *, title: str | None = None) -> Described:
    slot = booking.slot
    bookable = bookings_config().bookable(booking.service)
    if isinstance(bookable, Collection):
        items = booking.details.get("items", {})
        what = ", ".join(
            f"{in_current_language(item.name)}: {count}"
            for item in bookable.item_types
            if (count := items.get(item.slug, 0))
        )
        where = booking.address
    elif isinstance(bookable, Visit):
        people = booking.details.get("people", booking.units)
        what = ngettext(
            "%(people)s person, %(session)s", "%(people)s people, %(session)s", people
        ) % {"people": people, "session": session_name(slot)}
        where = in_current_language(bookable.place)
    else:
        what = session_name(slot)
        where = resource_name(slot)
        if isinstance(bookable, RoomHire) and (found := bookable.room(slot.resource)):
            where = f"{where}, {found[0].address}"
    return Described(
        title=title if title is not None else service_title(booking.service),
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
    from opencex.bookings.slots import bookable_slots

    units = details.get("people", 1) if isinstance(bookable, Visit) else 1
    if moving is not None:
        resource = moving.slot.resource if isinstance(bookable, Collection) else ""
    offered = bookable_slots(bookable, units=units, resource=resource)
    return [
        {
            "slot": slot,
            "label": _("%(day)s, %(session)s")
            % {"day": long_date(slot.starts_at, with_year=False), "session": session_name(slot)},
            "hint": _("%(left)s places left") % {"left": slot.room_left}
            if isinstance(bookable, Visit)
            else resource_name(slot),
        }
        for slot in offered
        if moving is None or slot.pk != moving.slot_id
    ]
