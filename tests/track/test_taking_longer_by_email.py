"""The daily clock job through the real worker to a real mail server: a request past its date
tells its resident once, with the service's advice; the officer is reminded before the date."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from opencex.accounts.models import Role
from opencex.cases.models import EventKind, Status
from opencex.notify.models import Notification
from tests.factories import CaseFactory, ResidentFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the worker closes its connection

# Monday 7 December 2026, 09:00 in London.
MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/London"))


@time_machine.travel(MONDAY, tick=True)
def test_a_request_past_its_date_tells_the_resident_once_through_the_worker(smtp_server, run_jobs):
    service = ServiceFactory(
        standard_days=2, if_late="Call 01865 249811 if your bin is still full."
    )
    late = CaseFactory(
        resident=ResidentFactory(email="ann@example.org", full_name="Ann Example"),
        service=service,
        status=Status.IN_PROGRESS,
        due_on=dt.date(2026, 12, 4),  # last Friday
    )

    call_command("send_due_soon_reminders")
    call_command("send_due_soon_reminders")
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "ann@example.org"
    assert late.reference in message["Subject"]
    body = message.get_content()
    assert "Call 01865 249811 if your bin is still full." in body
    assert late.events.filter(kind=EventKind.MESSAGE_OUT).count() == 1
    assert Notification.objects.filter(template="case_taking_longer").count() == 1


@time_machine.travel(MONDAY, tick=True)
def test_a_request_due_tomorrow_reminds_its_officer_and_tells_the_resident_nothing(
    smtp_server, run_jobs
):
    team = TeamFactory()
    officer = UserFactory(role=Role.CASEWORKER, email="priya@council.example", teams=[team])
    CaseFactory(
        resident=ResidentFactory(email="bo@example.org"),
        service=ServiceFactory(standard_days=2),
        team=team,
        assigned_to=officer,
        status=Status.IN_PROGRESS,
        due_on=dt.date(2026, 12, 8),
    )

    call_command("send_due_soon_reminders")
    run_jobs()

    assert [m["To"] for m in smtp_server.messages] == ["priya@council.example"]
