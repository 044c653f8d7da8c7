"""The bin collections file of a council (`bincollections/data/<council>.toml`): its bins, its
rounds and which addresses each round collects from, as pydantic models.

An address finds its round by its UPRN where the file lists it, else by its street and the start
of its postcode (`Round.streets`). Week A and week B alternate from `week_a_starts`: a round puts
out rubbish in one of them and recycling in the other, food waste every week and garden waste
(a paid subscription) every other week. Names residents read are English or texts by language,
{"en", "pl", "ar"} (`opencex.languages`). Every problem in the file is listed at once, worded by
`opencex.file_problems`. A council's particulars live here, never in code.
"""

from __future__ import annotations

from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StrictStr, ValidationError

from opencex.council.profile import WEEKDAYS
from opencex.council_files import Label, Name, Part, Slug, council_file, read_toml
from opencex.file_problems import sentences

DATA = Path(__file__).parent / "data"
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday"]
MonthDay = Annotated[StrictStr, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
# The start of a postcode: its district ("OX4"), sector ("OX4 6") or the whole of it.
PostcodeStart = Annotated[
    StrictStr, Field(pattern=r"^[A-Z]{1,2}[0-9][0-9A-Z]?( [0-9]([A-Z]{2})?)?$")
]


class BinsFileError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("The bin collections file has problems:\n" + "\n".join(problems))
        self.problems = problems


class Bin(Part):
    """One kind of collection: what goes out, in which bin, how often."""

    slug: Literal["rubbish", "recycling", "food", "garden"]
    name: Label
    container: Label
    # Garden waste is collected only for households that pay for it each year.
    is_subscription: bool = False
    note: Label | Literal[""] = ""


class Street(Part):
    name: Name
    postcodes: Annotated[list[PostcodeStart], Field(min_length=1)]


class Round(Part):
    slug: Slug
    name: Label
    day: Weekday
    # The week (A or B) this round takes rubbish; recycling goes in the other week.
    rubbish_week: Literal["A", "B"]
    garden_week: Literal["A", "B"]
    uprns: list[Annotated[StrictStr, Field(pattern=r"^[0-9]{1,12}$")]] = []
    streets: list[Street] = []

    @property
    def weekday(self) -> int:
        return WEEKDAYS.index(self.day)


class HolidayRule(Part):
    """Days no crew works in the Christmas and New Year weeks even when they are not bank
    holidays (Christmas Eve afternoon is worked; Boxing Day on a Saturday is not)."""

    no_collections_on: list[MonthDay] = []


class BinsFile(Part):
    service: Slug
    week_a_starts: date
    # Reminders go out the evening before a collection, at this London time.
    reminders_at: time
    weeks_shown: Annotated[int, Field(ge=1, le=12)] = 6
    christmas_and_new_year: HolidayRule = HolidayRule()
    bins: Annotated[list[Bin], Field(min_length=1)]
    rounds: Annotated[list[Round], Field(min_length=1)]

    def bin(self, slug: str) -> Bin | None:
        return next((each for each in self.bins if each.slug == slug), None)

    def round(self, slug: str) -> Round | None:
        return next((each for each in self.rounds if each.slug == slug), None)


def check(data: dict, *, catalogue_slugs: set[str] | None = None) -> BinsFile:
    """The file as models, or BinsFileError listing every problem in it."""
    try:
        checked = BinsFile.model_validate(data)
    except ValidationError as error:
        raise BinsFileError(sentences(error, data=data)) from None
    problems = _whole_file_problems(checked, catalogue_slugs)
    if problems:
        raise BinsFileError(problems)
    return checked


def _whole_file_problems(checked: BinsFile, catalogue_slugs: set[str] | None) -> list[str]:
    problems: list[str] = []
    if catalogue_slugs is not None and checked.service not in catalogue_slugs:
        problems.append(f"service '{checked.service}': is not a service in the catalogue.")
    if checked.week_a_starts.weekday() != 0:
        problems.append(f"week_a_starts: {checked.week_a_starts} is not a Monday.")
    slugs = [each.slug for each in checked.rounds]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(f"round '{slug}': is named more than once.")
    kinds = [each.slug for each in checked.bins]
    for kind in sorted({k for k in kinds if kinds.count(k) > 1}):
        problems.append(f"bin '{kind}': is named more than once.")
    uprns = [uprn for each in checked.rounds for uprn in each.uprns]
    for uprn in sorted({u for u in uprns if uprns.count(u) > 1}):
        problems.append(f"UPRN {uprn}: is in more than one round.")
    streets = [
        (street.name.lower(), start)
        for each in checked.rounds
        for street in each.streets
        for start in street.postcodes
    ]
    for name, start in sorted({s for s in streets if streets.count(s) > 1}):
        problems.append(f"street '{name}' in {start}: is in more than one round.")
    return problems


def load_file(path: Path, *, catalogue_slugs: set[str] | None = None) -> BinsFile:
    return check(read_toml(path, BinsFileError), catalogue_slugs=catalogue_slugs)


def file_path() -> Path:
    return council_file("OPENCEX_BIN_COLLECTIONS_FILE", DATA)


@lru_cache(maxsize=4)
def _loaded(path: Path) -> BinsFile | None:
    return load_file(path) if path.exists() else None


def bins_config() -> BinsFile | None:
    """The council's bin collections file, or None if it has none (no look-up online)."""
    return _loaded(file_path())
