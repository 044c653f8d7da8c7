"""Two report pages for managers: equality and reach (who uses which channel, by the equality
answers residents chose to give, small numbers suppressed) and the Tenant Satisfaction
Measures. Both take the reports page's period form."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opencex.insight import tsm
from opencex.insight.policies import can_view_reports
from opencex.insight.small_numbers import small_number_threshold
from opencex.staff.access import staff_only
from opencex.staff.equality import tables
from opencex.staff.equality.forms import WholePeriodForm
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm


def _period_form(request: HttpRequest) -> ReportPeriodForm:
    if not can_view_reports(request.user):
        raise PermissionDenied
    data = request.GET if "period" in request.GET else {"period": "this-quarter"}
    return ReportPeriodForm(data, today=timezone.localdate())


def _equality_tables(period, threshold: int) -> list:
    return [tables.coverage_table(period, threshold), *tables.reach_tables(period, threshold)]


def _whole_period_form(request: HttpRequest) -> WholePeriodForm:
    """Only a whole quarter or financial year that has ended: two ranges of one's own choosing
    could be subtracted to find one resident."""
    if not can_view_reports(request.user):
        raise PermissionDenied
    form = WholePeriodForm(request.GET or None, today=timezone.localdate())
    if "period" not in request.GET:
        form = WholePeriodForm({"period": form.latest}, today=timezone.localdate())
    return form


@staff_only
def equality_report(request: HttpRequest) -> HttpResponse:
    form = _whole_period_form(request)
    choice = form.choice()
    threshold = small_number_threshold()
    return render(
        request,
        "staff/equality/equality.html",
        {
            "form": form,
            "action": "staff:equality-report",
            "period": choice.period if choice else None,
            "period_in_words": period_in_words(choice.period) if choice else "",
            "threshold": threshold,
            "tables": _equality_tables(choice.period, threshold) if choice else [],
        },
    )


@staff_only
def tsm_report(request: HttpRequest) -> HttpResponse:
    form = _period_form(request)
    choice = form.choice()
    measures = tsm.tenant_satisfaction_measures(choice.period) if choice else []
    return render(
        request,
        "staff/equality/tsm.html",
        {
            "form": form,
            "action": "staff:tsm-report",
            "period": choice.period if choice else None,
            "period_in_words": period_in_words(choice.period) if choice else "",
            "measures": measures,
            "tables": [tables.tsm_table(measures)] if choice else [],
        },
    )
