"""Placing a postcode from the bundled Oxford table, and distances between points."""

from __future__ import annotations

import pytest

from opencex.directory.postcodes import (
    Point,
    UnknownPostcode,
    distance_km,
    locate_postcode,
    normalise_postcode,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ox43xt", "OX4 3XT"), (" OX1 1dj ", "OX1 1DJ"), ("ox4 3", "OX4 3"), ("ox4", "OX4")],
)
def test_postcodes_are_normalised_however_they_are_typed(typed, expected):
    assert normalise_postcode(typed) == expected


def test_a_full_postcode_is_placed_at_its_sector():
    assert locate_postcode("OX4 6AB") == locate_postcode("ox4 6zz") == locate_postcode("OX4 6")


def test_an_outward_code_alone_is_placed_at_its_centre():
    point = locate_postcode("OX3")
    assert 51.7 < point.latitude < 51.8
    assert -1.3 < point.longitude < -1.1


def test_a_sector_the_table_lacks_falls_back_to_its_outward_code():
    assert locate_postcode("OX1 9ZZ") == locate_postcode("OX1")


def test_a_postcode_outside_oxford_says_what_the_directory_covers():
    with pytest.raises(UnknownPostcode, match=r"We do not know where SW1A 1AA is\..*OX1, OX2"):
        locate_postcode("SW1A 1AA")


@pytest.mark.parametrize("typed", ["hello", "12345", "OX4 3XTT"])
def test_something_that_is_not_a_postcode_asks_for_a_real_one(typed):
    with pytest.raises(UnknownPostcode, match="Enter a real postcode"):
        locate_postcode(typed)


def test_haversine_gives_the_known_distance_from_oxford_to_london():
    carfax = Point(51.7520, -1.2577)
    charing_cross = Point(51.5073, -0.1276)
    assert distance_km(carfax, charing_cross) == pytest.approx(82.4, abs=1.0)
    assert distance_km(carfax, carfax) == 0
