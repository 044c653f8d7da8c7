"""The daily job that brings support-need reviews to officers: each current support need due for
review within `REVIEW_NOTICE_DAYS` tells the officer who recorded it (if they may still review
it) or else its holding team's officers who may, once per review date (template
`staff_support_review_due`). The message names the resident and the date, never the need.

An overdue review is not reminded again each day: it stays at the top of the reviews-due list
flagged "review overdue" (and on the resident's page), and it keeps raising the resident's
priority until an officer reviews or removes it. Dropping a vulnerable resident's priority because
a review is late would hurt the resident for the council's delay; the flag makes the delay seen.
Started by `opencex send_support_review_reminders --every-day`."""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from opencex.jobs import daily
from opencex.notify import conf
from opencex.notify.services import notify_staff
from opencex.people import policies, services

logger = logging.getLogger(__name__)

DAILY_AT = time(7, 45)  # London time: before the phone lines open


def officers_to_tell(entry) -> list:
    """The recording officer, if they may still review it; else its team's officers who may."""
    recorder = entry.recorded_by
    if (
        recorder is not None
        and recorder.is_active
        and policies.can_review_support_need(recorder, entry)
    ):
        return [recorder]
    if entry.team is None:
        return []
    return [
        member
        for member in entry.team.members.filter(is_active=True).order_by("pk")
        if policies.can_review_support_need(member, entry)
    ]


@transaction.atomic
def remind_review_due(*, number: int) -> bool:
    """Tell the officers of support need `number` its review is due, once per review date; False
    when they were told about this date already."""
    entry = services.claim_review_reminder(number)
    if entry is None:
        return False
    officers = officers_to_tell(entry)
    url = conf.site_url() + reverse("staff:resident", args=[entry.resident_id])
    for officer in officers:
        notify_staff(
            user=officer,
            template="staff_support_review_due",
            context={"resident": entry.resident, "review_on": entry.review_on, "url": url},
        )
    if not officers:
        logger.info("Support need %s has no officer to remind: it waits on the list", number)
    return True


def send_support_review_reminders(today: date | None = None) -> int:
    """Today's reminders; how many support needs were reminded."""
    today = today or timezone.localdate()
    numbers = list(services.reviews_to_remind(today).values_list("pk", flat=True))
    reminded = sum(remind_review_due(number=number) for number in numbers)
    logger.info("Reminded %s support-need review(s) due (%s)", reminded, today)
    return reminded


@task()
def send_support_review_reminders_every_day() -> int:
    """Send today's reminders, then queue tomorrow's run (even if today's failed)."""
    try:
        return send_support_review_reminders()
    finally:
        daily.queue_next_run(send_support_review_reminders_every_day, DAILY_AT)


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(send_support_review_reminders_every_day, DAILY_AT)
