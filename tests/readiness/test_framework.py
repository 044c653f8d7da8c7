"""The readiness model file: the shipped one loads, another council's loads, and a bad file is
refused with a message naming the line and the question."""

from __future__ import annotations

from pathlib import Path

import pytest

from opencex.readiness.framework import (
    DEFAULT_FRAMEWORK,
    FrameworkError,
    current_framework,
    load_framework,
    parse_framework,
)
from tests.readiness.conftest import SMALL_MODEL

pytestmark = pytest.mark.django_db


def test_the_shipped_model_has_the_four_focus_areas_each_with_questions():
    model = load_framework(DEFAULT_FRAMEWORK)
    assert [strand.title for strand in model.strands] == [
        "Consistent service standards",
        "Digital inclusion and access for all",
        "Smart use of data and technology",
        "Seamless and efficient delivery",
    ]
    assert all(4 <= len(strand.questions) <= 6 for strand in model.strands)
    assert all(len(question.levels) == 5 for question in model.questions())
    assert model.target_level == 3


def test_a_council_points_the_setting_at_its_own_model():
    model = current_framework()
    assert model.name == "small-model"
    assert [q.key for q in model.questions()] == ["a1", "a2", "b1", "b2"]
    assert model.question("b1").number == "2.1"
    assert model.question("a1").cse[1].uncertain
    assert str(model.question("a1").cse[1]) == "4.1.2?"


def _bad(old: str, new: str) -> str:
    text = SMALL_MODEL.read_text()
    assert old in text
    return text.replace(old, new, 1)


def _error(text: str) -> str:
    with pytest.raises(FrameworkError) as raised:
        parse_framework(Path("council-model.toml"), text)
    return str(raised.value)


def test_four_levels_instead_of_five_names_the_question_and_its_line():
    text = _bad('"B1 level five."]', "]")
    line = text.splitlines().index('key = "b1"') + 1
    message = _error(text)
    assert message.startswith(f"council-model.toml, line {line}: question 'b1':")
    assert "5 levels" in message


def test_an_unknown_measure_is_refused():
    message = _error(_bad('"digital-share"', '"no-such-measure"'))
    assert "question 'b1'" in message
    assert "no-such-measure" in message


def test_a_reference_to_no_cse_sub_criterion_is_refused():
    message = _error(_bad('"5.1.1"', '"6.1.1"'))
    assert "question 'b1'" in message
    assert "no sub-criterion 6.1" in message


def test_a_key_used_twice_is_refused():
    message = _error(_bad('key = "b2"', 'key = "a1"'))
    assert "used twice" in message


def test_a_question_without_text_is_refused():
    message = _error(_bad('text = "Question A2?"', 'text = " "'))
    assert "question 'a2'" in message
    assert "`text`" in message


def test_a_file_that_is_not_toml_says_so():
    assert "not valid TOML" in _error("title = ")


def test_a_missing_file_is_named():
    with pytest.raises(FrameworkError, match="no readiness model file"):
        load_framework("/nowhere/model.toml")
