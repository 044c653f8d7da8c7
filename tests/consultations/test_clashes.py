"""The clash and duplicate check on a hand-built horizon: exactly the expected pairs are found,
and the near misses (dates just outside the gap, other wards, another audience, a topic asked
more than a year ago) are not."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.consultations import clashes
from opencex.consultations.models import Audience, FindingKind
from tests.consultations.conftest import planned
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

MARCH = {"starts_on": dt.date(2027, 3, 1), "ends_on": dt.date(2027, 3, 28)}


@pytest.fixture
def horizon(officer, team):
    """The plan checked (Cowley, everyone, March 2027, topic parking) and its neighbours."""
    parking = TopicFactory(name="Parking")
    bins = TopicFactory(name="Bins")
    made = {
        "plan": planned(officer, team, topics=(parking,), **MARCH),
        # Clashes: Cowley in April, starting 14 days after the plan ends (within the gap).
        "cowley_trees": planned(
            officer,
            team,
            title="Street trees",
            wards=["Cowley"],
            starts_on=dt.date(2027, 4, 11),
            ends_on=dt.date(2027, 5, 1),
        ),
        # a city-wide consultation of everyone overlapping in dates.
        "budget": planned(
            officer,
            team,
            title="The council's budget",
            wards=[],
            starts_on=dt.date(2027, 2, 1),
            ends_on=dt.date(2027, 3, 5),
            topics=(bins,),
        ),
        # Near misses: Cowley, but starting 15 days after the plan ends (outside the gap);
        "late_play": planned(
            officer,
            team,
            title="Play areas",
            wards=["Cowley"],
            starts_on=dt.date(2027, 4, 12),
            ends_on=dt.date(2027, 5, 1),
        ),
        # same dates, but only other wards;
        "summertown": planned(
            officer, team, title="Summertown library", wards=["Summertown", "Wolvercote"], **MARCH
        ),
        # Clashes too: businesses in Cowley in March (the plan asks everyone, businesses too).
        "businesses": planned(
            officer,
            team,
            title="Business rates relief",
            audience=Audience.BUSINESSES,
            wards=["Cowley"],
            **MARCH,
        ),
        # Duplicates: asked last June about parking, in Cowley (closed or not, it counts);
        "last_june": planned(
            officer,
            team,
            title="Residents' parking survey",
            wards=["Cowley", "Donnington"],
            starts_on=dt.date(2026, 6, 1),
            ends_on=dt.date(2026, 6, 30),
            topics=(parking,),
        ),
        # a similar title in the whole city, with no topic tag, in the autumn.
        "similar": planned(
            officer,
            team,
            title="Parking permits in Cowley and Iffley",
            wards=[],
            starts_on=dt.date(2027, 9, 1),
            ends_on=dt.date(2027, 9, 30),
        ),
        # Near misses: parking, Cowley, but more than a year before the plan starts;
        "too_old": planned(
            officer,
            team,
            title="Parking review",
            wards=["Cowley"],
            starts_on=dt.date(2025, 12, 1),
            ends_on=dt.date(2026, 2, 27),
            topics=(parking,),
        ),
        # parking, but young people in other wards.
        "young": planned(
            officer,
            team,
            title="Parking near schools",
            audience=Audience.YOUNG_PEOPLE,
            wards=["Headington"],
            starts_on=dt.date(2027, 9, 1),
            ends_on=dt.date(2027, 9, 30),
            topics=(parking,),
        ),
    }
    return made


def _pairs(horizon) -> set[tuple[str, str]]:
    names = {c.pk: name for name, c in horizon.items()}
    return {(names[p.other.pk], p.kind) for p in clashes.check_plan(horizon["plan"])}


def test_exactly_the_expected_clashes_and_duplicates_are_found(horizon):
    assert _pairs(horizon) == {
        ("cowley_trees", FindingKind.CLASH),
        ("budget", FindingKind.CLASH),
        ("businesses", FindingKind.CLASH),
        ("last_june", FindingKind.DUPLICATE),
        ("similar", FindingKind.DUPLICATE),
    }


def test_each_finding_says_why(horizon):
    found = {p.other.pk: p.why for p in clashes.check_plan(horizon["plan"])}
    assert "within 14 days" in found[horizon["cowley_trees"].pk]
    assert "both in Cowley" in found[horizon["cowley_trees"].pk]
    assert "one is city-wide" in found[horizon["budget"].pk]
    assert "shares the topic Parking" in found[horizon["last_june"].pk]
    assert "similar title" in found[horizon["similar"].pk]


def test_a_wider_gap_catches_the_near_miss(horizon):
    found = {p.other.pk for p in clashes.check_plan(horizon["plan"], gap_days=15)}
    assert horizon["late_play"].pk in found


def test_two_different_groups_do_not_clash(officer, team):
    tenants = planned(officer, team, audience=Audience.TENANTS, title="Tenants' repairs")
    businesses = planned(officer, team, audience=Audience.BUSINESSES, title="Street trading")
    assert clashes.people_overlap(tenants, businesses) is None
    assert clashes.check_plan(tenants) == []


def test_title_similarity_compares_stemmed_words():
    assert clashes.title_similarity("Parking permits", "Parking permit") == 1.0
    assert clashes.title_similarity("Parking permits", "Library opening hours") == 0.0
