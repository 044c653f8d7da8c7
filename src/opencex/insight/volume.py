"""A council's worth of years of cases and contacts for measuring the insight figures at volume:
millions of rows written straight into the real tables with PostgreSQL's COPY.

The rows are plausible rather than told as stories (the demo history does that): channels,
kinds, services and teams from the catalogue in realistic shares, received over `years` years
weighted to working hours and weekdays, most long since closed, complaints and information
requests with clocks, due dates and answers mostly in time. Every constraint holds, so the
figures count them as they count real ones. See docs/insight-scale.md.
"""

from __future__ import annotations

import bisect
import os
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.cases.models import Case, CaseKind, Channel, Status
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Service, Team
from opencex.contacts.models import Outcome
from opencex.insight import rollups

LONDON = ZoneInfo("Europe/London")
OFFICER_EMAIL = "volume.officer@example.invalid"
REFERENCE_PREFIX = "VOL"
CHUNK = 50_000
NULL = "\\N"

K = CaseKind
CASE_KINDS = {  # kind: share of cases
    K.SERVICE_REQUEST: 70.0,
    K.ENQUIRY: 14.0,
    K.COMPLAINT: 5.0,
    K.COMPLIMENT: 2.0,
    K.COMMENT: 2.0,
    K.FOI: 4.5,
    K.EIR: 0.8,
    K.SAR: 1.4,
    K.FOI_INTERNAL_REVIEW: 0.3,
}
CASE_CHANNELS = {
    Channel.WEB: 46,
    Channel.PHONE: 28,
    Channel.EMAIL: 11,
    Channel.FACE_TO_FACE: 6,
    Channel.LETTER: 3,
    Channel.OUTREACH: 2,
    Channel.PARTNER_API: 4,
}
CONTACT_CHANNELS = {
    Channel.PHONE: 58,
    Channel.FACE_TO_FACE: 18,
    Channel.EMAIL: 14,
    Channel.LETTER: 4,
    Channel.OUTREACH: 4,
    Channel.WEB: 2,
}
CONTACT_OUTCOMES = {Outcome.RESOLVED: 56, Outcome.SIGNPOSTED: 9, Outcome.CASE_OPENED: 35}
SCORES = {1: 9, 2: 8, 3: 15, 4: 33, 5: 35}
RATED_SHARE = 0.15
# Demand by hour of a weekday and of a weekend day (the desks are shut at weekends).
WEEKDAY_HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 20, 30, 30, 28, 24, 26, 28, 26, 22, 14, 8, 6, 5, 4, 3, 2]
WEEKEND_HOURS = [1, 1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 7, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2, 1]
WEEKEND_SHARE = 0.35  # a weekend day's demand against a weekday's
# Working days a kind's clock allows, as calendar days (a working week is 7 days for 5).
CLOCK_DAYS = {
    K.SERVICE_REQUEST: 14,
    K.ENQUIRY: 14,
    K.COMPLAINT: 14,
    K.FOI: 28,
    K.EIR: 28,
    K.SAR: 30,
    K.FOI_INTERNAL_REVIEW: 28,
}
STAGE_2_CLOCK_DAYS = 28
ANSWERED_KINDS = frozenset({K.COMPLAINT, K.FOI, K.EIR, K.SAR, K.FOI_INTERNAL_REVIEW})


class VolumeError(Exception):
    pass


ALLOW_SETTING = "OPENCEX_ALLOW_VOLUME_GENERATION"
FORCE_FLAG = "--into-an-empty-or-bench-database"


def check_may_generate(*, forced: bool = False) -> None:
    """Refuse to write millions of made-up rows (with the triggers and foreign key checks off
    while they load) into a database that holds real cases: only into one with no cases but the
    generator's own, or when both the command's flag and OPENCEX_ALLOW_VOLUME_GENERATION=1 (a
    setting or the environment) say this database is a bench."""
    others = Case.objects.exclude(reference__startswith=REFERENCE_PREFIX)
    if not others.exists():
        return
    allowed = str(getattr(settings, ALLOW_SETTING, os.environ.get(ALLOW_SETTING, ""))) in {
        "1",
        "True",
    }
    if forced and allowed:
        return
    raise VolumeError(
        f"This database holds {others.count():,} cases the generator did not make: it may be a "
        "council's live database, and the generator writes millions of made-up rows with the "
        "triggers and foreign key checks off. Use an empty database (createdb opencex_bench). "
        f"For a bench database that holds other cases on purpose, give {FORCE_FLAG} and set "
        f"{ALLOW_SETTING}=1."
    )


@dataclass
class VolumeReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def _weighted(rng: random.Random, weights: dict, n: int) -> list:
    return rng.choices(list(weights), weights=list(weights.values()), k=n)


class _Clock:
    """Random moments over the span, weighted to weekdays and working hours, in time order."""

    def __init__(self, rng: random.Random, first: date, last: date) -> None:
        self.rng = rng
        self.days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        weights = [WEEKEND_SHARE if day.weekday() >= 5 else 1.0 for day in self.days]
        self.cumulative = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total
        self.offsets: dict[tuple[date, int], timedelta] = {}

    def moments(self, n: int) -> list[tuple[datetime, date]]:
        """n (UTC moment, London date) pairs, earliest first."""
        rng, days, cumulative, total = self.rng, self.days, self.cumulative, self.total
        picks = sorted(bisect.bisect_left(cumulative, rng.random() * total) for _ in range(n))
        weekday_hours = rng.choices(range(24), weights=WEEKDAY_HOURS, k=n)
        weekend_hours = rng.choices(range(24), weights=WEEKEND_HOURS, k=n)
        moments = []
        for i, index in enumerate(picks):
            day = days[min(index, len(days) - 1)]
            hour = weekend_hours[i] if day.weekday() >= 5 else weekday_hours[i]
            local = datetime.combine(day, clock_time(hour, rng.randrange(60), rng.randrange(60)))
            moments.append((local - self._offset(day, hour), day))
        # Sorted by day already; within a day by the moment.
        moments.sort()
        return moments

    def _offset(self, day: date, hour: int) -> timedelta:
        key = (day, hour)
        if key not in self.offsets:
            # A London wall-clock time on a clock-change night is read as London reads it
            # (fold 0), so the UTC moment's London date is always `day`.
            offset = datetime.combine(day, clock_time(hour, 30), LONDON).utcoffset()
            self.offsets[key] = offset or timedelta(0)
        return self.offsets[key]


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S+00")


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (our tables)
    return cursor.fetchone()[0]


def _set_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (our tables)
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
    )


def _copy(cursor, table: str, columns: list[str], lines) -> int:
    """COPY text lines (tab-separated, \\N for null) into `table`, in chunks."""
    n = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= CHUNK:
                copy.write("\n".join(buffer) + "\n")
                n += len(buffer)
                buffer = []
        if buffer:
            copy.write("\n".join(buffer) + "\n")
            n += len(buffer)
    return n


def generate_volume(
    *,
    cases: int,
    contacts: int,
    seed: int = 14,
    years: float = 2.5,
    until: date | None = None,
    residents: int | None = None,
    say=lambda message: None,
    forced: bool = False,
) -> VolumeReport:
    """Write `cases` cases, `contacts` contacts, their residents and ratings (about one closed
    case in seven is rated) received over the `years` years up to `until` (default today).
    Only into a database without others' cases unless `forced` (see `check_may_generate`)."""
    if connection.vendor != "postgresql":
        raise VolumeError(
            "generate_volume writes with PostgreSQL's COPY: point DATABASE_URL at a PostgreSQL "
            "database (createdb opencex_bench; DATABASE_URL=postgres://.../opencex_bench)."
        )
    check_may_generate(forced=forced)
    if not Service.objects.exists():
        # The demo council's catalogue, as `opencex demo` loads it (no demo history).
        load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    services = list(
        Service.objects.filter(is_live=True).values("pk", "case_kind", "team_id", "title")
    )
    teams = list(Team.objects.values_list("pk", flat=True))
    if not services or not teams:
        raise VolumeError("The catalogue has no live service or no team to give the cases.")
    rng = random.Random(seed)
    until = until or timezone.localdate()
    first = until - timedelta(days=round(365.25 * years) - 1)
    now = datetime.combine(until, clock_time(18), LONDON).astimezone(LONDON)
    residents = residents if residents is not None else max(1, cases // 5)
    report = VolumeReport()
    officer, _ = User.objects.get_or_create(
        email=OFFICER_EMAIL,
        defaults={"role": Role.CONTACT_CENTRE, "full_name": "Volume Officer"},
    )
    clock = _Clock(rng, first, until)
    service_for = _service_chooser(services, teams)

    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # psycopg's own cursor, for COPY
        # Row by row, the rollup triggers and the foreign keys' checks would take longer than
        # the load: they are off for this transaction only. The foreign keys are then checked
        # a table at a time and the rollups recounted once.
        fast = _replica_role(cursor)
        triggers = [] if fast else _rollup_triggers(cursor)
        for table, trigger in triggers:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        started = time.perf_counter()
        first_resident = _next_id(cursor, "people_resident")
        stamp = _ts(now.astimezone(LONDON).replace(tzinfo=None) - timedelta(hours=1))
        report.counts["residents"] = _copy(
            cursor,
            "people_resident",
            ["id", "full_name", "email", "phone", "preferred_channel", "preferred_language",
             "needs_interpreter", "accessibility_needs", "consents_to_email", "consents_to_sms",
             "consents_to_research", "is_priority", "created_at", "updated_at",
             "accessible_format", "interpreter_language"],
            (
                f"{first_resident + i}\tVolume resident {i + 1}\t\t\temail\ten\tf\t\tt\tf\tf\tf"
                f"\t{stamp}\t{stamp}\t\t"
                for i in range(residents)
            ),
        )  # fmt: skip
        _set_sequence(cursor, "people_resident")
        report.seconds["residents"] = time.perf_counter() - started
        say(f"{report.counts['residents']:,} residents in {report.seconds['residents']:.1f} s")

        started = time.perf_counter()
        first_case = _next_id(cursor, "cases_case")
        rated: list[tuple[int, str, int | None, datetime]] = []
        case_rows = _case_rows(
            rng, clock, cases, first_case, first_resident, residents, service_for, now, rated
        )
        report.counts["cases"] = _copy(
            cursor,
            "cases_case",
            ["id", "reference", "kind", "status", "stage", "channel", "priority", "resident_id",
             "contact_name", "contact_email", "contact_phone", "service_id", "team_id",
             "subject", "description", "answers", "language", "received_at", "received_on",
             "clock_started_on", "is_extended", "extension_days", "due_on", "responded_on",
             "closed_at", "outcome", "expected_on_revised_reason", "hazard_class",
             "alternative_accommodation_offered", "further_work_delay_reason",
             "submission_fingerprint", "created_at", "updated_at"],
            case_rows,
        )  # fmt: skip
        _set_sequence(cursor, "cases_case")
        report.seconds["cases"] = time.perf_counter() - started
        say(f"{report.counts['cases']:,} cases in {report.seconds['cases']:.1f} s")

        started = time.perf_counter()
        first_rating = _next_id(cursor, "feedback_rating")
        scores = _weighted(rng, SCORES, len(rated))
        report.counts["ratings"] = _copy(
            cursor,
            "feedback_rating",
            ["id", "service_id", "case_id", "channel", "score", "comment", "page_path",
             "language", "created_at"],
            (
                f"{first_rating + i}\t{NULL if service is None else service}\t{case_id}"
                f"\t{channel}\t{scores[i]}\t\t\ten\t{_ts(at)}"
                for i, (case_id, channel, service, at) in enumerate(rated)
            ),
        )  # fmt: skip
        _set_sequence(cursor, "feedback_rating")
        report.seconds["ratings"] = time.perf_counter() - started
        say(f"{report.counts['ratings']:,} ratings in {report.seconds['ratings']:.1f} s")

        started = time.perf_counter()
        first_contact = _next_id(cursor, "contacts_contact")
        report.counts["contacts"] = _copy(
            cursor,
            "contacts_contact",
            ["id", "resident_id", "officer_id", "channel", "place", "service_id", "phone_line",
             "is_vulnerable_line", "outcome", "signposted_to", "case_id", "note", "at",
             "triage_answers", "triage_outcome"],
            _contact_rows(
                rng, clock, contacts, first_contact, first_resident, residents, services,
                officer.pk, first_case, cases, first, until,
            ),
        )  # fmt: skip
        _set_sequence(cursor, "contacts_contact")
        report.seconds["contacts"] = time.perf_counter() - started
        say(f"{report.counts['contacts']:,} contacts in {report.seconds['contacts']:.1f} s")

        started = time.perf_counter()
        if fast:
            cursor.execute("SET LOCAL session_replication_role = origin")
            _check_foreign_keys(cursor, LOADED_TABLES)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check any foreign keys left now
        for table, trigger in triggers:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        rollups.recount()
        report.seconds["rollups"] = time.perf_counter() - started
        say(f"Recounted the daily rollups in {report.seconds['rollups']:.1f} s")

    started = time.perf_counter()
    # Vacuumed too where it can be (not inside a transaction, as in a test): the visibility map
    # a freshly loaded table lacks is what lets the figures' indexes answer on their own, as
    # autovacuum would leave a council's tables.
    analyze = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in ("people_resident", "cases_case", "feedback_rating", "contacts_contact"):
            cursor.execute(f"{analyze} {table}")
    report.seconds["analyze"] = time.perf_counter() - started
    return report


LOADED_TABLES = ("people_resident", "cases_case", "feedback_rating", "contacts_contact")


def _replica_role(cursor) -> bool:
    """Switch this transaction's triggers off (foreign-key checks and the rollups'), where
    the database role may (a superuser, as on a bench database)."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if not cursor.fetchone()[0]:
        return False
    cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def _check_foreign_keys(cursor, tables: tuple[str, ...]) -> None:
    """Every foreign key of `tables` holds, checked with one anti-join per key."""
    cursor.execute(
        """
        SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
        """,
        [list(tables)],
    )
    for table, column, referenced, key in cursor.fetchall():
        cursor.execute(
            f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "  # noqa: S608
            f"(SELECT 1 FROM {referenced} r WHERE r.{key} = t.{column})"
        )
        broken = cursor.fetchone()[0]
        if broken:
            raise VolumeError(f"{broken} rows of {table}.{column} point at no {referenced}.")


def _rollup_triggers(cursor) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname LIKE 'insight_%'"
    )
    return list(cursor.fetchall())


def _service_chooser(services: Sequence[Mapping[str, Any]], teams: list[int]):
    """For a kind, a (service id, team id) as a case of that kind would have them: a service
    of that kind if the catalogue has one, else any service (a complaint is about one)."""
    by_kind: dict[str, list[Mapping[str, Any]]] = {}
    for service in services:
        by_kind.setdefault(service["case_kind"] or K.SERVICE_REQUEST, []).append(service)
    about = [s for s in services if s["case_kind"] not in {K.COMPLAINT, K.FOI, K.SAR, K.EIR}]

    def choose(rng: random.Random, kind: str) -> tuple[int, int]:
        pool = by_kind.get(kind) if kind not in {K.COMPLAINT, K.COMPLIMENT, K.COMMENT} else None
        service = rng.choice(pool or about or services)
        return service["pk"], service["team_id"] or teams[service["pk"] % len(teams)]

    return choose


def _case_rows(rng, clock, n, first_id, first_resident, residents, service_for, now, rated):
    kinds = _weighted(rng, CASE_KINDS, n)
    channels = _weighted(rng, CASE_CHANNELS, n)
    now_utc = now.astimezone(LONDON).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    today = now.date()
    for i, (received_at, received_on) in enumerate(clock.moments(n)):
        case_id = first_id + i
        kind = kinds[i]
        channel = channels[i]
        service, team = service_for(rng, kind)
        resident = NULL if rng.random() < 0.2 else str(first_resident + rng.randrange(residents))
        stage: int | None = None
        clock_started_on = received_on
        due_on: date | None = received_on + timedelta(days=CLOCK_DAYS.get(kind, 14))
        responded_on: date | None = None
        is_extended = False
        if kind in {K.COMPLIMENT, K.COMMENT}:
            due_on = None
        if kind == K.COMPLAINT:
            stage = 1
            if rng.random() < 0.12 and received_on + timedelta(days=20) < today:
                stage = 2
                clock_started_on = received_on + timedelta(days=rng.randint(15, 40))
                due_on = clock_started_on + timedelta(days=STAGE_2_CLOCK_DAYS)
        if kind in ANSWERED_KINDS and due_on is not None and rng.random() < 0.05:
            is_extended = True
            due_on = due_on + timedelta(days=14 if kind == K.COMPLAINT else 28)
        # Most cases are finished in time; the rest late; some still open.
        took = rng.randint(1, (due_on - clock_started_on).days if due_on else 20)
        if rng.random() < 0.14:
            took += rng.randint(1, 30)  # late
        finished_on = clock_started_on + timedelta(days=took)
        withdrawn = rng.random() < 0.015
        if finished_on > today or clock_started_on > today:
            status, closed_at = Status.IN_PROGRESS, None
        else:
            if kind in ANSWERED_KINDS:
                responded_on = finished_on
            closed = datetime.combine(
                finished_on + timedelta(days=rng.randint(0, 3) if responded_on else 0),
                clock_time(rng.randint(9, 16), rng.randrange(60)),
            )
            if closed > now_utc:
                status, closed_at = Status.RESPONDED, None
            else:
                status, closed_at = Status.CLOSED, closed
            if withdrawn:
                status, responded_on = Status.WITHDRAWN, None
        if closed_at is not None and status == Status.CLOSED and rng.random() < RATED_SHARE:
            rated.append((case_id, channel, service, closed_at + timedelta(hours=20)))
        yield "\t".join(
            (
                str(case_id),
                f"{REFERENCE_PREFIX}{case_id:010d}",
                kind,
                status,
                NULL if stage is None else str(stage),
                channel,
                "2",
                resident,
                f"Volume resident {i}",
                "",
                "",
                str(service),
                str(team),
                "Generated for the insight bench",
                "",
                "{}",
                "en",
                _ts(received_at),
                received_on.isoformat(),
                clock_started_on.isoformat(),
                "t" if is_extended else "f",
                "0",
                NULL if due_on is None else due_on.isoformat(),
                NULL if responded_on is None else responded_on.isoformat(),
                NULL if closed_at is None else _ts(closed_at),
                "",
                "",
                "",
                "f",
                "",
                "",
                _ts(received_at),
                _ts(received_at),
            )
        )


def _contact_rows(
    rng, clock, n, first_id, first_resident, residents, services, officer, first_case,
    cases, first, until,
):  # fmt: skip
    channels = _weighted(rng, CONTACT_CHANNELS, n)
    outcomes = _weighted(rng, CONTACT_OUTCOMES, n)
    span = (until - first).days + 1
    for i, (at, day) in enumerate(clock.moments(n)):
        outcome = outcomes[i]
        if outcome == Outcome.CASE_OPENED and cases:
            # A case received about the same time: cases are numbered in time order.
            position = ((day - first).days + rng.random()) / span
            case = str(first_case + min(cases - 1, int(position * cases)))
        else:
            case = NULL
            if outcome == Outcome.CASE_OPENED:
                outcome = Outcome.RESOLVED
        resident = NULL if rng.random() < 0.3 else str(first_resident + rng.randrange(residents))
        service = NULL if rng.random() < 0.1 else str(rng.choice(services)["pk"])
        yield (
            f"{first_id + i}\t{resident}\t{officer}\t{channels[i]}\t\t{service}\t\tf\t{outcome}"
            f"\t{'Citizens Advice' if outcome == Outcome.SIGNPOSTED else ''}\t{case}\t"
            f"\t{_ts(at)}\t{{}}\t"
        )
