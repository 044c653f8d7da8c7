"""The public performance page: the measures the council publishes, for the last whole month
and quarter against their targets, with each one's last 12 months."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.insight.granularity import Granularity, last_complete, last_periods
from opencex.insight.measures import Measure, publishable_measures, readings_together
from opencex.insight.scorecard import Reading, reading, trend
from opencex.insight.targets import EXAMPLE_REASON, every_target

TREND_MONTHS = 12


@dataclass(frozen=True)
class PublishedMeasure:
    measure: Measure
    month: Reading
    quarter: Reading
    months: list[Reading]

    @property
    def headline(self) -> list[tuple[str, Reading]]:
        return [(_("Last month"), self.month), (_("Last quarter"), self.quarter)]


def performance(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    month = last_complete(Granularity.MONTH, today)
    quarter = last_complete(Granularity.QUARTER, today)
    months = last_periods(Granularity.MONTH, today, TREND_MONTHS)
    # Open to anyone: the targets are read in one query, and each ended period's value comes
    # from the cache (scorecard), so a visit costs a few queries, not one per reading.
    targets = every_target()
    with readings_together():
        published = [
            PublishedMeasure(
                measure,
                reading(measure, month, targets),
                reading(measure, quarter, targets),
                trend(measure, months, targets),
            )
            for measure in publishable_measures()
        ]
    readings = [r for item in published for r in (item.month, item.quarter, *item.months)]
    demo_targets = any(r.target and r.target.reason == EXAMPLE_REASON for r in readings)
    return render(
        request,
        "web/performance.html",
        {"month": month, "quarter": quarter, "published": published, "demo_targets": demo_targets},
    )
