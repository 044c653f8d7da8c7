"""Synthetic hourly call figures for `opencex demo`, consistent with the contacts the demo logged:
for every line and hour, the calls answered are at least the phone contacts logged on that line
in that hour (an officer logs a contact for a call they answered, and not every call), and the
calls offered at least those answered. Abandonment runs at 5 to 12 per cent, waits and handling
times as a council contact centre's.

Every hour the lines are open on a working day over the history's span gets figures, and any
other hour with a logged call. Deterministic from the history's seed. Everything goes in through
the import (`telephony.importing`, source "demo"), once per demo history: after `demo --reset`
the previous demo figures are removed and made again for the new contacts.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from opencex.cases.models import Channel
from opencex.contacts.models import Contact
from opencex.council.calendar import council_calendar
from opencex.telephony.importing import import_calls
from opencex.telephony.lines import sync_lines
from opencex.telephony.models import CallImport, CallInterval, ImportSource

OPEN_HOURS = range(9, 17)  # the lines are staffed 9am to 5pm on working days
# Calls answered on top of those logged, per open hour: a general enquiry answered without a
# record (opening times, a bin day) is common; the vulnerable line logs almost every call.
UNLOGGED_CALLS = {False: 3.0, True: 0.4}
ABANDONMENT = (0.05, 0.12)
IN_TARGET = (0.70, 0.92)
HANDLING_SECONDS = {False: (240, 420), True: (420, 780)}


def load_demo_telephony(*, history) -> str:
    """Load the demo's call figures for `history` (the demo's DemoLoad) once; say what was done."""
    if history is None:
        return "Telephony: no demo history to build on."
    marker = f"demo history {history.pk}"
    if CallImport.objects.filter(source=ImportSource.DEMO, note=marker).exists():
        return "Telephony: the demo call figures are already loaded."
    with transaction.atomic():
        removed = CallInterval.objects.filter(call_import__source=ImportSource.DEMO).delete()[0]
        CallImport.objects.filter(source=ImportSource.DEMO).delete()
        rows = demo_rows(seed=history.seed, until=history.anchor_on)
        run = import_calls(actor=None, rows=rows, source=ImportSource.DEMO, note=marker)
    said = f"Telephony: {run.rows_stored} demo hours of calls"
    return said + (f" (replaced {removed})." if removed else ".")


def _hour_of(moment: datetime) -> datetime:
    # London's offsets are whole hours, so the hour in UTC is the hour in local time.
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def logged_calls() -> Counter[tuple[str, datetime]]:
    """Phone contacts logged, by (line, the start of the hour in UTC)."""
    calls = Contact.objects.filter(channel=Channel.PHONE).exclude(phone_line="")
    return Counter((line, _hour_of(at)) for line, at in calls.values_list("phone_line", "at"))


def _open_hours(first: date, last: date) -> list[datetime]:
    calendar, zone = council_calendar(), timezone.get_default_timezone()
    hours, day = [], first
    while day <= last:
        if calendar.is_working_day(day):
            hours += [_hour_of(datetime.combine(day, time(h), tzinfo=zone)) for h in OPEN_HOURS]
        day += timedelta(days=1)
    return hours


def demo_rows(*, seed: int, until: date) -> list[tuple[int, dict[str, str]]]:
    lines = sync_lines()
    logged = logged_calls()
    if not logged:
        return []
    first = min(hour for _, hour in logged).astimezone(timezone.get_default_timezone()).date()
    open_hours = _open_hours(first, until)
    rng = random.Random(f"telephony-{seed}")
    rows: list = []
    for line in lines:
        hours = sorted({*open_hours, *(hour for slug, hour in logged if slug == line.slug)})
        for hour in hours:
            figures = _hour_figures(
                rng,
                logged[(line.slug, hour)],
                vulnerable=line.is_vulnerable_residents_line,
                target=line.answer_target_seconds,
            )
            rows.append(
                (len(rows) + 2, {"interval_start": hour.isoformat(), "line": line.slug, **figures})
            )
    return rows


def _share(rng: random.Random, count: int, share: float) -> int:
    """`share` of `count`, rounded up or down at random so that the shares add up right."""
    exact = count * share
    return min(count, math.floor(exact + rng.random()))


def _hour_figures(rng: random.Random, logged: int, *, vulnerable: bool, target: int) -> dict:
    answered = logged + round(rng.expovariate(1 / UNLOGGED_CALLS[vulnerable]))
    rate = rng.uniform(*ABANDONMENT)
    abandoned = math.floor(answered * rate / (1 - rate) + rng.random())
    in_target = _share(rng, answered, rng.uniform(*IN_TARGET))
    late = answered - in_target
    wait = round(
        in_target * rng.uniform(4, target * 0.6) + late * rng.uniform(target + 10, target + 180)
    )
    handling = round(answered * rng.uniform(*HANDLING_SECONDS[vulnerable]))
    return {
        "offered": str(answered + abandoned),
        "answered": str(answered),
        "abandoned": str(abandoned),
        "answered_in_target": str(in_target),
        "wait_seconds": str(wait),
        "handling_seconds": str(handling),
    }
