"""A case's predicted completion: its service's forecast (`ServiceForecast`) read against what
is known of the case now (the working days it has been open, and its due date).

Only an open request on a service standard (a service request or enquiry with a service, not a
hazard report, whose clock is running) is predicted. A page with many cases reads the forecasts
of their services, their facts and their pauses in three queries (`likely_late_among`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from opencex.aigovernance import switches
from opencex.cases.clock import STOPPING_PAUSES, clock_calendar
from opencex.cases.models import OPEN_STATUSES, Case, ClockPause, Status
from opencex.clocks.calendars import DateRange, WorkingDayCalendar
from opencex.forecasts.history import PREDICTED_KINDS
from opencex.forecasts.model import (
    HIGH,
    LIKELY_LATE_BELOW,
    LOW,
    MODEL_VERSION,
    WARN_RESIDENT_BELOW,
    History,
    estimate,
)
from opencex.forecasts.models import ServiceForecast
from opencex.insight.durations import WorkingDaysTaken

MODEL_KEY = "completion_prediction"

NOT_ENOUGH_HISTORY = _(
    "Not enough history to predict: too few requests like this one were finished recently."
)
PAUSED = _("No prediction while the clock is stopped.")


@dataclass(frozen=True)
class Prediction:
    likely_on: date
    earliest_on: date
    latest_on: date
    due_on: date | None
    chance_by_due: float | None
    based_on: int  # how many recent requests it was made from
    model_version: str = MODEL_VERSION

    @property
    def is_likely_late(self) -> bool:
        return self.chance_by_due is not None and self.chance_by_due < LIKELY_LATE_BELOW

    @property
    def warns_the_resident(self) -> bool:
        return self.chance_by_due is not None and self.chance_by_due < WARN_RESIDENT_BELOW

    @property
    def chance_percent(self) -> int | None:
        return None if self.chance_by_due is None else round(100 * self.chance_by_due)

    def as_suggestion(self) -> dict[str, object]:
        """What the governance record keeps (`aigovernance.services.record_suggestion`)."""
        return {
            "likely_on": self.likely_on.isoformat(),
            "earliest_on": self.earliest_on.isoformat(),
            "latest_on": self.latest_on.isoformat(),
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "chance_by_due": None if self.chance_by_due is None else round(self.chance_by_due, 3),
            "based_on": self.based_on,
            "interval": [LOW, HIGH],
        }


@dataclass(frozen=True)
class Outlook:
    """A prediction, or why there is none (not enough history, a stopped clock)."""

    prediction: Prediction | None
    why_none: str = ""


def is_predicted(case: Case) -> bool:
    """Whether `case` is the kind of case a completion is predicted for."""
    return (
        case.kind in PREDICTED_KINDS
        and case.service_id is not None
        and not case.hazard_class
        and case.status in OPEN_STATUSES
    )


@dataclass(frozen=True)
class _Facts:
    kind: str
    status: str
    started_on: date
    due_on: date | None
    pauses: Sequence[ClockPause] = ()


def predict(
    facts: _Facts, history: History | None, today: date, *, calendar: WorkingDayCalendar
) -> Outlook:
    """The outlook for a case with these facts, from its service's history."""
    stopping = STOPPING_PAUSES.get(facts.kind, frozenset())
    counted = [p for p in facts.pauses if p.reason in stopping and p.started_on >= facts.started_on]
    if facts.status == Status.AWAITING_RESIDENT or any(p.ended_on is None for p in counted):
        return Outlook(None, str(PAUSED))
    if history is None:
        return Outlook(None, str(NOT_ENOUGH_HISTORY))
    spans = [DateRange(p.started_on, p.ended_on) for p in counted if p.ended_on is not None]
    taken = WorkingDaysTaken(calendar)
    elapsed = taken(facts.started_on, today, spans)
    due_in = None if facts.due_on is None else taken(facts.started_on, facts.due_on, spans)
    found = estimate(history, elapsed=elapsed, due_in=due_in)
    if found is None:
        return Outlook(None, str(NOT_ENOUGH_HISTORY))

    def on(days: int) -> date:
        if days - elapsed < 1:
            return calendar.next_working_day_on_or_after(today)
        return calendar.add_working_days(today, days - elapsed)

    return Outlook(
        Prediction(
            likely_on=on(found.likely),
            earliest_on=on(found.low),
            latest_on=on(found.high),
            due_on=facts.due_on,
            chance_by_due=found.chance_in_time,
            based_on=found.based_on,
        )
    )


def outlook_for(case: Case, today: date) -> Outlook | None:
    """The outlook for one case (None if it is not a case that is predicted, or the model is
    switched off)."""
    if not switches.is_on(MODEL_KEY) or not is_predicted(case) or case.service_id is None:
        return None
    forecast = ServiceForecast.objects.filter(service_id=case.service_id).first()
    facts = _Facts(
        kind=case.kind,
        status=case.status,
        started_on=case.clock_started_on,
        due_on=case.due_on,
        pauses=list(case.pauses.all()),
    )
    return predict(
        facts,
        forecast.history if forecast else None,
        today,
        calendar=clock_calendar(case.kind),
    )


def likely_late_among(case_ids: Iterable[int], today: date) -> set[int]:
    """Of these cases, the ones predicted to finish after their due date (not yet passed):
    three queries, whatever the number of cases."""
    if not switches.is_on(MODEL_KEY):
        return set()
    rows = list(
        Case.objects.filter(
            pk__in=list(case_ids),
            kind__in=PREDICTED_KINDS,
            service__isnull=False,
            hazard_class="",
            status__in=OPEN_STATUSES,
            due_on__gte=today,
        ).values("pk", "kind", "status", "service_id", "clock_started_on", "due_on")
    )
    if not rows:
        return set()
    services = {row["service_id"] for row in rows}
    histories = {
        forecast.service_id: forecast.history
        for forecast in ServiceForecast.objects.filter(service_id__in=services)
    }
    pauses: dict[int, list[ClockPause]] = defaultdict(list)
    for pause in ClockPause.objects.filter(case_id__in=[row["pk"] for row in rows]):
        pauses[pause.case_id].append(pause)
    late = set()
    for row in rows:
        facts = _Facts(
            kind=row["kind"],
            status=row["status"],
            started_on=row["clock_started_on"],
            due_on=row["due_on"],
            pauses=pauses[row["pk"]],
        )
        outlook = predict(
            facts,
            histories.get(row["service_id"]),
            today,
            calendar=clock_calendar(row["kind"]),
        )
        if outlook.prediction is not None and outlook.prediction.is_likely_late:
            late.add(row["pk"])
    return late
