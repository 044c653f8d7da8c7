"""A council with a complaints team, a waste service and a council-housing repairs service, and
the people who complain and answer complaints."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from tests.factories import (
    ResidentFactory,
    ServiceAreaFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)

LONDON = ZoneInfo("Europe/London")
D = dt.date.fromisoformat


def at_ten(day: str) -> dt.datetime:
    """Ten in the morning, London time, on an ISO date."""
    return dt.datetime.combine(D(day), dt.time(10), tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def complaints_team(db):
    area = ServiceAreaFactory(slug="customer-services", name="Customer services")
    return TeamFactory(
        slug="complaints-and-feedback", name="Complaints and Feedback", service_area=area
    )


@pytest.fixture
def complaints_service(complaints_team):
    return ServiceFactory(
        slug="make-complaint",
        title="Make a complaint",
        team=complaints_team,
        case_kind=CaseKind.COMPLAINT,
        standard_days=10,
        standard_text="We reply within 10 working days of acknowledging it.",
    )


@pytest.fixture
def waste(db):
    area = ServiceAreaFactory(slug="waste-recycling", name="Waste and recycling")
    team = TeamFactory(slug="waste-services", name="Waste Services", service_area=area)
    return ServiceFactory(
        slug="report-missed-bin", title="Report a missed bin collection", team=team
    )


@pytest.fixture
def repairs(db):
    area = ServiceAreaFactory(slug="council-housing", name="Council housing")
    team = TeamFactory(slug="housing-repairs", name="Housing Repairs", service_area=area)
    return ServiceFactory(
        slug="report-housing-repair",
        title="Report a repair in your council home",
        team=team,
        is_landlord_function=True,
    )


@pytest.fixture
def handler(complaints_team):
    return UserFactory(role=Role.CASEWORKER, full_name="Priya Shah", teams=[complaints_team])


@pytest.fixture
def second_handler(complaints_team):
    return UserFactory(role=Role.CASEWORKER, full_name="Tom Reid", teams=[complaints_team])


@pytest.fixture
def resident_user(db):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org", full_name="Ann Example")
    ResidentFactory(user=user, email=user.email, full_name=user.full_name)
    return user


def complain(
    *,
    service=None,
    about=None,
    day: str | None = None,
    user=None,
    email: str = "ann@example.org",
    answers: dict | None = None,
):
    """A stage 1 complaint made on the website, about the service `about` (by the reference of
    an earlier request for it)."""
    answers = dict(answers or {})
    if about is not None:
        earlier, _ = open_case(
            actor=user,
            kind=CaseKind.SERVICE_REQUEST,
            channel=Channel.WEB,
            subject="Bin not emptied",
            description="My green bin was not emptied.",
            contact_name="Ann Example",
            contact_email=email,
            resident=user.resident if user else None,
            service=about,
            received_at=at_ten(day) - dt.timedelta(days=14) if day else None,
        )
        answers["reference"] = earlier.reference
    case, _ = open_case(
        actor=user,
        kind=CaseKind.COMPLAINT,
        channel=Channel.WEB,
        subject="Complaint: missed again",
        description="This is the third time my bin has been missed.",
        contact_name="Ann Example",
        contact_email=email,
        resident=user.resident if user else None,
        service=service,
        answers=answers,
        received_at=at_ten(day) if day else None,
    )
    return case
