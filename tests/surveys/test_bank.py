"""The question bank: every question complete in every language, the TSM questions all there,
the demographic groups those of people.equality, and every survey built from it a valid form."""

import pytest

from opencex.forms.schema import validate_schema
from opencex.people import equality
from opencex.surveys.bank import bank, bank_question, tsm_questions
from opencex.surveys.loading import definition_file, definition_slugs, survey_schema

LANGUAGES = ("en", "pl", "ar")


def _texts(question):
    yield question["label"]
    if "hint" in question:
        yield question["hint"]
    for option in question.get("options", []):
        yield option["label"]


@pytest.mark.parametrize("key", sorted(bank()))
def test_every_bank_question_is_worded_in_every_language(key):
    for text in _texts(bank_question(key).question):
        assert isinstance(text, dict)
        assert all(text.get(language, "").strip() for language in LANGUAGES), (key, text)


def test_the_bank_has_the_twelve_tsm_perception_questions():
    assert sorted(tsm_questions()) == [f"TP{n:02d}" for n in range(1, 13)]
    for item in tsm_questions().values():
        assert item.positive  # each has its satisfied (or agreeing) answers


def test_the_demographic_questions_use_the_equality_groups():
    ethnic = bank_question("demographic_ethnic_group")
    values = [option["value"] for option in ethnic.options]
    assert values == [value for value, _label in equality.ETHNIC_GROUP.choices]


@pytest.mark.parametrize("slug", definition_slugs())
def test_every_survey_definition_is_a_valid_survey_form(slug):
    schema = survey_schema(definition_file(slug))
    validate_schema(schema)
    assert schema["purpose"] == "survey"
    assert "case" not in schema


def test_a_bank_question_is_asked_in_the_same_words_in_every_survey():
    asked = {}
    for slug in definition_slugs():
        for page in survey_schema(definition_file(slug))["pages"]:
            for question in page["questions"]:
                if question["id"] in bank():
                    words = (question["label"], question.get("options"))
                    assert asked.setdefault(question["id"], words) == words


def test_a_case_form_still_needs_its_case_mapping():
    schema = {
        "pages": [
            {"id": "a", "title": "A", "questions": [{"id": "x", "type": "text", "label": "X"}]}
        ]
    }
    with pytest.raises(ValueError, match='needs "case"'):
        validate_schema(schema)
    validate_schema({**schema, "purpose": "survey"})
