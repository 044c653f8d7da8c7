"""The search term as kept: normalised, and nothing in it that could identify who searched."""

from __future__ import annotations

import pytest

from opencex.cases.models import CaseKind
from opencex.cases.references import example_reference, new_reference
from opencex.search.terms import normalise_term, term_to_keep


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("my email is jo.bloggs+bins@example.co.uk", "my email is [email]"),
        ("JO@EXAMPLE.ORG missed bin", "[email] missed bin"),
        ("call me on 07700 900982", "call me on [phone]"),
        ("07700900982", "[phone]"),
        ("+44 (0)1865 249811 pothole", "[phone] pothole"),
        ("0044 1865 249 811", "[phone]"),
        ("(01865) 249811", "[phone]"),
        ("council tax 4412345678", "council tax [number]"),
        ("uprn 100120788766", "uprn [number]"),
        ("pcn OX12345678", "pcn ox [number]"),
        ("missed bin OX4 2JD", "missed bin ox4"),
        ("ox42jd", "ox4"),
        ("SW1A 1AA parking", "sw1a parking"),
        ("missed bin 12 Acacia Avenue", "missed bin acacia avenue"),
        ("12a High Street bins", "high street bins"),
        ("flat 3 damp", "flat damp"),
        ("nhs number 943 476 5919", "nhs number [number]"),
        ("943-476-5919 gp", "[number] gp"),
        ("9434765919", "[number]"),
        ("ref 123 456 789", "ref [number]"),
        ("ni QQ 12 34 56 C benefits", "ni [number] benefits"),
        ("qq123456c", "[number]"),
        ("born 12/05/1980 blue badge", "born [date] blue badge"),
        ("12-05-1980", "[date]"),
        ("dob 12.5.80", "dob [date]"),
        ("1980-05-12", "[date]"),
    ],
)
def test_personal_data_is_taken_out_of_a_term(typed, kept):
    assert term_to_keep(typed) == kept


@pytest.mark.parametrize("kind", list(CaseKind))
def test_a_case_reference_of_every_kind_is_taken_out_as_issued_or_retyped(kind):
    reference = new_reference(kind)
    prefix, first, second = reference.split("-")
    for typed in (
        reference,
        reference.lower(),
        f"{prefix}{first}{second}",
        f"{prefix} {first} {second}".lower(),
    ):
        if typed != reference and not any(c.isdigit() for c in first + second):
            continue  # retyped without hyphens, only a reference with a digit is recognised
        assert term_to_keep(f"track {typed} please") == "track [reference] please", typed


def test_the_example_reference_every_hint_shows_is_taken_out():
    assert term_to_keep(f"where is {example_reference()}") == "where is [reference]"


@pytest.mark.parametrize(
    "ordinary",
    ["council tax", "bin collection 2026", "15 march", "en term dates", "a14 roadworks", "ox4"],
)
def test_ordinary_words_short_numbers_and_districts_are_kept(ordinary):
    assert term_to_keep(ordinary) == ordinary


def test_a_term_is_one_spelling_of_the_same_words():
    assert normalise_term("  “Bin   COLLECTION?”  ") == "bin collection"
    assert normalise_term("ŚMIECI  Odbiór") == "śmieci odbiór"
    assert normalise_term("\uff42\uff49\uff4e\uff53") == "bins"  # full-width letters


def test_a_term_that_is_only_personal_data_keeps_its_markers_and_a_long_one_is_cut():
    assert term_to_keep("jo@example.org 07700 900982") == "[email] [phone]"
    assert len(term_to_keep("bins " * 100)) == 200
