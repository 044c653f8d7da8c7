"""Telling a resident, before it happens, that their request will miss its expected date.

Every day (see `schedule_every_day`) the open requests due within one working day on the
council's calendar get one message each (template `case_due_soon`): sorry, the new expected date,
and what they can do. The new date is the service standard counted again from today (there is no
officer-revised date on a case yet). A reminder is a visible `message_out` event on the timeline
with `data["due_soon_for"]` set to the due date it was about, so each case is told once per due
date however often this runs; the case row is locked while checking, so two runs cannot both send.

Only requests on a service standard are reminded. Statutory clocks (FOI, EIR, subject access,
complaints) are not moved by a reminder: their extensions go through `services.extend_deadline`,
which tells the resident. Paused cases (waiting for the resident) and closed ones are left out.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_tasks import task

from opencex.cases.clock import reply_working_days
from opencex.cases.models import Case, CaseKind, ClockPause, EventKind, Status
from opencex.cases.timeline import record_event
from opencex.clocks.wording import long_date
from opencex.council.calendar import council_calendar
from opencex.jobs import daily
from opencex.notify.services import notify_resident

logger = logging.getLogger(__name__)

REMINDED_KINDS = frozenset({CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY})
DAILY_AT = time(8, 0)  # London time: before the phone lines open


def cases_due_soon(today: date) -> QuerySet[Case]:
    """Open, running (not paused) requests due today or on the next working day."""
    horizon = council_calendar().add_working_days(today, 1)
    open_pause = ClockPause.objects.filter(case=OuterRef("pk"), ended_on__isnull=True)
    return (
        Case.objects.open()
        .exclude(status=Status.AWAITING_RESIDENT)
        .filter(kind__in=REMINDED_KINDS, due_on__gte=today, due_on__lte=horizon)
        .exclude(Exists(open_pause))
        .order_by("due_on", "pk")
    )


def new_expected_date(case: Case, today: date) -> date:
    return council_calendar().add_working_days(today, reply_working_days(case))


def was_reminded(case: Case) -> bool:
    return case.events.filter(
        kind=EventKind.MESSAGE_OUT, data__due_soon_for=case.due_on.isoformat()
    ).exists()


@transaction.atomic
def send_due_soon_reminder(*, case: Case, today: date) -> bool:
    """Tell the resident on `case` it will be late, unless they were told for this due date or
    it is no longer due soon. True if a reminder was recorded (and its message queued)."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("service", "resident")
        .get(pk=case.pk)
    )
    if not cases_due_soon(today).filter(pk=case.pk).exists() or was_reminded(case):
        return False
    new_due_on = new_expected_date(case, today)
    record_event(
        case,
        EventKind.MESSAGE_OUT,
        None,
        "Told the resident we need more time",
        body=f"We now expect to finish by {long_date(new_due_on)}.",
        visible=True,
        data={"due_soon_for": case.due_on, "new_due_on": new_due_on},
    )
    notify_resident(case=case, template="case_due_soon", extra_context={"new_due_on": new_due_on})
    return True


def send_due_soon_reminders(today: date | None = None) -> int:
    """Remind every case due soon; returns how many were reminded now."""
    today = today or timezone.localdate()
    sent = 0
    for case in cases_due_soon(today).only("pk"):
        sent += send_due_soon_reminder(case=case, today=today)
    logger.info("Sent %s due-soon reminder(s) for %s", sent, today)
    return sent


@task()
def send_due_soon_reminders_now() -> int:
    return send_due_soon_reminders()


@task()
def send_due_soon_reminders_every_day() -> int:
    """Send today's reminders, then queue the same job for tomorrow morning."""
    sent = send_due_soon_reminders()
    daily.queue_next_run(send_due_soon_reminders_every_day, DAILY_AT)
    return sent


def schedule_every_day() -> datetime | None:
    """Start the daily reminders (the worker runs them at DAILY_AT and re-queues them); None if
    they are already scheduled, so running this again does not double them."""
    return daily.schedule_daily(send_due_soon_reminders_every_day, DAILY_AT)
