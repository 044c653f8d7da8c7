"""What the bin collection tests share: the council's file, the catalogue service, addresses."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from opencex.bincollections.config import DATA, load_file
from tests.factories import PropertyFactory, ServiceFactory

LONDON = ZoneInfo("Europe/London")
SERVICE = "check-bin-collection-day"


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def oxford():
    return load_file(DATA / "oxford.toml")


@pytest.fixture
def service(db):
    return ServiceFactory(slug=SERVICE, title="Check your bin collection day")


@pytest.fixture
def cowley_road(db):
    """On the Thursday B round (East Oxford): rubbish in week B, recycling in week A."""
    return PropertyFactory(uprn="100120000101", address_line_1="12 Cowley Road", postcode="OX4 1HR")


@pytest.fixture
def neighbours(db, cowley_road):
    return [
        cowley_road,
        PropertyFactory(uprn="100120000102", address_line_1="14 Cowley Road", postcode="OX4 1HR"),
    ]
