"""Repeat contact: the same resident about the same service again within 7 days."""

from __future__ import annotations

import pytest

from opencex.contacts.models import Outcome
from opencex.insight.selectors import RepeatContact, repeat_contact
from tests.factories import CaseFactory, ContactFactory, ResidentFactory, ServiceFactory
from tests.insight.conftest import WEEK, london

pytestmark = pytest.mark.django_db


@pytest.fixture
def bins():
    return ServiceFactory(title="Report a missed bin")


@pytest.fixture
def resident():
    return ResidentFactory()


def _total(period=WEEK) -> RepeatContact:
    return repeat_contact(period)[-1]


def test_a_call_two_days_after_a_case_about_the_same_bin_is_a_repeat(bins, resident):
    CaseFactory(resident=resident, service=bins, received_at=london(2026, 3, 2, 10))
    ContactFactory(resident=resident, service=bins, at=london(2026, 3, 4, 9))

    assert _total() == RepeatContact("", contacts=2, repeats=1)


def test_an_earlier_contact_before_the_period_still_makes_a_repeat(bins, resident):
    CaseFactory(resident=resident, service=bins, received_at=london(2026, 2, 27, 10))
    CaseFactory(resident=resident, service=bins, received_at=london(2026, 3, 2, 10))

    assert _total() == RepeatContact("", contacts=1, repeats=1)


def test_exactly_seven_days_later_is_a_repeat_and_a_minute_more_is_not(bins, resident):
    other = ResidentFactory()
    CaseFactory(resident=resident, service=bins, received_at=london(2026, 3, 1, 10))
    CaseFactory(resident=resident, service=bins, received_at=london(2026, 3, 8, 10))
    CaseFactory(resident=other, service=bins, received_at=london(2026, 3, 1, 10))
    CaseFactory(resident=other, service=bins, received_at=london(2026, 3, 8, 10, 1))

    assert _total() == RepeatContact("", contacts=2, repeats=1)


def test_contact_about_another_service_or_from_another_resident_is_not_a_repeat(bins, resident):
    CaseFactory(resident=resident, service=bins, received_at=london(2026, 3, 2))
    CaseFactory(resident=resident, service=ServiceFactory(), received_at=london(2026, 3, 3))
    CaseFactory(resident=ResidentFactory(), service=bins, received_at=london(2026, 3, 4))

    assert _total() == RepeatContact("", contacts=3, repeats=0)


def test_a_call_that_opened_a_case_is_one_contact_not_a_repeat_of_itself(bins, resident):
    at = london(2026, 3, 3)
    case = CaseFactory(resident=resident, service=bins, received_at=at)
    ContactFactory(resident=resident, service=bins, at=at, outcome=Outcome.CASE_OPENED, case=case)

    assert _total() == RepeatContact("", contacts=1, repeats=0)


def test_anonymous_callers_and_contacts_about_no_service_are_left_out(bins, resident):
    ContactFactory(service=bins, at=london(2026, 3, 3))
    ContactFactory(service=bins, at=london(2026, 3, 4))
    ContactFactory(resident=resident, at=london(2026, 3, 3))
    ContactFactory(resident=resident, at=london(2026, 3, 4))

    assert _total() == RepeatContact("", contacts=0, repeats=0)
    assert _total().rate is None


def test_repeat_contact_is_listed_by_service_most_repeats_first(bins, resident):
    tax = ServiceFactory(title="Ask about your council tax bill")
    for day in (2, 3, 4):
        CaseFactory(resident=resident, service=bins, received_at=london(2026, 3, day))
    ContactFactory(resident=resident, service=tax, at=london(2026, 3, 5))

    assert repeat_contact(WEEK) == [
        RepeatContact("Report a missed bin", contacts=3, repeats=2),
        RepeatContact("Ask about your council tax bill", contacts=1, repeats=0),
        RepeatContact("", contacts=4, repeats=2),
    ]
    assert repeat_contact(WEEK)[-1].rate == 0.5
