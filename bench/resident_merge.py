"""The database side of one record per resident, timed on PostgreSQL: the nightly search over
every resident (and its second, idempotent run), the "someone we already know?" look-up as an
officer types (the index built once, then warm), and a merge and its undo of a resident with many
rows, with the number of queries each takes.

Creates its own PostgreSQL database (default postgres://postgres@127.0.0.1:5432/
h_residentmerge_bench, or --database-url; dropped at the end unless --keep), migrates it, and
loads N synthetic residents, each with a home, of whom a share is typed in twice with a typo in
the surname and the phone written another way (the known true pairs: the search's precision and
recall against them are printed too, for the stored pairs).

Run:  .venv/bin/python bench/resident_merge.py [--residents N] [--rows R] [--keep]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta

from bench_databases import drop_database, fresh_database

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/h_residentmerge_bench"
GIVEN = ["Robert", "Priya", "Tomasz", "Amina", "Grace", "Alan", "Maria", "John", "Fatima", "Wei"]
GIVEN += ["Oliver", "Chloe", "Mohammed", "Zofia", "Kwame", "Aisha", "Liam", "Sophie", "Jan", "Eve"]
SURNAMES = ["Smith", "Patel", "Nowak", "Yusuf", "Hopper", "Turing", "Kowalska", "Jones", "Khan"]
SURNAMES += ["Wang", "Brown", "Taylor", "Ali", "Wilson", "Evans", "Okafor", "Davies", "Murphy"]
STREETS = ["Cowley Road", "Iffley Road", "High Street", "Banbury Road", "Abingdon Road"]


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


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice("aeiouy") + word[i + 1 :]


def load(n: int, duplicate_share: float, seed: int = 7) -> set[tuple[int, int]]:
    """N residents with a home each; returns the true duplicate pairs by resident id."""
    from opencex.people.models import Occupancy, Property, Resident

    rng = random.Random(seed)
    people = []
    for i in range(n):
        given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 60 * 365))
        phone = f"07700{rng.randrange(0, 10**6):06d}"
        street = f"{rng.randrange(1, 300)} {rng.choice(STREETS)}"
        inward = f"{rng.randrange(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}"
        postcode = f"OX{rng.randrange(1, 5)} {inward}"
        people.append((i, given, surname, born, phone, street, postcode))
    twins = rng.sample(people, int(n * duplicate_share))
    rows = [(p, False) for p in people] + [(p, True) for p in twins]
    residents = Resident.objects.bulk_create(
        Resident(
            full_name=f"{given} {_typo(surname, rng) if copy else surname}",
            date_of_birth=born,
            phone=(f"+44 {phone[1:5]} {phone[5:]}" if copy else phone),
            email="" if copy else f"{given}.{surname}.{i}@example.org".lower(),
        )
        for (i, given, surname, born, phone, _street, _postcode), copy in rows
    )
    places = Property.objects.bulk_create(
        Property(uprn=str(10**9 + k), address_line_1=p[5], town="Oxford", postcode=p[6])
        for k, (p, _copy) in enumerate(rows)
    )
    Occupancy.objects.bulk_create(
        Occupancy(resident=resident, property=place, relationship="tenant")
        for resident, place in zip(residents, places, strict=True)
    )
    first = {p[0]: residents[k].pk for k, (p, copy) in enumerate(rows) if not copy}
    return {
        tuple(sorted((first[p[0]], residents[k].pk)))  # type: ignore[misc]
        for k, (p, copy) in enumerate(rows)
        if copy
    }


def timed(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - started
    return result, seconds, len(queries)


def bench_search(true_pairs: set[tuple[int, int]]) -> None:
    from opencex.matching import services
    from opencex.matching.models import CandidatePair

    run, seconds, queries = timed(services.find_duplicate_residents)
    print(f"search, first run: {seconds:.1f} s, {queries} queries: {run}")
    found = set(CandidatePair.objects.values_list("resident_a", "resident_b"))
    hits = len(found & true_pairs)
    print(
        f"  stored pairs {len(found)}, true pairs {len(true_pairs)}: precision "
        f"{hits / max(len(found), 1):.3f}, recall {hits / max(len(true_pairs), 1):.3f}"
    )
    run, seconds, queries = timed(services.find_duplicate_residents)
    print(f"search, second run (nothing new): {seconds:.1f} s, {queries} queries: {run}")


def bench_look_up(officer) -> None:
    from opencex.matching import services
    from opencex.matching.records import INDEX

    INDEX.clear()
    typed = {"actor": officer, "full_name": "Robert Smyth", "postcode": "OX4"}
    _found, seconds, _queries = timed(lambda: services.known_residents_like(**typed))
    print(f"look-up, first (builds the index): {seconds:.2f} s")
    names = [f"{g} {s}" for g in GIVEN[:5] for s in SURNAMES[:5]]
    times, counts = [], []
    for name in names:
        _found, seconds, queries = timed(
            lambda name=name: services.known_residents_like(actor=officer, full_name=name)
        )
        times.append(seconds)
        counts.append(queries)
    from opencex.people.models import Resident

    changed = []
    for n in range(10):
        resident = Resident.objects.order_by("?").first()
        resident.full_name += " Jr"  # type: ignore[union-attr]
        resident.save()  # type: ignore[union-attr]
        _found, seconds, _queries = timed(
            lambda n=n: services.known_residents_like(actor=officer, full_name=f"Robert Smith {n}")
        )
        changed.append(seconds)
    print(
        f"look-up just after a resident was edited (index brought up to date): median "
        f"{statistics.median(changed) * 1000:.0f} ms over {len(changed)}"
    )
    print(
        f"look-up, warm: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {len(times)}, {statistics.median(counts):.0f} queries"
    )


def bench_merge(officer, rows: int, rounds: int) -> None:
    from opencex.matching import services
    from opencex.people.models import Occupancy, Property, Resident

    merges, undos = [], []
    for r in range(rounds):
        kept = Resident.objects.create(full_name=f"Kept {r}")
        merged = Resident.objects.create(full_name=f"Merged {r}", email=f"m{r}@example.org")
        places = Property.objects.bulk_create(
            Property(uprn=f"9{r:03d}{k:05d}", address_line_1="x", town="Oxford", postcode="OX4")
            for k in range(rows)
        )
        Occupancy.objects.bulk_create(
            Occupancy(resident=merged, property=p, relationship="tenant") for p in places
        )
        merge, seconds, queries = timed(
            lambda kept=kept, merged=merged: services.merge_residents(
                actor=officer, kept=kept, merged=merged, reason="bench"
            )
        )
        merges.append((seconds, queries))
        _undone, seconds, queries = timed(
            lambda merge=merge: services.undo_merge(actor=officer, merge=merge, reason="bench")
        )
        undos.append((seconds, queries))
    for what, results in (("merge", merges), ("undo", undos)):
        print(
            f"{what} of a resident with {rows} rows: median "
            f"{statistics.median(s for s, _ in results) * 1000:.0f} ms, "
            f"{statistics.median(q for _, q in results):.0f} queries ({rounds} rounds)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=10_000)
    parser.add_argument("--duplicates", type=float, default=0.05)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    fresh_database(options.database_url)
    try:
        set_up_django(options.database_url)
        from opencex.accounts.models import Role, User

        officer = User.objects.create_user("bench-manager@example.org", role=Role.TEAM_MANAGER)
        true_pairs, seconds, _ = timed(lambda: load(options.residents, options.duplicates))
        print(
            f"loaded {options.residents} residents + {len(true_pairs)} typed twice: {seconds:.1f} s"
        )
        bench_search(true_pairs)
        bench_look_up(officer)
        bench_merge(officer, options.rows, options.rounds)
    finally:
        if not options.keep:
            from django.db import connections

            connections.close_all()
            drop_database(options.database_url)


if __name__ == "__main__":
    main()
