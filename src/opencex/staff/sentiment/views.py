"""What residents say: for managers, how residents' comments, complaints, page feedback and
satisfaction comments read, their themes and trend, and examples linked to their cases; each
table also as CSV and XLSX."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opencex.insight.policies import can_view_reports
from opencex.sentiment.analysis import ANALYSER_VERSION
from opencex.sentiment.models import Source
from opencex.sentiment.services import waiting_to_be_scored
from opencex.staff.access import staff_only
from opencex.staff.reports import exports
from opencex.staff.reports.exports import PageTables
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm
from opencex.staff.sentiment.tables import all_tables, table_builders


class WhatResidentsSayForm(ReportPeriodForm):
    service_area = None  # type: ignore[assignment]  # Django's way to drop a parent's field
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        choices=[("", gettext_lazy("All sources")), *Source.choices],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Select a source from the list")},
    )


FIRST_OPENED = {"period": "last-4-weeks"}


def _form(request: HttpRequest) -> WhatResidentsSayForm:
    if not can_view_reports(request.user):
        raise PermissionDenied
    data = request.GET if "period" in request.GET else FIRST_OPENED
    return WhatResidentsSayForm(data, today=timezone.localdate())


def _tables(request: HttpRequest) -> PageTables | None:
    form = _form(request)
    choice = form.choice()
    if choice is None:
        return None
    source = form.cleaned_data.get("source", "")
    return PageTables(choice.period, table_builders(choice.period, source, request.user))


@staff_only
def what_residents_say(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    choice = form.choice()
    source = form.cleaned_data.get("source", "") if choice else ""
    query = request.GET.urlencode() if "period" in request.GET else "period=last-4-weeks"
    return render(
        request,
        "staff/sentiment/what_residents_say.html",
        {
            "form": form,
            "period": choice.period if choice else None,
            "period_in_words": period_in_words(choice.period) if choice else "",
            "source_name": Source(source).label if source else "",
            "tables": all_tables(choice.period, source, request.user) if choice else [],
            "waiting": waiting_to_be_scored() if choice else 0,
            "analyser_version": ANALYSER_VERSION,
            "query": query,
        },
    )


PAGE = "staff:what-residents-say"


@staff_only
def what_residents_say_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the page as a CSV file, for the same period and source."""
    return exports.table_csv(request, table, page=PAGE, read=_tables)


@staff_only
def what_residents_say_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the page as an Excel file, for the same period and source."""
    return exports.table_xlsx(request, table, page=PAGE, read=_tables)


@staff_only
def what_residents_say_all_xlsx(request: HttpRequest) -> HttpResponse:
    """Every table of the page in one workbook, a sheet each."""
    return exports.tables_xlsx(request, page=PAGE, read=_tables, name="what-residents-say")
