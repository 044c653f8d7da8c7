"""Scores worked out by hand: a strand is the mean of its confirmed levels, overall the mean of
the strands, to one decimal place with halves rounded up; over time and across areas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from opencex.readiness import selectors
from opencex.readiness.framework import current_framework
from tests.factories import ServiceAreaFactory, TeamFactory, UserFactory
from tests.readiness.conftest import confirm, submitted

pytestmark = pytest.mark.django_db


def test_scores_of_a_confirmed_assessment_use_the_moderators_levels(confirmed):
    scores = selectors.scores(confirmed)
    # alpha: (1 + 4) / 2 = 2.5; beta: (2 + 2) / 2 = 2.0 (the moderator's 2, not the service's 3)
    assert scores.strands == {"alpha": Decimal("2.5"), "beta": Decimal("2.0")}
    # overall: (2.5 + 2.0) / 2 = 2.25, rounded half up to 2.3
    assert scores.overall == Decimal("2.3")


def test_the_services_own_scores_are_kept(confirmed):
    own = selectors.scores(confirmed, confirmed=False)
    assert own.strands == {"alpha": Decimal("2.5"), "beta": Decimal("2.5")}
    assert own.overall == Decimal("2.5")


def test_scores_compare_over_time(area, lead, moderator, confirmed):
    with time_machine.travel(dt.datetime(2027, 6, 1, 10, tzinfo=dt.UTC), tick=False):
        later = submitted(area, lead, {"a1": 3, "a2": 4, "b1": 3, "b2": 3})
        confirm(later, moderator, {"a1": 3, "a2": 4, "b1": 3, "b2": 3})
    history = selectors.history(area)
    assert [a.confirmed_on for a, _ in history] == [dt.date(2026, 12, 1), dt.date(2027, 6, 1)]
    assert [s.overall for _, s in history] == [Decimal("2.3"), Decimal("3.3")]


def test_the_matrix_takes_each_areas_latest_confirmed_and_the_council_mean(
    area, moderator, confirmed
):
    parks = ServiceAreaFactory(slug="parks", name="Parks")
    parks_lead = UserFactory(role="team_manager", teams=[TeamFactory(service_area=parks)])
    other = submitted(parks, parks_lead, {"a1": 5, "a2": 5, "b1": 4, "b2": 3})
    confirm(other, UserFactory(role="administrator"), {"a1": 5, "a2": 5, "b1": 4, "b2": 3})
    rows = selectors.matrix(current_framework())
    assert [(row.service_area.name, row.scores.overall) for row in rows] == [
        ("Parks", Decimal("4.3")),  # (5.0 + 3.5) / 2 = 4.25
        ("Waste and recycling", Decimal("2.3")),
    ]
    council = selectors.council_scores(current_framework())
    # alpha: (2.5 + 5.0) / 2 = 3.75 → 3.8; beta: (2.0 + 3.5) / 2 = 2.75 → 2.8
    assert council.strands == {"alpha": Decimal("3.8"), "beta": Decimal("2.8")}
