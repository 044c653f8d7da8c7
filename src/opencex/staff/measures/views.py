"""The measures page for managers: each headline measure for a chosen period against its
target, with its last 12 months; and the page to set a target."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from opencex.insight.granularity import Granularity, last_periods, year_starts_in
from opencex.insight.measures import Measure, all_measures, measure_for, readings_together
from opencex.insight.policies import can_set_targets, can_view_reports
from opencex.insight.scorecard import Reading, reading, trend
from opencex.insight.targets import TargetError, set_target, target_history
from opencex.staff.access import staff_only
from opencex.staff.measures.forms import TargetForm
from opencex.staff.measures.sparkline import Sparkline, sparkline
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm

TREND_MONTHS = 12


@dataclass(frozen=True)
class MeasureRow:
    measure: Measure
    now: Reading | None  # for the chosen period; None while the choice is wrong
    months: list[Reading]
    line: Sparkline

    @property
    def trend_in_words(self) -> str:
        shown = [r for r in self.months if r.actual.value is not None]
        if not shown:
            return _("No figures in the last %(n)s months.") % {"n": len(self.months)}
        first, last = shown[0], shown[-1]
        met = sum(1 for r in self.months if r.is_met)
        judged = sum(1 for r in self.months if r.is_met is not None)
        summary = _("From %(first)s in %(from)s to %(last)s in %(to)s.") % {
            "first": first.actual_shown,
            "from": formats.date_format(first.period.start, "F Y"),
            "last": last.actual_shown,
            "to": formats.date_format(last.period.start, "F Y"),
        }
        if judged:
            summary += " " + _("Target met in %(met)s of %(judged)s months with a target.") % {
                "met": met,
                "judged": judged,
            }
        return summary


def _row(measure: Measure, period, months) -> MeasureRow:
    readings = trend(measure, months)
    return MeasureRow(
        measure=measure,
        now=reading(measure, period) if period else None,
        months=readings,
        line=sparkline([r.actual.value for r in readings]),
    )


@staff_only
def measures(request: HttpRequest) -> HttpResponse:
    if not can_view_reports(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    data = request.GET if "period" in request.GET else {"period": "this-month"}
    form = ReportPeriodForm(data, today=today)
    choice = form.choice()
    period = choice.period if choice else None
    months = last_periods(Granularity.MONTH, today, TREND_MONTHS)
    with readings_together():  # the measures made from one figure read it once per period
        rows = [_row(measure, period, months) for measure in all_measures()]
    return render(
        request,
        "staff/measures/measures.html",
        {
            "form": form,
            "period": period,
            "period_in_words": period_in_words(period) if period else "",
            "rows": rows,
            "may_set_targets": can_set_targets(request.user),
        },
    )


@staff_only
def new_target(request: HttpRequest) -> HttpResponse:
    if not can_set_targets(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = TargetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                set_target(
                    actor=request.user,
                    measure_key=data["measure"],
                    granularity=data["granularity"],
                    applies_from=data["applies_from"],
                    value=data["value"],
                    reason=data["reason"],
                )
            except TargetError as error:
                form.add_error(error.field, error.message)
            else:
                return redirect(f"{reverse('staff:measures')}#{data['measure']}")
    else:
        form = TargetForm(
            initial={"measure": request.GET.get("measure", ""), "granularity": "month"}
        )
    key = form["measure"].value()
    chosen = measure_for(key) if key else None
    return render(
        request,
        "staff/measures/new_target.html",
        {
            "form": form,
            "measure": chosen,
            "history": target_history(chosen.key) if chosen else [],
            "year_starts": MONTHS[year_starts_in()],
        },
    )
