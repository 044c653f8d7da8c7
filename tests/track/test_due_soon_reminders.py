"""A request about to pass its expected date tells the resident once, before it does."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from opencex.cases import reminders
from opencex.cases.models import EventKind, PauseReason, Status
from opencex.clocks.wording import long_date
from opencex.council.calendar import council_calendar
from opencex.notify.models import Notification
from tests.factories import CaseFactory, ResidentFactory, ServiceFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes its connection


@pytest.fixture
def due_tomorrow():
    today = timezone.localdate()
    return CaseFactory(
        resident=ResidentFactory(email="ann@example.org", full_name="Ann Example"),
        service=ServiceFactory(standard_days=2),
        status=Status.IN_PROGRESS,
        due_on=council_calendar().add_working_days(today, 1),
    )


def test_the_reminder_is_sent_once_through_the_worker_to_the_mail_server(
    due_tomorrow, smtp_server, run_jobs
):
    today = timezone.localdate()

    call_command("send_due_soon_reminders")
    call_command("send_due_soon_reminders")
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "ann@example.org"
    assert due_tomorrow.reference in message["Subject"]
    new_date = council_calendar().add_working_days(today, 2)
    assert new_date.strftime("%A %-d %B %Y") in message.get_content()
    event = due_tomorrow.events.get(kind=EventKind.MESSAGE_OUT)
    assert event.is_visible_to_resident
    assert long_date(new_date) in event.body
    assert Notification.objects.filter(template="case_due_soon").count() == 1


def test_a_case_due_later_is_not_reminded(due_tomorrow):
    due_tomorrow.due_on = council_calendar().add_working_days(timezone.localdate(), 3)
    due_tomorrow.save()
    assert reminders.send_due_soon_reminders() == 0


def test_paused_and_closed_cases_are_not_reminded(due_tomorrow):
    paused = CaseFactory(
        resident=due_tomorrow.resident,
        status=Status.AWAITING_RESIDENT,
        due_on=due_tomorrow.due_on,
    )
    paused.pauses.create(reason=PauseReason.CLARIFICATION, started_on=timezone.localdate())
    CaseFactory(resident=due_tomorrow.resident, status=Status.CLOSED, due_on=due_tomorrow.due_on)

    assert reminders.send_due_soon_reminders() == 1
    assert not paused.events.exists()


def test_a_new_due_date_gets_its_own_reminder(due_tomorrow):
    assert reminders.send_due_soon_reminders() == 1
    due_tomorrow.due_on = timezone.localdate()
    due_tomorrow.save()
    assert reminders.send_due_soon_reminders() == 1
    assert reminders.send_due_soon_reminders() == 0


def test_the_daily_schedule_is_queued_once_and_runs_the_reminders(due_tomorrow, run_jobs):
    call_command("send_due_soon_reminders", "--every-day")
    call_command("send_due_soon_reminders", "--every-day")
    queued = DBTaskResult.objects.filter(
        task_path=reminders.send_due_soon_reminders_every_day.module_path
    )
    assert queued.count() == 1
    assert queued.get().run_after > timezone.now()

    queued.update(run_after=timezone.now() - dt.timedelta(seconds=1))
    run_jobs()

    assert due_tomorrow.events.filter(kind=EventKind.MESSAGE_OUT).count() == 1
    assert queued.filter(status="READY").count() == 1  # tomorrow's run
