"""Daily jobs: the next run at a London time, and starting one only once."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from django.core.management import call_command
from django.utils import timezone

from opencex.cases.reminders import send_due_soon_reminders_every_day
from opencex.jobs.daily import is_scheduled, next_daily_run, schedule_daily


def test_the_next_run_is_today_when_the_time_has_not_come_yet():
    now = datetime(2026, 7, 1, 6, 0, tzinfo=UTC)  # 07:00 in London (summer time)
    run = next_daily_run(now, time(8, 0))
    assert timezone.localtime(run).replace(tzinfo=None) == datetime(2026, 7, 1, 8, 0)


def test_the_next_run_is_tomorrow_once_the_time_has_passed():
    now = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 08:00 in London (winter), exactly on time
    run = next_daily_run(now, time(8, 0))
    assert timezone.localtime(run).replace(tzinfo=None) == datetime(2026, 12, 2, 8, 0)


@pytest.mark.django_db
def test_a_daily_job_is_started_once_however_often_it_is_asked():
    first = schedule_daily(send_due_soon_reminders_every_day, time(8, 0))

    assert first is not None
    assert is_scheduled(send_due_soon_reminders_every_day)
    assert schedule_daily(send_due_soon_reminders_every_day, time(8, 0)) is None


@pytest.mark.django_db
def test_the_command_says_when_the_daily_job_first_runs_and_then_that_it_is_scheduled(capsys):
    call_command("send_due_soon_reminders", "--every-day")
    call_command("send_due_soon_reminders", "--every-day")

    out = capsys.readouterr().out
    assert "The daily reminders: first run at" in out
    assert "The daily reminders: already scheduled." in out
