"""The bookings file is checked like the catalogue: every problem named by entry and field."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from opencex.bookings.config import DATA, BookingsFileError, check, load_file

CATALOGUE = Path(__file__).parents[2] / "src/opencex/catalogue/demo/oxford.json"


def _oxford() -> dict:
    return tomllib.loads((DATA / "oxford.toml").read_text())


def test_oxfords_bookings_file_is_valid_and_names_catalogue_services():
    slugs = {service["slug"] for service in json.loads(CATALOGUE.read_text())["services"]}
    checked = load_file(DATA / "oxford.toml", catalogue_slugs=slugs)
    assert {b.service for b in checked.bookables} >= {
        "book-bulky-waste-collection",
        "book-community-centre",
        "visit-museum-of-oxford",
    }


def test_a_misspelt_setting_and_a_bad_price_are_both_named():
    data = _oxford()
    data["collections"][0]["max_item"] = 5
    data["collections"][0]["item_types"][0]["price_pence"] = -1
    with pytest.raises(BookingsFileError) as raised:
        check(data)
    text = "\n".join(raised.value.problems)
    assert "collections[0].max_item: is not a setting this file knows" in text
    assert "collections[0].item_types[0].price_pence" in text


def test_a_service_not_in_the_catalogue_and_a_postcode_in_two_rounds_are_refused():
    data = _oxford()
    data["collections"][0]["rounds"][1]["postcode_districts"].append("OX2")
    with pytest.raises(BookingsFileError) as raised:
        check(data, catalogue_slugs={"book-community-centre"})
    text = "\n".join(raised.value.problems)
    assert "service 'book-bulky-waste-collection': is not a service in the catalogue." in text
    assert "OX2 is in more than one round" in text


def test_a_postcode_finds_its_round_with_or_without_the_space():
    from opencex.bookings.config import bookings_config

    bulky = bookings_config().bookable("book-bulky-waste-collection")
    assert bulky.round_for("ox3 9aa").slug == "round-east"
    assert bulky.round_for("OX39AA").slug == "round-east"
    assert bulky.round_for("OX33 1AB").slug == "round-east"
    assert bulky.round_for("OX4 1HR").slug == "round-south"
    assert bulky.round_for("SW1A 1AA") is None
