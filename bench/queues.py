"""How long the staff queue and search pages take with half a million cases on PostgreSQL.

Creates (or reuses) its own database, migrates it, loads the demo catalogue, generates 500,000
cases over three years for 150,000 residents (skipped when they are already there), then times
whole requests through Django's test Client (middleware, view, template) signed in as a
contact-centre officer, a caseworker and a team manager. Prints the median and p95 of each page
and its ratio to a baseline page measured in the same run (the tiny staff forms list).
Target: p95 under 300 ms for every page.

Run:  .venv/bin/python bench/queues.py [--database-url postgres://...] [--regenerate]
          [--repeat N] [--only TEXT] [--cases N] [--residents N]
Default database: postgres://postgres@127.0.0.1:5432/opencex_bench (created when missing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/opencex_bench"
TARGET_MS = 300


def ensure_database(url: str) -> None:
    """Create the database named in `url` if the server does not have it yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}")


def set_up_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    # Production-like: no query log, cached templates.
    os.environ.setdefault("OPENCEX_DEBUG", "0")
    os.environ.setdefault("OPENCEX_SECRET_KEY", "bench-only-secret-key-not-for-any-deployment")
    os.environ.setdefault("OPENCEX_LOG_LEVEL", "WARNING")
    import django

    django.setup()


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
    return result


def _first_request(client, page: Page) -> int:
    """Request `page` once (it must answer 200) and return how many queries it made."""
    from django.db import connection

    queries = 0

    def counting(run, sql, params, many, context):
        nonlocal queries
        queries += 1
        return run(sql, params, many, context)

    with connection.execute_wrapper(counting):
        response = client.get(page.url)
    if response.status_code != 200:
        sys.exit(f"{page.name}: {page.url} answered {response.status_code}")
    return queries


def time_pages(officers, targets: list[Page], repeat: int) -> list[tuple[Page, list[float], int]]:
    """Time every page `repeat` times, a round at a time (every page once per round), so that a
    burst of load elsewhere on the machine spreads over all pages rather than spoiling one."""
    from django.test import Client

    clients = {}
    for officer in officers:
        clients[officer.pk] = Client()
        clients[officer.pk].force_login(officer)
    queries = {page: _first_request(clients[page.officer.pk], page) for page in targets}
    samples: dict[Page, list[float]] = {page: [] for page in targets}
    for _ in range(repeat):
        for page in targets:
            started = time.perf_counter()
            clients[page.officer.pk].get(page.url)
            samples[page].append((time.perf_counter() - started) * 1000)
    return [(page, samples[page], queries[page]) for page in targets]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def report(results, repeat: int) -> bool:
    baselines = [statistics.median(s) for page, s, _ in results if page.name.startswith("baseline")]
    baseline = statistics.median(baselines)
    print(f"\n{repeat} rounds of every page after one warm-up request each; times in ms")
    print(f"{'page':<40} {'officer':<15} {'queries':>7} {'median':>8} {'p95':>8} {'x base':>7}")
    slowest = 0.0
    for page, samples, queries in results:
        median, high = statistics.median(samples), p95(samples)
        slowest = max(slowest, high)
        flag = "  SLOW" if high >= TARGET_MS else ""
        role = page.officer.get_role_display().split()[0].split("-")[0].lower()
        print(
            f"{page.name:<40} {role:<15} {queries:>7} {median:>8.1f} {high:>8.1f}"
            f" {median / baseline:>7.1f}{flag}"
        )
    print(f"\nslowest p95: {slowest:.1f} ms (target < {TARGET_MS} ms)")
    return slowest < TARGET_MS


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
    args = parser.parse_args()

    ensure_database(args.database_url)
    set_up_django(args.database_url)
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
    results = time_pages(officers, targets, args.repeat)
    print(
        f"\n{os.cpu_count()} CPUs; load average {load_before:.1f} before timing, "
        f"{os.getloadavg()[0]:.1f} after (other work on the machine inflates the p95)"
    )
    sys.exit(0 if report(results, args.repeat) else 1)


if __name__ == "__main__":
    main()
