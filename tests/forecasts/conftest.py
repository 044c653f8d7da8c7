"""Hand-made histories: requests finished on pinned days, written as the timeline records them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import pytest

from opencex.cases.models import CaseEvent, ClockPause, EventKind, PauseReason, Status
from opencex.forecasts.model import WINDOW_DAYS, History
from opencex.forecasts.models import ServiceForecast
from tests.factories import CaseFactory

LONDON = ZoneInfo("Europe/London")


def finished_request(
    service,
    received_on: dt.date,
    finished_on: dt.date,
    *,
    paused: Iterable[tuple[dt.date, dt.date]] = (),
    status: str = Status.CLOSED,
    **fields,
):
    """A request received on `received_on` and first closed (or resolved) on `finished_on`."""
    case = CaseFactory(
        service=service,
        status=status,
        received_at=dt.datetime.combine(received_on, dt.time(10), tzinfo=LONDON),
        received_on=received_on,
        **fields,
    )
    for start, end in paused:
        ClockPause.objects.create(
            case=case, reason=PauseReason.CLARIFICATION, started_on=start, ended_on=end
        )
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.STATUS_CHANGED,
        at=dt.datetime.combine(finished_on, dt.time(15), tzinfo=LONDON),
        summary="Closed",
        data={"from": Status.IN_PROGRESS, "to": status},
    )
    return case


@pytest.fixture
def finish():
    return finished_request


def forecast_for(service, durations: Iterable[int], computed_on: dt.date) -> ServiceForecast:
    """The forecast the daily rebuild would make from requests that took `durations`."""
    forecast = ServiceForecast.made_from(
        service_id=service.pk,
        history=History.of(durations),
        computed_on=computed_on,
        window_days=WINDOW_DAYS,
    )
    forecast.save()
    return forecast


# 50 requests: 30 took 1 working day, 8 took 3, 12 took 6. A fresh request is likely done in a
# day; one still open after 2 days is likely to take 6.
SLOWING = [1] * 30 + [3] * 8 + [6] * 12


@pytest.fixture
def switched_off(settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, completion_prediction=False),
    )
