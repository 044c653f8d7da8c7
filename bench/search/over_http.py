"""Search latency over HTTP: GET /api/v1/search?q=… through the whole Django stack.

Each request goes through Django's test Client, so through every middleware, the URL resolver,
the API's authentication, validation and JSON rendering: what a resident's browser or a partner
system waits for, less the network. In the same run the bare `search()` call (what run.py times)
is timed on the same queries, so the difference is what the HTTP stack adds.

Run:  .venv/bin/python bench/search/over_http.py                 # fresh SQLite, real catalogue
      .venv/bin/python bench/search/over_http.py --database-url postgres://postgres@127.0.0.1/x
          [--rounds N] [--conn-max-age S]

Every query of queries.json, holdout.json and plain.json is requested `--rounds` times, round by
round; p50 and p95 are over every request. Target: p95 under 10 ms. Database connections are
kept between requests (`--conn-max-age`, default 60 s), as a production server runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

from run import _percentile  # noqa: E402 - the quality bench's, beside this one

TARGET_P95_MS = 10.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a database to migrate and load (default SQLite)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--conn-max-age", type=int, default=60)
    args = parser.parse_args()

    os.environ["OPENCEX_DB_CONN_MAX_AGE"] = str(args.conn_max_age)
    os.environ.setdefault("OPENCEX_DEBUG", "0")
    os.environ.setdefault("OPENCEX_SECRET_KEY", "bench-only-secret-key-not-for-any-deployment")
    os.environ.setdefault("OPENCEX_LOG_LEVEL", "WARNING")
    os.environ.setdefault("OPENCEX_LOG_FORMAT", "text")  # no access line per request on stderr
    # The test Client speaks plain HTTP; production is reached through a TLS proxy.
    os.environ.setdefault("OPENCEX_SSL_REDIRECT", "0")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    import run  # the quality bench: its database set-up and query sets

    if args.database_url:
        _migrate_and_load()
    else:
        run._setup_django(use_dev_db=False)  # a fresh SQLite database in a temporary folder

    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from opencex.search.engine import search

    queries = [q["q"] for name in ("queries.json", "holdout.json", "plain.json") for q in
               run._load(name)]  # fmt: skip
    client = Client()
    urls = [f"/api/v1/search?{urlencode({'q': q})}" for q in queries]
    for url in urls:  # warm up: the index is built on the first search
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}: {response.content[:200]!r}")
    reset_queries()  # as the request itself will: the capture counts from an empty log
    with CaptureQueriesContext(connection) as captured:
        client.get(urls[0])
    statements = len(captured.captured_queries)  # now: the next request empties the log
    over_http: list[float] = []
    bare: list[float] = []
    for _ in range(args.rounds):
        for query, url in zip(queries, urls, strict=True):
            started = time.perf_counter()
            client.get(url)
            over_http.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            search(query)
            bare.append((time.perf_counter() - started) * 1000)

    print(
        f"{len(queries)} queries x {args.rounds} rounds on {connection.vendor}; "
        f"{statements} SQL queries per request; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (other work inflates the p95)"
    )
    for name, samples in (("GET /api/v1/search", over_http), ("search() alone", bare)):
        print(
            f"  {name:<20} p50 {statistics.median(samples):6.2f} ms   "
            f"p95 {_percentile(samples, 0.95):6.2f} ms"
        )
    high = _percentile(over_http, 0.95)
    print(f"  HTTP p95 {high:.2f} ms (target < {TARGET_P95_MS:.0f} ms)")
    sys.exit(0 if high < TARGET_P95_MS else 1)


def _migrate_and_load() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file

    call_command("migrate", verbosity=0)
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))


if __name__ == "__main__":
    main()
