"""Every model's governance record has measured figures, and they were measured on the version
the code runs now: changing a model's scoring means a new version, and a new version means the
bench is run again before residents read its figures."""

import json
from pathlib import Path

import pytest

from opencex import aigovernance
from opencex.aigovernance.switches import MODEL_KEYS
from opencex.cues.lexicon import MODEL_VERSION as CUES
from opencex.duplicatereports.rule import MODEL_VERSION as DUPLICATE_REPORTS
from opencex.forecasts.model import MODEL_VERSION as COMPLETION
from opencex.matching.linkage import MODEL_VERSION as MATCHING

MEASUREMENTS = Path(aigovernance.__file__).parent / "measurements"
# The routing model's version names each training run (it retrains on officers' corrections),
# so its figures name the run the bench trained; the others' versions are set in their code.
FIXED_VERSIONS = {
    "urgency_cues": CUES,
    "duplicate_reports": DUPLICATE_REPORTS,
    "completion_prediction": COMPLETION,
    "resident_matching": MATCHING,
}


@pytest.mark.parametrize("key", MODEL_KEYS)
def test_every_model_has_figures_measured_by_its_bench(key):
    figures = json.loads((MEASUREMENTS / f"{key}.json").read_text())
    assert figures["model_key"] == key
    assert figures["bench"].startswith("bench/")
    assert (Path(__file__).parents[2] / figures["bench"].split()[0]).exists()
    assert figures["metrics"], "no figures"
    assert all("baseline" in metric for metric in figures["metrics"])
    assert figures["by_group"], "no figures by group"


@pytest.mark.parametrize(("key", "version"), FIXED_VERSIONS.items())
def test_the_figures_are_of_the_version_the_code_runs(key, version):
    figures = json.loads((MEASUREMENTS / f"{key}.json").read_text())
    assert figures["model_version"] == version, (
        f"{key}: the code runs {version} but its figures are of {figures['model_version']}: "
        "run its bench with --write-measurements"
    )
