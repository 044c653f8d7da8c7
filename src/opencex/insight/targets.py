"""Setting targets for the headline measures (`set_target`, the one door) and finding the one
that applies to a period (`target_for`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.insight import policies
from opencex.insight.granularity import Granularity, granularity_of, start_of
from opencex.insight.measures import Measure, Unit, measure_for
from opencex.insight.models import Target
from opencex.insight.periods import Period

# A target may start up to a year back (to record one agreed late for the current year), not
# further: older periods are history and a target set now must not rewrite how they read.
EARLIEST_START = timedelta(days=366)
LARGEST_VALUE = Decimal("999999999999")
# The reason of a target set only to show the pages (the demo's): the public page says that the
# targets are examples, not the council's.
EXAMPLE_REASON = "Demo target (example)"


class TargetError(ValueError):
    """A target cannot be set: `field` is the form field at fault, `message` says what to do."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class _Checked:
    measure: Measure
    granularity: str
    applies_from: date
    value: Decimal
    reason: str


def _checked(
    measure_key: str, granularity: str, applies_from: date, value, reason: str, today: date
) -> _Checked:
    measure = measure_for(measure_key)
    if measure is None:
        raise TargetError("measure", "Select a measure from the list")
    if granularity not in Granularity.values:
        raise TargetError(
            "granularity", "Select whether the target is for a month, quarter or year"
        )
    try:
        number = Decimal(str(value).strip().rstrip("%").replace(",", ""))
    except (InvalidOperation, ValueError):
        raise TargetError("value", "The target must be a number, like 95 or 92.5") from None
    if not number.is_finite():
        raise TargetError("value", "The target must be a number, like 95 or 92.5")
    if measure.unit == Unit.PERCENT and not 0 <= number <= 100:
        raise TargetError("value", "The target must be a percentage between 0 and 100")
    if number < 0:
        raise TargetError("value", "The target must be 0 or more")
    if number > LARGEST_VALUE or number != number.quantize(Decimal("0.01")):
        raise TargetError("value", "The target must have no more than 2 decimal places")
    start = start_of(granularity, applies_from)
    if start < today - EARLIEST_START:
        raise TargetError("applies_from", "The start date must be within the last year")
    reason = reason.strip()
    if not reason:
        raise TargetError("reason", "Say why the target is set, for example the plan it comes from")
    if len(reason) > 500:
        raise TargetError("reason", "The reason must be 500 characters or fewer")
    return _Checked(measure, granularity, start, number, reason)


@transaction.atomic
def set_target(
    *,
    actor,
    measure_key: str,
    granularity: str,
    applies_from: date,
    value: Decimal | float | str,
    reason: str,
) -> Target:
    """Set the target for `measure_key` for each month, quarter or year (`granularity`) from the
    one `applies_from` falls in. Earlier targets are kept and still apply before that start; a
    target set again for the same start supersedes the earlier one for it (the latest set wins).
    The new row is itself the audit record: who, when and why."""
    if not policies.can_set_targets(actor):
        raise PermissionDenied("Only team managers and administrators can set targets.")
    checked = _checked(measure_key, granularity, applies_from, value, reason, timezone.localdate())
    return Target.objects.create(
        measure_key=checked.measure.key,
        granularity=checked.granularity,
        applies_from=checked.applies_from,
        value=checked.value,
        set_by=account_or_none(actor),
        reason=checked.reason,
    )


def target_for(measure: Measure | str, period: Period) -> Target | None:
    """The target that applies to `period`: the latest-starting one that began on or before the
    period's start, of the period's own granularity when it is a whole month, quarter or year.
    A percentage, an average or a time does not depend on the length of the period, so when
    there is no target of that granularity (or the period is not a whole one) one of any
    granularity applies; a count's target only ever applies to its own granularity."""
    key = measure if isinstance(measure, str) else measure.key
    return target_among(list(Target.objects.filter(measure_key=key)), key, period)


def every_target() -> list[Target]:
    """Every target of every measure, in one query: read once for a page or a feed of many
    readings, then `target_among` picks each reading's without asking the database again."""
    return list(Target.objects.all())


def target_among(
    targets: Iterable[Target], measure: Measure | str, period: Period
) -> Target | None:
    """`target_for`, picked from targets already read (any measure's: others are skipped)."""
    key = measure if isinstance(measure, str) else measure.key
    found = measure_for(key)
    started = [t for t in targets if t.measure_key == key and t.applies_from <= period.start]

    def latest(candidates: list[Target]) -> Target | None:
        return max(candidates, key=lambda t: (t.applies_from, t.set_at, t.pk), default=None)

    granularity = granularity_of(period)
    if granularity is not None:
        target = latest([t for t in started if t.granularity == granularity])
        if target is not None:
            return target
    if found is not None and found.unit == Unit.COUNT:
        return None
    return latest(started)


def target_history(measure_key: str) -> list[Target]:
    """Every target set for the measure, the latest set first."""
    return list(
        Target.objects.filter(measure_key=measure_key)
        .select_related("set_by")
        .order_by("-set_at", "-pk")
    )
