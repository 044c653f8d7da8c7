"""Warning a resident early that their request may take longer than the date they were given:
through the real worker to a real mail server, once, in their language, naming only the due
date (which stays as it was); never for closed or paused requests, a request not yet a working
day old, one an officer already revised, or with the model switched off."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from opencex.aigovernance.models import Suggestion
from opencex.cases.models import ClockPause, EventKind, PauseReason, Status
from opencex.forecasts.early_warnings import send_early_warnings
from opencex.notify.models import Notification
from tests.factories import CaseFactory, ResidentFactory, ServiceFactory
from tests.forecasts.conftest import SLOWING, forecast_for

# 50 requests: 30 took 1 working day, 4 took 3, 16 took 6. Of those still open after two
# working days, one in five finished by the third: a 20% chance, below the residents' 30%.
SLOWER = [1] * 30 + [3] * 4 + [6] * 16

LONDON = ZoneInfo("Europe/London")
MONDAY = dt.date(2026, 12, 7)
WEDNESDAY_MORNING = dt.datetime(2026, 12, 9, 7, 30, tzinfo=LONDON)
DUE = dt.date(2026, 12, 10)  # Thursday: the service's 3 working days


def slow_request(*, language: str = "en", history=SLOWER, **fields):
    """A request received Monday on a service whose requests still open after two working
    days mostly took six: on Wednesday it is likely to miss Thursday."""
    service = ServiceFactory(standard_days=3, title="Report a missed bin")
    forecast_for(service, history, MONDAY)
    return CaseFactory(
        **{
            "service": service,
            "status": Status.IN_PROGRESS,
            "received_at": dt.datetime(2026, 12, 7, 9, tzinfo=LONDON),
            "received_on": MONDAY,
            "due_on": DUE,
            "resident": ResidentFactory(email="ola@example.org", preferred_language=language),
            **fields,
        }
    )


@pytest.mark.django_db(transaction=True)  # the worker closes its connection
@time_machine.travel(WEDNESDAY_MORNING, tick=True)
def test_a_likely_late_request_warns_its_resident_once_in_their_language(smtp_server, run_jobs):
    case = slow_request(language="pl")

    assert send_early_warnings() == 1
    assert send_early_warnings() == 0  # the same prediction: never twice
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "ola@example.org"
    assert case.reference in message["Subject"]
    body = message.get_content()
    assert "10 grudnia 2026" in body  # the due date, worded in Polish
    assert "15 grudnia" not in body  # the predicted date is the officers', never told
    case.refresh_from_db()
    assert case.due_on == DUE  # the one date the resident reads is unchanged
    assert Notification.objects.get(template="case_likely_late").language == "pl"
    [event] = case.events.filter(kind=EventKind.MESSAGE_OUT)
    assert event.is_visible_to_resident
    assert event.data["likely_late_for"] == "2026-12-10"
    [suggestion] = Suggestion.objects.filter(subject_id=case.pk)
    assert suggestion.reasons == ["the resident was warned it may be late"]


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
def test_the_daily_command_rebuilds_the_forecasts_and_warns():
    case = slow_request()
    # The command rebuilds from the real history (none here): no forecast, no warning.
    call_command("forecast_completion")
    assert not case.events.filter(kind=EventKind.MESSAGE_OUT).exists()


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
@pytest.mark.parametrize("status", [Status.CLOSED, Status.RESOLVED, Status.WITHDRAWN])
def test_a_finished_request_is_never_warned(status):
    slow_request(status=status)
    assert send_early_warnings() == 0


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
def test_a_request_waiting_for_the_resident_is_never_warned():
    case = slow_request(status=Status.AWAITING_RESIDENT)
    ClockPause.objects.create(case=case, reason=PauseReason.CLARIFICATION, started_on=MONDAY)
    assert send_early_warnings() == 0


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2026, 12, 7, 16, tzinfo=LONDON))
def test_a_request_not_yet_a_working_day_old_is_not_warned():
    # Received today; even a slow service is given a day before anyone is worried.
    service = ServiceFactory(standard_days=1)
    forecast_for(service, [5] * 30, MONDAY)
    CaseFactory(
        service=service, status=Status.IN_PROGRESS, received_on=MONDAY,
        due_on=dt.date(2026, 12, 8),
    )  # fmt: skip
    assert send_early_warnings() == 0


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
def test_a_date_an_officer_revised_is_not_second_guessed():
    slow_request(expected_on_revised=DUE, expected_on_revised_reason="Crew short.")
    assert send_early_warnings() == 0


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
def test_a_request_likely_on_time_is_not_warned():
    slow_request(history=[1] * 10 + [3] * 30)
    assert send_early_warnings() == 0


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
def test_likely_late_for_officers_is_not_yet_enough_to_worry_the_resident():
    # A 40% chance by the due date: officers see "likely late"; the resident is not warned.
    slow_request(history=SLOWING)
    assert send_early_warnings() == 0


@pytest.mark.django_db
@time_machine.travel(WEDNESDAY_MORNING)
def test_nobody_is_warned_with_the_switch_off(switched_off):
    slow_request()
    assert send_early_warnings() == 0
    assert not Suggestion.objects.exists()
