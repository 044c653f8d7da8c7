"""A council's demo file (`data/<profile slug>.toml`): demo staff, streets and service volumes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from opencex.accounts.models import Role

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoError(Exception):
    """The demo cannot be loaded, with a message that says what to fix."""


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    local_part: str
    full_name: str
    job_title: str
    teams: tuple[str, ...]
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


@dataclass(frozen=True)
class DemoResidentHome:
    phone: str
    date_of_birth: date
    address_line_1: str
    address_line_2: str
    postcode: str
    ward: str
    uprn: str


@dataclass(frozen=True)
class Street:
    name: str
    sector: str  # "OX4 6": the outward code and the sector digit
    ward: str
    council_share: float


@dataclass(frozen=True)
class TowerBlock:
    name: str
    street: str
    sector: str
    ward: str
    flats: int


@dataclass(frozen=True)
class ServiceComplaint:
    service: str
    subject: str


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
        raw = tomllib.load(handle)
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as error:
        raise DemoError(f"{path} is not a valid demo file: {error!r}") from error


def _parse(raw: dict) -> DemoCouncil:
    accounts = tuple(
        DemoAccount(
            role=Role(entry["role"]),
            local_part=entry["local_part"],
            full_name=entry["full_name"],
            job_title=entry.get("job_title", ""),
            teams=tuple(entry.get("teams", ())),
            responsibilities=entry.get("responsibilities", ""),
            work_phone=entry.get("work_phone", ""),
            office=entry.get("office", ""),
        )
        for entry in raw["accounts"]
    )
    directory = raw.get("directory", {})
    missing = set(Role) - {account.role for account in accounts}
    if missing:
        raise ValueError(f"no demo account for the roles {sorted(missing)}")
    home = raw["resident"]
    doorways = dict(raw.get("doorways", {}))
    others = frozenset(doorways.pop("others", ()))
    volumes = {key: float(value) for key, value in raw.get("service_volumes", {}).items()}
    return DemoCouncil(
        email_domain=raw["email_domain"],
        town=raw["town"],
        accounts=accounts,
        resident_home=DemoResidentHome(
            phone=home["phone"],
            date_of_birth=date.fromisoformat(home["date_of_birth"]),
            address_line_1=home["address_line_1"],
            address_line_2=home.get("address_line_2", ""),
            postcode=home["postcode"],
            ward=home.get("ward", ""),
            uprn=home["uprn"],
        ),
        staff_per_team={slug: int(n) for slug, n in raw.get("staff", {}).items()},
        teams_without_staff=frozenset(raw.get("staff_skip", {}).get("teams", ())),
        doorways=doorways,
        other_doorways=others,
        default_volume=volumes.pop("default", 0.3),
        service_volumes=volumes,
        service_peaks={
            slug: {int(month): float(factor) for month, factor in months.items()}
            for slug, months in raw.get("service_peaks", {}).items()
        },
        descriptions={slug: tuple(texts) for slug, texts in raw.get("descriptions", {}).items()},
        complaints=tuple(ServiceComplaint(**entry) for entry in raw.get("complaints", ())),
        streets=tuple(
            Street(
                name=entry["name"],
                sector=entry["sector"],
                ward=entry["ward"],
                council_share=float(entry.get("council", 0)),
            )
            for entry in raw["streets"]
        ),
        tower_blocks=tuple(TowerBlock(**entry) for entry in raw.get("tower_blocks", ())),
        default_office=directory.get("office", ""),
        team_directory={
            slug: TeamDirectory(
                office=entry.get("office", directory.get("office", "")),
                manager_title=entry.get("manager", ""),
                officer_titles=tuple(entry.get("officers", ())),
                responsibilities=entry.get("responsibilities", ""),
            )
            for slug, entry in directory.get("teams", {}).items()
        },
    )
