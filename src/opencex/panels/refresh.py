"""The daily job of the panels: ask each member once a year whether they are still happy to be
on the panel (template `panel_still_happy`, with a confirm link and a leave link), and remove,
with their data, members who did not answer within the council's stated days, and young people
whose parent or carer did not agree in time. Started by `opencex send_panel_refresh --every-day`.
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.utils import timezone
from django_tasks import task

from opencex.jobs import daily
from opencex.panels import services
from opencex.panels.models import Membership

logger = logging.getLogger(__name__)

DAILY_AT = time(9, 30)  # London time: an email in the morning, not the small hours


def send_panel_refresh(now: datetime | None = None) -> tuple[int, int]:
    """Today's questions and removals: (asked, removed)."""
    now = now or timezone.now()
    removed = services.remove_unanswered(now) + services.remove_unconfirmed(now)
    due = Membership.objects.to_refresh().filter(
        refresh_sent_at__isnull=True, confirmed_at__lte=services.refresh_due_before(now)
    )
    numbers = list(due.order_by("pk").values_list("pk", flat=True))
    asked = sum(services.ask_if_still_happy(membership_id=n, now=now) for n in numbers)
    logger.info("Panels: asked %s member(s) if still happy, removed %s", asked, removed)
    return asked, removed


@task()
def send_panel_refresh_every_day() -> tuple[int, int]:
    """Run today's refresh, then queue tomorrow's (even if today's failed)."""
    try:
        return send_panel_refresh()
    finally:
        daily.queue_next_run(send_panel_refresh_every_day, DAILY_AT)


def schedule_every_day() -> datetime | None:
    return daily.schedule_daily(send_panel_refresh_every_day, DAILY_AT)
