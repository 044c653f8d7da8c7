"""FOI requests whose fee was not paid within three months lapse (FOIA s9(2)): the day that
happens, and the daily task that lapses them.

Nobody acts when a request lapses: time does. So the status changes through `cases.actions` with
the `System` as the actor (recorded on the timeline as the system, with why), and the requester is
told by the lapse's own message.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from opencex.cases.actions.core import System
from opencex.cases.actions.status import change_status
from opencex.cases.models import Case, CaseKind, ClockPause, PauseReason, Status
from opencex.clocks.rules import add_calendar_months
from opencex.inforights.models import InformationRequest
from opencex.jobs import daily
from opencex.notify.services import notify_resident

logger = logging.getLogger(__name__)

ONE_DAY = timedelta(days=1)
DAILY_AT = time(6, 30)  # London time, before the officers start
# EIR reg 8 lets a charge be made but sets no lapse, and a subject access fee restarts the month
# rather than stopping it; only FOIA s9(2) ends a request whose fee is not paid.
LAPSING_KINDS = frozenset({CaseKind.FOI})
LAPSED_BECAUSE = "the fee was not paid within three months"


def fee_lapses_on(notice_on: date) -> date:
    """The first day after "the period of three months beginning with the day on which the fees
    notice is given" (s9(2)): a notice given on 9 February may be paid until 8 May."""
    return add_calendar_months(notice_on - ONE_DAY, 3) + ONE_DAY


def unpaid_fees_notices(today: date):
    """The open fees-notice pauses of FOI requests whose three months are over by `today`."""
    pauses = (
        ClockPause.objects.open()
        .filter(
            reason=PauseReason.FEES_NOTICE,
            case__kind__in=LAPSING_KINDS,
            case__status=Status.AWAITING_RESIDENT,
            started_on__lte=today - timedelta(days=88),  # three months are never shorter
        )
        .select_related("case")
    )
    return [pause for pause in pauses if fee_lapses_on(pause.started_on) <= today]


@transaction.atomic
def lapse_request(*, case: Case, today: date) -> bool:
    """Lapse `case` if its fee is still unpaid three months after the notice; True if it did."""
    case = Case.objects.select_for_update(of=("self",)).select_related("resident").get(pk=case.pk)
    pause = case.pauses.open().filter(reason=PauseReason.FEES_NOTICE).first()
    if pause is None or case.kind not in LAPSING_KINDS or fee_lapses_on(pause.started_on) > today:
        return False
    # The pause ends with the last day the fee could have been paid; it never arrived.
    pause.ended_on = fee_lapses_on(pause.started_on) - ONE_DAY
    pause.save(update_fields=["ended_on"])
    case = change_status(
        actor=System(because=LAPSED_BECAUSE),
        case=case,
        to=Status.WITHDRAWN,
        reason=f"Lapsed: {LAPSED_BECAUSE}",
        notify=False,  # the lapse's own message, below, says why
    )
    entry, _ = InformationRequest.objects.get_or_create(case=case)
    entry.lapsed_on = today
    entry.save(update_fields=["lapsed_on", "updated_at"])
    notify_resident(
        case=case,
        template="information_request_lapsed",
        extra_context={"fees_notice_on": pause.started_on},
    )
    return True


def lapse_unpaid_fees(today: date | None = None) -> int:
    """Lapse every request whose fee is three months overdue; returns how many lapsed now."""
    today = today or timezone.localdate()
    lapsed = sum(
        lapse_request(case=pause.case, today=today) for pause in unpaid_fees_notices(today)
    )
    logger.info("Lapsed %s request(s) with unpaid fees on %s", lapsed, today)
    return lapsed


@task()
def lapse_unpaid_fees_every_day() -> int:
    """Lapse today's unpaid requests, then queue the same job for tomorrow morning (even if
    today's failed: one bad day must not stop the daily run)."""
    try:
        return lapse_unpaid_fees()
    finally:
        daily.queue_next_run(lapse_unpaid_fees_every_day, DAILY_AT)


def schedule_every_day() -> datetime | None:
    """Start the daily lapse run; None if it is already scheduled, so a second start is a no-op."""
    return daily.schedule_daily(lapse_unpaid_fees_every_day, DAILY_AT)
