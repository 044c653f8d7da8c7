"""Reports of a street scene service, placed on the map as Open311 or the form would place them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.duplicatereports.demo import _offset
from opencex.duplicatereports.models import MatchingRule
from opencex.duplicatereports.places import record_place
from tests.factories import CaseFactory, ServiceFactory, TeamFactory, UserFactory

SPOT = (51.7470, -1.2370)


@pytest.fixture
def team():
    return TeamFactory(slug="street-scene", name="Street scene")


@pytest.fixture
def other_team():
    return TeamFactory(slug="parking", name="Parking")


@pytest.fixture
def fly_tipping(team):
    service = ServiceFactory(slug="report-fly-tipping", title="Report fly-tipping", team=team)
    MatchingRule.objects.create(service=service, metres=50, days=7)
    return service


@pytest.fixture
def officer(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")


@pytest.fixture
def outsider(other_team):
    return UserFactory(role=Role.CASEWORKER, teams=[other_team], full_name="Pat Outside")


@pytest.fixture
def make_report(fly_tipping):
    """A report of fly-tipping `metres` north of the spot, `hours` after the first."""
    start = timezone.now() - timedelta(days=1)

    def make(*, metres=0.0, hours=0.0, text="Mattress dumped by the bus stop", **fields):
        lat, long = _offset(*SPOT, metres, 0.0)
        case = CaseFactory(
            service=fly_tipping,
            team=fly_tipping.team,
            subject="Fly-tipping",
            description=text,
            answers={"map": {"lat": lat, "long": long}},
            received_at=start + timedelta(hours=hours),
            **fields,
        )
        record_place(case)
        return case

    return make
