"""Translated text in form definitions: the rule (opencex.languages), the schema's check of it,
and the shipped forms that residents use most, in Polish and Arabic."""

from __future__ import annotations

import copy
import re

import pytest

from opencex.forms.loading import DEFINITIONS_DIR, definition_files, read_definition
from opencex.forms.schema import validate_schema
from opencex.languages import base_language, text_in
from tests.forms.test_schema import GOOD, problems_with

# Every shipped form (test_definitions_translated.py finds their texts from the schema itself).
FULLY_TRANSLATED = tuple(sorted(path.stem for path in definition_files()))


def _with_label(label):
    schema = copy.deepcopy(GOOD)
    schema["pages"][0]["questions"][0]["label"] = label
    return schema


def test_a_plain_string_is_english_and_shown_in_every_language():
    assert text_in("Where is it?", "pl") == "Where is it?"


def test_a_translated_text_is_shown_in_the_language_asked_for():
    value = {"en": "Where is it?", "pl": "Gdzie to jest?", "ar": "أين توجد؟"}
    assert text_in(value, "pl") == "Gdzie to jest?"
    assert text_in(value, "ar") == "أين توجد؟"


def test_a_language_with_no_translation_falls_back_to_english():
    assert text_in({"en": "Where is it?", "pl": "Gdzie to jest?"}, "ar") == "Where is it?"
    assert text_in({"en": "Where is it?", "pl": ""}, "pl") == "Where is it?"


def test_a_language_code_with_a_region_uses_its_language():
    assert base_language("pl-pl") == "pl"
    assert base_language("en-gb") == "en"
    assert text_in({"en": "Photo", "pl": "Zdjęcie"}, "pl-PL") == "Zdjęcie"


def test_the_schema_accepts_translated_texts_everywhere_a_resident_reads_them():
    schema = copy.deepcopy(GOOD)
    schema["title"] = {"en": "Report a missed bin", "pl": "Zgłoszenie nieodebranych odpadów"}
    schema["intro"] = [{"en": "Tell us.", "ar": "أخبرنا."}]
    schema["next_steps"] = [{"en": "We will collect it.", "pl": "Odbierzemy je."}]
    question = schema["pages"][0]["questions"][0]
    question["label"] = {"en": "Which bin was missed?", "pl": "Który pojemnik pominięto?"}
    question["hint"] = {"en": "Select one.", "pl": "Proszę wybrać jeden."}
    question["options"][0]["label"] = {"en": "Food", "ar": "طعام"}
    question["messages"] = {"required": {"en": "Select a bin", "pl": "Proszę wybrać pojemnik"}}
    schema["pages"][0]["title"] = {"en": "Which bin?", "pl": "Który pojemnik?"}
    validate_schema(schema)


def test_a_translated_text_without_english_is_refused():
    problems = problems_with(_with_label({"pl": "Który pojemnik pominięto?"}))
    assert problems == [
        'pages[0]("which-bin").questions[0]("bin").label: needs English ("en"), which is shown '
        "where a language has no translation."
    ]


def test_a_language_the_site_does_not_offer_is_refused():
    problems = problems_with(
        _with_label({"en": "Which bin was missed?", "de": "Was?", "fr": "Quoi?"})
    )
    assert problems == [
        'pages[0]("which-bin").questions[0]("bin").label: is in languages this site does not '
        "offer: de, fr (it offers en, pl, ar)."
    ]


def test_a_translation_that_is_not_text_is_refused():
    problems = problems_with(_with_label({"en": "Which bin was missed?", "pl": ["Co?"]}))
    assert problems == [
        'pages[0]("which-bin").questions[0]("bin").label: must be text in every language; '
        "not in pl."
    ]


def test_translated_option_labels_and_messages_are_checked_too():
    schema = copy.deepcopy(GOOD)
    question = schema["pages"][0]["questions"][0]
    question["options"][0]["label"] = {"pl": "Worki"}
    question["messages"] = {"required": {"en": "Select what", "xx": "?"}}
    problems = problems_with(schema)
    assert len(problems) == 2
    assert "options[0].label: needs English" in problems[0]
    assert "messages.required: is in languages this site does not offer: xx" in problems[1]


def test_the_case_subject_stays_an_english_string_for_staff():
    schema = copy.deepcopy(GOOD)
    schema["case"]["subject"] = {"en": "Missed bin", "pl": "Pojemnik"}
    (problem,) = problems_with(schema)
    assert problem.startswith("case.subject: Input should be a valid string")


def _resident_texts(data: dict) -> list:
    """Every text a resident reads in a definition file."""
    schema = data["schema"]
    texts = [data["title"], *schema.get("intro", []), *schema.get("next_steps", [])]
    for page in schema["pages"]:
        texts.append(page["title"])
        for question in page["questions"]:
            texts += [
                question[key] for key in ("label", "hint", "pattern_message") if key in question
            ]
            texts += [option["label"] for option in question.get("options", [])]
            texts += list(question.get("messages", {}).values())
    return texts


@pytest.mark.parametrize("slug", FULLY_TRANSLATED)
def test_the_core_forms_are_translated_into_polish_and_arabic_throughout(slug):
    data = read_definition(DEFINITIONS_DIR / f"{slug}.json")
    untranslated = [
        text
        for text in _resident_texts(data)
        if not (isinstance(text, dict) and text.get("pl") and text.get("ar"))
    ]
    assert untranslated == []


_NUMBER = re.compile(r"[A-Z]{2}-\d{4}-[A-Z0-9]+|\d+")
# Arabic says "two days" with the dual, not a digit.
_ARABIC_TWO_DAYS = re.compile("يوم[َ]?ي")


def _numbers(text: str) -> list[str]:
    return sorted(_NUMBER.findall(_ARABIC_TWO_DAYS.sub("2", text)))


@pytest.mark.parametrize("slug", FULLY_TRANSLATED)
def test_the_translated_forms_keep_the_numbers_and_examples_of_the_english(slug):
    """A translation must not change a deadline, a size limit or an example reference."""
    data = read_definition(DEFINITIONS_DIR / f"{slug}.json")
    for text in _resident_texts(data):
        for language in ("pl", "ar"):
            assert _numbers(text[language]) == _numbers(text["en"]), (language, text)
