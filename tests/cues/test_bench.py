"""bench/cues.py writes the governance record's figures from the held-out split only: its dataset
sentence says "held-out", so figures from the tuning half or all texts would be mislabelled."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "cues.py"


def _bench():
    name = "cues_bench"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _BENCH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.mark.parametrize("split", ["tuning", "all"])
def test_writing_measurements_from_another_split_is_refused(split):
    bench = _bench()
    with pytest.raises(SystemExit):
        bench.parse_options(["--split", split, "--write-measurements"])
    rows = bench.load()
    with pytest.raises(ValueError, match="held-out"):
        bench.measurements(rows, rows, split)


def test_the_held_out_split_may_be_written_and_other_splits_only_printed():
    bench = _bench()
    assert bench.parse_options(["--write-measurements"]).split == "held-out"
    assert bench.parse_options(["--split", "tuning"]).split == "tuning"
    tuning, held_out = bench.split(bench.load())
    figures = bench.measurements(tuning + held_out, held_out, "held-out")
    assert figures["dataset"].startswith(f"{len(held_out)} held-out texts")
