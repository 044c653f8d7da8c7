"""The record linkage engine on hand-made records (no database)."""

from datetime import date

from opencex.matching.linkage import (
    DEFAULT_THRESHOLDS,
    MatchIndex,
    PersonRecord,
    compare,
    find_pairs,
)


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


def test_a_nickname_and_a_surname_typo_are_still_one_person() -> None:
    pair = compare(_robert(1), _robert(2, full_name="Bob Smyth", email=""))
    assert pair.probability >= DEFAULT_THRESHOLDS.match
    assert "first names are forms of one name (Robert / Bob)" in pair.reasons
    assert "surname sounds the same (Smith / Smyth)" in pair.reasons


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


def test_find_pairs_gives_each_pair_once_with_the_smaller_id_first() -> None:
    records = [_robert(7), _robert(3, full_name="Smith, Rob"), _robert(5, full_name="Jane Doe")]
    pairs = find_pairs(records)
    assert [(p.a, p.b) for p in pairs] == [(3, 7)]


def test_the_index_finds_a_half_typed_record() -> None:
    index = MatchIndex([_robert(1), _robert(2, full_name="Jane Doe", date_of_birth=None)])
    found = index.candidates(PersonRecord(id=0, full_name="Rob Smith", postcode="ox12ab"))
    assert [p.b for p in found] == [1]
    assert found[0].a == 0
