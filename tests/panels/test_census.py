"""The council's wards are listed once, in its profile: the census file's ward groups must be
exactly those, or loading it fails naming the file and the ward; what lists wards reads the
profile."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from opencex.panels import census
from opencex.panels.census import CensusProfileError, load_census

FIXTURES = Path(__file__).parent / "fixtures"
THREE = ("Blackbird Leys", "Cowley", "Headington")


@pytest.fixture
def fresh_census():
    census.council_census.cache_clear()
    yield
    census.council_census.cache_clear()


def test_a_census_with_exactly_the_profiles_wards_loads():
    loaded = load_census(FIXTURES / "three_wards.census.json", wards=THREE)
    assert sorted(loaded.groups("ward")) == list(THREE)


def test_a_misspelt_ward_is_refused_naming_the_file_and_the_ward():
    path = FIXTURES / "misspelt_ward.census.json"
    with pytest.raises(CensusProfileError) as refused:
        load_census(path, wards=THREE)
    message = str(refused.value)
    assert str(path) in message
    assert "'Headington'" in message


def test_a_ward_the_profile_does_not_have_is_refused():
    path = FIXTURES / "three_wards.census.json"
    with pytest.raises(CensusProfileError, match=r"'Headington' is not one of the council"):
        load_census(path, wards=("Blackbird Leys", "Cowley"))


def test_the_councils_census_is_checked_against_its_profile(fresh_census):
    """Oxford's census file against a profile missing one of its wards: refused on load."""
    fewer = tuple(w for w in settings.COUNCIL_PROFILE.wards if w != "Littlemore")
    profile = dataclasses.replace(settings.COUNCIL_PROFILE, wards=(*fewer, "Nowhere"))
    refused = pytest.raises(CensusProfileError, match=r"oxford\.census\.json.*'Nowhere'")
    with override_settings(COUNCIL_PROFILE=profile), refused:
        census.council_census()


def test_oxfords_census_matches_its_profile_and_the_ward_list_is_the_profiles(fresh_census):
    assert set(census.council_census().groups("ward")) == set(settings.COUNCIL_PROFILE.wards)
    profile = dataclasses.replace(settings.COUNCIL_PROFILE, wards=THREE)
    with override_settings(COUNCIL_PROFILE=profile):
        assert census.wards() == list(THREE)
