"""Satisfaction from residents' ratings, and the website's share of demand against the period
before."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cases.models import Channel
from opencex.contacts.models import Outcome
from opencex.insight.periods import Period
from opencex.insight.selectors import Satisfaction, channel_shift, satisfaction
from tests.factories import CaseFactory, ContactFactory, RatingFactory
from tests.insight.conftest import WEEK, london

pytestmark = pytest.mark.django_db


def test_satisfaction_by_channel_with_the_average_and_the_share_satisfied():
    for score in (5, 4, 2):
        RatingFactory(channel=Channel.WEB, score=score, created_at=london(2026, 3, 3))
    RatingFactory(channel=Channel.PHONE, score=3, created_at=london(2026, 3, 8, 23, 59))
    RatingFactory(channel=Channel.PHONE, score=1, created_at=london(2026, 3, 9))  # next week

    rows = satisfaction(WEEK)

    assert [(r.channel, r.ratings, r.satisfied) for r in rows] == [
        ("web", 3, 2),
        ("phone", 1, 0),
        ("", 4, 2),
    ]
    assert rows[0].average == pytest.approx(11 / 3)
    assert rows[-1].average == pytest.approx(3.5)
    assert rows[-1].satisfied_rate == 0.5


def test_satisfaction_in_an_empty_period_has_no_average():
    assert satisfaction(WEEK) == [Satisfaction("", ratings=0, average=None, satisfied=0)]
    assert satisfaction(WEEK)[0].satisfied_rate is None


def test_channel_shift_compares_the_websites_share_with_the_week_before():
    CaseFactory.create_batch(3, received_at=london(2026, 3, 3), channel=Channel.WEB)
    ContactFactory(at=london(2026, 3, 4), channel=Channel.PHONE)
    CaseFactory(received_at=london(2026, 3, 4), channel=Channel.PARTNER_API)  # neither
    # The week before: one web case, one email, one call that opened a case.
    CaseFactory(received_at=london(2026, 2, 23), channel=Channel.WEB)
    CaseFactory(received_at=london(2026, 2, 24), channel=Channel.EMAIL)
    call = CaseFactory(received_at=london(2026, 3, 1), channel=Channel.PHONE)
    ContactFactory(
        at=london(2026, 3, 1), channel=Channel.PHONE, outcome=Outcome.CASE_OPENED, case=call
    )

    shift = channel_shift(WEEK)

    assert shift.previous.period == Period(dt.date(2026, 2, 23), dt.date(2026, 3, 1))
    assert (shift.current.self_service, shift.current.assisted) == (3, 1)
    assert (shift.previous.self_service, shift.previous.assisted) == (1, 2)
    assert shift.current.self_service_rate == 0.75
    assert shift.change == pytest.approx(75 - 100 / 3)


def test_channel_shift_has_no_change_when_the_period_before_was_empty():
    CaseFactory(received_at=london(2026, 3, 3), channel=Channel.WEB)

    shift = channel_shift(WEEK)

    assert shift.current.self_service_rate == 1
    assert shift.previous.self_service_rate is None
    assert shift.change is None
