from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from tests.factories import ResidentFactory, ServiceFactory, TeamFactory, UserFactory

WINTER = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def winter():
    with time_machine.travel(WINTER, tick=False):
        yield


@pytest.fixture
def team():
    return TeamFactory(slug="housing-repairs", name="Housing repairs")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")


@pytest.fixture
def open_with(team):
    """Open a case with `description` through the cases app's door, as any channel does."""

    def open_with(description: str, *, channel: str = Channel.WEB, resident=None, actor=None):
        case, _ = open_case(
            actor=actor,
            kind=CaseKind.SERVICE_REQUEST,
            channel=channel,
            subject="Repair",
            description=description,
            contact_name="Ada Okonkwo",
            contact_email="ada@example.org",
            resident=resident or ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org"),
            service=ServiceFactory(team=team),
        )
        return case

    return open_with
