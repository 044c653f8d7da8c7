"""A council's demo file (`data/<profile slug>.toml`): demo staff, streets and service volumes.

The file's shape is pydantic models: a missing setting, a misspelt one or a value of the wrong
kind is refused with its path in the file named ("accounts[2].role: ...").
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from opencex.accounts.models import Role
from opencex.file_problems import problem, sentences

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoError(Exception):
    """The demo cannot be loaded, with a message that says what to fix."""


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DemoAccount(_Shape):
    role: Role
    local_part: str
    full_name: str
    job_title: str = ""
    teams: tuple[str, ...] = ()
    responsibilities: str = ""
    work_phone: str = ""
    office: str = ""


@dataclass(frozen=True)
class TeamDirectory:
    """How a team's synthetic officers appear in the staff directory."""

    office: str
    manager_title: str
    officer_titles: tuple[str, ...]
    responsibilities: str


class DemoResidentHome(_Shape):
    phone: str
    date_of_birth: date
    address_line_1: str
    address_line_2: str = ""
    postcode: str
    ward: str = ""
    uprn: str


class Street(_Shape):
    name: str
    sector: str  # "OX4 6": the outward code and the sector digit
    ward: str
    # The share of its homes that are the council's (the file's `council`).
    council_share: Annotated[float, Field(ge=0, le=1, alias="council")] = 0.0


class TowerBlock(_Shape):
    name: str
    street: str
    sector: str
    ward: str
    flats: Annotated[int, Field(ge=1)]


class ServiceComplaint(_Shape):
    service: str
    subject: str


class _TeamDirectoryEntry(_Shape):
    office: str | None = None  # the directory's office when not given
    manager: str = ""
    officers: tuple[str, ...] = ()
    responsibilities: str = ""


class _Directory(_Shape):
    office: str = ""
    teams: dict[str, _TeamDirectoryEntry] = {}


class _StaffSkip(_Shape):
    teams: frozenset[str] = frozenset()


class _Doorways(_Shape):
    """The service residents use to open each kind of case that is not a service request."""

    complaint: str = ""
    compliment: str = ""
    comment: str = ""
    foi: str = ""
    eir: str = ""
    sar: str = ""
    foi_internal_review: str = ""
    others: frozenset[str] = frozenset()

    def by_kind(self) -> dict[str, str]:
        kinds = self.model_dump(exclude={"others"})
        return {kind: slug for kind, slug in kinds.items() if slug}


Month = Annotated[int, Field(ge=1, le=12)]
Weight = Annotated[float, Field(ge=0)]


class _DemoFile(_Shape):
    email_domain: str
    town: str
    accounts: tuple[DemoAccount, ...]
    resident: DemoResidentHome
    staff: dict[str, Annotated[int, Field(ge=0)]] = {}
    staff_skip: _StaffSkip = _StaffSkip()
    directory: _Directory = _Directory()
    doorways: _Doorways = _Doorways()
    service_volumes: dict[str, Weight] = {}
    service_peaks: dict[str, dict[Month, Weight]] = {}
    descriptions: dict[str, tuple[str, ...]] = {}
    complaints: tuple[ServiceComplaint, ...] = ()
    streets: tuple[Street, ...]
    tower_blocks: tuple[TowerBlock, ...] = ()

    @model_validator(mode="after")
    def _every_role_has_an_account(self) -> _DemoFile:
        missing = set(Role) - {account.role for account in self.accounts}
        if missing:
            raise problem(
                f"accounts: no demo account for the roles {sorted(r.value for r in missing)}"
            )
        return self

    def council(self) -> DemoCouncil:
        volumes = dict(self.service_volumes)
        office = self.directory.office
        return DemoCouncil(
            email_domain=self.email_domain,
            town=self.town,
            accounts=self.accounts,
            resident_home=self.resident,
            staff_per_team=dict(self.staff),
            teams_without_staff=self.staff_skip.teams,
            doorways=self.doorways.by_kind(),
            other_doorways=self.doorways.others,
            default_volume=volumes.pop("default", 0.3),
            service_volumes=volumes,
            service_peaks={slug: dict(months) for slug, months in self.service_peaks.items()},
            descriptions=dict(self.descriptions),
            complaints=self.complaints,
            streets=self.streets,
            tower_blocks=self.tower_blocks,
            default_office=office,
            team_directory={
                slug: TeamDirectory(
                    office=office if entry.office is None else entry.office,
                    manager_title=entry.manager,
                    officer_titles=entry.officers,
                    responsibilities=entry.responsibilities,
                )
                for slug, entry in self.directory.teams.items()
            },
        )


@dataclass(frozen=True)
class DemoCouncil:
    email_domain: str
    town: str
    accounts: tuple[DemoAccount, ...]
    resident_home: DemoResidentHome
    staff_per_team: dict[str, int]
    teams_without_staff: frozenset[str]
    doorways: dict[str, str]
    other_doorways: frozenset[str]
    default_volume: float
    service_volumes: dict[str, float]
    service_peaks: dict[str, dict[int, float]]
    descriptions: dict[str, tuple[str, ...]]
    complaints: tuple[ServiceComplaint, ...]
    streets: tuple[Street, ...]
    tower_blocks: tuple[TowerBlock, ...]
    default_office: str = ""
    team_directory: dict[str, TeamDirectory] = field(default_factory=dict)

    def email(self, local_part: str) -> str:
        return f"{local_part}@{self.email_domain}"

    @property
    def team_slugs(self) -> frozenset[str]:
        """Every team this file names, which the catalogue must have."""
        named = {slug for account in self.accounts for slug in account.teams}
        return frozenset(named | set(self.staff_per_team) | set(self.team_directory))

    @property
    def all_doorways(self) -> frozenset[str]:
        return frozenset(self.doorways.values()) | self.other_doorways


def load_demo_council(slug: str) -> DemoCouncil:
    path = DATA_DIR / f"{slug}.toml"
    if not path.is_file():
        raise DemoError(
            f"There is no demo for the council profile '{slug}': add {path} "
            f"(see {DATA_DIR / 'oxford.toml'} for the shape)."
        )
    with path.open("rb") as handle:
        try:
            raw = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise DemoError(f"{path} is not valid TOML: {error}.") from None
    return parse_demo_council(raw, where=str(path))


def parse_demo_council(raw: dict, *, where: str = "The demo file") -> DemoCouncil:
    """The demo council a demo file's contents describe, or DemoError naming every problem."""
    try:
        return _DemoFile.model_validate(raw).council()
    except ValidationError as error:
        problems = "\n".join(f"- {sentence}" for sentence in sentences(error))
        raise DemoError(f"{where} is not a valid demo file:\n{problems}") from None
