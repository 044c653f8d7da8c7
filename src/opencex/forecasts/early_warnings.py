"""Warning a resident early that their request is likely to take longer than the date they were
given, once, through the message path every case message takes.

The date a resident is told stays the case's due date (`cases.clock`): this warning does not
move it, and names no other date. A model only suggests; only an officer moves the date
(`cases.actions.expected_date`), and that tells the resident again. The warning says the date
still stands, that requests like theirs are taking longer just now, and that they will be told
if it changes (docs/completion-prediction.md says why).

Every morning, after the forecasts are rebuilt, each open request on a service standard whose
chance of finishing by its due date is below `model.WARN_RESIDENT_BELOW` (0.3: stricter than
the officers' "likely late", 0.5) is warned, when:

- the model is switched on and its service has enough history;
- its clock is running (not waiting for the resident) and it is at least a working day old;
- its due date is still ahead (a request past its date is told by `cases.reminders`);
- no officer has revised its date (they set it knowing the work);
- it was not warned before for this due date (recorded as a visible message with
  `data["likely_late_for"]`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from opencex.aigovernance import switches
from opencex.cases.actions.core import locked
from opencex.cases.clock import clock_calendar
from opencex.cases.models import OPEN_STATUSES, Case, EventKind, Status
from opencex.cases.selectors import has_open_pause
from opencex.cases.timeline import record_event
from opencex.forecasts.history import PREDICTED_KINDS, rebuild_forecasts
from opencex.forecasts.models import ServiceForecast
from opencex.forecasts.predictions import MODEL_KEY, outlook_for
from opencex.forecasts.services import record_prediction
from opencex.insight.durations import WorkingDaysTaken
from opencex.jobs import daily
from opencex.notify.services import notify_resident

logger = logging.getLogger(__name__)

DAILY_AT = time(7, 30)  # London time: before the clock reminders at 8


def cases_to_consider(today: date) -> QuerySet[Case]:
    """Open, running requests with a due date still ahead, no officer's revised date, and a
    forecast for their service: the ones a warning could be for."""
    return (
        Case.objects.filter(
            kind__in=PREDICTED_KINDS,
            hazard_class="",
            status__in=OPEN_STATUSES,
            due_on__gt=today,
            expected_on_revised__isnull=True,
            service__in=ServiceForecast.objects.values("service_id"),
        )
        .exclude(status=Status.AWAITING_RESIDENT)
        .exclude(has_open_pause())
        .order_by("due_on", "pk")
    )


@transaction.atomic
def warn_if_likely_late(*, case: Case, today: date) -> bool:
    """Warn the resident on `case` that it is likely to take longer than its date, if it still
    qualifies (see the module) and was not warned for this date. True if warned."""
    if not switches.is_on(MODEL_KEY):
        return False
    case = locked(case)
    if case.due_on is None or not cases_to_consider(today).filter(pk=case.pk).exists():
        return False
    if WorkingDaysTaken(clock_calendar(case.kind))(case.clock_started_on, today) < 1:
        return False  # not yet a working day old: nothing has had time to happen
    if case.events.filter(data__likely_late_for=case.due_on.isoformat()).exists():
        return False
    outlook = outlook_for(case, today)
    if outlook is None or outlook.prediction is None or not outlook.prediction.warns_the_resident:
        return False
    record_prediction(
        case=case, prediction=outlook.prediction, reason="the resident was warned it may be late"
    )
    record_event(
        case,
        EventKind.MESSAGE_OUT,
        None,
        "Told the resident it may take longer than the date they were given",
        visible=True,
        data={
            "likely_late_for": case.due_on,
            "model_version": outlook.prediction.model_version,
            "chance_by_due": round(outlook.prediction.chance_by_due or 0, 3),
        },
    )
    notify_resident(case=case, template="case_likely_late")
    return True


def send_early_warnings(today: date | None = None) -> int:
    """Today's early warnings; how many residents were warned."""
    today = today or timezone.localdate()
    if not switches.is_on(MODEL_KEY):
        return 0
    return sum(
        warn_if_likely_late(case=case, today=today) for case in cases_to_consider(today).only("pk")
    )


def run_today(today: date | None = None) -> str:
    """Rebuild the forecasts from the recent history, then send today's warnings."""
    today = today or timezone.localdate()
    services = rebuild_forecasts(today)
    warned = send_early_warnings(today)
    done = f"Forecast {services} service(s); warned {warned} resident(s) their request may be late."
    logger.info("%s (%s)", done, today)
    return done


@task()
def forecast_completion_every_day() -> str:
    """Run today's forecasts and warnings, then queue tomorrow's (even if today's failed)."""
    try:
        done = run_today()
    finally:
        daily.queue_next_run(forecast_completion_every_day, DAILY_AT)
    return done


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(forecast_completion_every_day, DAILY_AT)
