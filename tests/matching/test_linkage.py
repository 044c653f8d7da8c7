"""The record linkage engine on hand-made records (no database)."""

import random
from datetime import date

import pytest

from opencex.matching.linkage import (
    DEFAULT_THRESHOLDS,
    MatchIndex,
    PersonRecord,
    Thresholds,
    compare,
    find_pairs,
)
from opencex.matching.linkage.names import canonical_given, split_name
from opencex.matching.linkage.normalise import email, phone, postcode


def _robert(record_id: int = 1, **changes: object) -> PersonRecord:
    fields: dict[str, object] = {
        "full_name": "Robert Smith",
        "date_of_birth": date(1980, 3, 14),
        "email": "robert.smith@example.org",
        "phone": "07700 900123",
        "address": "12 High Street",
        "postcode": "OX1 2AB",
    }
    fields.update(changes)
    return PersonRecord(id=record_id, **fields)  # type: ignore[arg-type]


def _town(size: int, seed: int = 1) -> list[PersonRecord]:
    """Distinct people with distinct details, for the tests that need a crowd."""
    rng = random.Random(seed)
    given = ["Amelia", "Oliver", "Jan", "Fatima", "George", "Zofia", "Omar", "Grace", "Harry"]
    surnames = ["Nowak", "Patel", "Evans", "Hussain", "Brown", "Wójcik", "Clarke", "Ahmed"]
    records = []
    for number in range(size):
        records.append(
            PersonRecord(
                id=1000 + number,
                full_name=f"{rng.choice(given)} {rng.choice(surnames)}{number}",
                date_of_birth=date(1940, 1, 1).replace(
                    year=1940 + number % 60, day=1 + number % 28
                ),
                email=f"person{number}@example.org",
                address=f"{number} Station Road",
                postcode=f"OX{number % 9 + 1} {number % 10}AA",
            )
        )
    return records


def test_names_are_folded_titles_dropped_and_the_surname_found() -> None:
    assert split_name("Dr Łukasz Wiśniewski").given == "lukasz"
    assert split_name("Dr Łukasz Wiśniewski").surname_key == "wisniewski"
    assert split_name("Smith, John Paul").given == "john"
    assert split_name("Smith, John Paul").surname_key == "smith"
    assert split_name("Mary Smith-Jones").surname_parts == ("smith", "jones")
    assert split_name("Mohammed Al-Hassan").surname_parts == ("hassan",)


def test_nicknames_and_transliterations_lead_to_one_usual_form() -> None:
    assert canonical_given("bob") == canonical_given("robert")
    assert canonical_given("peggy") == canonical_given("margaret")
    assert canonical_given("muhammad") == canonical_given("mohamed")


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("+44 7700 900123", "07700900123"),
        ("0044 (0)7700-900123", "07700900123"),
        ("07700900123", "07700900123"),
    ],
)
def test_uk_phone_numbers_are_read_in_any_form(typed: str, normalised: str) -> None:
    assert phone(typed.replace("(0)", "")) == normalised


def test_gmail_dots_and_tags_and_case_do_not_make_another_address() -> None:
    assert email("Robert.Smith+council@GoogleMail.com") == email("robertsmith@gmail.com")
    assert email("Robert.Smith@example.org") == "robert.smith@example.org"
    assert postcode(" ox1 2ab ") == postcode("OX12AB")


def test_a_nickname_and_a_surname_typo_are_still_one_person() -> None:
    pair = compare(_robert(1), _robert(2, full_name="Bob Smyth", email=""))
    assert pair.probability >= DEFAULT_THRESHOLDS.match
    assert "first names are forms of one name (Robert / Bob)" in pair.reasons
    assert "surname sounds the same (Smith / Smyth)" in pair.reasons


def test_typos_and_a_transliterated_name_are_matched() -> None:
    first = _robert(1, full_name="Mohammed Rahman", email="")
    second = _robert(2, full_name="RAHMAN, Muhammad", email="", phone="+44 7700 900123")
    assert compare(first, second).probability >= DEFAULT_THRESHOLDS.match
    typo = _robert(3, full_name="Robret Smiht", address="12 High St", postcode="ox12ab")
    assert compare(_robert(1), typo).probability >= DEFAULT_THRESHOLDS.match


def test_a_date_of_birth_with_day_and_month_swapped_still_matches() -> None:
    moved = _robert(2, date_of_birth=date(1980, 12, 3), address="4 Mill Lane", postcode="OX4 1ZZ")
    pair = compare(_robert(1, date_of_birth=date(1980, 3, 12)), moved)
    assert pair.probability >= DEFAULT_THRESHOLDS.review
    assert any(
        r.startswith("dates of birth differ by a swapped day and month") for r in pair.reasons
    )


def test_twins_at_the_same_address_are_never_matched_only_looked_at() -> None:
    twin = _robert(2, full_name="James Smith", email="")
    pair = compare(_robert(1, email=""), twin)
    assert pair.probability < DEFAULT_THRESHOLDS.match
    assert "different first names (Robert / James)" in pair.reasons


def test_a_first_name_and_surname_swapped_round_with_typos_still_match() -> None:
    swapped = _robert(2, full_name="Smiht Robert", email="")
    pair = compare(_robert(1), swapped)
    assert pair.probability >= DEFAULT_THRESHOLDS.match
    assert pair.reasons[0] == "first name and surname swapped round"


def test_a_parent_and_child_at_one_address_are_not_matched() -> None:
    child = _robert(2, full_name="Lily Smith", date_of_birth=date(2012, 6, 1), email="")
    assert compare(_robert(1), child).probability < DEFAULT_THRESHOLDS.review


def test_a_different_person_elsewhere_is_not_a_match() -> None:
    other = PersonRecord(
        id=2,
        full_name="Anna Kowalska",
        date_of_birth=date(1991, 7, 2),
        email="anna@example.org",
        address="3 Mill Lane",
        postcode="OX4 1ZZ",
    )
    assert compare(_robert(1), other).probability < DEFAULT_THRESHOLDS.review


def test_the_reasons_say_what_agrees_first_and_what_is_missing() -> None:
    pair = compare(_robert(1), _robert(2, email=""))
    assert pair.reasons[-1] == "not on both records: email, uprn"
    assert "same date of birth" in pair.reasons
    assert "same phone number" in pair.reasons


def test_find_pairs_gives_each_pair_once_with_the_smaller_id_first() -> None:
    records = [
        _robert(7),
        _robert(3, full_name="Smith, Rob"),
        _robert(5, full_name="Jane Doe", date_of_birth=None),
    ]
    pairs = find_pairs(records)
    assert [(p.a, p.b) for p in pairs] == [(3, 7)]


def test_comparing_is_symmetric() -> None:
    pairs = [
        (_robert(1), _robert(2, full_name="Bob Smyth", date_of_birth=date(1980, 3, 15))),
        (_robert(3, full_name="Smith, R"), _robert(4, full_name="Mohammed Rahman", email="")),
        (_robert(5), _robert(6, full_name="Smiht Robert", postcode="OX1 2AD")),
    ]
    for first, second in pairs:
        there, back = compare(first, second), compare(second, first)
        assert there.probability == pytest.approx(back.probability)
        assert (there.a, there.b) == (back.a, back.b)


def test_find_pairs_does_not_depend_on_the_order_of_the_records() -> None:
    crowd = _town(1200)
    duplicates = [
        PersonRecord(
            id=5000 + k,
            full_name=crowd[k].full_name.upper(),
            date_of_birth=crowd[k].date_of_birth,
            address=crowd[k].address,
            postcode=crowd[k].postcode,
        )
        for k in range(0, 1200, 40)
    ]
    records = crowd + duplicates
    shuffled = list(records)
    random.Random(3).shuffle(shuffled)
    thresholds = Thresholds(match=0.9, review=0.01)
    first = find_pairs(records, thresholds=thresholds)
    second = find_pairs(shuffled, thresholds=thresholds)
    assert [(p.a, p.b) for p in first] == [(p.a, p.b) for p in second]
    assert [p.probability for p in first] == pytest.approx([p.probability for p in second])
    assert {(crowd[k].id, 5000 + k) for k in range(0, 1200, 40)} <= {(p.a, p.b) for p in first}


def test_the_index_finds_a_half_typed_record() -> None:
    index = MatchIndex(
        [_robert(1), _robert(2, full_name="Jane Doe", date_of_birth=None), *_town(50)]
    )
    found = index.candidates(PersonRecord(id=0, full_name="Rob Smith", postcode="ox12ab"))
    assert [p.b for p in found] == [1]
    assert found[0].a == 0


def test_the_index_forgets_a_removed_record_and_finds_an_added_one() -> None:
    index = MatchIndex(_town(50))
    partial = PersonRecord(id=0, full_name="Bob Smith", date_of_birth=date(1980, 3, 14))
    assert index.candidates(partial) == []
    index.add(_robert(1))
    assert [p.b for p in index.candidates(partial)] == [1]
    index.remove(1)
    assert index.candidates(partial) == []
    assert len(index) == 50
