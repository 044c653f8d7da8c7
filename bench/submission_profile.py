"""What one `POST /api/v1/cases` costs, in process: its SQL queries, and where its time goes.

Uses the bench site of bench/load.py (production settings, its database) and Django's test
Client, so the request goes through the same middleware and API as under gunicorn. Prints the
queries of one submission (after a warm-up), then the time per submission over `--count`
submissions and, with `--profile`, the functions that take it (cProfile, by cumulative time).

Run:  .venv/bin/python bench/submission_profile.py [--count 300] [--profile] [--sql]
          [--database-url postgres://...]   (bench/load.py must have loaded it once)
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR), str(BENCH_DIR.parent / "src")]

from load import DEFAULT_DATABASE, PARTNER_EMAIL, SECRET_KEY  # noqa: E402

PAYLOAD = {
    "kind": "service_request",
    "service": "report-missed-bin",
    "subject": "Missed bin collection",
    "description": "The green bin was not emptied on Tuesday.",
    "contact": {"name": "Sam Patel", "email": "sam.patel@example.com"},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the run")
    parser.add_argument("--sort", default="cumulative", help="cProfile order, e.g. tottime")
    parser.add_argument("--lines", type=int, default=45, help="how many functions to print")
    parser.add_argument("--sql", action="store_true", help="print each query of one submission")
    args = parser.parse_args()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "loadsite.settings",
            "DATABASE_URL": args.database_url,
            "OPENCEX_DEBUG": "0",
            "OPENCEX_SECRET_KEY": SECRET_KEY,
            "OPENCEX_DB_CONN_MAX_AGE": "60",
            "OPENCEX_LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from opencex.api.policies import SERVER_OPERATOR
    from opencex.api.tokens import issue_token

    partner = get_user_model().objects.get(email=PARTNER_EMAIL)
    token = issue_token(actor=SERVER_OPERATOR, user=partner, name="bench/submission_profile.py")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def submit() -> None:
        response = client.post(
            "/api/v1/cases",
            json.dumps(PAYLOAD),
            content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code == 201, response.content

    for _ in range(5):
        submit()
    with CaptureQueriesContext(connection) as queries:
        submit()
    print(f"Queries per submission: {len(queries)}")
    if args.sql:
        for number, query in enumerate(queries.captured_queries, 1):
            print(f"{number:3}. {query['sql'][:300]}")

    profiler = cProfile.Profile(time.process_time)  # CPU, not waiting for the database
    started = time.perf_counter()
    cpu_started = time.process_time()
    if args.profile:
        profiler.enable()
    for _ in range(args.count):
        submit()
    if args.profile:
        profiler.disable()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(
        f"{args.count} submissions in {elapsed:.2f} s: {elapsed / args.count * 1000:.2f} ms each, "
        f"of which {cpu / args.count * 1000:.2f} ms of this process's CPU (the rest: waiting "
        "for the database)"
    )
    if args.profile:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()
