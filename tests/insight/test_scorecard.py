"""A measure read for a period against its target: ended periods come from the cache for some
minutes, the running one never does, and a new target shows at once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.insight.granularity import Granularity, period_containing
from opencex.insight.measures import measure_for
from opencex.insight.scorecard import reading
from opencex.insight.targets import set_target
from tests.factories import CaseFactory, UserFactory
from tests.insight.conftest import london

pytestmark = pytest.mark.django_db

D = dt.date
FOI = measure_for("foi-in-time")
MARCH = period_containing(Granularity.MONTH, D(2026, 3, 1))
APRIL = period_containing(Granularity.MONTH, D(2026, 4, 1))


@pytest.fixture(autouse=True)
def _mid_april_with_an_empty_cache():
    cache.clear()
    with time_machine.travel(dt.datetime(2026, 4, 15, 12, tzinfo=dt.UTC), tick=False):
        yield
    cache.clear()


def _foi(on: dt.date):
    CaseFactory(kind=CaseKind.FOI, received_at=london(2026, 3, 2), responded_on=on,
                due_on=on, status=Status.RESPONDED)  # fmt: skip


def test_an_ended_period_is_read_once_then_from_the_cache_while_a_new_target_shows_at_once():
    _foi(D(2026, 3, 10))
    first = reading(FOI, MARCH)
    _foi(D(2026, 3, 11))  # recorded late: shows once the cached figure expires
    set_target(actor=UserFactory(role=Role.TEAM_MANAGER, password=None),
               measure_key=FOI.key, granularity="month", applies_from=D(2026, 3, 1),
               value="95", reason="Plan")  # fmt: skip

    again = reading(FOI, MARCH)

    assert (first.actual.denominator, again.actual.denominator) == (1, 1)
    assert again.target.value == 95
    assert again.is_met is True
    cache.clear()
    assert reading(FOI, MARCH).actual.denominator == 2


def test_the_running_period_is_always_counted_afresh():
    _foi(D(2026, 4, 1))
    assert reading(FOI, APRIL).actual.denominator == 1
    _foi(D(2026, 4, 2))

    assert reading(FOI, APRIL).actual.denominator == 2
