"""Fixtures for the information-rights register: teams, officers, and requests opened through
cases.actions as they arrive (by web, email or letter) on a given London date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from tests.factories import TeamFactory, UserFactory

LONDON = ZoneInfo("Europe/London")
D = dt.date.fromisoformat


def at_ten(day: str) -> dt.datetime:
    """Ten in the morning, London time, on an ISO date."""
    return dt.datetime.combine(D(day), dt.time(10), tzinfo=LONDON)


@pytest.fixture
def ig_team(db):
    return TeamFactory(slug="information-governance", name="Information Governance")


@pytest.fixture
def ig_officer(ig_team):
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[ig_team], full_name="Iris Grant")


@pytest.fixture
def contact_officer(ig_team):
    return UserFactory(role=Role.CONTACT_CENTRE)


@pytest.fixture
def open_request(contact_officer, ig_team):
    """Open an information request received on an ISO date: open_request(kind, "2025-04-11")."""

    def make(kind=CaseKind.FOI, day="2025-04-11", **fields):
        values = {
            "channel": Channel.LETTER,
            "subject": "Spending on agency staff",
            "description": "Please send the council's spending on agency staff in 2024.",
            "contact_name": "Ann Example",
            "contact_email": "ann@example.org",
            **fields,
        }
        case, created = open_case(
            actor=contact_officer, kind=kind, received_at=at_ten(day), **values
        )
        assert created
        return case

    return make
