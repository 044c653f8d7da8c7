"""A case's predicted completion: its service's forecast read against how long the case has been
open and its due date; recorded for governance once per prediction; off with the switch."""

from __future__ import annotations

import datetime as dt
import threading
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction

from opencex.aigovernance.models import Suggestion
from opencex.cases.models import CaseKind, ClockPause, PauseReason, Status
from opencex.forecasts.predictions import NOT_ENOUGH_HISTORY, PAUSED, outlook_for
from opencex.forecasts.services import record_prediction, show_prediction
from tests.factories import CaseFactory, ServiceFactory
from tests.forecasts.conftest import SLOWING, forecast_for

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MONDAY = dt.date(2026, 12, 7)
WEDNESDAY = dt.date(2026, 12, 9)


@pytest.fixture
def request_due_thursday():
    service = ServiceFactory(standard_days=3)
    forecast_for(service, SLOWING, MONDAY)
    return CaseFactory(
        service=service,
        status=Status.IN_PROGRESS,
        received_at=dt.datetime(2026, 12, 7, 9, tzinfo=LONDON),
        received_on=MONDAY,
        due_on=dt.date(2026, 12, 10),
    )


def test_a_fresh_request_is_predicted_from_every_recent_request(request_due_thursday):
    outlook = outlook_for(request_due_thursday, MONDAY)
    assert outlook is not None
    assert outlook.prediction is not None
    prediction = outlook.prediction
    assert prediction.likely_on == dt.date(2026, 12, 8)
    assert (prediction.earliest_on, prediction.latest_on) == (dt.date(2026, 12, 8),
                                                               dt.date(2026, 12, 15))  # fmt: skip
    assert prediction.chance_by_due == pytest.approx(38 / 50)
    assert prediction.based_on == 50
    assert not prediction.is_likely_late


def test_a_request_open_two_days_is_predicted_from_those_still_open_then(request_due_thursday):
    prediction = outlook_for(request_due_thursday, WEDNESDAY).prediction
    assert prediction is not None
    # Of the 20 still open after 2 working days, 8 finished on day 3 (Thursday), 12 on day 6.
    assert prediction.based_on == 20
    assert prediction.likely_on == dt.date(2026, 12, 15)
    assert (prediction.earliest_on, prediction.latest_on) == (dt.date(2026, 12, 10),
                                                               dt.date(2026, 12, 15))  # fmt: skip
    assert prediction.chance_by_due == pytest.approx(0.4)
    assert prediction.is_likely_late


def test_a_service_without_a_forecast_has_not_enough_history():
    case = CaseFactory(service=ServiceFactory(), status=Status.IN_PROGRESS)
    outlook = outlook_for(case, MONDAY)
    assert outlook is not None
    assert (outlook.prediction, outlook.why_none) == (None, str(NOT_ENOUGH_HISTORY))


def test_a_service_with_few_recent_requests_has_not_enough_history():
    service = ServiceFactory()
    forecast_for(service, [2] * 19, MONDAY)
    case = CaseFactory(service=service, status=Status.IN_PROGRESS, received_on=MONDAY)
    assert outlook_for(case, MONDAY).why_none == str(NOT_ENOUGH_HISTORY)


def test_a_stopped_clock_has_no_prediction(request_due_thursday):
    ClockPause.objects.create(
        case=request_due_thursday, reason=PauseReason.CLARIFICATION, started_on=MONDAY
    )
    request_due_thursday.status = Status.AWAITING_RESIDENT
    assert outlook_for(request_due_thursday, WEDNESDAY).why_none == str(PAUSED)


def test_closed_cases_complaints_and_statutory_clocks_are_not_predicted(request_due_thursday):
    request_due_thursday.status = Status.CLOSED
    assert outlook_for(request_due_thursday, MONDAY) is None
    foi = CaseFactory(kind=CaseKind.FOI, service=request_due_thursday.service)
    assert outlook_for(foi, MONDAY) is None


def test_the_switch_turns_predictions_off(request_due_thursday, switched_off):
    assert outlook_for(request_due_thursday, MONDAY) is None


def test_a_prediction_shown_is_recorded_once_until_it_changes(request_due_thursday):
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=LONDON)):
        show_prediction(case=request_due_thursday, today=MONDAY)
        show_prediction(case=request_due_thursday, today=MONDAY)
    [first] = Suggestion.objects.filter(subject_id=request_due_thursday.pk)
    assert first.model_key == "completion_prediction"
    assert first.suggested["likely_on"] == "2026-12-08"
    assert first.confidence == pytest.approx(0.76)
    with time_machine.travel(dt.datetime(2026, 12, 9, 10, tzinfo=LONDON)):
        show_prediction(case=request_due_thursday, today=WEDNESDAY)
    assert Suggestion.objects.filter(subject_id=request_due_thursday.pk).count() == 2


def test_predicted_dates_skip_bank_holidays_and_closure_days_as_the_standard_does():
    service = ServiceFactory(standard_days=2)
    forecast_for(service, [2] * 30, dt.date(2026, 12, 22))
    case = CaseFactory(
        service=service,
        status=Status.IN_PROGRESS,
        received_at=dt.datetime(2026, 12, 23, 9, tzinfo=LONDON),
        received_on=dt.date(2026, 12, 23),
        due_on=dt.date(2027, 1, 4),
    )
    prediction = outlook_for(case, dt.date(2026, 12, 23)).prediction
    assert prediction is not None
    # Thursday 24th is day 1; Christmas, the Boxing Day holiday on Monday 28th, the council's
    # closure days (29-31 December) and New Year's Day are skipped: day 2 is Monday 4 January.
    assert prediction.likely_on == dt.date(2027, 1, 4)
    assert prediction.chance_by_due == 1.0


@pytest.mark.django_db(transaction=True)
def test_two_officers_opening_the_case_at_once_record_the_prediction_once(request_due_thursday):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the row lock is PostgreSQL's")
    case = request_due_thursday
    prediction = outlook_for(case, MONDAY).prediction
    recorded, release = threading.Event(), threading.Event()

    def first_page():  # records, and is still in its transaction when the second page comes
        with transaction.atomic():
            record_prediction(case=case, prediction=prediction, reason="shown to an officer")
            recorded.set()
            release.wait(10)
        connection.close()

    def second_page():
        record_prediction(case=case, prediction=prediction, reason="shown to an officer")
        connection.close()

    first = threading.Thread(target=first_page)
    first.start()
    assert recorded.wait(10)
    second = threading.Thread(target=second_page)
    second.start()
    time.sleep(0.5)
    release.set()
    first.join(10)
    second.join(10)

    assert (
        Suggestion.objects.filter(model_key="completion_prediction", subject_id=case.pk).count()
        == 1
    )
