"""How long a service's recent requests took, counted as its service standard counts: working
days in the council's calendar (bank holidays skipped), days waiting for the resident left out,
from the day the clock (re)started to the day the request was first resolved or closed."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cases.models import Status
from opencex.forecasts.history import rebuild_forecasts, working_days_by_service
from opencex.forecasts.model import MODEL_VERSION
from opencex.forecasts.models import ServiceForecast
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 1)


def test_bank_holidays_are_not_counted(finish):
    service = ServiceFactory()
    # Received Thursday 2 April 2026; Good Friday and Easter Monday skipped; done Wednesday 8th.
    finish(service, dt.date(2026, 4, 2), dt.date(2026, 4, 8))
    assert working_days_by_service(TODAY) == {service.pk: [2]}


def test_days_waiting_for_the_resident_are_not_counted(finish):
    service = ServiceFactory()
    # Received Monday 13 April; waiting Tuesday to Thursday; done Monday 20th: Fri and Mon count.
    finish(service, dt.date(2026, 4, 13), dt.date(2026, 4, 20),
           paused=[(dt.date(2026, 4, 14), dt.date(2026, 4, 16))])  # fmt: skip
    assert working_days_by_service(TODAY) == {service.pk: [2]}


def test_a_reopened_request_counts_from_its_reopening_to_its_next_finish(finish):
    service = ServiceFactory()
    case = finish(service, dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    # Reopened Monday 9 March ("it is not fixed") and closed again Thursday 12th.
    case.clock_started_on = dt.date(2026, 3, 9)
    case.save()
    case.events.model.objects.create(
        case=case, kind="status_changed", at=dt.datetime(2026, 3, 12, 12, tzinfo=dt.UTC),
        summary="Closed", data={"to": Status.CLOSED},
    )  # fmt: skip
    assert working_days_by_service(TODAY) == {service.pk: [3]}


def test_only_the_window_and_finished_requests_count(finish):
    service = ServiceFactory()
    finish(service, dt.date(2025, 9, 1), dt.date(2025, 9, 3))  # before the 180 days
    finish(service, dt.date(2026, 4, 20), dt.date(2026, 4, 21), status=Status.RESOLVED)
    finish(service, dt.date(2026, 4, 20), dt.date(2026, 4, 22), status=Status.WITHDRAWN)
    assert working_days_by_service(TODAY) == {service.pk: [1]}


def test_the_daily_rebuild_keeps_one_row_per_service_with_its_counts(finish):
    service, other = ServiceFactory(), ServiceFactory()
    for day in (6, 7, 8):
        finish(service, dt.date(2026, 4, 20), dt.date(2026, 4, 20 + day - 5))
    finish(other, dt.date(2026, 4, 20), dt.date(2026, 4, 20))
    assert rebuild_forecasts(TODAY) == 2
    assert rebuild_forecasts(TODAY) == 2  # again: replaced, not added
    forecast = ServiceForecast.objects.get(service=service)
    assert (forecast.cases, forecast.counts) == (3, [0, 1, 1, 1])
    assert (forecast.computed_on, forecast.model_version) == (TODAY, MODEL_VERSION)
    assert ServiceForecast.objects.count() == 2
