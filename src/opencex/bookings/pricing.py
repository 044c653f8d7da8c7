"""What a booking costs: items by type for a collection, hours of a session for a room (plus its
refundable deposit), people for a visit; concession prices for a resident who gets a qualifying
benefit. Pure: the bookings file's entry in, a `Price` or a `PriceProblem` out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from opencex.bookings.config import Collection, RoomHire, Visit, english


class PriceProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Line:
    what: str
    count: int
    each_pence: int

    @property
    def pence(self) -> int:
        return self.count * self.each_pence


@dataclass(frozen=True)
class Price:
    lines: tuple[Line, ...]
    deposit_pence: int = 0
    units: int = 1  # what the booking takes of a slot's capacity

    @property
    def price_pence(self) -> int:
        return sum(line.pence for line in self.lines)

    @property
    def total_pence(self) -> int:
        return self.price_pence + self.deposit_pence


def collection_price(collection: Collection, items: dict[str, int], *, concession: bool) -> Price:
    """Each item at its type's price; at least one item, at most the collection's maximum."""
    lines = []
    for slug, count in items.items():
        item = collection.item_type(slug)
        if item is None:
            raise PriceProblem("items", _("Choose items from the list"))
        if count < 0:
            raise PriceProblem(f"items-{slug}", _("Enter a number of items of 0 or more"))
        if count:
            each = item.concession_pence if concession else item.price_pence
            lines.append(Line(what=english(item.name), count=count, each_pence=each))
    total = sum(line.count for line in lines)
    if total == 0:
        raise PriceProblem("items", _("Enter how many items you want collected"))
    if total > collection.max_items:
        raise PriceProblem(
            "items",
            _("We collect up to %(max)s items at a time. Book another collection for the rest.")
            % {"max": collection.max_items},
        )
    return Price(lines=tuple(lines), units=1)


def room_price(
    hire: RoomHire, room_slug: str, starts_at: datetime, ends_at: datetime, *, concession: bool
) -> Price:
    """The session's hours at the room's hourly price, and its deposit (refunded after the hire
    once an officer has checked the room)."""
    found = hire.room(room_slug)
    if found is None:
        raise PriceProblem("room", _("Choose a room"))
    _venue, room = found
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    hourly = room.concession_hourly_pence if concession else room.hourly_pence
    # Prices are per hour; a session of 4 hours 30 minutes costs 4.5 hours, rounded to the penny.
    line = Line(what=english(room.name), count=1, each_pence=round(hourly * minutes / 60))
    return Price(lines=(line,), deposit_pence=room.deposit_pence, units=1)


def visit_price(visit: Visit, people: int, *, concession: bool) -> Price:
    if people < visit.smallest_group or people > visit.largest_group:
        raise PriceProblem(
            "people",
            _("A group must be between %(smallest)s and %(largest)s people")
            % {"smallest": visit.smallest_group, "largest": visit.largest_group},
        )
    each = visit.concession_per_person_pence if concession else visit.price_per_person_pence
    return Price(lines=(Line(what=_("People"), count=people, each_pence=each),), units=people)
