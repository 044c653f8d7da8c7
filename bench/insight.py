# ruff: noqa: S608 (the SQL is built from this file's own table names and constants)
"""How long each insight figure takes on a big PostgreSQL database, and whether every number it
gives equals an independent recount by DuckDB over the same rows, in the same run.

    createdb -h 127.0.0.1 -U postgres opencex_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/opencex_bench
    PYTHONPATH=src .venv/bin/opencex migrate
    PYTHONPATH=src .venv/bin/opencex generate_volume --cases 2000000 --contacts 5000000 --seed 14
    PYTHONPATH=src .venv/bin/python bench/insight.py [--until 2026-12-05] [--runs 5]

For each figure in FIGURES and each period (the month, the quarter and the 12 months ending on
`--until`, default the last day a case was received): the Django/PostgreSQL computation is run
once to warm up and then `--runs` times (the median is printed; a figure slower than
`--slow` seconds on its warm-up is timed once); the rows it counts are exported once with
`COPY ... TO STDOUT` into CSV files that DuckDB reads, and a recount in DuckDB SQL, written
from the figures' written definitions (their docstrings), not from the ORM's SQL, must give the
same rows. Exit status 1 if any number differs or any figure took longer than `--limit` seconds.

A new dashboard is one more line in FIGURES: its name, a callable(period) giving its rows as
plain tuples, and a callable(duckdb connection, Bench period) giving the same tuples.
See docs/insight-scale.md.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")

import django

django.setup()

import duckdb  # noqa: E402
from django.db import connection  # noqa: E402

from opencex.cases.models import OPEN_STATUSES, CaseKind, Channel  # noqa: E402
from opencex.council.calendar import council_calendar  # noqa: E402
from opencex.insight import (  # noqa: E402
    complaints,
    dashboards,
    information_requests,
    overdue,
    selectors,
)
from opencex.insight.durations import clock_calendar  # noqa: E402
from opencex.insight.periods import Period  # noqa: E402

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
CHANNELS = list(Channel.values)
KINDS = list(CaseKind.values)
SELF_SERVICE = ("web",)
ASSISTED = ("phone", "face_to_face", "email", "letter", "outreach")
RESOLVED = ("resolved_at_first_contact", "signposted")
INFO_KINDS = ("foi", "eir", "sar", "foi_internal_review")


# The rows exported for DuckDB: (file name, SELECT); timestamps in UTC.
EXPORTS = {
    "cases": "SELECT id, kind, stage, status, channel, resident_id, service_id, team_id,"
    " received_at AT TIME ZONE 'UTC' AS received_at, received_on, clock_started_on, due_on,"
    " due_at AT TIME ZONE 'UTC' AS due_at, responded_on,"
    " closed_at AT TIME ZONE 'UTC' AS closed_at, is_extended FROM cases_case",
    "contacts": "SELECT id, channel, outcome, resident_id, service_id,"
    " at AT TIME ZONE 'UTC' AS logged_at FROM contacts_contact",
    "ratings": "SELECT id, channel, score, created_at AT TIME ZONE 'UTC' AS created_at"
    " FROM feedback_rating",
    "services": "SELECT id, title, service_area_id, case_kind, team_id FROM catalogue_service",
    "teams": "SELECT id, service_area_id FROM catalogue_team",
    "areas": "SELECT id, name FROM catalogue_servicearea",
    "complaints": "SELECT case_id, raised_from_id, about_service_id FROM complaints_complaint",
    "pauses": "SELECT case_id, started_on, ended_on FROM cases_clockpause",
}
# Rows the recounts here do not model (the generator makes none): a figure whose rows include
# them is reported as not recounted rather than compared.
NOT_MODELLED = {
    "complaints_by_stage": ["complaints_stageresponse"],
    "information_requests": [
        "inforights_informationrequest",
        "inforights_icocomplaint",
        "cases_clockpause",
    ],
    "foi_answered_in_time": [],
}


@dataclass(frozen=True)
class BenchPeriod:
    name: str
    period: Period

    @property
    def start(self) -> date:
        return self.period.start

    @property
    def end(self) -> date:
        return self.period.end

    def utc_bounds(self, start: date | None = None, end: date | None = None) -> tuple:
        """The first moment of the first day and of the day after the last, in UTC."""
        start, end = start or self.start, end or self.end
        first = datetime(start.year, start.month, start.day, tzinfo=LONDON)
        after = end + timedelta(days=1)
        last = datetime(after.year, after.month, after.day, tzinfo=LONDON)
        return first.astimezone(UTC).replace(tzinfo=None), last.astimezone(UTC).replace(tzinfo=None)


def _rows(dataclass_rows, *names: str) -> list[tuple]:
    return [tuple(getattr(row, n) for n in names) for row in dataclass_rows]


def _all_fields(dataclass_rows) -> list[tuple]:
    return [
        tuple(getattr(row, f.name) for f in fields(row) if f.name != "period")
        for row in dataclass_rows
    ]


# Django/PostgreSQL: each figure as plain tuples


def pg_demand(p: Period) -> list[tuple]:
    return _rows(selectors.demand_by_channel(p), "channel", "cases", "contacts")


def pg_resolution(p: Period) -> list[tuple]:
    return _rows(selectors.first_contact_resolution(p), "channel", "contacts", "resolved")


def pg_repeat(p: Period) -> list[tuple]:
    return _rows(selectors.repeat_contact(p), "service", "contacts", "repeats")


def pg_kinds(p: Period) -> list[tuple]:
    return _rows(
        selectors.cases_by_kind(p),
        "kind", "stage", "received", "finished", "without_due_date", "in_time",
    )  # fmt: skip


def pg_satisfaction(p: Period) -> list[tuple]:
    return [
        (r.channel, r.ratings, None if r.average is None else round(float(r.average), 9),
         r.satisfied)
        for r in selectors.satisfaction(p)
    ]  # fmt: skip


def pg_shift(p: Period) -> list[tuple]:
    shift = selectors.channel_shift(p)
    return [
        (mix.period.start, mix.period.end, mix.self_service, mix.assisted)
        for mix in (shift.current, shift.previous)
    ]


def pg_complaints(p: Period) -> list[tuple]:
    return _all_fields(complaints.complaints_by_stage(p))


def pg_information(p: Period) -> list[tuple]:
    return _all_fields(information_requests.information_requests(p))


def pg_foi(p: Period) -> list[tuple]:
    figure = information_requests.foi_answered_in_time(p)
    return [(figure.answered, figure.judged, figure.in_time)]


def pg_overdue(p: Period) -> list[tuple]:
    return _rows(overdue.overdue_now(p.end), "kind", "stage", "team", "cases", "oldest_due_on")


# The dashboards (insight/dashboards.py): the whole council for the period, and today the
# period's last day (the bench's fixed today, as for overdue_now). Rows that tie on a
# dashboard's own order are put in id order so that both sides can be compared row by row.


def _filters(p: Period) -> dashboards.Filters:
    return dashboards.Filters(period=p, today=p.end)


def _volume_order(row: tuple) -> tuple:
    key, name, cases, contacts = row
    return (key is None, -(cases + contacts), str(name).casefold(), str(key))


def _volumes(p: Period, dimension: str) -> list[tuple]:
    rows = [
        (v.key, v.name, v.cases, v.contacts) for v in dashboards.volumes_by(_filters(p), dimension)
    ]
    return sorted(rows, key=_volume_order)


def pg_volumes_by_channel(p: Period) -> list[tuple]:
    return _volumes(p, "channel")


def pg_volumes_by_service(p: Period) -> list[tuple]:
    return _volumes(p, "service")


def pg_volumes_by_team(p: Period) -> list[tuple]:
    return _volumes(p, "team")


def _over_time(p: Period, bucket: str) -> list[tuple]:
    return _rows(
        dashboards.volumes_over_time(_filters(p), bucket), "starts_on", "cases", "contacts"
    )


def pg_volumes_by_day(p: Period) -> list[tuple]:
    return _over_time(p, "day")


def pg_volumes_by_week(p: Period) -> list[tuple]:
    return _over_time(p, "week")


def pg_volumes_by_month(p: Period) -> list[tuple]:
    return _over_time(p, "month")


def pg_arrivals(p: Period) -> list[tuple]:
    counts = dashboards.arrival_times(_filters(p)).counts
    return sorted((weekday, hour, n) for (weekday, hour), n in counts.items() if n)


def _team_order(row: tuple) -> tuple:
    return (row[0] is None, row[1].casefold(), row[0] or 0)


def pg_ageing(p: Period) -> list[tuple]:
    rows = [(a.team_id, a.team, *a.bands) for a in dashboards.backlog_by_age(_filters(p))]
    return sorted(rows, key=_team_order)


def pg_clocks(p: Period) -> list[tuple]:
    rows = [
        (s.team_id, s.team, *(s.of(status) for status in dashboards.CLOCK_STATUSES))
        for s in dashboards.clocks_by_team(_filters(p))
    ]
    return sorted(rows, key=_team_order)


# DuckDB: the same figures recounted from the exported rows


def _q(db, sql: str, params: list | None = None) -> list[tuple]:
    return db.execute(sql, params or []).fetchall()


def dk_demand(db, b: BenchPeriod, start: date | None = None, end: date | None = None):
    start, end = start or b.start, end or b.end
    first, after = b.utc_bounds(start, end)
    cases = dict(
        _q(db, "SELECT channel, count(*) FROM cases WHERE received_on BETWEEN ? AND ? "
               "GROUP BY channel", [start, end])
    )  # fmt: skip
    contacts = dict(
        _q(db, "SELECT channel, count(*) FROM contacts WHERE logged_at >= ? AND logged_at < ? "
               "AND outcome <> 'case_opened' GROUP BY channel", [first, after])
    )  # fmt: skip
    rows = [(c, cases.get(c, 0), contacts.get(c, 0)) for c in CHANNELS]
    return [*rows, ("", sum(cases.values()), sum(contacts.values()))]


def dk_resolution(db, b: BenchPeriod):
    first, after = b.utc_bounds()
    counted = {
        c: (n, r)
        for c, n, r in _q(
            db,
            "SELECT channel, count(*), count(*) FILTER (WHERE list_contains(?, outcome)) "
            "FROM contacts "
            "WHERE logged_at >= ? AND logged_at < ? GROUP BY channel",
            [list(RESOLVED), first, after],
        )
    }
    rows = [(c, *counted[c]) for c in CHANNELS if c in counted]
    return [*rows, ("", sum(r[1] for r in rows), sum(r[2] for r in rows))]


def dk_repeat(db, b: BenchPeriod):
    """Every case and every contact that did not open a case, from a known resident about a
    service, in time order per resident and service: a repeat has another within the 7 days
    (to the microsecond) strictly before it."""
    first, after = b.utc_bounds()
    rows = _q(
        db,
        """
        WITH demand AS (
            SELECT resident_id, service_id, received_at AS t, received_on BETWEEN ? AND ? AS counted
            FROM cases WHERE resident_id IS NOT NULL AND service_id IS NOT NULL
              AND received_at >= ? - INTERVAL 7 DAY AND received_at < ?
            UNION ALL
            SELECT resident_id, service_id, logged_at, logged_at >= ? AND logged_at < ?
            FROM contacts WHERE resident_id IS NOT NULL AND service_id IS NOT NULL
              AND outcome <> 'case_opened' AND logged_at >= ? - INTERVAL 7 DAY AND logged_at < ?
        ), judged AS (
            SELECT service_id, counted, count(*) OVER (
                PARTITION BY resident_id, service_id ORDER BY t
                RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 1 MICROSECOND PRECEDING
            ) AS earlier
            FROM demand
        )
        SELECT s.title, count(*), count(*) FILTER (WHERE earlier > 0)
        FROM judged JOIN services s ON s.id = judged.service_id
        WHERE counted GROUP BY s.id, s.title
        """,
        [b.start, b.end, first, after, first, after, first, after],
    )
    rows = sorted(rows, key=lambda r: (-r[2], -r[1], r[0]))
    return [*rows, ("", sum(r[1] for r in rows), sum(r[2] for r in rows))]


def dk_kinds(db, b: BenchPeriod):
    received = {
        (k, s): n
        for k, s, n in _q(
            db,
            "SELECT kind, stage, count(*) FROM cases WHERE received_on BETWEEN ? AND ? "
            "GROUP BY ALL",
            [b.start, b.end],
        )
    }
    finished = {
        (k, s): (n, w, t)
        for k, s, n, w, t in _q(
            db,
            """
            SELECT kind, stage, count(*), count(*) FILTER (WHERE due_on IS NULL),
                   count(*) FILTER (WHERE done <= due_on)
            FROM (SELECT *, coalesce(responded_on,
                                     CAST(timezone('Europe/London', closed_at) AS DATE)) AS done
                  FROM cases WHERE status <> 'withdrawn')
            WHERE done BETWEEN ? AND ? GROUP BY ALL
            """,
            [b.start, b.end],
        )
    }
    rows = []
    for kind in KINDS:
        stages = sorted({s for k, s in received.keys() | finished.keys() if k == kind},
                        key=lambda s: s or 0)  # fmt: skip
        for stage in stages:
            rows.append(
                (
                    kind,
                    stage,
                    received.get((kind, stage), 0),
                    *finished.get((kind, stage), (0, 0, 0)),
                )
            )
    total = ("", None, *(sum(r[i] for r in rows) for i in range(2, 6)))
    return [*rows, total]


def dk_satisfaction(db, b: BenchPeriod):
    first, after = b.utc_bounds()
    sql = (
        "SELECT {group} count(*), avg(score), count(*) FILTER (WHERE score >= 4) FROM ratings "
        "WHERE created_at >= ? AND created_at < ? {by}"
    )
    counted = {
        r[0]: r[1:]
        for r in _q(db, sql.format(group="channel,", by="GROUP BY channel"), [first, after])
    }
    order = [c for c in CHANNELS if c in counted] + sorted(set(counted) - set(CHANNELS))
    rows = [(c, counted[c][0], _rounded(counted[c][1]), counted[c][2]) for c in order]
    n, average, satisfied = _q(db, sql.format(group="", by=""), [first, after])[0]
    return [*rows, ("", n, _rounded(average), satisfied)]


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), 9)


def dk_shift(db, b: BenchPeriod):
    weeks = math.ceil(((b.end - b.start).days + 1) / 7)
    out = []
    before = timedelta(weeks=weeks)
    for start, end in ((b.start, b.end), (b.start - before, b.end - before)):
        demand = {c: n + m for c, n, m in dk_demand(db, b, start, end) if c}
        out.append((start, end, sum(demand[c] for c in SELF_SERVICE),
                    sum(demand[c] for c in ASSISTED)))  # fmt: skip
    return out


def dk_complaints(db, b: BenchPeriod):
    """Stage by stage and by the service area complained about (the officer's choice, else the
    service of the request raised from, else the complaint's own service unless it is the
    "make a complaint" one): received, escalations, and responses marked on the case."""
    calendar = _calendar_table(db, "complaint", clock_calendar("complaint"))
    about = """
        SELECT c.*, coalesce(ab.service_area_id, rf.service_area_id,
                             CASE WHEN own.case_kind <> 'complaint' THEN own.service_area_id END)
                    AS grp
        FROM cases c
        LEFT JOIN complaints k ON k.case_id = c.id
        LEFT JOIN services ab ON ab.id = k.about_service_id
        LEFT JOIN cases rc ON rc.id = k.raised_from_id
        LEFT JOIN services rf ON rf.id = rc.service_id
        LEFT JOIN services own ON own.id = c.service_id
        WHERE c.kind = 'complaint'
    """
    received = _q(db, f"""
        SELECT 1, grp, count(*) FROM ({about}) WHERE received_on BETWEEN ? AND ? GROUP BY ALL
        UNION ALL
        SELECT 2, grp, count(*) FROM ({about}) WHERE stage = 2
            AND clock_started_on BETWEEN ? AND ? GROUP BY ALL
    """, [b.start, b.end, b.start, b.end])  # fmt: skip
    responded = _q(db, f"""
        SELECT stage, grp, count(*), count(*) FILTER (WHERE due_on IS NULL),
               count(*) FILTER (WHERE responded_on <= due_on),
               sum((SELECT count(*) FROM {calendar} w
                    WHERE w.day > CASE WHEN a.stage = 1 THEN a.received_on
                                       ELSE a.clock_started_on END
                      AND w.day <= a.responded_on)),
               count(*) FILTER (WHERE is_extended)
        FROM ({about}) a WHERE responded_on BETWEEN ? AND ? AND status <> 'withdrawn'
        GROUP BY ALL
    """, [b.start, b.end])  # fmt: skip
    counts: dict[tuple, dict] = {}
    for stage, grp, n in received:
        counts.setdefault((stage, grp), {})["received"] = n
        if stage == 2:
            counts.setdefault((1, grp), {})["escalated"] = n
    for stage, grp, n, without, in_time, days, extended in responded:
        counts.setdefault((stage, grp), {}).update(
            responded=n, without_due_date=without, in_time=in_time, working_days=int(days or 0),
            extended=extended,
        )  # fmt: skip
    names = dict(_q(db, "SELECT id, name FROM areas"))
    names[None] = ""
    columns = ["received", "responded", "without_due_date", "in_time", "working_days",
               "extended", "upheld", "partly_upheld", "not_upheld", "escalated"]  # fmt: skip
    rows = []
    for stage in (1, 2):
        groups = sorted(
            (g for s, g in counts if s == stage),
            key=lambda g: (g is None, names[g].casefold(), g or 0),
        )
        in_stage = [(stage, names[g], False, *(counts[(stage, g)].get(c, 0) for c in columns))
                    for g in groups]  # fmt: skip
        rows += in_stage
        rows.append((stage, "", True, *(sum(r[3 + i] for r in in_stage)
                                         for i in range(len(columns)))))  # fmt: skip
    return rows


def dk_information(db, b: BenchPeriod):
    """By kind and by service area (the service's, else the team's): received; answered (not
    withdrawn) and of those without a due date, in time, the working and calendar days from
    the clock's start, extended."""
    group = """coalesce(s.service_area_id, t.service_area_id)"""
    base = f"""
        SELECT c.*, {group} AS grp FROM cases c
        LEFT JOIN services s ON s.id = c.service_id LEFT JOIN teams t ON t.id = c.team_id
        WHERE c.kind IN ('foi', 'eir', 'sar', 'foi_internal_review')
    """
    counts: dict[tuple, dict] = {}
    for kind, grp, n in _q(db, f"SELECT kind, grp, count(*) FROM ({base}) "
                               "WHERE received_on BETWEEN ? AND ? GROUP BY ALL",
                           [b.start, b.end]):  # fmt: skip
        counts.setdefault((kind, grp), {})["received"] = n
    for kind in INFO_KINDS:
        calendar = _calendar_table(db, kind, clock_calendar(kind))
        answered = _q(db, f"""
            SELECT grp, count(*), count(*) FILTER (WHERE due_on IS NULL),
                   count(*) FILTER (WHERE responded_on <= due_on),
                   sum((SELECT count(*) FROM {calendar} w
                        WHERE w.day > a.clock_started_on AND w.day <= a.responded_on)),
                   sum(date_diff('day', a.clock_started_on, a.responded_on)),
                   count(*) FILTER (WHERE is_extended)
            FROM ({base}) a WHERE kind = ? AND responded_on BETWEEN ? AND ?
                AND status <> 'withdrawn' GROUP BY ALL
        """, [kind, b.start, b.end])  # fmt: skip
        for grp, n, without, in_time, working, calendar_days, extended in answered:
            counts.setdefault((kind, grp), {}).update(
                answered=n, without_due_date=without, in_time=in_time,
                working_days=int(working or 0), calendar_days=int(calendar_days or 0),
                extended=extended,
            )  # fmt: skip
    names = dict(_q(db, "SELECT id, name FROM areas"))
    names[None] = ""
    columns = ["received", "answered", "without_due_date", "in_time", "working_days",
               "calendar_days", "extended", "released", "part_released", "refused", "not_held",
               "neither_confirm_nor_deny", "ico_complaints"]  # fmt: skip
    rows = []
    for kind in INFO_KINDS:
        groups = sorted((g for k, g in counts if k == kind),
                        key=lambda g: (g is None, names[g].casefold(), g or 0))  # fmt: skip
        in_kind = [(kind, names[g], False, *(counts[(kind, g)].get(c, 0) for c in columns))
                   for g in groups]  # fmt: skip
        rows += in_kind
        rows.append((kind, "", True, *(sum(r[3 + i] for r in in_kind)
                                        for i in range(len(columns)))))  # fmt: skip
    return rows


def dk_foi(db, b: BenchPeriod):
    return _q(db, """
        SELECT count(*), count(due_on), count(*) FILTER (WHERE responded_on <= due_on)
        FROM cases WHERE kind = 'foi' AND status <> 'withdrawn'
          AND responded_on BETWEEN ? AND ?
    """, [b.start, b.end])  # fmt: skip


def dk_overdue(db, b: BenchPeriod):
    """Open, with no pause still running, and past due: the day after `due_on`, or for a clock
    counted in hours the moment `due_at` has passed (now)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = _q(db, """
        SELECT c.kind, c.stage, coalesce(t.name, ''), count(*), min(c.due_on)
        FROM cases c LEFT JOIN team_names t ON t.id = c.team_id
        WHERE list_contains(?, c.status) AND NOT EXISTS (
                SELECT 1 FROM pauses p WHERE p.case_id = c.id AND p.ended_on IS NULL)
          AND ((c.due_at IS NULL AND c.due_on < ?) OR c.due_at < ?)
        GROUP BY ALL
    """, [sorted(OPEN_STATUSES), b.end, now])  # fmt: skip
    rows.sort(key=lambda r: (KINDS.index(r[0]), r[1] or 0, not r[2], r[2].casefold()))
    oldest = min((r[4] for r in rows if r[4]), default=None)
    return [*rows, ("", None, "", sum(r[3] for r in rows), oldest)]


# The dashboards recounted, from docs/dashboards.md and the functions' docstrings.

_CONTACTS_LONDON = """
    SELECT *, timezone('Europe/London', CAST(logged_at AS TIMESTAMPTZ)) AS local_at,
           CAST(timezone('Europe/London', CAST(logged_at AS TIMESTAMPTZ)) AS DATE) AS local_day
    FROM contacts WHERE outcome IS DISTINCT FROM 'case_opened'
"""
# What each volume is grouped by: (the case's key and name, the contact's key and name, joins).
_VOLUME_SQL = {
    "channel": ("x.channel", "x.channel", ""),
    "service": ("x.service_id", "s.title", "LEFT JOIN services s ON s.id = x.service_id"),
}


def _dk_volumes(db, b: BenchPeriod, dimension: str) -> list[tuple]:
    """Cases received in the period (by their London day of receipt) and contacts logged on the
    period's London days that did not open a case, per channel, service or team (a contact's
    team is its service's); the most first, the one not recorded last."""
    if dimension == "team":
        case_sql = ("x.team_id", "t.name", "LEFT JOIN team_names t ON t.id = x.team_id")
        contact_sql = ("s.team_id", "t.name", "LEFT JOIN services s ON s.id = x.service_id "
                       "LEFT JOIN team_names t ON t.id = s.team_id")  # fmt: skip
    else:
        case_sql = contact_sql = _VOLUME_SQL[dimension]
    counted: dict = {}
    for position, source, (key, name, joins), day in (
        (0, "cases", case_sql, "received_on"),
        (1, f"({_CONTACTS_LONDON})", contact_sql, "local_day"),
    ):
        for k, n, count in _q(db, f"SELECT {key}, {name}, count(*) FROM {source} x {joins} "
                                  f"WHERE x.{day} BETWEEN ? AND ? GROUP BY ALL",
                              [b.start, b.end]):  # fmt: skip
            counted.setdefault(k, [n or "", 0, 0])[1 + position] = count
    return sorted(((k, *v) for k, v in counted.items()), key=_volume_order)


def dk_volumes_by_channel(db, b: BenchPeriod):
    return _dk_volumes(db, b, "channel")


def dk_volumes_by_service(db, b: BenchPeriod):
    return _dk_volumes(db, b, "service")


def dk_volumes_by_team(db, b: BenchPeriod):
    return _dk_volumes(db, b, "team")


def _dk_over_time(db, b: BenchPeriod, bucket: str) -> list[tuple]:
    """Every day, week from Monday or month that holds a day of the period, with 0 for none."""
    return _q(db, f"""
        WITH buckets AS (
            SELECT CAST(range AS DATE) AS starts_on FROM range(
                CAST(date_trunc('{bucket}', CAST(? AS DATE)) AS TIMESTAMP),
                CAST(CAST(? AS DATE) AS TIMESTAMP) + INTERVAL 1 DAY, INTERVAL 1 {bucket})
        ), cases_in AS (
            SELECT CAST(date_trunc('{bucket}', received_on) AS DATE) AS starts_on, count(*) AS n
            FROM cases WHERE received_on BETWEEN ? AND ? GROUP BY ALL
        ), contacts_in AS (
            SELECT CAST(date_trunc('{bucket}', local_day) AS DATE) AS starts_on, count(*) AS n
            FROM ({_CONTACTS_LONDON}) WHERE local_day BETWEEN ? AND ? GROUP BY ALL
        )
        SELECT b.starts_on, coalesce(c.n, 0), coalesce(k.n, 0) FROM buckets b
        LEFT JOIN cases_in c USING (starts_on) LEFT JOIN contacts_in k USING (starts_on)
        ORDER BY b.starts_on
    """, [b.start, b.end, b.start, b.end, b.start, b.end])  # fmt: skip


def dk_volumes_by_day(db, b: BenchPeriod):
    return _dk_over_time(db, b, "day")


def dk_volumes_by_week(db, b: BenchPeriod):
    return _dk_over_time(db, b, "week")


def dk_volumes_by_month(db, b: BenchPeriod):
    return _dk_over_time(db, b, "month")


def dk_arrivals(db, b: BenchPeriod):
    """ISO weekday and hour, London time, of each case's moment of receipt and each contact's
    moment of logging (the contacts that did not open a case)."""
    return _q(db, f"""
        SELECT isodow(local_at), hour(local_at), count(*) FROM (
            SELECT timezone('Europe/London', CAST(received_at AS TIMESTAMPTZ)) AS local_at
            FROM cases WHERE received_on BETWEEN ? AND ?
            UNION ALL
            SELECT local_at FROM ({_CONTACTS_LONDON}) WHERE local_day BETWEEN ? AND ?
        ) GROUP BY ALL ORDER BY 1, 2
    """, [b.start, b.end, b.start, b.end])  # fmt: skip


def dk_ageing(db, b: BenchPeriod):
    """Open cases by team, by their age today: the council's working days after the day of
    receipt up to today; under 5, 5 to 9, 10 to 19, 20 and over."""
    calendar = _calendar_table(db, "council", council_calendar())
    rows = _q(db, f"""
        WITH aged AS (
            SELECT c.team_id, (SELECT count(*) FROM {calendar} w
                               WHERE w.day > c.received_on AND w.day <= ?) AS age
            FROM cases c WHERE list_contains(?, c.status)
        )
        SELECT a.team_id, coalesce(t.name, ''), count(*) FILTER (WHERE age < 5),
               count(*) FILTER (WHERE age >= 5 AND age < 10),
               count(*) FILTER (WHERE age >= 10 AND age < 20), count(*) FILTER (WHERE age >= 20)
        FROM aged a LEFT JOIN team_names t ON t.id = a.team_id GROUP BY ALL
    """, [b.end, sorted(OPEN_STATUSES)])  # fmt: skip
    return sorted(rows, key=_team_order)


def dk_clocks(db, b: BenchPeriod):
    """Open cases by team by clock status (cases/selectors.py): paused while a pause has not
    ended; else overdue from the day after due_on, or for a clock in hours once due_at has
    passed (now); else due soon when due on or before the second working day after today
    (the council's calendar); else on track (including no due date)."""
    calendar = _calendar_table(db, "council", council_calendar())
    now = datetime.now(UTC).replace(tzinfo=None)
    today = b.end
    rows = _q(db, f"""
        WITH soon AS (
            SELECT day FROM {calendar} WHERE day > ? ORDER BY day LIMIT 1 OFFSET 1
        ), judged AS (
            SELECT c.team_id, CASE
                WHEN EXISTS (SELECT 1 FROM pauses p WHERE p.case_id = c.id AND p.ended_on IS NULL)
                    THEN 'paused'
                WHEN (c.due_at IS NULL AND c.due_on < ?) OR c.due_at < ? THEN 'overdue'
                WHEN c.due_on <= (SELECT day FROM soon) THEN 'due_soon'
                ELSE 'on_track' END AS status
            FROM cases c WHERE list_contains(?, c.status)
        )
        SELECT j.team_id, coalesce(t.name, ''),
               count(*) FILTER (WHERE status = 'on_track'),
               count(*) FILTER (WHERE status = 'due_soon'),
               count(*) FILTER (WHERE status = 'overdue'),
               count(*) FILTER (WHERE status = 'paused')
        FROM judged j LEFT JOIN team_names t ON t.id = j.team_id GROUP BY ALL
    """, [today, today, now, sorted(OPEN_STATUSES)])  # fmt: skip
    return sorted(rows, key=_team_order)


def _calendar_table(db, name: str, calendar) -> str:
    """The clock's working days over the data's dates as a DuckDB table (the calendar is
    data: bank holidays and weekends, as the council publishes them)."""
    table = f"working_days_{name}"
    if not _q(db, "SELECT 1 FROM duckdb_tables() WHERE table_name = ?", [table]):
        first, last = _q(db, "SELECT min(received_on) - 1, max(received_on) + 400 FROM cases")[0]
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        working = [(d,) for d in days if calendar.is_working_day(d)]
        db.execute(f"CREATE TABLE {table} (day DATE PRIMARY KEY)")
        db.executemany(f"INSERT INTO {table} VALUES (?)", working)
    return table


@dataclass(frozen=True)
class Figure:
    name: str
    postgres: Callable[[Period], list[tuple]]
    duckdb: Callable[..., list[tuple]]


# One line per dashboard figure: name, Django/PostgreSQL, DuckDB recount.
FIGURES = [
    Figure("demand_by_channel", pg_demand, dk_demand),
    Figure("first_contact_resolution", pg_resolution, dk_resolution),
    Figure("repeat_contact", pg_repeat, dk_repeat),
    Figure("cases_by_kind", pg_kinds, dk_kinds),
    Figure("satisfaction", pg_satisfaction, dk_satisfaction),
    Figure("channel_shift", pg_shift, dk_shift),
    Figure("complaints_by_stage", pg_complaints, dk_complaints),
    Figure("information_requests", pg_information, dk_information),
    Figure("foi_answered_in_time", pg_foi, dk_foi),
    Figure("overdue_now", pg_overdue, dk_overdue),
    Figure("volumes_by_channel", pg_volumes_by_channel, dk_volumes_by_channel),
    Figure("volumes_by_service", pg_volumes_by_service, dk_volumes_by_service),
    Figure("volumes_by_team", pg_volumes_by_team, dk_volumes_by_team),
    Figure("volumes_by_day", pg_volumes_by_day, dk_volumes_by_day),
    Figure("volumes_by_week", pg_volumes_by_week, dk_volumes_by_week),
    Figure("volumes_by_month", pg_volumes_by_month, dk_volumes_by_month),
    Figure("arrival_times", pg_arrivals, dk_arrivals),
    Figure("backlog_by_age", pg_ageing, dk_ageing),
    Figure("clocks_by_team", pg_clocks, dk_clocks),
]


def export(folder: Path) -> duckdb.DuckDBPyConnection:
    """Each table's rows through COPY TO STDOUT into a CSV file, read by DuckDB."""
    db = duckdb.connect()
    db.execute("SET TimeZone = 'UTC'")
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        cursor.execute("SET TIME ZONE 'UTC'")
        for name, select in EXPORTS.items():
            path = folder / f"{name}.csv"
            with (
                path.open("wb") as out,
                cursor.copy(
                    f"COPY ({select}) TO STDOUT WITH (FORMAT csv, HEADER, NULL '\\N')"
                ) as copy,
            ):
                for block in copy:
                    out.write(block)
            db.execute(
                f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, header = true, "
                "all_varchar = true, nullstr = '\\N')",
                [str(path)],
            )
    db.execute("CREATE TABLE team_names AS SELECT * FROM read_csv(?, header = true, "
               "all_varchar = true, nullstr = '\\N')",
               [str(_team_names(folder))])  # fmt: skip
    _retype(db)
    return db


def _team_names(folder: Path) -> Path:
    path = folder / "team_names.csv"
    select = (
        "COPY (SELECT id, name FROM catalogue_team) TO STDOUT WITH (FORMAT csv, HEADER, NULL '\\N')"
    )
    with connection.cursor() as c, path.open("wb") as out, c.cursor.copy(select) as copy:
        for block in copy:
            out.write(block)
    return path


def _retype(db) -> None:
    """CSV types DuckDB could not guess from an empty or all-null column."""
    casts = {
        "cases": {"id": "BIGINT", "stage": "INTEGER", "resident_id": "BIGINT",
                  "service_id": "BIGINT",
                  "team_id": "BIGINT", "received_at": "TIMESTAMP", "received_on": "DATE",
                  "clock_started_on": "DATE", "due_on": "DATE", "due_at": "TIMESTAMP",
                  "responded_on": "DATE", "closed_at": "TIMESTAMP", "is_extended": "BOOLEAN"},
        "contacts": {"id": "BIGINT", "resident_id": "BIGINT", "service_id": "BIGINT",
                     "logged_at": "TIMESTAMP"},
        "ratings": {"id": "BIGINT", "created_at": "TIMESTAMP", "score": "INTEGER"},
        "services": {"id": "BIGINT", "service_area_id": "BIGINT", "case_kind": "VARCHAR",
                     "title": "VARCHAR", "team_id": "BIGINT"},
        "teams": {"id": "BIGINT", "service_area_id": "BIGINT"},
        "areas": {"id": "BIGINT", "name": "VARCHAR"},
        "team_names": {"id": "BIGINT", "name": "VARCHAR"},
        "complaints": {"case_id": "BIGINT", "raised_from_id": "BIGINT",
                       "about_service_id": "BIGINT"},
        "pauses": {"case_id": "BIGINT", "started_on": "DATE", "ended_on": "DATE"},
    }  # fmt: skip
    for table, columns in casts.items():
        for column, kind in columns.items():
            db.execute(f'ALTER TABLE {table} ALTER "{column}" TYPE {kind} '
                       f'USING CAST(CAST("{column}" AS VARCHAR) AS {kind})')  # fmt: skip


def _not_modelled(name: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table in NOT_MODELLED.get(name, []):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def _timed(call: Callable[[], list[tuple]], runs: int, slow: float) -> tuple[list[tuple], float]:
    started = time.perf_counter()
    result = call()
    warm_up = time.perf_counter() - started
    if warm_up > slow:
        return result, warm_up * 1000
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times) * 1000


def periods(until: date) -> list[BenchPeriod]:
    return [
        BenchPeriod("month", Period(until - timedelta(days=30), until)),
        BenchPeriod("quarter", Period(until - timedelta(days=90), until)),
        BenchPeriod("12 months", Period(until - timedelta(days=364), until)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--until", type=date.fromisoformat, default=None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow", type=float, default=5.0, help="Time once above this (s).")
    parser.add_argument("--limit", type=float, default=1.0, help="Fail above this (s).")
    parser.add_argument("--only", nargs="*", default=None, help="Figure names to run.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/insight.py needs DATABASE_URL pointing at PostgreSQL.", file=sys.stderr)
        return 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(received_on) FROM cases_case")
        n_cases, last = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM contacts_contact")
        n_contacts = cursor.fetchone()[0]
    until = args.until or last
    print(f"{n_cases:,} cases, {n_contacts:,} contacts; periods ending {until}")
    with tempfile.TemporaryDirectory(prefix="insight-bench-") as folder:
        started = time.perf_counter()
        db = export(Path(folder))
        print(
            f"Exported the rows to CSV and loaded DuckDB in {time.perf_counter() - started:.1f} s"
        )
        failures = 0
        print(f"{'figure':<26} {'period':<10} {'PG ms':>9} {'DuckDB ms':>10}  equal?")
        for figure in FIGURES:
            if args.only and figure.name not in args.only:
                continue
            skipped = _not_modelled(figure.name)
            for bench_period in periods(until):
                pg_rows, pg_ms = _timed(
                    lambda f=figure, b=bench_period: f.postgres(b.period), args.runs, args.slow
                )
                started = time.perf_counter()
                dk_rows = figure.duckdb(db, bench_period)
                dk_ms = (time.perf_counter() - started) * 1000
                if skipped:
                    verdict = f"not recounted ({', '.join(skipped)} not modelled)"
                else:
                    equal = [tuple(r) for r in pg_rows] == [tuple(r) for r in dk_rows]
                    verdict = "yes" if equal else "NO"
                    if not equal:
                        failures += 1
                        _show_difference(pg_rows, dk_rows)
                if pg_ms > args.limit * 1000:
                    verdict += f"  (over {args.limit:g} s)"
                    failures += 1
                print(f"{figure.name:<26} {bench_period.name:<10} {pg_ms:>9.1f} {dk_ms:>10.1f}"
                      f"  {verdict}", flush=True)  # fmt: skip
    return 1 if failures else 0


def _show_difference(pg_rows, dk_rows) -> None:
    print(f"    PostgreSQL gave {len(pg_rows)} rows, DuckDB {len(dk_rows)}:")
    for pg, dk in zip(pg_rows, dk_rows, strict=False):
        if tuple(pg) != tuple(dk):
            print(f"    PG {pg}\n    DK {dk}")
            break


if __name__ == "__main__":
    sys.exit(main())
