"""Routing free text to a service: accuracy@1 and @3 on held-out history, against a keyword
baseline run on the same texts, per language and channel; training time; suggest() latency.

The test set is a seeded quarter of the demo history's phrase groups (`history.held_out_groups`):
whole groups, so no test text is a rewording of one the model trained on; the model is trained on
the catalogue and the rest of the history only. The history is GENERATED from residents' phrases
by a seeded script (src/opencex/textrouting/history.py): the figures say how well the model
generalises to new wording of needs it has seen words for, not how it does on a council's mail.

The baseline is the site's own search engine (`opencex.search`, the catalogue's titles, summaries
and keywords in English, Polish and Arabic, with its typo tolerance): the services among its top
results for the text (cut to the 200 characters a search takes), in the text's language.

The script migrates a fresh SQLite database in a temporary folder and loads the council's
catalogue into it, so it never touches your data.

Run:  .venv/bin/python bench/routing.py [--write-measurements]
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
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
MEASUREMENTS = HERE.parent / "src/opencex/aigovernance/measurements/routing.json"
LATENCY_TEXTS = 100


def _setup_django() -> None:
    folder = tempfile.mkdtemp(prefix="opencex-routing-bench-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["OPENCEX_VAR_DIR"] = folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opencex.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file

    call_command("migrate", verbosity=0)
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))


def _accuracy(truth: list[str], ranked: list[list[str]], k: int) -> float:
    hits = sum(1 for t, r in zip(truth, ranked, strict=True) if t in r[:k])
    return hits / len(truth) if truth else 0.0


def _search_baseline(text: str, language: str) -> list[str]:
    from opencex.search.engine import search

    hits = search(text, language=language, limit=10)
    return [hit.document.slug for hit in hits if hit.document.kind == "service"][:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-measurements", action="store_true")
    arguments = parser.parse_args()
    _setup_django()

    from django.utils import timezone

    from opencex.catalogue.models import Service
    from opencex.textrouting import history, store, training
    from opencex.textrouting.services import suggest

    rows = history.read()
    held = history.held_out_groups(rows)
    test = [row for row in rows if row.group in held]
    live = set(Service.objects.filter(is_live=True).values_list("slug", flat=True))
    catalogue = training.catalogue_examples()
    learnt = training.history_examples([r for r in rows if r.group not in held], live)
    started = time.perf_counter()
    trained = training.train(examples=catalogue + learnt)
    whole_training = time.perf_counter() - started
    model = store.load_current()
    assert model is not None

    truth = [row.service for row in test]
    probabilities = model.probabilities([row.text for row in test])
    model_ranked = [[model.services[i] for i in row.argsort()[::-1][:3]] for row in probabilities]
    started = time.perf_counter()
    baseline_ranked = [_search_baseline(row.text, row.language) for row in test]
    baseline_seconds = time.perf_counter() - started

    latencies = []
    for row in test[:LATENCY_TEXTS]:
        began = time.perf_counter()
        suggest(row.text)
        latencies.append((time.perf_counter() - began) * 1000)

    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(test):
        groups[("language", row.language)].append(i)
        groups[("channel", row.channel)].append(i)

    def figures(indexes: list[int]) -> dict[str, float]:
        t = [truth[i] for i in indexes]
        m = [model_ranked[i] for i in indexes]
        b = [baseline_ranked[i] for i in indexes]
        return {
            "accuracy@1": _accuracy(t, m, 1),
            "accuracy@3": _accuracy(t, m, 3),
            "baseline accuracy@1": _accuracy(t, b, 1),
            "baseline accuracy@3": _accuracy(t, b, 3),
        }

    overall = figures(list(range(len(test))))
    print(f"Model {trained.version}: {trained.services} services, trained on {trained.examples}")
    print(f"Held out: {len(test)} texts ({len(held)} phrase groups) of {len(rows)} in the history")
    print(f"{'group':<18}{'n':>5}  {'model @1':>9}{'@3':>7}  {'search @1':>10}{'@3':>7}")
    for name, indexes in [(("all", ""), list(range(len(test)))), *sorted(groups.items())]:
        f = figures(indexes)
        label = "all" if name[0] == "all" else f"{name[0]} {name[1]}"
        print(
            f"{label:<18}{len(indexes):>5}  {f['accuracy@1']:>9.3f}{f['accuracy@3']:>7.3f}  "
            f"{f['baseline accuracy@1']:>10.3f}{f['baseline accuracy@3']:>7.3f}"
        )
    ratio = overall["accuracy@1"] / overall["baseline accuracy@1"]
    print(f"accuracy@1 ratio model / search baseline: {ratio:.2f}")
    print(
        f"Training: {trained.seconds_to_train:.1f} s fitting, {whole_training:.1f} s in all "
        f"(features, fit, storing {trained.file_name})"
    )
    print(
        f"suggest() latency, median of {len(latencies)} texts: "
        f"{statistics.median(latencies):.1f} ms (p95 "
        f"{statistics.quantiles(latencies, n=20)[-1]:.1f} ms); search baseline "
        f"{baseline_seconds / len(test) * 1000:.1f} ms per text"
    )

    if arguments.write_measurements:
        record = {
            "model_key": "routing",
            "model_version": trained.version,
            "measured_on": timezone.localdate().isoformat(),
            "bench": "bench/routing.py --write-measurements",
            "dataset": (
                f"{len(test)} texts held out of the demo's {len(rows)}-text labelled history "
                "(generated by a seeded script from residents' phrases: emails, general "
                "enquiries, 'other' answers, call notes; English, Polish, Arabic), held out as "
                "whole phrase groups by a seeded split and never trained on; no age band or "
                "other resident group is measured, as the history holds none."
            ),
            "metrics": [
                {
                    "name": name,
                    "value": round(overall[name], 3),
                    "baseline": round(overall[f"baseline {name}"], 3),
                    "baseline_name": "site search (opencex.search) top services",
                }
                for name in ("accuracy@1", "accuracy@3")
            ],
            "by_group": [
                {
                    "group": group,
                    "value": value,
                    "n": len(indexes),
                    "metrics": {
                        name: round(number, 3) for name, number in figures(indexes).items()
                    },
                }
                for (group, value), indexes in sorted(groups.items())
            ],
        }
        MEASUREMENTS.parent.mkdir(parents=True, exist_ok=True)
        MEASUREMENTS.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        print(f"Written to {MEASUREMENTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
