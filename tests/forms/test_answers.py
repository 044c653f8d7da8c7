"""Each question type checks its answer and words its error the GOV.UK way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

import opencex.forms
from opencex.forms.answers import check_answer, display_answer, normalise_postcode

DEFINITIONS = Path(opencex.forms.__file__).parent / "definitions"


def check(question: dict, data: dict):
    return check_answer({"required": True, **question}, data)


@pytest.mark.parametrize("typed", ["OX4 1HR", "ox41hr", " OX4  1HR ", "SW1A 1AA", "M1 1AE"])
def test_a_full_postcode_is_accepted_and_tidied(typed):
    result = check({"id": "postcode", "type": "postcode", "label": "Postcode"}, {"postcode": typed})
    assert not result.error
    assert result.value == normalise_postcode(typed)
    assert normalise_postcode("ox41hr") == "OX4 1HR"


@pytest.mark.parametrize("typed", ["OX4", "OX4 1H", "12345", "OX4 1HRR"])
def test_a_part_postcode_is_refused(typed):
    result = check({"id": "postcode", "type": "postcode", "label": "Postcode"}, {"postcode": typed})
    assert result.error == "Enter a full UK postcode, like OX1 1BX"


DATE = {"id": "when", "type": "date", "label": "When?"}


def test_a_real_date_is_kept_as_an_iso_date():
    result = check(DATE, {"when-day": "29", "when-month": "2", "when-year": "2024"})
    assert result.value == "2024-02-29"


def test_a_date_that_does_not_exist_is_refused():
    result = check(DATE, {"when-day": "29", "when-month": "2", "when-year": "2025"})
    assert result.error == "The date must be a real date"


def test_a_date_without_a_month_says_so_and_points_at_the_month():
    result = check(DATE, {"when-day": "3", "when-year": "2025"})
    assert result.error == "The date must include a month"
    assert result.error_part == "when-month"


def test_a_date_in_the_future_is_refused_for_a_collection_that_was_missed():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    result = check(
        {**DATE, "date_rule": "past_or_today"},
        {
            "when-day": str(tomorrow.day),
            "when-month": str(tomorrow.month),
            "when-year": str(tomorrow.year),
        },
    )
    assert result.error == "The date must be today or in the past"


NUMBER = {"id": "bags", "type": "number", "label": "How many bags?", "min": 1, "max": 10}


@pytest.mark.parametrize(("typed", "value"), [("1", 1), ("10", 10), ("2.5", 2.5)])
def test_a_number_in_range_is_accepted(typed, value):
    assert check(NUMBER, {"bags": typed}).value == value


@pytest.mark.parametrize("typed", ["0", "11", "-3"])
def test_a_number_out_of_range_is_refused(typed):
    assert check(NUMBER, {"bags": typed}).error == "The number must be between 1 and 10"


def test_something_that_is_not_a_number_is_refused():
    assert check(NUMBER, {"bags": "lots"}).error == "Enter a number, like 3"


def test_an_email_address_must_look_like_one():
    question = {"id": "email", "type": "email", "label": "Email"}
    assert check(question, {"email": "amira@example.org"}).value == "amira@example.org"
    assert check(question, {"email": "amira@"}).error.startswith("Enter an email address in")


@pytest.mark.parametrize(
    "typed", ["01865 249811", "07700 900 982", "+44 7700 900982", "(01865) 249811"]
)
def test_a_uk_phone_number_is_accepted(typed):
    assert not check({"id": "phone", "type": "phone", "label": "Phone"}, {"phone": typed}).error


@pytest.mark.parametrize("typed", ["12345", "+1 202 555 0100", "phone me"])
def test_a_number_that_is_not_a_uk_phone_number_is_refused(typed):
    assert check({"id": "phone", "type": "phone", "label": "Phone"}, {"phone": typed}).error


def test_text_longer_than_its_limit_is_refused():
    question = {"id": "who", "type": "text", "label": "Who?", "max_length": 5}
    assert check(question, {"who": "Amira H"}).error == "Your answer must be 5 characters or fewer"


def test_text_that_does_not_match_its_pattern_gets_the_forms_own_message():
    question = {
        "id": "reference",
        "type": "text",
        "label": "Reference",
        "pattern": r"[A-Z]{2,3}-\d{4}-\w+",
        "pattern_message": "Enter the reference as it appears on your letter, like SR-2026-ABC123",
    }
    assert check(question, {"reference": "SR-2026-ABC123"}).value == "SR-2026-ABC123"
    assert check(question, {"reference": "my ref"}).error.startswith("Enter the reference as")


def test_a_required_question_left_empty_uses_the_forms_own_message():
    question = {"id": "who", "type": "text", "label": "Who?", "messages": {"required": "Enter who"}}
    assert check(question, {"who": "  "}).error == "Enter who"


def test_an_optional_question_may_be_left_empty():
    question = {"id": "who", "type": "text", "label": "Who?", "required": False}
    assert check_answer(question, {}).error == ""


RADIOS = {
    "id": "bin",
    "type": "radios",
    "label": "Which bin?",
    "options": [{"value": "food", "label": "Food"}, {"value": "garden", "label": "Garden"}],
}


def test_a_radio_answer_must_be_one_of_the_options():
    assert check(RADIOS, {"bin": "food"}).value == "food"
    assert check(RADIOS, {"bin": "plutonium"}).error == "Select one of the options"
    assert check(RADIOS, {}).error == "Select an option"
    assert display_answer(RADIOS, "garden") == "Garden"


def test_checkboxes_keep_the_options_chosen_in_their_order():
    question = {**RADIOS, "type": "checkboxes"}
    assert check(question, {"bin": ["garden", "food"]}).value == ["food", "garden"]
    assert display_answer(question, ["food", "garden"]) == "Food, Garden"


def test_an_address_typed_in_needs_a_first_line_a_town_and_a_postcode():
    question = {"id": "home", "type": "address", "label": "Address"}
    missing_town = check(question, {"home-line_1": "1 High St", "home-manual_postcode": "OX1 4AA"})
    assert missing_town.error == "Enter the town or city"
    assert missing_town.error_part == "home-town"
    whole = check(
        question,
        {"home-line_1": "1 High St", "home-town": "Oxford", "home-manual_postcode": "ox14aa"},
    )
    assert whole.value["text"] == "1 High St, Oxford OX1 4AA"


def test_a_street_location_needs_a_description_and_takes_an_optional_postcode():
    question = {"id": "where", "type": "street_location", "label": "Where?"}
    assert check(question, {}).error.startswith("Describe where it is")
    result = check(question, {"where-description": "By the post box on Cowley Road"})
    assert result.value == {"description": "By the post box on Cowley Road", "postcode": ""}
    bad = check(question, {"where-description": "Cowley Road", "where-postcode": "OX4"})
    assert bad.error_part == "where-postcode"


DATE_OF_BIRTH = {"id": "date_of_birth", "type": "date", "label": "Born?", "autocomplete": "bday"}


def _typed(day: dt.date) -> dict:
    return {
        "date_of_birth-day": str(day.day),
        "date_of_birth-month": str(day.month),
        "date_of_birth-year": str(day.year),
    }


@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_a_date_of_birth_question_refuses_a_date_in_the_future():
    result = check(DATE_OF_BIRTH, _typed(dt.date(2030, 1, 1)))
    assert result.error == "Date of birth must be in the past"


@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_a_date_of_birth_question_refuses_a_date_beyond_anyones_age():
    result = check(DATE_OF_BIRTH, _typed(dt.date(1066, 10, 14)))
    assert result.error == "Date of birth must be the same as or after 10 June 1895"


@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_a_date_of_birth_question_keeps_a_believable_date():
    assert check(DATE_OF_BIRTH, _typed(dt.date(1985, 3, 27))).value == "1985-03-27"


def test_every_date_of_birth_question_in_the_shipped_forms_is_checked_as_one():
    """A shipped question that asks for a date of birth declares it (autocomplete "bday", which
    browsers also use to fill it in), so the date-of-birth rule applies to it."""
    asking = []
    for path in DEFINITIONS.glob("*.json"):
        for page in json.loads(path.read_text())["schema"]["pages"]:
            for question in page["questions"]:
                words = f"{question['id']} {question['label']}".lower()
                if question["type"] == "date" and ("birth" in words or "dob" in words):
                    asking.append((path.name, question["id"], question.get("autocomplete")))
    assert asking
    assert all(autocomplete == "bday" for _, _, autocomplete in asking), asking
