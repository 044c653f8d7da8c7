import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from opencex.accounts.models import Role
from tests.factories import ServiceFactory, TeamFactory, UserFactory

LONDON = ZoneInfo("Europe/London")


def at_ten(day: str) -> dt.datetime:
    """Ten in the morning, London time, on an ISO date."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=LONDON)


@pytest.fixture
def ig_team(db):
    return TeamFactory(slug="information-governance", name="Information Governance")


@pytest.fixture
def feedback_team(db):
    return TeamFactory(slug="complaints-and-feedback", name="Complaints and Feedback")


@pytest.fixture
def general_team(db):
    return TeamFactory(slug="customer-services", name="Customer Services")


@pytest.fixture
def waste_team(db):
    return TeamFactory(slug="waste-services", name="Waste Services")


@pytest.fixture
def missed_bin(waste_team):
    return ServiceFactory(
        slug="report-missed-bin",
        title="Report a missed bin collection",
        team=waste_team,
        standard_days=2,
        standard_text="We collect missed bins within 2 working days.",
    )


@pytest.fixture
def ig_officer(ig_team):
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[ig_team])


@pytest.fixture
def waste_caseworker(waste_team):
    return UserFactory(role=Role.CASEWORKER, teams=[waste_team])


@pytest.fixture
def feedback_caseworker(feedback_team):
    return UserFactory(role=Role.CASEWORKER, teams=[feedback_team])


@pytest.fixture
def contact_officer(general_team, ig_team, feedback_team):
    return UserFactory(role=Role.CONTACT_CENTRE, teams=[general_team])
