"""The web measures page for managers: "Is this page useful?" answers, searches that found
nothing or whose results nobody followed, and where people stop filling in forms, for a period;
each table also as a CSV and an Excel file, as on the reports page."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opencex.insight.policies import can_view_reports
from opencex.staff.access import staff_only
from opencex.staff.reports import exports
from opencex.staff.reports.exports import PageTables
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm
from opencex.staff.webinsight.tables import TABLES, sections

FIRST_OPENED = {"period": "last-4-weeks"}


class WebPeriodForm(ReportPeriodForm):
    """The reports page's period; the web measures are for the whole council, so no area."""

    service_area = None


def _form(request: HttpRequest) -> WebPeriodForm:
    data = request.GET if "period" in request.GET else FIRST_OPENED
    return WebPeriodForm(data, today=timezone.localdate())


def _check(request: HttpRequest) -> None:
    if not can_view_reports(request.user):
        raise PermissionDenied


@staff_only
def web_measures(request: HttpRequest) -> HttpResponse:
    _check(request)
    form = _form(request)
    choice = form.choice()
    query = request.GET.urlencode() if "period" in request.GET else "period=last-4-weeks"
    return render(
        request,
        "staff/webinsight/web_measures.html",
        {
            "form": form,
            "period": choice.period if choice else None,
            "period_in_words": period_in_words(choice.period) if choice else "",
            "sections": sections(choice) if choice else [],
            "query": query,
        },
    )


def _tables(request: HttpRequest) -> PageTables | None:
    _check(request)
    choice = _form(request).choice()
    if choice is None:
        return None
    return PageTables(
        choice.period, {slug: partial(build, choice) for slug, build in TABLES.items()}
    )


@staff_only
def web_measures_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the page as a CSV file, for the same period."""
    return exports.table_csv(request, table, page="staff:web-measures", read=_tables)


@staff_only
def web_measures_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the page as an Excel file, for the same period."""
    return exports.table_xlsx(request, table, page="staff:web-measures", read=_tables)


@staff_only
def web_measures_all_xlsx(request: HttpRequest) -> HttpResponse:
    """Every table of the page in one workbook, a sheet each."""
    return exports.tables_xlsx(request, page="staff:web-measures", read=_tables, name="web")
