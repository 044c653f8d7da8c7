"""What the audit protection costs a submission: timeline inserts with the triggers off (before)
and on (after), and on while a sealer chains records in another connection; then how fast the
sealer and the check run.

Creates its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/opencex_bench_audit,
or --database-url; dropped at the end unless --keep) and migrates it. Each insert is one
committed transaction (as a request's would be). The phases are interleaved in rounds so that
noise on a shared machine falls on all of them alike; the medians are per insert. The sealer
runs flat out in a separate process (worse than a timer every few minutes): on a 2-core machine
it takes CPU from the inserts, but no insert waits for its lock.

Run:  .venv/bin/python bench/audit.py [--inserts N] [--rounds R] [--database-url URL] [--keep]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time

from bench_databases import drop_database, fresh_database

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/opencex_bench_audit"


def set_up_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    os.environ.setdefault("OPENCEX_DEBUG", "0")
    os.environ.setdefault("OPENCEX_SECRET_KEY", "bench-only-secret-key-not-for-any-deployment")
    os.environ.setdefault("OPENCEX_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def insert_times(case, n: int) -> list[float]:
    """Seconds per CaseEvent insert, each committed on its own."""
    from django.utils import timezone

    from opencex.cases.models import CaseEvent

    times = []
    for i in range(n):
        started = time.perf_counter()
        CaseEvent.objects.create(
            case=case, kind="note", at=timezone.now(), summary=f"Bench note {i}", data={"i": i}
        )
        times.append(time.perf_counter() - started)
    return times


def set_triggers(enabled: bool) -> None:
    from django.db import connection

    action = "ENABLE" if enabled else "DISABLE"
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE cases_caseevent {action} TRIGGER USER")


def keep_sealing(stop, sealed) -> None:
    """In a process of its own (as the sealing job would be): seal until told to stop."""
    sys.path[:0] = ["src", "."]
    import django

    django.setup()
    from opencex.audit.sealing import seal_new_records

    while not stop.is_set():
        with sealed.get_lock():
            sealed.value += seal_new_records()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--inserts", type=int, default=300, help="inserts per phase per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    fresh_database(args.database_url)
    try:
        set_up_django(args.database_url)
        return run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(args.database_url)


def run(args) -> int:
    from tests.factories import CaseFactory

    from opencex.audit import sealing

    case = CaseFactory()
    phases: dict[str, list[float]] = {"before": [], "after": [], "after+sealer": []}
    context = multiprocessing.get_context("spawn")
    sealed_alongside = context.Value("i", 0)
    for _ in range(args.rounds):
        set_triggers(False)
        phases["before"] += insert_times(case, args.inserts)
        set_triggers(True)
        phases["after"] += insert_times(case, args.inserts)
        stop = context.Event()
        sealer = context.Process(target=keep_sealing, args=(stop, sealed_alongside))
        sealer.start()
        time.sleep(3)  # let it start up and seal the backlog first
        phases["after+sealer"] += insert_times(case, args.inserts)
        stop.set()
        sealer.join()

    baseline = statistics.median(phases["before"])
    print(
        f"Timeline inserts, one committed transaction each ({args.rounds} rounds x "
        f"{args.inserts} per phase):"
    )
    for name, times in phases.items():
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"  {name:14} median {median * 1000:6.3f} ms  p95 {p95 * 1000:6.3f} ms  "
            f"x{median / baseline:.2f} of before  ({1 / median:,.0f} inserts/s)"
        )
    print(f"  a sealer in another process chained {sealed_alongside.value} rows in those phases")

    from opencex.cases.models import CaseEvent

    for _ in range(5):
        insert_times(case, 2000)
    backlog = CaseEvent.objects.count() - sealed_alongside.value
    started = time.perf_counter()
    sealed = sealing.seal_new_records()
    seal_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = sealing.verify()
    verify_seconds = time.perf_counter() - started
    print(
        f"Sealing a backlog of {sealed} rows (about {backlog}): {seal_seconds:.2f} s, "
        f"{sealed / seal_seconds:,.0f} rows/s"
    )
    print(
        f"Verifying {result.rows} rows and {result.seals} seals: {verify_seconds:.2f} s, "
        f"{result.rows / verify_seconds:,.0f} rows/s; intact: {result.is_intact}"
    )
    return 0 if result.is_intact else 1


if __name__ == "__main__":
    sys.path[:0] = ["src", "."]
    sys.exit(main())
