"""`find_organisations`: by need (tags and words) and nearest first from a postcode."""

from __future__ import annotations

import pytest

from opencex.directory.models import Service, Status
from opencex.directory.postcodes import UnknownPostcode
from opencex.directory.selectors import find_organisations
from tests.directory.conftest import names

pytestmark = pytest.mark.usefixtures("oxford_directory")

LARDERS = {
    "Barton Community Larder",
    "Blackbird Leys Community Larder",
    "Rose Hill Community Larder",
}


def test_a_need_tag_finds_every_service_tagged_with_it():
    found = set(names(find_organisations(need="food")))
    assert found >= LARDERS
    assert "Oxford Food Bank" in found
    assert "StepChange free debt advice" not in found


def test_free_text_words_must_all_match_so_food_bank_finds_food_banks_not_banks():
    found = names(find_organisations(need="food bank"))
    assert found[0] == "Oxford Food Bank"
    assert "Barton Community Larder" not in found


def test_plurals_and_filler_words_do_not_stop_a_match():
    assert set(names(find_organisations(need="help with community larders"))) >= LARDERS


def test_words_in_the_description_find_a_service():
    assert "Help with energy bills" in names(find_organisations(need="warm home discount"))


def test_a_need_nothing_meets_finds_nothing():
    assert find_organisations(need="skydiving lessons") == []


def test_from_blackbird_leys_the_leys_larder_comes_first_and_rose_hill_before_barton():
    found = names(find_organisations(need="larder", near_postcode="OX4 7"))
    larders = [name for name in found if name in LARDERS]
    assert larders == [
        "Blackbird Leys Community Larder",
        "Rose Hill Community Larder",
        "Barton Community Larder",
    ]


def test_from_barton_the_order_reverses():
    found = names(find_organisations(need="larder", near_postcode="OX3 9SX"))
    larders = [name for name in found if name in LARDERS]
    assert larders[0] == "Barton Community Larder"
    assert larders[-1] == "Blackbird Leys Community Larder"


def test_distances_are_ascending_and_phone_only_services_come_last():
    matches = find_organisations(near_postcode="OX1 1DJ")
    distances = [m.distance_km for m in matches]
    placed = [d for d in distances if d is not None]
    assert placed == sorted(placed)
    assert distances[: len(placed)] == placed  # every None is after every distance
    assert matches[0].distance_km < 0.5
    assert matches[-1].distance_km is None
    assert "Shelter housing advice helpline" in names(matches[len(placed) :])


def test_without_a_postcode_there_is_no_distance():
    assert all(m.distance_km is None for m in find_organisations(need="debt"))


def test_an_unknown_postcode_raises_with_a_message_to_show():
    with pytest.raises(UnknownPostcode, match="We do not know where CB2 1TN is"):
        find_organisations(need="food", near_postcode="CB2 1TN")


def test_a_closed_service_is_not_found():
    Service.objects.filter(name="Barton Community Larder").update(status=Status.TEMPORARILY_CLOSED)
    assert "Barton Community Larder" not in names(find_organisations(need="larder"))


def test_a_limit_cuts_the_list():
    assert len(find_organisations(need="food", limit=2)) == 2
