"""The bookings data file of a council (`bookings/data/<council>.toml`): what may be booked, when,
for how much, and the rules for cancelling and moving, as pydantic models.

A name residents read (an item type, a round, a venue, a room, a session, a visit's place, a
concession and its question) is English or texts by language, {"en", "pl", "ar"}
(`opencex.languages`): pages show it with `in_current_language`; what is stored (a slot's
session, the benefit a resident named) and what staff pages and emails say is its English.

Each entry is checked on its own and then the whole file (every `service` a catalogue slug used
once, every round, room or visit place slug unique), so that every problem is listed at once,
worded by `opencex.file_problems`. A council's particulars live here, never in code.
"""

from __future__ import annotations

from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictInt, ValidationError

from opencex.council_files import Label, Name, Part, Slug, council_file, read_toml
from opencex.file_problems import sentences
from opencex.languages import ENGLISH, text_in

DATA = Path(__file__).parent / "data"
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
Pence = Annotated[StrictInt, Field(ge=0)]


def english(label: str | dict[str, str]) -> str:
    """A label's English: what is stored and what staff pages say."""
    return text_in(label, ENGLISH)


class BookingsFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("The bookings file has problems:\n" + "\n".join(problems))
        self.problems = problems


class Rules(Part):
    """When a booking may still be cancelled or moved, and what a cancellation gives back.

    `cut_off` is either the end of the council's working day before the booked day, or a number
    of clock hours before the start. Before it, a cancellation refunds
    `refund_percent_before_cut_off` of the price (a deposit is always refunded in full); after it,
    `refund_percent_after_cut_off`. A move is allowed before the cut-off only, to a slot with room;
    `price_difference_on_move` says what a move to a slot at another price does."""

    cut_off: Literal["end_of_working_day_before", "hours_before"]
    cut_off_hours: Annotated[StrictInt, Field(ge=0)] = 0
    refund_percent_before_cut_off: Annotated[StrictInt, Field(ge=0, le=100)] = 100
    refund_percent_after_cut_off: Annotated[StrictInt, Field(ge=0, le=100)] = 0
    moves: bool = True
    # same_price_only: a move only to a slot at the same price.
    # refund_cheaper_refuse_dearer: a cheaper slot refunds the difference; a dearer one is refused
    # (cancel and book again), so a move never needs a second payment.
    price_difference_on_move: Literal["same_price_only", "refund_cheaper_refuse_dearer"]


class Session(Part):
    name: Label
    starts: time
    ends: time


class ItemType(Part):
    slug: Slug
    name: Label
    price_pence: Pence
    concession_pence: Pence


class Round(Part):
    slug: Slug
    name: Label
    postcode_districts: Annotated[list[Name], Field(min_length=1)]
    days: Annotated[list[Weekday], Field(min_length=1)]
    collections_per_day: Annotated[StrictInt, Field(ge=1)]


class Bookable(Part):
    service: Slug
    hold_minutes: Annotated[StrictInt, Field(ge=1, le=120)] = 15
    rules: Rules
    # Who pays the concession price, if not the file's `concession_benefits` (a school visit's
    # concession is for state schools, not for people on benefits).
    concessions: list[Label] | None = None
    concession_question: Label | Literal[""] = ""


class Collection(Bookable):
    """A collection from the resident's home by a round's crew (bulky waste)."""

    kind: Literal["collection"] = "collection"
    max_items: Annotated[StrictInt, Field(ge=1)]
    window_days: Annotated[StrictInt, Field(ge=1)]
    collection_from: time
    collection_until: time
    item_types: Annotated[list[ItemType], Field(min_length=1)]
    rounds: Annotated[list[Round], Field(min_length=1)]

    def item_type(self, slug: str) -> ItemType | None:
        return next((item for item in self.item_types if item.slug == slug), None)

    def round_for(self, postcode: str) -> Round | None:
        """The round that collects from `postcode`: the one naming its district (the outward
        code: all but the last three characters, with or without the space)."""
        compact = "".join(postcode.upper().split())
        district = compact[:-3] if len(compact) > 3 else ""
        return next((r for r in self.rounds if district in r.postcode_districts), None)


class Room(Part):
    slug: Slug
    name: Label
    people: Annotated[StrictInt, Field(ge=1)]
    hourly_pence: Pence
    concession_hourly_pence: Pence
    deposit_pence: Pence


class Venue(Part):
    slug: Slug
    name: Label
    address: Name
    days: Annotated[list[Weekday], Field(min_length=1)]
    sessions: Annotated[list[Session], Field(min_length=1)]
    rooms: Annotated[list[Room], Field(min_length=1)]


class RoomHire(Bookable):
    """Rooms in community centres and venues, hired by the session."""

    kind: Literal["room"] = "room"
    weeks_ahead: Annotated[StrictInt, Field(ge=1)]
    venues: Annotated[list[Venue], Field(min_length=1)]

    def room(self, slug: str) -> tuple[Venue, Room] | None:
        for venue in self.venues:
            for room in venue.rooms:
                if room.slug == slug:
                    return venue, room
        return None


class Visit(Bookable):
    """Group visits (museum, school visits): a group's size against a session's places."""

    kind: Literal["visit"] = "visit"
    place: Label
    weeks_ahead: Annotated[StrictInt, Field(ge=1)]
    days: Annotated[list[Weekday], Field(min_length=1)]
    sessions: Annotated[list[Session], Field(min_length=1)]
    people_per_session: Annotated[StrictInt, Field(ge=1)]
    smallest_group: Annotated[StrictInt, Field(ge=1)]
    largest_group: Annotated[StrictInt, Field(ge=1)]
    price_per_person_pence: Pence
    concession_per_person_pence: Pence


class BookingsFile(Part):
    working_day_ends: time
    concession_benefits: list[Label] = []
    collections: list[Collection] = []
    rooms: list[RoomHire] = []
    visits: list[Visit] = []

    @property
    def bookables(self) -> list[Collection | RoomHire | Visit]:
        return [*self.collections, *self.rooms, *self.visits]

    def bookable(self, service_slug: str) -> Collection | RoomHire | Visit | None:
        return next((b for b in self.bookables if b.service == service_slug), None)

    def concessions_for(self, bookable: Bookable) -> list[str | dict[str, str]]:
        """The concessions a resident may name for `bookable`, as labels (`english` is the
        value a booking stores)."""
        return list(
            bookable.concessions if bookable.concessions is not None else self.concession_benefits
        )

    def bookable_of(self, service_slug: str) -> Collection | RoomHire | Visit:
        """The entry a booking was made under (a booked service must stay in the file)."""
        found = self.bookable(service_slug)
        if found is None:
            raise LookupError(f"'{service_slug}' is no longer in the bookings file.")
        return found


def check(data: dict, *, catalogue_slugs: set[str] | None = None) -> BookingsFile:
    """The file as models, or BookingsFileError listing every problem in it."""
    try:
        checked = BookingsFile.model_validate(data)
    except ValidationError as error:
        raise BookingsFileError(sentences(error, data=data)) from None
    problems = _whole_file_problems(checked, catalogue_slugs)
    if problems:
        raise BookingsFileError(problems)
    return checked


def _whole_file_problems(checked: BookingsFile, catalogue_slugs: set[str] | None) -> list[str]:
    problems: list[str] = []
    services = [b.service for b in checked.bookables]
    for slug in sorted({s for s in services if services.count(s) > 1}):
        problems.append(f"service '{slug}': is booked in more than one entry.")
    if catalogue_slugs is not None:
        for slug in services:
            if slug not in catalogue_slugs:
                problems.append(f"service '{slug}': is not a service in the catalogue.")
    resources = [slug for b in checked.bookables for slug in resource_slugs(b)]
    for slug in sorted({s for s in resources if resources.count(s) > 1}):
        problems.append(f"'{slug}': names more than one round, room or visit place.")
    for bookable in checked.bookables:
        sessions = getattr(bookable, "sessions", [])
        for venue in getattr(bookable, "venues", []):
            sessions = [*sessions, *venue.sessions]
        for session in sessions:
            if session.ends <= session.starts:
                where = f"service '{bookable.service}', session '{english(session.name)}'"
                problems.append(f"{where}: ends before it starts.")
        if isinstance(bookable, Visit) and bookable.largest_group < bookable.smallest_group:
            problems.append(f"service '{bookable.service}': largest_group is below smallest_group.")
    for district_problem in _districts_in_two_rounds(checked):
        problems.append(district_problem)
    return problems


def _districts_in_two_rounds(checked: BookingsFile) -> list[str]:
    found = []
    for collection in checked.collections:
        districts = [d for r in collection.rounds for d in r.postcode_districts]
        for district in sorted({d for d in districts if districts.count(d) > 1}):
            found.append(f"service '{collection.service}': {district} is in more than one round.")
    return found


def resource_slugs(bookable: Collection | RoomHire | Visit) -> list[str]:
    """The slugs of what a bookable service's slots belong to: rounds, rooms, or the service."""
    if isinstance(bookable, Collection):
        return [r.slug for r in bookable.rounds]
    if isinstance(bookable, RoomHire):
        return [room.slug for venue in bookable.venues for room in venue.rooms]
    return [bookable.service]


def load_file(path: Path, *, catalogue_slugs: set[str] | None = None) -> BookingsFile:
    return check(read_toml(path, BookingsFileError), catalogue_slugs=catalogue_slugs)


def file_path() -> Path:
    return council_file("OPENCEX_BOOKINGS_FILE", DATA)


@lru_cache(maxsize=4)
def _loaded(path: Path) -> BookingsFile:
    if not path.exists():
        return BookingsFile(working_day_ends=time(17))
    return load_file(path)


def bookings_config() -> BookingsFile:
    """The council's bookings file (none: nothing is bookable online)."""
    return _loaded(file_path())
