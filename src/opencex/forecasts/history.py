"""How long each service's recent requests took, rebuilt into `ServiceForecast` rows each day.

A request's time is counted as its service standard counts it: working days in the case's own
clock calendar (the council's, closure days included: `cases.clock.clock_calendar`) from the day
its clock started (the day it was received, or reopened) to the day it was first resolved or
closed after that, leaving out the days it waited for the resident (the pauses that stop its
clock, as `cases.clock` says). The counting is `insight.durations.WorkingDaysTaken`, the one the
figures use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from opencex.cases.clock import STOPPING_PAUSES, clock_calendar
from opencex.cases.models import Case, CaseKind, ClockPause, EventKind, Status
from opencex.clocks.calendars import DateRange
from opencex.forecasts.model import WINDOW_DAYS, History
from opencex.forecasts.models import ServiceForecast
from opencex.insight.durations import WorkingDaysTaken

# The kinds on a service standard that are predicted (the ones told when they are late too).
PREDICTED_KINDS = (CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY)
DONE = (Status.RESOLVED, Status.CLOSED)


def finished_requests(today: date, window_days: int = WINDOW_DAYS):
    """The requests on a service standard first resolved or closed (since their clock last
    started) in the `window_days` up to and including `today`, each with `finished_at`."""
    since = today - timedelta(days=window_days)
    done_event = Q(
        events__kind=EventKind.STATUS_CHANGED,
        events__data__to__in=list(DONE),
        events__at__date__gte=F("clock_started_on"),
    )
    return (
        Case.objects.filter(
            kind__in=PREDICTED_KINDS,
            service__isnull=False,
            hazard_class="",
            status__in=DONE,
            # A request finished in the window was last changed then or later: this keeps
            # the join with the timeline to the recent requests.
            updated_at__date__gt=since,
        )
        .annotate(finished_at=Min("events__at", filter=done_event))
        .filter(finished_at__date__gt=since, finished_at__date__lte=today)
        .order_by()
        .values("pk", "kind", "service_id", "clock_started_on", "finished_at")
    )


def working_days_by_service(today: date, window_days: int = WINDOW_DAYS) -> dict[int, list[int]]:
    """For each service, the working days each of its requests in the window took."""
    rows = list(finished_requests(today, window_days))
    stopped = _stopped_days({row["pk"] for row in rows})
    counters = {kind: WorkingDaysTaken(clock_calendar(kind)) for kind in PREDICTED_KINDS}
    taken: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        started = row["clock_started_on"]
        finished = timezone.localdate(row["finished_at"])
        spans = [
            span
            for kind, span in stopped.get(row["pk"], ())
            if kind == row["kind"] and span.start >= started
        ]
        taken[row["service_id"]].append(counters[row["kind"]](started, finished, spans))
    return dict(taken)


def _stopped_days(case_ids: set[int]) -> dict[int, list[tuple[str, DateRange]]]:
    """The ended pauses of these cases that stop their clock (their kind's), by case."""
    stopping = Q()
    for kind in PREDICTED_KINDS:
        stopping |= Q(case__kind=kind, reason__in=list(STOPPING_PAUSES.get(kind, ())))
    spans: dict[int, list[tuple[str, DateRange]]] = defaultdict(list)
    pauses = ClockPause.objects.filter(stopping, ended_on__isnull=False, case_id__in=case_ids)
    for case_id, case_kind, started_on, ended_on in pauses.values_list(
        "case_id", "case__kind", "started_on", "ended_on"
    ):
        assert ended_on is not None  # only ended pauses were asked for
        spans[case_id].append((case_kind, DateRange(started_on, ended_on)))
    return spans


@transaction.atomic
def rebuild_forecasts(today: date | None = None, window_days: int = WINDOW_DAYS) -> int:
    """Replace every service's forecast with one made from the window ending `today`. A service
    with no request finished in the window has no row ("not enough history")."""
    today = today or timezone.localdate()
    taken = working_days_by_service(today, window_days)
    ServiceForecast.objects.all().delete()
    ServiceForecast.objects.bulk_create(_forecasts(taken, today, window_days))
    return len(taken)


def _forecasts(
    taken: dict[int, list[int]], today: date, window_days: int
) -> Iterator[ServiceForecast]:
    for service_id, days in sorted(taken.items()):
        yield ServiceForecast.made_from(
            service_id=service_id,
            history=History.of(days),
            computed_on=today,
            window_days=window_days,
        )
