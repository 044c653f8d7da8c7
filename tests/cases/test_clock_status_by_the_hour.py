"""A clock counted in hours is judged by the hour: an emergency hazard due at 21:30 on Christmas
Day is due soon at 21:29 and overdue at 21:31, in the queues, their counts and the daily jobs
alike (one definition: `cases.selectors.clock_conditions`)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opencex.cases import reminders
from opencex.cases.models import Case, HazardClass, Status
from opencex.cases.selectors import (
    ClockStatus,
    QueueFilters,
    cases_with_clock_status,
    count_open_cases,
    queue_cases,
    with_clock_status,
)
from tests.cases.conftest import LONDON
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

DUE_AT = dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)


@pytest.fixture
def emergency():
    return CaseFactory(
        status=Status.IN_PROGRESS,
        hazard_class=HazardClass.EMERGENCY,
        due_on=DUE_AT.date(),
        due_at=DUE_AT,
    )


@pytest.fixture
def due_on_christmas_day():
    """A clock counted in days, due the same day: overdue only from the next day."""
    return CaseFactory(status=Status.IN_PROGRESS, due_on=DUE_AT.date())


def _status(case: Case) -> str:
    today = timezone.localdate()
    return with_clock_status(Case.objects.filter(pk=case.pk), today).get().clock_status


def test_an_emergency_is_due_soon_a_minute_before_its_hour(emergency):
    with time_machine.travel(DUE_AT - dt.timedelta(minutes=1), tick=False):
        assert _status(emergency) == ClockStatus.DUE_SOON


def test_an_emergency_is_overdue_a_minute_after_its_hour(emergency):
    with time_machine.travel(DUE_AT + dt.timedelta(minutes=1), tick=False):
        assert _status(emergency) == ClockStatus.OVERDUE


def test_a_case_due_the_same_day_by_date_is_not_overdue_until_the_next_day(due_on_christmas_day):
    with time_machine.travel(DUE_AT + dt.timedelta(minutes=1), tick=False):
        assert _status(due_on_christmas_day) == ClockStatus.DUE_SOON
    with time_machine.travel(DUE_AT + dt.timedelta(hours=3), tick=False):
        assert _status(due_on_christmas_day) == ClockStatus.OVERDUE


def test_an_emergency_is_due_soon_for_the_whole_of_its_24_hours(emergency):
    with time_machine.travel(DUE_AT - dt.timedelta(hours=23, minutes=59), tick=False):
        assert _status(emergency) == ClockStatus.DUE_SOON


def test_the_queue_filter_the_counts_and_the_overdue_job_agree_at_2131(
    emergency, due_on_christmas_day
):
    with time_machine.travel(DUE_AT + dt.timedelta(minutes=1), tick=False):
        today = timezone.localdate()
        filtered = queue_cases(
            Case.objects.all(), QueueFilters(clock=ClockStatus.OVERDUE), today=today
        )
        overdue = set(cases_with_clock_status(ClockStatus.OVERDUE, today))
        late = set(reminders.cases_past_their_date(today))
        counts = count_open_cases(Case.objects.all(), today=today)

    assert set(filtered) == overdue == late == {emergency}
    assert (counts.overdue, counts.due_soon) == (1, 1)


def test_the_queue_filter_and_the_counts_agree_at_2129(emergency, due_on_christmas_day):
    with time_machine.travel(DUE_AT - dt.timedelta(minutes=1), tick=False):
        today = timezone.localdate()
        due_soon = set(
            queue_cases(Case.objects.all(), QueueFilters(clock=ClockStatus.DUE_SOON), today=today)
        )
        counts = count_open_cases(Case.objects.all(), today=today)

    assert due_soon == {emergency, due_on_christmas_day}
    assert (counts.overdue, counts.due_soon) == (0, 2)
