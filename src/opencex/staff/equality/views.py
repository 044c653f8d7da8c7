"""Two report pages for managers: equality and reach (who uses which channel, by the equality
answers residents chose to give, small numbers suppressed) and the Tenant Satisfaction
Measures. Both take a period form; every table also downloads as CSV and XLSX (the counts
kept back stay kept back in them)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.insight import tsm
from opencex.insight.periods import Period
from opencex.insight.policies import can_view_reports
from opencex.insight.small_numbers import small_number_threshold
from opencex.staff.access import staff_only
from opencex.staff.equality import tables
from opencex.staff.equality.forms import WholePeriodForm
from opencex.staff.reports import exports
from opencex.staff.reports.cells import Table
from opencex.staff.reports.exports import PageTables
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
            "query": _query(request, form.latest),
        },
    )


def _tsm_tables(measures: list[tsm.Measure]) -> list[Table]:
    return [tables.tsm_table(measures), tables.tsm_percent_table(measures)]


def _page_tables(period: Period, built: list[Table]) -> PageTables:
    return PageTables(period, {table.slug: (lambda table=table: table) for table in built})


def _equality_read(request: HttpRequest) -> PageTables | None:
    choice = _whole_period_form(request).choice()
    if choice is None:
        return None
    return _page_tables(choice.period, _equality_tables(choice.period, small_number_threshold()))


def _tsm_read(request: HttpRequest) -> PageTables | None:
    choice = _period_form(request).choice()
    if choice is None:
        return None
    measures = tsm.tenant_satisfaction_measures(choice.period)
    return _page_tables(choice.period, _tsm_tables(measures))


def _query(request: HttpRequest, first: str) -> str:
    return request.GET.urlencode() if "period" in request.GET else f"period={first}"


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
            "tables": _tsm_tables(measures) if choice else [],
            "query": _query(request, "this-quarter"),
            "definitions_contents": [("definitions", _("How each measure is worked out"))],
        },
    )


EQUALITY = "staff:equality-report"
TSM = "staff:tsm-report"


@staff_only
def equality_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One equality table as a CSV file: the counts kept back stay kept back."""
    return exports.table_csv(request, table, page=EQUALITY, read=_equality_read)


@staff_only
def equality_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    """One equality table as an Excel file: the counts kept back stay kept back."""
    return exports.table_xlsx(request, table, page=EQUALITY, read=_equality_read)


@staff_only
def equality_all_xlsx(request: HttpRequest) -> HttpResponse:
    return exports.tables_xlsx(request, page=EQUALITY, read=_equality_read, name="equality")


@staff_only
def tsm_csv(request: HttpRequest, table: str) -> HttpResponse:
    return exports.table_csv(request, table, page=TSM, read=_tsm_read)


@staff_only
def tsm_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    return exports.table_xlsx(request, table, page=TSM, read=_tsm_read)


@staff_only
def tsm_all_xlsx(request: HttpRequest) -> HttpResponse:
    return exports.tables_xlsx(
        request, page=TSM, read=_tsm_read, name="tenant-satisfaction-measures"
    )
