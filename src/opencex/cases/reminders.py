"""The daily clock jobs: officers reminded before a case is due, residents told once when their
request has passed its date unresolved. Nobody is apologised to before anything is late.

Every morning (see `schedule_every_day`):

- each open case due soon (`ClockStatus.DUE_SOON`, the queues' own definition) reminds the
  officer it is assigned to or, with no officer, the officers of its team who may handle it
  (template `staff_case_due_soon`); once per case and due date, recorded as an internal note
  with `data["due_soon_for"]`;
- each service request or enquiry past its due date unresolved (`ClockStatus.OVERDUE`) tells
  the resident it is taking longer and what the service says to do then (the catalogue's
  `Service.if_late`; template `case_taking_longer`); once per case and due date, recorded as a
  visible message with `data["taking_longer_for"]`. It names no new date: only an officer moves
  the date (`cases.actions.expected_date`), and that tells the resident.

Statutory clocks (FOI, EIR, subject access, complaints) have their own letters and extensions,
so residents are told nothing by this job about them; their officers are still reminded.
Paused cases have no date and are left out. The case row is locked while checking, so two runs
at once cannot both send.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from opencex.cases import policies
from opencex.cases.actions.core import locked
from opencex.cases.models import Case, CaseKind, EventKind
from opencex.cases.selectors import ClockStatus, cases_with_clock_status
from opencex.cases.timeline import record_event
from opencex.clocks.wording import long_date
from opencex.jobs import daily
from opencex.notify.services import notify_resident, notify_staff

logger = logging.getLogger(__name__)

# The kinds on a service standard whose resident is told when the date passes.
TOLD_WHEN_LATE = frozenset({CaseKind.SERVICE_REQUEST, CaseKind.ENQUIRY})
DAILY_AT = time(8, 0)  # London time: before the phone lines open


def cases_due_soon(today: date) -> QuerySet[Case]:
    """Open, running cases due today or within the queues' "due soon" limit."""
    return cases_with_clock_status(ClockStatus.DUE_SOON, today).order_by("due_on", "pk")


def cases_past_their_date(today: date) -> QuerySet[Case]:
    """Open, running requests and enquiries whose due date has passed."""
    return (
        cases_with_clock_status(ClockStatus.OVERDUE, today)
        .filter(kind__in=TOLD_WHEN_LATE)
        .order_by("due_on", "pk")
    )


def officers_to_remind(case: Case) -> list:
    """The officer the case is assigned to, or else its team's officers who may handle it."""
    if case.assigned_to is not None and case.assigned_to.is_active:
        return [case.assigned_to]
    if case.team is None:
        return []
    return [
        member
        for member in case.team.members.filter(is_active=True).order_by("pk")
        if policies.can_handle_case(member, case)
    ]


def _was_recorded(case: Case, key: str) -> bool:
    return case.events.filter(**{f"data__{key}": case.due_on.isoformat()}).exists()


@transaction.atomic
def remind_officers(*, case: Case, today: date) -> bool:
    """Remind the officers of `case` that it is due soon, unless it no longer is or they were
    reminded for this due date. True if a reminder was recorded (and its emails queued)."""
    case = locked(case)
    if not cases_due_soon(today).filter(pk=case.pk).exists():
        return False
    if _was_recorded(case, "due_soon_for"):
        return False
    officers = officers_to_remind(case)
    record_event(
        case,
        EventKind.NOTE,
        None,
        f"Reminder: due {long_date(case.due_on)}",
        body=", ".join(officer.full_name for officer in officers) or "No officer to remind.",
        data={"due_soon_for": case.due_on, "officers": [officer.pk for officer in officers]},
    )
    for officer in officers:
        notify_staff(user=officer, template="staff_case_due_soon", context={"case": case})
    return True


@transaction.atomic
def tell_taking_longer(*, case: Case, today: date) -> bool:
    """Tell the resident on `case` that it has passed its date and what they can do, unless it
    is no longer late or they were told for this due date. True if told (message queued)."""
    case = locked(case)
    if not cases_past_their_date(today).filter(pk=case.pk).exists():
        return False
    if _was_recorded(case, "taking_longer_for"):
        return False
    if_late = case.service.if_late.strip() if case.service else ""
    record_event(
        case,
        EventKind.MESSAGE_OUT,
        None,
        "Told the resident it is taking longer",
        body=if_late,
        visible=True,
        data={"taking_longer_for": case.due_on},
    )
    notify_resident(case=case, template="case_taking_longer", extra_context={"if_late": if_late})
    return True


@dataclass(frozen=True)
class DailyReminders:
    officers_reminded: int
    residents_told: int

    def __str__(self) -> str:
        return (
            f"Reminded officers of {self.officers_reminded} case(s) due soon; told "
            f"{self.residents_told} resident(s) their request is taking longer."
        )


def send_due_soon_reminders(today: date | None = None) -> DailyReminders:
    """Today's reminders to officers and messages to residents whose request is late."""
    today = today or timezone.localdate()
    reminded = sum(
        remind_officers(case=case, today=today) for case in cases_due_soon(today).only("pk")
    )
    told = sum(
        tell_taking_longer(case=case, today=today)
        for case in cases_past_their_date(today).only("pk")
    )
    done = DailyReminders(officers_reminded=reminded, residents_told=told)
    logger.info("%s (%s)", done, today)
    return done


@task()
def send_due_soon_reminders_now() -> int:
    done = send_due_soon_reminders()
    return done.officers_reminded + done.residents_told


@task()
def send_due_soon_reminders_every_day() -> int:
    """Send today's reminders, then queue the same job for tomorrow morning (even if today's
    failed: one bad day must not stop the daily run)."""
    try:
        done = send_due_soon_reminders()
    finally:
        daily.queue_next_run(send_due_soon_reminders_every_day, DAILY_AT)
    return done.officers_reminded + done.residents_told


def schedule_every_day() -> datetime | None:
    """Start the daily reminders (the worker runs them at DAILY_AT and re-queues them); None if
    they are already scheduled, so running this again does not double them."""
    return daily.schedule_daily(send_due_soon_reminders_every_day, DAILY_AT)
