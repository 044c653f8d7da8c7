"""How long the staff queue and search pages take with half a million cases on PostgreSQL.

Creates (or reuses) its own database, migrates it, loads the demo catalogue, generates 500,000
cases over three years for 150,000 residents (skipped when they are already there), then times
whole requests through Django's test Client (middleware, view, template) signed in as a
contact-centre officer, a caseworker and a team manager. Prints the median and p95 of each page,
the median of its own SQL (the very statements the page ran, captured once and replayed on a raw
cursor in every round, right after the page), the page's ratio to that SQL, and its ratio to a
baseline page measured in the same run (the tiny staff forms list).
Targets: p95 under 300 ms for every page, and no page more than 1.5 times its own SQL.

Database connections are kept open between requests (`--conn-max-age`, default 60 s), as a
production server runs (OPENCEX_DB_CONN_MAX_AGE); with `--conn-max-age 0` every request connects
afresh, which the SQL replay does not, so the ratios then also count the connecting.

Run:  .venv/bin/python bench/queues.py [--database-url postgres://...] [--regenerate]
          [--repeat N] [--only TEXT] [--cases N] [--residents N] [--conn-max-age S]
Default database: postgres://postgres@127.0.0.1:5432/opencex_bench (created when missing).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from bench_databases import ensure_database

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/opencex_bench"
TARGET_MS = 300
TARGET_SQL_RATIO = 1.5


def set_up_django(url: str, conn_max_age: int) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["OPENCEX_DB_CONN_MAX_AGE"] = str(conn_max_age)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    # Production-like: no query log, cached templates.
    os.environ.setdefault("OPENCEX_DEBUG", "0")
    os.environ.setdefault("OPENCEX_SECRET_KEY", "bench-only-secret-key-not-for-any-deployment")
    os.environ.setdefault("OPENCEX_LOG_LEVEL", "WARNING")
    os.environ.setdefault("OPENCEX_LOG_FORMAT", "text")  # no access line per request on stderr
    # The test Client speaks plain HTTP; production is reached through a TLS proxy.
    os.environ.setdefault("OPENCEX_SSL_REDIRECT", "0")
    # The bench officers sign in without an authenticator app (each page still looks for one).
    os.environ.setdefault("OPENCEX_ENFORCE_TWO_FACTOR", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not Path(settings.STATIC_ROOT).is_dir():  # hashed static files, as an install has them
        call_command("collectstatic", interactive=False, verbosity=0)


@dataclass(frozen=True)
class Page:
    name: str
    officer: object  # the signed-in User
    url: str


def pages(officers) -> list[Page]:
    """The pages to time, with search terms taken from the generated data."""
    from django.urls import reverse
    from queues_data import RARE_SURNAME

    from opencex.cases.models import Case, CaseKind
    from opencex.catalogue.models import Team
    from opencex.people.models import Property, Resident

    queues = reverse("staff:queues")

    def q(**params) -> str:
        return f"{queues}?{urlencode(params)}"

    waste = Team.objects.get(slug="waste-services")
    busiest_service = (
        Case.objects.filter(team=waste).exclude(service=None).values_list("service_id", flat=True)
    ).first()
    middle = Case.objects.count() // 2
    case = Case.objects.filter(team=waste, id__gte=middle).exclude(resident=None).first()
    resident = Resident.objects.get(pk=case.resident_id)
    home = Property.objects.filter(cases__isnull=False, id__gte=middle // 10).first()
    searches = [
        ("search: reference", case.reference.lower()),
        ("search: name, common", "smith"),
        ("search: name, rare", RARE_SURNAME.lower()),
        ("search: email", resident.email.upper()),
        ("search: phone", f"{resident.phone[:5]} {resident.phone[5:]}"),
        ("search: postcode", home.postcode.replace(" ", "").lower()),
        ("search: UPRN", home.uprn),
    ]
    contact, caseworker, manager = officers
    result = [
        Page("baseline: staff forms list", who, reverse("staff:assisted-forms")) for who in officers
    ]
    for who in officers:
        result += [
            Page("home (queue counts)", who, reverse("staff:home")),
            Page("my work", who, queues),
            Page("vulnerable queue", who, q(queue="vulnerable")),
            Page("vulnerable queue, page 20", who, q(queue="vulnerable", page=20)),
        ]
    for who in (contact, caseworker):
        result += [Page(name, who, q(search=text)) for name, text in searches]
    for who, team in [(contact, "customer-services"), (caseworker, "waste-services")] + [
        (manager, slug) for slug in ("waste-services", "street-cleansing", "commercial-waste")
    ]:
        result += [
            Page(f"team queue {team}", who, q(queue=team)),
            Page(f"team queue {team}, page 20", who, q(queue=team, page=20)),
        ]
    waste_queue = {"queue": "waste-services"}
    result += [
        Page("filter: service", caseworker, q(**waste_queue, service=busiest_service)),
        Page("filter: vulnerable", caseworker, q(**waste_queue, priority="vulnerable")),
        Page("filter: overdue", caseworker, q(**waste_queue, clock="overdue")),
        Page("filter: kind complaint", manager, q(**waste_queue, kind=CaseKind.COMPLAINT)),
        Page("filter: closed, page 20", manager, q(**waste_queue, status="closed", page=20)),
        Page("sort: newest, page 20", manager, q(**waste_queue, sort="received", page=20)),
    ]
    result += [
        Page("case page", who, reverse("staff:case", args=[case.reference])) for who in officers
    ]
    return result


_CURSOR = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(OUT)? HOLD FOR ')


@dataclass
class Timing:
    page: Page
    statements: list[str]  # the SQL the page ran, as sent to the database
    page_ms: list[float]
    sql_ms: list[float]
    cpu_ms: list[float]  # this process's own CPU time for the page (Python; no waiting)


def _capture(client, page: Page) -> list[str]:
    """Request `page` once (it must answer 200) and return the SQL it ran, as sent."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # as the request itself will: the capture counts from an empty log
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    if response.status_code != 200:
        sys.exit(f"{page.name}: {page.url} answered {response.status_code}")
    # A server-side cursor (QuerySet.iterator()) is replayed as the SELECT it reads.
    statements = [_CURSOR.sub("", query["sql"]) for query in captured.captured_queries]
    writes = [sql for sql in statements if not sql.lstrip().upper().startswith("SELECT")]
    if writes:
        sys.exit(f"{page.name} wrote to the database, so it cannot be replayed: {writes[0]}")
    return statements


def _replay(statements: list[str]) -> float:
    """Run `statements` on the driver's own cursor, reading every row, and return the time in
    ms: what the page's queries cost without Django building them or the page using the rows."""
    from django.db import connection

    connection.ensure_connection()
    started = time.perf_counter()
    with connection.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def time_pages(officers, targets: list[Page], repeat: int) -> list[Timing]:
    """Time every page `repeat` times, a round at a time (every page once per round, its SQL
    replayed right after it), so that a burst of load elsewhere on the machine spreads over all
    pages, and over a page and its own SQL alike, rather than spoiling one."""
    from django.test import Client

    clients = {}
    for officer in officers:
        clients[officer.pk] = Client()
        clients[officer.pk].force_login(officer)
    timings = [
        Timing(page, _capture(clients[page.officer.pk], page), [], [], []) for page in targets
    ]
    for _ in range(repeat):
        for timing in timings:
            started, cpu = time.perf_counter(), time.process_time()
            clients[timing.page.officer.pk].get(timing.page.url)
            timing.page_ms.append((time.perf_counter() - started) * 1000)
            timing.cpu_ms.append((time.process_time() - cpu) * 1000)
            timing.sql_ms.append(_replay(timing.statements))
    return timings


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def report(timings: list[Timing], repeat: int) -> bool:
    """Print a line per page and the totals; True when every page meets both targets."""
    baseline = statistics.median(
        statistics.median(t.page_ms) for t in timings if t.page.name.startswith("baseline")
    )
    print(f"\n{repeat} rounds of every page after one warm-up request each; times in ms")
    print(
        "median and p95: the whole request; SQL: the median of the page's own statements replayed"
        " on a raw cursor;\nx SQL: median / SQL; CPU: the median of this process's CPU time for"
        " the page (Python, without waiting for the database)"
    )
    print(
        f"{'page':<38} {'officer':<10} {'queries':>7} {'median':>7} {'p95':>7}"
        f" {'SQL':>6} {'x SQL':>6} {'CPU':>6} {'x base':>6}"
    )
    measured = [t for t in timings if not t.page.name.startswith("baseline")]
    slowest, slow, worst_ratio, over_ratio = 0.0, 0, 0.0, 0
    for timing in timings:
        median, high = statistics.median(timing.page_ms), p95(timing.page_ms)
        sql = statistics.median(timing.sql_ms)
        ratio = median / sql if sql else 0.0
        flags = ""
        if timing in measured:
            slowest = max(slowest, high)
            slow += high >= TARGET_MS
            worst_ratio = max(worst_ratio, ratio)
            over_ratio += ratio > TARGET_SQL_RATIO
            flags += "  SLOW" if high >= TARGET_MS else ""
            flags += f"  >{TARGET_SQL_RATIO}x SQL" if ratio > TARGET_SQL_RATIO else ""
        role = timing.page.officer.get_role_display().split()[0].split("-")[0].lower()
        print(
            f"{timing.page.name:<38} {role:<10} {len(timing.statements):>7} {median:>7.1f}"
            f" {high:>7.1f} {sql:>6.1f} {ratio:>6.2f} {statistics.median(timing.cpu_ms):>6.1f}"
            f" {median / baseline:>6.1f}{flags}"
        )
    print(
        f"\nslowest p95: {slowest:.1f} ms (target < {TARGET_MS} ms); "
        f"{slow} of {len(measured)} pages at or over it"
    )
    print(
        f"worst page/SQL ratio: {worst_ratio:.2f} (target <= {TARGET_SQL_RATIO}); "
        f"{over_ratio} of {len(measured)} pages over it"
    )
    return slowest < TARGET_MS and worst_ratio <= TARGET_SQL_RATIO


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--regenerate", action="store_true", help="wipe and generate again")
    parser.add_argument("--cases", type=int, default=500_000)
    parser.add_argument("--residents", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="", help="time only pages whose name contains this")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="seconds a database connection is kept between requests (0: a new one each time)",
    )
    args = parser.parse_args()

    ensure_database(args.database_url)
    set_up_django(args.database_url, args.conn_max_age)
    import queues_data
    from django.conf import settings
    from django.core.management import call_command

    from opencex.accounts.models import User
    from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    present = queues_data.case_count()
    if args.regenerate or present < args.cases:
        if present:
            print(f"Wiping {present:,} cases")
            queues_data.wipe()
        print(f"Generating {args.cases:,} cases for {args.residents:,} residents")
        counts = queues_data.generate(
            cases=args.cases, residents=args.residents, properties=args.residents * 4 // 5
        )
        print(f"Generated {counts} in {time.perf_counter() - started:.0f} s")
    else:
        print(f"Using the {present:,} cases already in the database")
    officers = [User.objects.get(email=o.email) for o in queues_data.OFFICERS]
    targets = [p for p in pages(officers) if args.only in p.name or p.name.startswith("baseline")]
    load_before = os.getloadavg()[0]
    timings = time_pages(officers, targets, args.repeat)
    print(
        f"\n{os.cpu_count()} CPUs; load average {load_before:.1f} before timing, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine inflates the p95); "
        f"database connections kept {args.conn_max_age} s"
    )
    sys.exit(0 if report(timings, args.repeat) else 1)


if __name__ == "__main__":
    main()
