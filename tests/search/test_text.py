"""How text becomes search terms: the same rules for pages and queries."""

from __future__ import annotations

import pytest

from opencex.search.stemmer import stem
from opencex.search.synonyms import parse_rules, thesaurus
from opencex.search.text import stems, words
from opencex.search.typos import SpellingCorrector, edit_distance


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("collections", "collect"),
        ("collected", "collect"),
        ("emptied", "empti"),
        ("empty", "empti"),
        ("recycling", "recycl"),
        ("recyclable", "recycl"),
        ("generalizations", "general"),
        ("hopping", "hop"),
        ("batteries", "batteri"),
        ("battery", "batteri"),
    ],
)
def test_the_stemmer_gives_word_forms_one_stem(word, expected):
    assert stem(word) == expected


def test_the_stemmer_is_chosen_by_the_sites_language_code():
    assert stem("zgłoszenia", "pl") == stem("zgłoszenie", "pl") != "zgłoszenia"
    assert stem("collections", "en-gb") == "collect"


def test_a_language_without_a_stemmer_is_refused_by_name():
    with pytest.raises(ValueError, match="xx"):
        stem("words", "xx")


def test_irregular_word_forms_share_one_stem():
    assert stem("broke") == stem("broken") == stem("break")
    assert stem("stolen") == stem("steal")
    assert stem("mice") == stem("mouse")


def test_words_that_say_where_not_what_are_dropped():
    assert stems("street light outside my house") == stems("street light house")


def test_contractions_are_opened_with_or_without_the_apostrophe():
    assert words("wasn't") == words("wasnt") == ["was", "not"]
    assert words("can\N{RIGHT SINGLE QUOTATION MARK}t") == ["can", "not"]


def test_possessives_punctuation_and_stop_words_are_dropped():
    assert stems("My neighbour's HEDGE!!") == ["neighbour", "hedg"]


def test_a_hyphenated_word_is_searched_as_its_parts():
    assert words("fly-tipping") == ["fly", "tipping"]


def test_one_letter_typos_are_corrected_in_words_of_four_to_seven_letters():
    speller = SpellingCorrector({"council": 3, "counsel": 1, "bin": 4})
    assert speller.suggestions("counsil")[0] == ("council", 1)
    assert speller.suggestions("bni") == []  # three letters: too short to guess


def test_longer_words_allow_two_edits_and_swapped_letters_count_as_one():
    speller = SpellingCorrector({"recycling": 1})
    assert speller.suggestions("recyclign") == [("recycling", 1)]
    assert speller.suggestions("recylcign") == [("recycling", 2)]
    assert edit_distance("ab", "ba", 2) == 1


def test_two_known_words_run_together_are_split():
    assert SpellingCorrector({"street": 1, "light": 1}).splits("streetlight") == [
        ("street", "light")
    ]


def test_the_thesaurus_keeps_negation_so_a_missed_bin_is_not_a_collection_day():
    rules = thesaurus()
    assert rules.expansions(["bin", "not", "emptied"])
    assert not rules.expansions(["bin", "emptied"])


def test_a_synonym_phrase_that_is_one_common_word_once_stop_words_go_is_refused():
    # "on the streets" would otherwise fire on every query with "street" in it.
    with pytest.raises(ValueError, match="line 2: 'on the streets' is matched as 'street'"):
        parse_rules("rats => pest control\non the streets => homeless\n")


def test_a_single_word_synonym_written_on_purpose_is_accepted():
    assert ("battery",) in parse_rules("batteries => electrical items\n")


def test_a_malformed_synonym_rule_is_refused_with_its_line_number():
    with pytest.raises(ValueError, match="line 2"):
        parse_rules("rats => pest control\nno arrow here\n")
