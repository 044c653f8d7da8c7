"""Which round collects from an address: UPRN first, else street and postcode; every address the
demo makes has one."""

from __future__ import annotations

import random

import pytest

from opencex.bincollections.rounds import normalised_postcode, round_for_address
from opencex.demo.config import load_demo_council
from opencex.demo.people import _make_properties


@pytest.mark.parametrize("written", ["OX4 6HP", "ox46hp", " ox4  6hp ", "Ox4 6Hp"])
def test_a_postcode_is_read_however_it_is_written(written):
    assert normalised_postcode(written) == "OX4 6HP"


@pytest.mark.parametrize("written", ["", "OX4", "12345", "OX4 6H", "SW1A 1AAA"])
def test_what_is_not_a_postcode_is_none(written):
    assert normalised_postcode(written) is None


def test_a_street_and_its_postcode_sector_find_the_round(oxford):
    found = round_for_address(
        oxford, uprn="1", lines=["Flat B, 40 Cowley Road"], postcode="OX4 1HR"
    )
    assert found.slug == "thursday-b"


def test_the_same_street_name_in_another_sector_is_not_that_round(oxford):
    assert round_for_address(oxford, uprn="", lines=["40 Cowley Road"], postcode="OX4 2AA") is None


def test_the_uprn_wins_over_the_street(oxford):
    found = round_for_address(
        oxford, uprn="999000000001", lines=["1 Cowley Road"], postcode="OX4 1HR"
    )
    assert found.slug == "friday-b"


def test_the_longest_street_name_that_fits_wins(oxford):
    data = oxford.model_dump()
    data["rounds"][0]["streets"].append({"name": "Road", "postcodes": ["OX3"]})
    widened = type(oxford).model_validate(data)
    found = round_for_address(widened, uprn="", lines=["3 Old Marston Road"], postcode="OX3 0PQ")
    assert found.slug == "wednesday-a"


def test_every_address_the_demo_makes_has_a_round(oxford):
    council = load_demo_council("oxford")
    homes = _make_properties(random.Random(20261205), council, 3000)
    without = [
        str(home)
        for home in homes
        if round_for_address(
            oxford,
            uprn=home.uprn,
            lines=[home.address_line_1, home.address_line_2],
            postcode=home.postcode,
        )
        is None
    ]
    home = council.resident_home
    resident = round_for_address(
        oxford,
        uprn=home.uprn,
        lines=[home.address_line_1, home.address_line_2],
        postcode=home.postcode,
    )
    assert without == []
    assert resident is not None
