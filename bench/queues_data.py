"""Half a million cases for bench/queues.py: made in Python from a fixed seed and written to
PostgreSQL with COPY, so that generating them takes minutes, not hours.

The shape follows a district council over three years: most cases belong to a few busy services,
almost all old cases are closed, the last month is mostly open, about 3% of residents carry a
vulnerability flag, and cases waiting for the resident have an open clock pause.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from faker.providers.person.en_GB import Provider as BritishNames

from opencex.accounts.models import Role, User
from opencex.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    CaseKind,
    Channel,
    ClockPause,
    Priority,
    Status,
)
from opencex.cases.references import ALPHABET, PREFIXES
from opencex.catalogue.models import Service, Team
from opencex.council.calendar import council_calendar
from opencex.people.models import Occupancy, Property, Relationship, Resident

SEED = 2026
YEARS = 3
OFFICERS_PER_TEAM = 8
# Given to exactly three residents, so that the bench can time a search for a rare name.
RARE_SURNAME = "Quarrington"
BENCH_PASSWORD = "bench-queues-password-2026"  # noqa: S105 - a throwaway benchmark database


@dataclass(frozen=True)
class BenchOfficer:
    role: Role
    email: str
    name: str
    teams: tuple[str, ...]


OFFICERS = (
    BenchOfficer(
        Role.CONTACT_CENTRE,
        "bench-contact-centre@example.org",
        "Cleo Centre",
        ("customer-services",),
    ),
    BenchOfficer(
        Role.CASEWORKER, "bench-caseworker@example.org", "Kai Worker", ("waste-services",)
    ),
    BenchOfficer(
        Role.TEAM_MANAGER,
        "bench-manager@example.org",
        "Mo Manager",
        ("waste-services", "street-cleansing", "commercial-waste"),
    ),
)

KINDS = [
    (CaseKind.SERVICE_REQUEST, 55),
    (CaseKind.ENQUIRY, 20),
    (CaseKind.COMPLAINT, 8),
    (CaseKind.COMPLIMENT, 2),
    (CaseKind.COMMENT, 2),
    (CaseKind.FOI, 8),
    (CaseKind.EIR, 2),
    (CaseKind.SAR, 2),
    (CaseKind.FOI_INTERNAL_REVIEW, 1),
]
CHANNELS = [
    (Channel.WEB, 55),
    (Channel.PHONE, 25),
    (Channel.EMAIL, 10),
    (Channel.FACE_TO_FACE, 5),
    (Channel.LETTER, 3),
    (Channel.OUTREACH, 1),
    (Channel.PARTNER_API, 1),
]
OPEN_SPLIT = [
    (Status.RECEIVED, 25),
    (Status.ACKNOWLEDGED, 15),
    (Status.IN_PROGRESS, 45),
    (Status.AWAITING_RESIDENT, 15),
]
CLOSED_SPLIT = [(Status.CLOSED, 85), (Status.RESOLVED, 10), (Status.WITHDRAWN, 5)]
WORKING_DAYS = {CaseKind.FOI: 20, CaseKind.EIR: 20, CaseKind.FOI_INTERNAL_REVIEW: 20}
INFORMATION_RIGHTS = {CaseKind.FOI, CaseKind.EIR, CaseKind.SAR, CaseKind.FOI_INTERNAL_REVIEW}
STREETS = (
    "Cowley Road", "Iffley Road", "Abingdon Road", "Banbury Road", "Woodstock Road",
    "London Road", "Botley Road", "Headington Road", "Marston Road", "Blackbird Leys Road",
    "Barns Road", "Between Towns Road", "Rose Hill", "Howard Street", "Magdalen Road",
)  # fmt: skip
WARDS = ("Cowley", "Iffley Fields", "Jericho", "Headington", "Blackbird Leys", "Rose Hill")
OUTWARD = ("OX1", "OX2", "OX3", "OX4", "OX14", "OX33", "OX44")
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _weighted(rng: random.Random, pairs, k: int) -> list:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=k)


def reference(kind: str, number: int) -> str:
    """A unique reference per number: an affine scramble of it, written in the reference
    alphabet, so that neighbouring cases do not get neighbouring references."""
    space = len(ALPHABET) ** 8
    n = (number * 1_234_567_891 + 987_654_321) % space  # the multiplier is coprime with 30
    body = ""
    for _ in range(8):
        n, digit = divmod(n, len(ALPHABET))
        body += ALPHABET[digit]
    return f"{PREFIXES[CaseKind(kind)]}-{body[:4]}-{body[4:]}"


def postcode(number: int) -> str:
    outward = OUTWARD[number % len(OUTWARD)]
    number //= len(OUTWARD)
    letters = INWARD_LETTERS
    a, b = letters[number % len(letters)], letters[(number // len(letters)) % len(letters)]
    return f"{outward} {1 + (number // 400) % 9}{a}{b}"


# --- COPY ---------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def copy_rows(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """COPY `rows` (values for `columns`) into `model`'s table. Fields the rows leave out take
    their model default, so a column added later does not break the generator."""
    given = set(columns)
    others = [f for f in model._meta.concrete_fields if f.column not in given and not f.primary_key]
    tail = "".join("\t" + _text(_default(f)) for f in others)
    names = ", ".join(f'"{name}"' for name in [*columns, *(f.column for f in others)])
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            chunk: list[str] = []
            for row in rows:
                chunk.append("\t".join(_text(v) for v in row) + tail + "\n")
                if len(chunk) == 20_000:
                    copy.write("".join(chunk))
                    count += len(chunk)
                    chunk.clear()
            copy.write("".join(chunk))
            count += len(chunk)
    return count


def _default(field):
    if field.has_default() or not field.null:
        value = field.get_default()
        if field.get_internal_type() == "JSONField":
            return value if value is not None else {}
        return value
    return None


# --- The world ----------------------------------------------------------------------------------


@dataclass
class World:
    rng: random.Random
    today: dt.date
    now: dt.datetime
    services: list[Service]
    teams: dict[str, Team]
    residents: int
    properties: int
    officers_by_team: dict[int, list[int]] = field(default_factory=dict)
    teams_by_id: dict[int, Team] = field(default_factory=dict)
    strangers: list[str] = field(default_factory=list)
    pauses: list[tuple] = field(default_factory=list)


def ensure_officers(world: World) -> dict[str, User]:
    """The three bench accounts (by email) and eight synthetic officers in every team."""
    password = make_password(BENCH_PASSWORD)
    accounts = {}
    for officer in OFFICERS:
        user, _ = User.objects.update_or_create(
            email=officer.email,
            defaults={"full_name": officer.name, "role": officer.role, "password": password},
        )
        user.teams.set([world.teams[slug] for slug in officer.teams])
        accounts[officer.email] = user
    existing = set(User.objects.filter(email__startswith="bench-officer-").values_list("email"))
    new = []
    for team in world.teams.values():
        for n in range(OFFICERS_PER_TEAM):
            email = f"bench-officer-{team.slug}-{n}@example.org"
            if (email,) not in existing:
                new.append(
                    User(email=email, full_name=f"Officer {n} {team.name}", role="caseworker")
                )
    for user in new:
        user.set_unusable_password()
    User.objects.bulk_create(new)
    through = User.teams.through
    members = {(m.user_id, m.team_id) for m in through.objects.all()}
    links = []
    for user in User.objects.filter(email__startswith="bench-officer-"):
        team = world.teams[user.email.removeprefix("bench-officer-").rsplit("-", 1)[0]]
        if (user.id, team.id) not in members:
            links.append(through(user_id=user.id, team_id=team.id))
    through.objects.bulk_create(links)
    for user_id, team_id in through.objects.values_list("user_id", "team_id"):
        world.officers_by_team.setdefault(team_id, []).append(user_id)
    return accounts


def _names(rng: random.Random, k: int) -> list[str]:
    firsts = BritishNames.first_names_male + BritishNames.first_names_female
    lasts = list(BritishNames.last_names.items())
    surnames = _weighted(rng, lasts, k)
    return [f"{rng.choice(firsts)} {surname}" for surname in surnames]


def _people(world: World) -> tuple[list[tuple[str, str, str, bool]], list[int]]:
    """Properties, residents and who lives where; returns each resident's (name, email, phone,
    is_priority) and property id, in id order from 1."""
    rng = world.rng
    copy_rows(
        Property,
        ["id", "uprn", "address_line_1", "town", "postcode", "ward", "is_council_owned"],
        (
            (
                i,
                str(100_000_000_000 + i),
                f"{1 + i % 180} {STREETS[(i // 180) % len(STREETS)]}",
                "Oxford",
                postcode(i // 20),
                WARDS[i % len(WARDS)],
                i % 5 == 0,
            )
            for i in range(1, world.properties + 1)
        ),
    )
    names = _names(rng, world.residents)
    for n in (1, 2, 3):
        rare = len(names) * n // 4
        names[rare] = f"{names[rare].split()[0]} {RARE_SURNAME}"
    residents = []
    for i, name in enumerate(names, start=1):
        local = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
        residents.append((name, f"{local}.{i}@example.org", f"07{300_000_000 + i:09d}", False))
    residents = [(n, e, p, rng.random() < 0.03) for n, e, p, _ in residents]
    now = world.now
    copy_rows(
        Resident,
        ["id", "full_name", "email", "phone", "is_priority", "created_at", "updated_at"],
        ((i, *resident, now, now) for i, resident in enumerate(residents, start=1)),
    )
    homes = [1 + rng.randrange(world.properties) for _ in residents]
    relationships = [r.value for r in Relationship]
    copy_rows(
        Occupancy,
        ["id", "resident_id", "property_id", "relationship", "started_on"],
        (
            (i, i, home, rng.choice(relationships), world.today - dt.timedelta(rng.randrange(9000)))
            for i, home in enumerate(homes, start=1)
        ),
    )
    return residents, homes


def _due_dates(world: World):
    calendar = council_calendar()
    cache: dict[tuple[dt.date, int], dt.date] = {}

    def due(kind: str, received: dt.date, service: Service | None) -> dt.date:
        if kind == CaseKind.SAR:
            return received + dt.timedelta(days=30)
        days = WORKING_DAYS.get(kind) or (service.standard_days if service else None) or 10
        key = (received, days)
        if key not in cache:
            cache[key] = calendar.add_working_days(received, days)
        return cache[key]

    return due


def _status(rng: random.Random, age: int) -> str:
    open_share = 0.7 if age <= 30 else 0.25 if age <= 90 else 0.03
    split = OPEN_SPLIT if rng.random() < open_share else CLOSED_SPLIT
    return _weighted(rng, split, 1)[0]


FEEDBACK = {CaseKind.COMPLAINT, CaseKind.COMPLIMENT, CaseKind.COMMENT}


def _team(world: World, kind: str, service: Service | None) -> Team:
    """As cases.routing does it: information rights, else the service's team, else by kind."""
    if kind in INFORMATION_RIGHTS:
        return world.teams["information-governance"]
    if service is not None and service.team_id:
        return world.teams_by_id[service.team_id]
    return world.teams["complaints-and-feedback" if kind in FEEDBACK else "customer-services"]


def _priority(rng: random.Random, is_flagged: bool) -> int:
    """High for a flagged resident (as open_case sets it), and a few high or urgent others."""
    roll = rng.random()
    if roll < 0.015:
        return Priority.URGENT
    return Priority.HIGH if is_flagged or roll < 0.045 else Priority.NORMAL


def _pause(rng: random.Random, number: int, kind: str, status: str, received: dt.date, today):
    """An open pause for a case waiting for the resident; a finished one for some closed
    information requests; otherwise None."""
    if status == Status.AWAITING_RESIDENT:
        return (
            number,
            "clarification",
            max(received, today - dt.timedelta(rng.randrange(20))),
            None,
        )
    if status not in OPEN_STATUSES and kind in INFORMATION_RIGHTS and rng.random() < 0.1:
        start = received + dt.timedelta(days=3)
        return (number, "clarification", start, start + dt.timedelta(days=5))
    return None


def _cases(world: World, count: int, residents, homes) -> Iterator[tuple]:
    """One tuple per case, in CASE_COLUMNS order; also fills world.pauses."""
    rng, today = world.rng, world.today
    due_on = _due_dates(world)
    popular = list(world.services)
    rng.shuffle(popular)
    kinds = _weighted(rng, KINDS, count)
    channels = _weighted(rng, CHANNELS, count)
    services = rng.choices(
        popular, weights=[1 / (r + 1) ** 0.8 for r in range(len(popular))], k=count
    )
    for i, (kind, channel, service) in enumerate(zip(kinds, channels, services, strict=True), 1):
        if kind in INFORMATION_RIGHTS or (kind != CaseKind.SERVICE_REQUEST and rng.random() < 0.4):
            service = None
        team = _team(world, kind, service)
        age = int(YEARS * 365 * rng.random() ** 1.15)  # a little busier lately
        received_on = today - dt.timedelta(days=age)
        received_at = dt.datetime.combine(
            received_on, dt.time(8 + rng.randrange(10), rng.randrange(60)), dt.UTC
        )
        status = _status(rng, age)
        is_open = status in OPEN_STATUSES
        resident = 1 + rng.randrange(world.residents) if rng.random() < 0.75 else None
        if resident:
            name, email, phone, is_flagged = residents[resident - 1]
            home = homes[resident - 1] if rng.random() < 0.8 else None
        else:
            name, phone, is_flagged = world.strangers[i % len(world.strangers)], "", False
            email = f"contact{i}@example.net" if rng.random() < 0.7 else ""
            home = 1 + rng.randrange(world.properties) if rng.random() < 0.3 else None
        officers = world.officers_by_team.get(team.id, [])
        assigned = None
        if officers and rng.random() < (0.6 if is_open else 0.9):
            assigned = rng.choice(officers)
        closed_at = None
        if not is_open:
            later = dt.timedelta(days=rng.randrange(1, 25), hours=rng.randrange(8))
            closed_at = min(received_at + later, world.now)
        acknowledged = None
        if kind == CaseKind.COMPLAINT and status != Status.RECEIVED:
            acknowledged = received_on + dt.timedelta(days=2)
        pause = _pause(rng, i, kind, status, received_on, today)
        if pause:
            world.pauses.append(pause)
        title = service.title if service else CaseKind(kind).label
        yield (
            i,
            reference(kind, i),
            kind,
            status,
            (2 if rng.random() < 0.1 else 1) if kind == CaseKind.COMPLAINT else None,
            channel,
            int(_priority(rng, is_flagged)),
            resident,
            home,
            name,
            email,
            phone if channel == Channel.PHONE else "",
            service.id if service else None,
            team.id,
            assigned,
            title[:200],
            f"{title}. Details given by the resident, case {i}.",
            received_at,
            received_on,
            received_on,
            acknowledged,
            due_on(kind, received_on, service),
            closed_at.date() if closed_at else None,
            closed_at,
            "Resolved" if closed_at else "",
            received_at,
            closed_at or received_at,
        )


CASE_COLUMNS = [
    "id", "reference", "kind", "status", "stage", "channel", "priority", "resident_id",
    "property_id", "contact_name", "contact_email", "contact_phone", "service_id", "team_id",
    "assigned_to_id", "subject", "description", "received_at", "received_on", "clock_started_on",
    "acknowledged_on", "due_on", "responded_on", "closed_at", "outcome", "created_at", "updated_at",
]  # fmt: skip


def case_count() -> int:
    return Case.objects.count()


def wipe() -> None:
    """Empty the tables the generator fills (and whatever points at them) in the bench database."""
    tables = [
        m._meta.db_table for m in (Case, ClockPause, CaseEvent, Occupancy, Resident, Property)
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def generate(*, cases: int, residents: int, properties: int, say=print) -> dict[str, int]:
    """Generate the people and `cases` cases in one transaction; returns row counts."""
    rng = random.Random(SEED)
    now = timezone.now()
    teams = {team.slug: team for team in Team.objects.all()}
    world = World(
        rng=rng,
        today=timezone.localdate(),
        now=now,
        services=list(Service.objects.live().exclude(team=None)),
        teams=teams,
        residents=residents,
        properties=properties,
    )
    world.teams_by_id = {team.id: team for team in teams.values()}
    world.strangers = _names(rng, 5000)
    started = time.perf_counter()
    ensure_officers(world)
    with transaction.atomic():
        people, homes = _people(world)
        say(f"  people written in {time.perf_counter() - started:.0f} s")
        written = copy_rows(Case, CASE_COLUMNS, _cases(world, cases, people, homes))
        say(f"  {written:,} cases written in {time.perf_counter() - started:.0f} s")
        copy_rows(
            ClockPause,
            ["id", "case_id", "reason", "started_on", "ended_on"],
            ((n, *pause) for n, pause in enumerate(world.pauses, start=1)),
        )
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Property, Resident, Occupancy, Case, ClockPause]
            ):
                cursor.execute(statement)
    say(f"  committed in {time.perf_counter() - started:.0f} s; analysing")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    say(f"  generated in {time.perf_counter() - started:.0f} s")
    return {"cases": written, "residents": residents, "pauses": len(world.pauses)}
