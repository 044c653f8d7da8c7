"""Every model has a valid governance record; a bad record names its file and field; the
measured figures are read from the bench's file, or "not measured yet"."""

from __future__ import annotations

import json
import shutil

import pytest

from opencex.aigovernance.measurements import MeasurementProblem, measurements_of
from opencex.aigovernance.records import (
    RECORDS_DIR,
    RecordProblem,
    governance_records,
    read_record,
)
from opencex.aigovernance.switches import MODEL_KEYS


def test_every_model_has_a_valid_governance_record():
    records = governance_records()
    assert [record.key for record in records] == list(MODEL_KEYS)
    for record in records:
        assert record.switch == f"[ai] {record.key} = false"
        assert record.risks


@pytest.fixture
def copy_of_record(tmp_path):
    path = tmp_path / "urgency_cues.toml"
    shutil.copy(RECORDS_DIR / "urgency_cues.toml", path)
    return path


def test_a_record_missing_a_field_names_the_file_and_the_field(copy_of_record):
    text = copy_of_record.read_text()
    copy_of_record.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("owner ="))
    )
    with pytest.raises(RecordProblem, match=r"urgency_cues\.toml, owner: is required"):
        read_record(copy_of_record)


def test_a_misspelt_field_and_a_wrong_type_are_named(copy_of_record):
    text = copy_of_record.read_text().replace("record_version = 1", 'record_version = "one"')
    copy_of_record.write_text(text.replace("retention =", "retension ="))
    with pytest.raises(RecordProblem) as raised:
        read_record(copy_of_record)
    assert "urgency_cues.toml, record_version:" in str(raised.value)
    assert "urgency_cues.toml, retension: is not a setting" in str(raised.value)


def test_a_record_under_another_models_name_is_refused(tmp_path):
    path = tmp_path / "routing.toml"
    shutil.copy(RECORDS_DIR / "urgency_cues.toml", path)
    with pytest.raises(RecordProblem, match=r"routing\.toml, key"):
        read_record(path)


def test_a_model_without_measurements_is_not_measured_yet(tmp_path):
    assert measurements_of("routing", tmp_path) is None


def test_the_urgency_cues_measurements_are_the_benchs():
    figures = measurements_of("urgency_cues")
    assert figures is not None
    assert figures.bench.startswith("bench/cues.py")
    assert {group.value for group in figures.groups()["language"]} == {"en", "pl", "ar"}


def test_a_measurements_file_of_the_wrong_shape_names_its_field(tmp_path):
    (tmp_path / "routing.json").write_text(json.dumps({"model_key": "routing"}))
    with pytest.raises(MeasurementProblem, match=r"routing\.json, model_version: is required"):
        measurements_of("routing", tmp_path)
