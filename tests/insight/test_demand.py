"""Demand by channel and first-contact resolution over a period, to the exact number."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cases.models import Channel
from opencex.contacts.models import Outcome
from opencex.insight.periods import Period
from opencex.insight.selectors import Resolution, demand_by_channel, first_contact_resolution
from tests.factories import CaseFactory, ContactFactory
from tests.insight.conftest import WEEK, london, utc

pytestmark = pytest.mark.django_db


def _opened_case(at: dt.datetime, channel: str):
    """A call that opened a case: one contact and its case."""
    case = CaseFactory(received_at=at, channel=channel)
    ContactFactory(at=at, channel=channel, outcome=Outcome.CASE_OPENED, case=case)
    return case


def _demand(period) -> dict[str, tuple[int, int]]:
    return {
        row.channel: (row.cases, row.contacts) for row in demand_by_channel(period) if row.total
    }


def test_demand_counts_cases_received_and_contacts_resolved_without_one():
    CaseFactory.create_batch(2, received_at=london(2026, 3, 2, 9), channel=Channel.WEB)
    CaseFactory(received_at=london(2026, 3, 8, 18), channel=Channel.PHONE)
    ContactFactory.create_batch(2, at=london(2026, 3, 4), channel=Channel.PHONE)
    ContactFactory(
        at=london(2026, 3, 5),
        channel=Channel.FACE_TO_FACE,
        outcome=Outcome.SIGNPOSTED,
        signposted_to="Citizens Advice Oxfordshire",
    )

    assert _demand(WEEK) == {
        "web": (2, 0),
        "phone": (1, 2),
        "face_to_face": (0, 1),
        "": (3, 3),  # every channel together
    }


def test_a_call_that_opened_a_case_is_counted_once_as_the_case():
    _opened_case(london(2026, 3, 3), Channel.PHONE)

    assert _demand(WEEK) == {"phone": (1, 0), "": (1, 0)}


def test_demand_leaves_out_the_days_either_side_of_the_period():
    CaseFactory(received_at=london(2026, 3, 1, 23, 59))
    CaseFactory(received_at=london(2026, 3, 9, 0, 0))
    ContactFactory(at=london(2026, 3, 1, 23, 59))
    ContactFactory(at=london(2026, 3, 9, 0, 0))

    assert _demand(WEEK) == {}


def test_a_contact_late_on_a_summer_evening_in_utc_counts_on_the_next_london_day():
    summer = Period(dt.date(2026, 7, 6), dt.date(2026, 7, 12))
    ContactFactory(at=utc(2026, 7, 5, 23, 30))  # 00:30 on Monday 6 July in London
    ContactFactory(at=utc(2026, 7, 12, 23, 30))  # 00:30 on Monday 13 July in London

    assert _demand(summer) == {"phone": (0, 1), "": (0, 1)}


def test_an_empty_period_lists_every_channel_with_nothing():
    rows = demand_by_channel(WEEK)

    assert [row.channel for row in rows] == [*Channel.values, ""]
    assert {row.total for row in rows} == {0}


def test_first_contact_resolution_counts_resolved_and_signposted_contacts_by_channel():
    ContactFactory(at=london(2026, 3, 2), channel=Channel.PHONE)
    ContactFactory(
        at=london(2026, 3, 3),
        channel=Channel.PHONE,
        outcome=Outcome.SIGNPOSTED,
        signposted_to="Oxford Food Bank",
    )
    _opened_case(london(2026, 3, 4), Channel.PHONE)
    _opened_case(london(2026, 3, 4), Channel.EMAIL)
    ContactFactory(at=london(2026, 3, 9), channel=Channel.EMAIL)  # the next week

    rows = first_contact_resolution(WEEK)

    assert rows == [
        Resolution("phone", contacts=3, resolved=2),
        Resolution("email", contacts=1, resolved=0),
        Resolution("", contacts=4, resolved=2),
    ]
    assert rows[-1].rate == 0.5
    assert rows[1].rate == 0


def test_first_contact_resolution_in_an_empty_period_has_no_rate():
    assert first_contact_resolution(WEEK) == [Resolution("", contacts=0, resolved=0)]
    assert first_contact_resolution(WEEK)[0].rate is None
