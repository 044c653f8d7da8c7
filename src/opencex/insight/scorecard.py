"""A measure read for a period against its target (a `Reading`), one period or a run of them:
what the staff measures page, the public performance page and the JSON feed all show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.core.cache import cache
from django.utils import formats, timezone

from opencex.insight.measures import SHOWN_PLACES, Measure, MeasureValue, Unit
from opencex.insight.models import Target
from opencex.insight.periods import Period
from opencex.insight.targets import target_among, target_for


@dataclass(frozen=True)
class Reading:
    measure: Measure
    period: Period
    actual: MeasureValue
    target: Target | None

    @property
    def is_met(self) -> bool | None:
        """Whether the target was reached; None without a target or without a value."""
        return self.measure.is_met(self.actual.value, self.target.value if self.target else None)

    @property
    def actual_shown(self) -> str:
        return shown(self.measure, self.actual.value)

    @property
    def target_shown(self) -> str:
        return shown(self.measure, float(self.target.value)) if self.target else ""


# A whole period that has ended is read from the cache for a few minutes: the public page and
# the feed are open to anyone, and a year of months is hundreds of queries. A record added late
# shows within this time; a target set shows at once (targets are not cached).
CACHE_SECONDS = 10 * 60


def reading(measure: Measure, period: Period, targets: list[Target] | None = None) -> Reading:
    """The measure for the period against its target; `targets` (from `every_target`) saves a
    query per reading when a page reads many."""
    target = (
        target_for(measure, period) if targets is None else target_among(targets, measure, period)
    )
    return Reading(measure, period, _value(measure, period), target)


def _value(measure: Measure, period: Period) -> MeasureValue:
    if period.end >= timezone.localdate():
        return measure.value(period)
    key = f"insight:measure:{measure.key}:{period.start.isoformat()}:{period.end.isoformat()}"
    return cast(MeasureValue, cache.get_or_set(key, lambda: measure.value(period), CACHE_SECONDS))


def trend(
    measure: Measure, periods: list[Period], targets: list[Target] | None = None
) -> list[Reading]:
    """The measure for each period; the targets are read once for them all."""
    if targets is None:
        targets = list(Target.objects.filter(measure_key=measure.key))
    return [reading(measure, period, targets) for period in periods]


def shown(measure: Measure, value: float | None) -> str:
    """The value in the measure's unit, in the current language's number format ("" for none)."""
    if value is None:
        return ""
    rounded = measure.displayed(value)
    places = SHOWN_PLACES[Unit(measure.unit)]
    if measure.unit == Unit.PERCENT:
        return f"{formats.number_format(rounded, places)}%"
    if measure.unit == Unit.COUNT:
        return formats.number_format(rounded, places, force_grouping=True)
    if measure.unit == Unit.SECONDS:
        return f"{formats.number_format(rounded, places, force_grouping=True)} s"
    return formats.number_format(rounded, places)
