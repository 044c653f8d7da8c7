"""A resident's preferences are shown by name, never by the code stored."""

from __future__ import annotations

import pytest

from opencex.languages import language_name
from opencex.people.models import Resident


@pytest.mark.parametrize(
    ("code", "name"), [("en", "English"), ("pl", "Polski"), ("pl-pl", "Polski"), ("ar", "العربية")]
)
def test_a_language_the_site_offers_is_named_as_the_switcher_names_it(code, name):
    assert language_name(code) == name


def test_a_language_the_site_does_not_offer_is_named_in_its_own_words():
    assert language_name("uk") == "Українська"


def test_an_unknown_code_is_shown_as_it_is_rather_than_lost():
    assert language_name("xx") == "xx"


def test_a_resident_preferred_language_reads_as_its_name():
    assert Resident(preferred_language="pl").preferred_language_name == "Polski"
