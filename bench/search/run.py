"""Search quality and speed on realistic resident queries: hit@1, hit@3, MRR@10, p50/p95 latency.

English, Polish and Arabic: each language has a tuning set (queries.json, queries.pl.json,
queries.ar.json) and a held-out set (holdout*.json). For Polish and Arabic the figures are given
for the whole set and for its cross-language part (queries whose answers have no translation in
that language, found through the lexicon), next to the baseline: the English-only pipeline as it
was before issue 13, on the same queries.

The index is built from the council's real catalogue file (services and guidance pages). By
default the script migrates a fresh SQLite database in a temporary folder and loads the catalogue
into it, so it never touches your data; `--dev-db` uses the database in DATABASE_URL (or the dev
SQLite file) as it is, e.g. after `make run` or `opencex demo`.

Run:  .venv/bin/python bench/search/run.py            # tuning set (queries.json) + no-answer set
      .venv/bin/python bench/search/run.py --holdout  # and the held-out sets (holdout.json,
                                                      # plain.json)
      .venv/bin/python bench/search/run.py --query "my bin wasn't emptied"   # one query, scored

Latency is the whole `search()` call a page makes (version check against the database included):
each query is run `--rounds` times, its median is kept, and p50/p95 are over those medians.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Measure the checkout this script lives in, not whichever copy the environment installed.
sys.path.insert(0, str(HERE.parents[1] / "src"))


def _setup_django(use_dev_db: bool) -> None:
    if not use_dev_db:
        folder = tempfile.mkdtemp(prefix="opencex-search-bench-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    import django

    django.setup()
    if not use_dev_db:
        from django.conf import settings
        from django.core.management import call_command

        from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file

        call_command("migrate", verbosity=0)
        load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))


def _load(name: str) -> list:
    return json.loads((HERE / name).read_text(encoding="utf-8"))["queries"]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def engine_slugs(query: str, language: str = "en") -> list[str]:
    from opencex.search.engine import search

    return [hit.document.slug for hit in search(query, language=language)]


def english_only_slugs(query: str) -> list[str]:
    """The pipeline before issue 13: the English index alone, whatever the query's language."""
    from opencex.search.engine import current_index

    return [hit.document.slug for hit in current_index().english.search(query)]


def baseline_slugs(query: str) -> list[str]:
    """The baseline: what a plain CMS search does. Each query word (3+ letters) is looked for
    in titles and summaries (title counts double); no stemming, synonyms or spelling help."""
    from django.db.models import Case as Choose
    from django.db.models import IntegerField, Q, Value, When

    from opencex.catalogue.models import GuidancePage, Service

    words = "".join(c if c.isalnum() else " " for c in query.lower()).split()
    words = [w for w in words if len(w) > 2]
    if not words:
        return []
    scored = []
    for model in (Service, GuidancePage):
        score = sum(
            (
                Choose(When(title__icontains=w, then=Value(2)), default=Value(0))
                + Choose(When(summary__icontains=w, then=Value(1)), default=Value(0))
                for w in words
            ),
            Value(0, output_field=IntegerField()),
        )
        match = Q()
        for w in words:
            match |= Q(title__icontains=w) | Q(summary__icontains=w)
        rows = model.objects.filter(match).annotate(score=score).values_list("slug", "score")
        scored += list(rows)
    scored.sort(key=lambda row: -row[1])
    return [slug for slug, _ in scored[:10]]


def evaluate(
    name: str, queries: list[dict], rounds: int, find=engine_slugs, *, quiet: bool = False
) -> dict:
    first_hits = top3 = 0
    reciprocal = 0.0
    medians: list[float] = []
    failures = []
    for entry in queries:
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            slugs = find(entry["q"])
            timings.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(timings))
        rank = next((i for i, slug in enumerate(slugs, 1) if slug in entry["expect"]), None)
        first_hits += rank == 1
        top3 += rank is not None and rank <= 3
        reciprocal += 1 / rank if rank else 0.0
        if rank is None or rank > 3:
            failures.append((entry["q"], entry["expect"], slugs[:3], rank))
    count = len(queries)
    figures = {
        "count": count,
        "hit@1": first_hits / count,
        "hit@3": top3 / count,
        "mrr": reciprocal / count,
        "p50": _percentile(medians, 0.5),
    }
    if quiet:
        return figures
    print(f"\n{name}: {count} queries")
    print(f"  hit@1  {first_hits / count:.3f}")
    print(f"  hit@3  {top3 / count:.3f}")
    print(f"  MRR@10 {reciprocal / count:.3f}")
    print(
        f"  latency p50 {_percentile(medians, 0.5):.2f} ms, p95 {_percentile(medians, 0.95):.2f} ms"
    )
    if find in (baseline_slugs, english_only_slugs):
        return figures
    if failures:
        print("  not in the top 3:")
        for query, expected, got, rank in failures:
            where = f"rank {rank}" if rank else "not found"
            print(
                f"    {query!r}: wanted {expected[0]}{' …' if len(expected) > 1 else ''} "
                f"({where}); got {got}"
            )
    return figures


def untranslated(queries: list[dict], language: str) -> list[dict]:
    """The queries none of whose answers is translated into `language`."""
    from opencex.search.engine import current_index

    translated = {
        document.slug
        for document in current_index().documents
        if document.texts_in(language).get("title")
    }
    return [entry for entry in queries if not set(entry["expect"]) & translated]


def evaluate_language(name: str, file: str, language: str, rounds: int) -> list[tuple]:
    """One language's set: the engine, the English-only baseline, and the cross-language part."""
    queries = _load(file)

    def ours(query: str) -> list[str]:
        return engine_slugs(query, language)

    rows = []
    figures = evaluate(f"{name} ({file})", queries, rounds, ours)
    base = evaluate(name, queries, 1, english_only_slugs, quiet=True)
    rows.append((f"{language} {name}", figures, base))
    cross = untranslated(queries, language)
    if cross:
        rows.append(
            (
                f"{language} {name}, cross-language",
                evaluate(name, cross, 1, ours, quiet=True),
                evaluate(name, cross, 1, english_only_slugs, quiet=True),
            )
        )
    return rows


def print_table(rows: list[tuple]) -> None:
    print("\nby language (baseline: the English-only pipeline on the same queries)")
    print(f"  {'set':<34} {'n':>3}  {'hit@1':>5} {'hit@3':>5} {'MRR':>5}   baseline hit@3, MRR")
    for name, ours, base in rows:
        ratio = ours["hit@3"] / base["hit@3"] if base["hit@3"] else float("inf")
        print(
            f"  {name:<34} {ours['count']:>3}  {ours['hit@1']:.3f} {ours['hit@3']:.3f} "
            f"{ours['mrr']:.3f}   {base['hit@3']:.3f}, {base['mrr']:.3f}"
            f"   (hit@3 x{ratio:.1f})"
        )


def evaluate_no_answer(queries: list[str]) -> None:
    from opencex.search.engine import search

    wrong = [(q, [h.document.slug for h in search(q)][:3]) for q in queries]
    wrong = [(q, got) for q, got in wrong if got]
    print(f"\nno-answer set: {len(queries) - len(wrong)}/{len(queries)} correctly return nothing")
    for query, got in wrong:
        print(f"    {query!r}: got {got}")


def explain(query: str, language: str) -> None:
    from opencex.search.engine import current_index, search

    index = current_index()
    code = index.language_of(query, language)
    if code in index.indexes:
        english, share = index.in_english(query, code)
        print(f"in English: {english!r} (share {share:.2f})")
    for hit in search(query, limit=20, language=language):
        print(f"{hit.score:8.2f}  {hit.document.kind:<8} {hit.document.slug}")


def print_build_times(index) -> None:
    """Building the index again from the same documents: English alone (as before issue 13)
    and every language (median of 5)."""
    from opencex.languages import offered_languages
    from opencex.search.index import SearchIndex
    from opencex.search.multilingual import SiteIndex
    from opencex.search.synonyms import thesaurus

    documents = index.documents
    timings: dict[str, list[float]] = {"English only": [], "every language": []}
    for _ in range(5):
        started = time.perf_counter()
        SearchIndex(documents, thesaurus())
        timings["English only"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        SiteIndex(documents, offered_languages())
        timings["every language"].append((time.perf_counter() - started) * 1000)
    print(
        "rebuild: "
        + ", ".join(f"{name} {statistics.median(ms):.0f} ms" for name, ms in timings.items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--holdout", action="store_true", help="also score holdout.json and plain.json"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline's figures")
    parser.add_argument("--dev-db", action="store_true", help="use DATABASE_URL as it is")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--query", help="print one query's results with their scores")
    parser.add_argument("--lang", default="en", help="the language --query is read in")
    parser.add_argument(
        "--only", choices=["en", "pl", "ar"], help="score only this language's sets"
    )
    args = parser.parse_args()
    _setup_django(args.dev_db)

    from opencex.search.engine import current_index

    started = time.perf_counter()
    index = current_index()
    built = (time.perf_counter() - started) * 1000
    if args.query:
        explain(args.query, args.lang)
        return
    print(f"index: {len(index)} documents, built in {built:.0f} ms (first build, with imports)")
    print_build_times(index)
    rows: list[tuple] = []
    for language in ("pl", "ar"):
        if args.only not in (None, language):
            continue
        rows += evaluate_language("tuning set", f"queries.{language}.json", language, args.rounds)
        if args.holdout:
            rows += evaluate_language(
                "held-out set", f"holdout.{language}.json", language, args.rounds
            )
    if rows:
        print_table(rows)
    if args.only not in (None, "en"):
        return
    sets = [("tuning set (queries.json)", "queries.json")]
    if args.holdout:
        sets.append(("held-out set (holdout.json)", "holdout.json"))
        sets.append(("plain resident phrasings (plain.json)", "plain.json"))
    for name, file in sets:
        ours = evaluate(name, _load(file), args.rounds)
        if args.no_baseline:
            continue
        base = evaluate(f"baseline on the {name}", _load(file), args.rounds, baseline_slugs)
        print(
            f"  vs baseline: hit@3 {ours['hit@3']:.3f} vs {base['hit@3']:.3f} "
            f"({ours['hit@3'] / max(base['hit@3'], 1e-9):.1f}x); "
            f"p50 {ours['p50']:.2f} ms vs {base['p50']:.2f} ms "
            f"({ours['p50'] / max(base['p50'], 1e-9):.2f}x)"
        )
    evaluate_no_answer(_load("no_answer.json"))


if __name__ == "__main__":
    sys.exit(main())
