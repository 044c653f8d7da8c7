# ruff: noqa: S608 (the SQL is built from this file's own table and trigger names)
"""What the insight triggers cost a write: cases and contacts inserted with repeat contact's
marks and the hourly rollups' triggers off, then on, in the same run (medians of `--runs`, each
insert rolled back), on the big bench database of docs/insight-scale.md.

    PYTHONPATH=src .venv/bin/python bench/rollup_write_cost.py \\
        [--database-url postgres://postgres@127.0.0.1:5432/opencex_bench] [--rows 5000] [--runs 5]

The rows are copies of the newest cases and contacts from a known resident about a service
(the ones that get a mark), so each copy lands beside its original: the marks after it are
judged again, the worst case for the look-back.
"""

from __future__ import annotations

import argparse
import statistics
import time

import psycopg

NEW_TRIGGERS = {
    "cases_case": ("insight_case_hours_write", "insight_case_repeats_write"),
    "contacts_contact": ("insight_contact_hours_write", "insight_contact_repeats_write"),
}
MARKED = {
    "cases_case": "resident_id IS NOT NULL AND service_id IS NOT NULL",
    "contacts_contact": (
        "resident_id IS NOT NULL AND service_id IS NOT NULL AND outcome <> 'case_opened'"
    ),
}


def _columns(cursor, table: str) -> str:
    cursor.execute(
        "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'",
        (table,),
    )
    return cursor.fetchone()[0]


def _insert_seconds(conn, table: str, rows: int, *, new_triggers: bool) -> float:
    with conn.cursor() as cursor:
        columns = _columns(cursor, table)
        copied = columns
        if table == "cases_case":  # references are unique
            copied = columns.replace("reference", "'BENCH' || id::text", 1)
        try:
            with conn.transaction():
                if not new_triggers:
                    for trigger in NEW_TRIGGERS[table]:
                        cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
                started = time.perf_counter()
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) SELECT {copied} FROM {table} "
                    f"WHERE {MARKED[table]} ORDER BY id DESC LIMIT {int(rows)}"
                )
                seconds = time.perf_counter() - started
                raise psycopg.Rollback()
        except psycopg.Rollback:
            pass
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/opencex_bench"
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with psycopg.connect(args.database_url) as conn:
        print(f"{args.rows:,} rows a statement, median of {args.runs} runs, each rolled back")
        print(f"{'table':<18} {'without us/row':>15} {'with us/row':>12} {'ratio':>6}")
        for table in NEW_TRIGGERS:
            timed: dict[bool, list[float]] = {False: [], True: []}
            for _ in range(args.runs):
                for on in (False, True):
                    timed[on].append(_insert_seconds(conn, table, args.rows, new_triggers=on))
            off, on = (statistics.median(timed[x]) / args.rows * 1e6 for x in (False, True))
            print(f"{table:<18} {off:>15.0f} {on:>12.0f} {on / off:>6.2f}")


if __name__ == "__main__":
    main()
