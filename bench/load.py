"""How OpenCEX holds up on a busy morning: the production server on loopback, 8 clients at once.

Serves the site with gunicorn (the production config, opencex.server.gunicorn_conf, with 2
workers; production settings: OPENCEX_DEBUG=0, persistent database connections, PostgreSQL,
Redis for the shared rate limits) and drives each endpoint in
turn for a fixed time with concurrent clients on keep-alive connections (one process each, so
the clients do not share a GIL). Prints per endpoint the requests per second, the median and p95
time, and the ratio to a bare Django view measured in the same run on the same stack (a GET
answering "ok", and a POST inserting one row: bench/loadsite/, never routed in production).

The busiest-morning endpoints: the search API and the search page, service pages, a form filled
in page by page and sent, `POST /api/v1/cases` with a partner's API token, the tracking page of a
case, and the staff queues signed in as a contact-centre officer.

Aim (issue 11): at least 300 API submissions/s, 70% of the bare insert, p95 under 100 ms.

Run:  .venv/bin/python bench/load.py [--seconds 20] [--clients 8] [--workers 2]
          [--only TEXT] [--gunicorn-config MODULE] [--database-url postgres://...]
Default database: postgres://postgres@127.0.0.1:5432/opencex_load (created and loaded with the
demo council when missing; a second run reuses it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench_databases import ensure_database

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/opencex_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/7"
SECRET_KEY = "bench-only-secret-key-not-for-any-deployment"  # noqa: S105 - bench only
TARGET_SUBMISSIONS_PER_SECOND = 300
TARGET_RATIO = 0.70
TARGET_P95_MS = 100

SEARCHES = [
    "missed bin",
    "council tax",
    "pothole",
    "fly tipping",
    "parking permit",
    "housing repair",
    "noise complaint",
    "bulky waste",
    "planning application",
    "street light",
]
PARTNER_EMAIL = "partner@demo.oxford.example"
OFFICER_EMAIL = "contact.centre@demo.oxford.example"
FORM = "general-enquiry"


# ---- the stack ------------------------------------------------------------------------------


def server_environment(args: argparse.Namespace) -> dict[str, str]:
    """What a production install sets (docs/deploy.md), pointing at the bench's own database."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(ROOT / "src")]),
        "DJANGO_SETTINGS_MODULE": "loadsite.settings",
        "DATABASE_URL": args.database_url,
        "OPENCEX_DEBUG": "0",
        "OPENCEX_SECRET_KEY": SECRET_KEY,
        # Unset: the production default (settings.py: kept for 60 s outside DEBUG).
        **({"OPENCEX_DB_CONN_MAX_AGE": str(args.conn_max_age)} if args.conn_max_age else {}),
        "OPENCEX_LOG_LEVEL": "WARNING",
        # nginx terminates TLS in production and sends plain HTTP on loopback, as these clients do.
        "OPENCEX_SSL_REDIRECT": "0",
        "OPENCEX_SECURE_COOKIES": "0",
        # The bench's officer is signed in without an authenticator app.
        "OPENCEX_ENFORCE_TWO_FACTOR": "0",
        "OPENCEX_VAR_DIR": str(ROOT / "var" / "bench-load"),
        **({"REDIS_URL": args.redis_url} if args.redis_url else {}),
    }


@dataclass
class Fixtures:
    """What the clients need: a partner's API token, a signed-in officer, cases to track."""

    token: str
    officer_session: str
    tracked: list[tuple[str, str]]  # (reference, email) pairs a resident can track
    services: list[str]


def prepare(args: argparse.Namespace) -> Fixtures:
    """Migrate and load the demo council once; then make this run's token and sign-in."""
    ensure_database(args.database_url)
    os.environ.update(server_environment(args))
    sys.path[:0] = [str(BENCH_DIR), str(ROOT / "src")]
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from loadsite.views import BARE_TABLE

    from opencex.api.policies import SERVER_OPERATOR
    from opencex.api.tokens import issue_token
    from opencex.cases.models import Case
    from opencex.catalogue.models import Service

    call_command("migrate", interactive=False, verbosity=0)
    if not Case.objects.exists():
        print(f"Loading the demo council ({args.demo_size}) ...", flush=True)
        call_command("demo", size=args.demo_size, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("sync_forms", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.conf import settings

    if not Path(settings.STATIC_ROOT).is_dir():  # as an install does, for WhiteNoise to serve
        call_command("collectstatic", interactive=False, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id bigserial PRIMARY KEY, "
            "subject text NOT NULL, received_at timestamptz NOT NULL)"
        )
    user_model = get_user_model()
    partner = user_model.objects.get(email=PARTNER_EMAIL)
    token = issue_token(actor=SERVER_OPERATOR, user=partner, name="bench/load.py")
    client = Client()
    client.force_login(user_model.objects.get(email=OFFICER_EMAIL))

    officer_session = client.cookies[settings.SESSION_COOKIE_NAME].value
    tracked = list(
        Case.objects.exclude(contact_email="")
        .filter(resident=None)
        .order_by("-received_at")
        .values_list("reference", "contact_email")[:50]
    )
    services = list(Service.objects.live().order_by("slug").values_list("slug", flat=True)[:100])
    connection.close()
    return Fixtures(token, officer_session, tracked, services)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args: argparse.Namespace, port: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "gunicorn")]
    if args.gunicorn_config:
        command += ["--config", f"python:{args.gunicorn_config}"]
    # The command line wins over a config file: this app, this address, this many workers.
    command += [
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "loadsite.wsgi:application",
    ]
    # The server's log (one JSON line per request, as in production) goes to a file.
    log = ROOT / "var" / "bench-load" / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, env=server_environment(args), cwd=ROOT, stdout=output, stderr=output
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/bench/bare/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


# ---- CPU time, which a shared machine does not distort as much as wall time ---------------

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process (Linux /proc), or None once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(stat[1]) == parent:
                found.append(int(entry.name))
    return found


class CpuMeter:
    """CPU used by the web workers and by the database backends serving them (PostgreSQL runs
    on this machine), read from /proc before and after a round. A backend that closes during a
    round takes its time with it, so with connections per request (--conn-max-age 0) the
    database column is left empty."""

    def __init__(self, server: subprocess.Popen, database_url: str) -> None:
        import psycopg

        self.server = server
        self.connection = psycopg.connect(database_url, autocommit=True)

    def _backends(self) -> list[int]:
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        ).fetchall()
        return [pid for (pid,) in rows]

    def snapshot(self) -> tuple[dict[int, float], dict[int, float]]:
        def read(pids: list[int]) -> dict[int, float]:
            times = {pid: _cpu_seconds(pid) for pid in pids}
            return {pid: cpu for pid, cpu in times.items() if cpu is not None}

        return read(_children(self.server.pid)), read(self._backends())

    @staticmethod
    def used(before: dict[int, float], after: dict[int, float]) -> float:
        return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


# ---- a client -------------------------------------------------------------------------------


class Browser:
    """One client on one keep-alive connection (reopened when the server closes it), with its
    own cookies, timing every request under a label."""

    def __init__(self, port: int, *, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = dict(cookies or {})
        self.timings: list[tuple[str, float, int]] = []

    def request(
        self,
        label: str,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        json_body: dict | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
    ) -> tuple[int, dict[str, str], bytes]:
        sent = dict(headers or {})
        body = None
        if form is not None:
            body = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body)
            sent["Content-Type"] = "application/json"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=sent)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed a kept-alive connection between requests: reopen once.
                self.connection.close()
                if attempt == 2:
                    raise
                started = time.perf_counter()
        elapsed = time.perf_counter() - started
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        status = response.status
        self.timings.append((label, elapsed, 0 if status in expect else status))
        return status, dict(response.headers.items()), content


# ---- the endpoints --------------------------------------------------------------------------


@dataclass
class Scenario:
    """An endpoint (or a journey of them) and what one client does in a loop."""

    name: str
    setup: Callable[[Browser, Fixtures, random.Random], None] | None
    step: Callable[[Browser, Fixtures, random.Random], None]
    labels: list[str] = field(default_factory=list)


def bare_get(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request("bare GET (baseline)", "GET", "/bench/bare/")


def bare_insert(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request(
        "bare insert POST (baseline)",
        "POST",
        "/bench/bare-insert/",
        json_body={"subject": "Bin not collected"},
        expect=(201,),
    )


def api_search(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    query = urlencode({"q": rng.choice(SEARCHES)})
    browser.request("GET /api/v1/search", "GET", f"/api/v1/search?{query}")


def search_page(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    query = urlencode({"q": rng.choice(SEARCHES)})
    browser.request("GET /search (page)", "GET", f"/search?{query}")


def service_page(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request("GET /services/<slug>/", "GET", f"/services/{rng.choice(fixtures.services)}/")


def api_submission(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request(
        "POST /api/v1/cases (token)",
        "POST",
        "/api/v1/cases",
        json_body={
            "kind": "service_request",
            "service": "report-missed-bin",
            "subject": "Missed bin collection",
            "description": "The green bin was not emptied on Tuesday.",
            "contact": {"name": "Sam Patel", "email": "sam.patel@example.com"},
        },
        headers={
            "Authorization": f"Bearer {fixtures.token}",
            "Idempotency-Key": str(uuid.uuid4()),  # a new request each time
        },
        expect=(201,),
    )


def form_journey(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    """A resident fills in the general enquiry form: start, two pages, check, send."""
    base = f"/forms/{FORM}/"
    browser.request("form: start page", "GET", base)
    browser.request("form: start (POST)", "POST", base, form={}, expect=(302,))
    browser.request("form: page (GET)", "GET", f"{base}question/")
    browser.request(
        "form: answer a page (POST)",
        "POST",
        f"{base}question/",
        form={"topic": "Parking", "question": "When does my resident's permit run out?"},
        expect=(302,),
    )
    browser.request(
        "form: answer a page (POST)",
        "POST",
        f"{base}contact/",
        form={"name": "Sam Patel", "email": "sam.patel@example.com", "phone": ""},
        expect=(302,),
    )
    browser.request("form: check your answers", "GET", f"{base}check-your-answers/")
    browser.request(
        "form: send (POST)", "POST", f"{base}check-your-answers/", form={}, expect=(302,)
    )
    browser.request("form: confirmation", "GET", f"{base}confirmation/")


def start_form_browser(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request("(setup)", "GET", f"/forms/{FORM}/")  # the CSRF cookie


def grant_tracking(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    """Find the case by reference and email once, as a resident does, so the session may see it."""
    browser.request("(setup)", "GET", "/track/")
    reference, email = rng.choice(fixtures.tracked)
    browser.request(
        "(setup)", "POST", "/track/", form={"reference": reference, "email": email}, expect=(302,)
    )
    browser.cookies["bench_reference"] = reference


def tracking_page(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request("GET /track/<reference>", "GET", f"/track/{browser.cookies['bench_reference']}")


def sign_in_officer(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    from django.conf import settings

    browser.cookies[settings.SESSION_COOKIE_NAME] = fixtures.officer_session


def staff_queues(browser: Browser, fixtures: Fixtures, rng: random.Random) -> None:
    browser.request("GET /staff/queues/ (officer)", "GET", "/staff/queues/")


SCENARIOS = [
    Scenario("bare GET", None, bare_get),
    Scenario("bare insert", None, bare_insert),
    Scenario("api search", None, api_search),
    Scenario("search page", None, search_page),
    Scenario("service page", None, service_page),
    Scenario("form", start_form_browser, form_journey),
    Scenario("api submission", None, api_submission),
    Scenario("tracking", grant_tracking, tracking_page),
    Scenario("staff queues", sign_in_officer, staff_queues),
]


def run_client(
    port: int, scenario: Scenario, fixtures: Fixtures, seconds: float, seed: int, start_at: float
) -> list[tuple[str, float, int]]:
    rng = random.Random(seed)
    browser = Browser(port)
    if scenario.setup:
        scenario.setup(browser, fixtures, rng)
    browser.timings.clear()
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        scenario.step(browser, fixtures, rng)
    # A request still running at the deadline counts: the window is the clients' whole loop.
    return browser.timings


@dataclass
class Result:
    label: str
    count: int
    failures: int
    seconds: float
    statuses: str
    p50_ms: float
    p95_ms: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds


@dataclass
class Round:
    timings: list[tuple[str, float, int]]
    window: float
    worker_cpu: float
    database_cpu: float


def run_round(
    port: int,
    scenario: Scenario,
    fixtures: Fixtures,
    seconds: float,
    clients: int,
    meter: CpuMeter,
) -> Round:
    """Every client runs `scenario` for `seconds`; their timings, the window and the CPU used."""
    start_at = time.time() + 1.0  # every client starts together, after its setup
    context = multiprocessing.get_context("fork")
    with context.Pool(clients) as pool:
        pending = pool.starmap_async(
            run_client,
            [(port, scenario, fixtures, seconds, seed, start_at) for seed in range(clients)],
        )
        time.sleep(max(0.0, start_at - time.time()))
        workers_before, backends_before = meter.snapshot()
        runs = pending.get()
        workers_after, backends_after = meter.snapshot()
        # The loops stop at the deadline, after the request they are in: the window is longer.
        elapsed = time.time() - start_at
    return Round(
        timings=[timing for run in runs for timing in run],
        window=min(elapsed, seconds + 5),
        worker_cpu=meter.used(workers_before, workers_after),
        database_cpu=meter.used(backends_before, backends_after),
    )


def summarise(timings: list[tuple[str, float, int]], window: float) -> Iterator[Result]:
    labels = list(dict.fromkeys(label for label, _, _ in timings))
    for label in labels:
        times = sorted(seconds for name, seconds, _ in timings if name == label)
        failed = [status for name, _, status in timings if name == label and status]
        yield Result(
            label=label,
            count=len(times),
            failures=len(failed),
            seconds=window,
            statuses=",".join(f"{code} x{failed.count(code)}" for code in sorted(set(failed))),
            p50_ms=statistics.median(times) * 1000,
            p95_ms=times[max(0, round(0.95 * len(times)) - 1)] * 1000,
        )


# ---- the report -----------------------------------------------------------------------------


def report(results: list[Result], args: argparse.Namespace) -> None:
    by_label = {result.label: result for result in results}
    bare_get_result = by_label.get("bare GET (baseline)")
    bare_insert_result = by_label.get("bare insert POST (baseline)")
    print()
    print(
        f"{args.clients} clients, {args.seconds:g} s per endpoint in {args.rounds} rounds, "
        f"gunicorn {args.workers} workers ({args.gunicorn_config or 'command-line settings'}), "
        f"OPENCEX_DB_CONN_MAX_AGE={args.conn_max_age or '(production default)'}"
    )
    columns = ("req/s", "p50 ms", "p95 ms", "of bare", "failed")
    header = f"{'endpoint':34} " + " ".join(f"{column:>8}" for column in columns)
    print(header)
    print("-" * len(header))
    for result in results:
        baseline = bare_insert_result if "POST" in result.label else bare_get_result
        ratio = (
            f"{result.per_second / baseline.per_second:.2f}"
            if baseline and baseline is not result
            else ""
        )
        print(
            f"{result.label:34} {result.per_second:8.1f} {result.p50_ms:8.1f} "
            f"{result.p95_ms:8.1f} {ratio:>8} {result.failures:8d} {result.statuses}"
        )
    submissions = by_label.get("POST /api/v1/cases (token)")
    if submissions and bare_insert_result:
        ratio = submissions.per_second / bare_insert_result.per_second
        print()
        print(
            f"API submissions: {submissions.per_second:.0f}/s (aim ≥ "
            f"{TARGET_SUBMISSIONS_PER_SECOND}), {ratio:.2f} of the bare insert (aim ≥ "
            f"{TARGET_RATIO:.2f}), p95 {submissions.p95_ms:.0f} ms (aim < {TARGET_P95_MS})"
        )
    print("of bare: a POST against the bare insert, a GET against the bare GET, same run.")


def report_cpu(rounds: dict[str, list[Round]], args: argparse.Namespace) -> None:
    """CPU per request on the server side: what the machine would serve if it were not shared."""
    print()
    print("Server CPU per request (web workers + their PostgreSQL backends), from /proc:")
    columns = ("requests", "web ms", "db ms", "total ms", "cap/s", "of bare")
    header = f"{'endpoint group':34} " + " ".join(f"{column:>8}" for column in columns)
    print(header)
    print("-" * len(header))
    capacities: dict[str, float] = {}
    per_request = args.conn_max_age == "0"
    for name, runs in rounds.items():
        requests = sum(len(run.timings) for run in runs)
        worker = sum(run.worker_cpu for run in runs) / requests * 1000
        database = 0.0 if per_request else sum(run.database_cpu for run in runs) / requests * 1000
        total = worker + database
        # The machine's cores, for the workers and the database together.
        capacities[name] = (os.cpu_count() or 2) * 1000 / total if total else 0.0
        baseline = capacities.get("bare insert" if "submission" in name else "bare GET")
        # The form is a mix of pages and posts: no one baseline.
        compared = baseline and not name.startswith("bare") and name != "form"
        ratio = f"{capacities[name] / baseline:.2f}" if compared else ""
        db = f"{'':8}" if per_request else f"{database:8.2f}"
        print(
            f"{name:34} {requests:8d} {worker:8.2f} {db} {total:8.2f} "
            f"{capacities[name]:8.0f} {ratio:>8}"
        )
    print(
        "cap/s: requests per second this machine's cores could serve at that CPU cost with "
        "nothing else running (clients not counted); of bare: against the bare view's cap/s."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS,
        help="The shared cache for rate limits; '' for each worker's own memory.",
    )
    parser.add_argument("--seconds", type=float, default=20, help="per endpoint")
    parser.add_argument(
        "--rounds", type=int, default=4, help="the seconds of each endpoint, split in rounds"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--conn-max-age",
        default="",
        help="OPENCEX_DB_CONN_MAX_AGE for the server (0 opens a connection per request); "
        "unset, the production default",
    )
    parser.add_argument(
        "--gunicorn-config",
        default="opencex.server.gunicorn_conf",
        help="The gunicorn config module (default: the production install's; '' for "
        "gunicorn's own defaults)",
    )
    parser.add_argument("--demo-size", choices=["full", "small"], default="full")
    parser.add_argument(
        "--only",
        default="",
        help="Only the endpoints whose name contains this (the baselines always run)",
    )
    args = parser.parse_args()

    fixtures = prepare(args)
    port = free_port()
    server = start_server(args, port)
    try:
        chosen = [
            scenario
            for scenario in SCENARIOS
            if scenario.name.startswith("bare") or args.only in scenario.name
        ]
        for scenario in chosen:
            # A few requests first, so that each worker has connected and built its caches.
            run_scenario_warm_up(port, scenario, fixtures)
        # In rounds, each endpoint in turn: on a shared machine the load from elsewhere changes
        # by the minute, and rounds spread it over every endpoint and its baseline alike.
        meter = CpuMeter(server, args.database_url)
        rounds: dict[str, list[Round]] = {scenario.name: [] for scenario in chosen}
        for number in range(1, args.rounds + 1):
            print(f"Round {number} of {args.rounds}: ", end="", flush=True)
            for scenario in chosen:
                print(f"{scenario.name}; ", end="", flush=True)
                rounds[scenario.name].append(
                    run_round(
                        port, scenario, fixtures, args.seconds / args.rounds, args.clients, meter
                    )
                )
            print()
    finally:
        server.terminate()
        server.wait(timeout=30)
    results = [
        result
        for runs in rounds.values()
        for result in summarise(
            [timing for run in runs for timing in run.timings], sum(run.window for run in runs)
        )
    ]
    report(results, args)
    report_cpu(rounds, args)


def run_scenario_warm_up(port: int, scenario: Scenario, fixtures: Fixtures) -> None:
    rng = random.Random(-1)
    for _ in range(2):  # one connection, requests spread over the workers by the kernel
        browser = Browser(port)
        if scenario.setup:
            scenario.setup(browser, fixtures, rng)
        for _ in range(5):
            scenario.step(browser, fixtures, rng)


if __name__ == "__main__":
    main()
