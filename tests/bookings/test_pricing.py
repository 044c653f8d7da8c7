"""Prices from the bookings file: per item type, concessions, the maximum per collection."""

from __future__ import annotations

from datetime import timedelta

import pytest

from opencex.bookings.config import bookings_config
from opencex.bookings.pricing import PriceProblem, collection_price, room_price, visit_price
from tests.bookings.conftest import london


@pytest.fixture
def bulky():
    return bookings_config().bookable("book-bulky-waste-collection")


def test_furniture_is_22_pounds_and_large_electrical_33_pounds_an_item(bulky):
    price = collection_price(bulky, {"furniture": 2, "large-electrical": 1}, concession=False)
    assert price.price_pence == 2 * 2200 + 3300
    assert price.deposit_pence == 0


def test_a_resident_on_a_qualifying_benefit_pays_10_and_15_pounds(bulky):
    price = collection_price(bulky, {"furniture": 1, "large-electrical": 1}, concession=True)
    assert price.price_pence == 1000 + 1500


def test_more_items_than_the_maximum_per_collection_is_refused(bulky):
    with pytest.raises(PriceProblem, match="up to 5 items"):
        collection_price(bulky, {"furniture": 4, "large-electrical": 2}, concession=False)
    assert collection_price(bulky, {"furniture": 5}, concession=False).price_pence == 11000


def test_no_items_or_an_unknown_item_type_is_refused(bulky):
    with pytest.raises(PriceProblem, match="how many items"):
        collection_price(bulky, {"furniture": 0}, concession=False)
    with pytest.raises(PriceProblem):
        collection_price(bulky, {"piano": 1}, concession=False)


def test_a_room_costs_its_hours_at_the_hourly_price_plus_a_refundable_deposit():
    hire = bookings_config().bookable("book-community-centre")
    starts = london(2026, 9, 8, 9)
    price = room_price(
        hire, "barton-main-hall", starts, starts + timedelta(hours=4), concession=False
    )
    assert (price.price_pence, price.deposit_pence) == (4 * 3500, 10000)
    concession = room_price(
        hire, "barton-main-hall", starts, starts + timedelta(hours=4, minutes=30), concession=True
    )
    assert concession.price_pence == 9000  # 4.5 hours at £20


def test_a_visit_takes_a_place_per_person_and_checks_the_group_size():
    visit = bookings_config().bookable("visit-museum-of-oxford")
    assert visit_price(visit, 24, concession=False).units == 24
    assert visit_price(visit, 24, concession=False).price_pence == 24 * 300
    with pytest.raises(PriceProblem, match="between 5 and 35"):
        visit_price(visit, 40, concession=False)
