from __future__ import annotations

import pytest
from django.core.cache import cache

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status
from opencex.cases.models import CaseKind, Channel
from tests.cases.conftest import (  # noqa: F401 - fixtures shared with the cases tests
    at_ten,
    contact_officer,
    feedback_team,
    general_team,
    ig_officer,
    ig_team,
    missed_bin,
    waste_caseworker,
    waste_team,
)
from tests.factories import ResidentFactory, UserFactory


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    # Rate limits are counted in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def resident_user(db):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org", full_name="Ann Example")
    ResidentFactory(user=user, email=user.email, full_name=user.full_name)
    return user


@pytest.fixture
def other_resident_user(db):
    user = UserFactory(role=Role.RESIDENT, email="bob@example.org", full_name="Bob Other")
    ResidentFactory(user=user, email=user.email, full_name=user.full_name)
    return user


def report_missed_bin(user=None, *, service=None, email="ann@example.org", **extra):
    """A missed-bin report made on the website, signed in (user) or not."""
    case, _created = open_case(
        actor=user,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was not emptied on Monday.",
        contact_name="Ann Example",
        contact_email=email,
        resident=user.resident if user is not None else None,
        service=service,
        **extra,
    )
    return case


def resolve(case, officer):
    change_status(actor=officer, case=case, to="in_progress")
    return change_status(actor=officer, case=case, to="resolved")
