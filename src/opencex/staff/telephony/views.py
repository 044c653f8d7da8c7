"""The telephony page for managers: the call figures for a period by line, by hour and by day,
the vulnerable residents line apart, each table as a CSV; the imports with the rows they refused;
and a CSV file of hourly figures uploaded through the same import as `opencex import_calls`."""

from __future__ import annotations

import csv
from functools import partial

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opencex.staff.access import staff_only
from opencex.staff.reports import exports
from opencex.staff.reports.exports import PageTables
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm
from opencex.staff.telephony.tables import TELEPHONY_TABLES, telephony_tables
from opencex.telephony.importing import COLUMNS, RowProblem, csv_rows, import_calls
from opencex.telephony.models import CallImport, ImportSource
from opencex.telephony.policies import can_import_calls, can_view_telephony

MOST_BYTES = 2 * 1024 * 1024  # a year of hourly figures for a dozen lines is under 1 MB
IMPORTS_SHOWN = 20


class CallFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("A CSV file of hourly call figures"),
        error_messages={
            "required": gettext_lazy("Select a CSV file of hourly call figures"),
            "empty": gettext_lazy("The selected file is empty"),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("The selected file must be a CSV file"))
        if upload.size > MOST_BYTES:
            raise forms.ValidationError(_("The selected file must be smaller than 2 MB"))
        content = upload.read()
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The selected file must be a CSV file saved as UTF-8 text")
            ) from None
        if "\x00" in text:
            raise forms.ValidationError(_("The selected file must be a CSV file"))
        try:
            self.cleaned_data["rows"] = csv_rows(text)
        except (RowProblem, csv.Error) as problem:
            raise forms.ValidationError(
                _("The selected file cannot be read: %(problem)s") % {"problem": problem}
            ) from None
        return upload


def report_period_form(request: HttpRequest) -> ReportPeriodForm:
    """The period asked for; the last 4 weeks when the page is first opened."""
    data = request.GET if "period" in request.GET else {"period": "last-4-weeks"}
    return ReportPeriodForm(data, today=timezone.localdate())


def _check(request: HttpRequest) -> None:
    if not can_view_telephony(request.user):
        raise PermissionDenied


@staff_only
@require_http_methods(["GET", "POST"])
def telephony(request: HttpRequest) -> HttpResponse:
    _check(request)
    upload = CallFileForm()
    if request.method == "POST":
        if not can_import_calls(request.user):
            raise PermissionDenied
        upload = CallFileForm(request.POST, request.FILES)
        if upload.is_valid():
            run = import_calls(
                actor=request.user,
                rows=upload.cleaned_data["rows"],
                source=ImportSource.CSV,
                file_name=upload.cleaned_data["file"].name,
            )
            return redirect(f"{reverse('staff:telephony')}?imported={run.pk}#imports")
    form = report_period_form(request)
    choice = form.choice()
    query = request.GET.urlencode() if "period" in request.GET else "period=last-4-weeks"
    imported = request.GET.get("imported", "")
    return render(
        request,
        "staff/telephony/telephony.html",
        {
            "form": form,
            "upload": upload,
            "period": choice.period if choice else None,
            "period_in_words": period_in_words(choice.period) if choice else "",
            "tables": telephony_tables(choice.period) if choice else [],
            "query": query,
            "imports_contents": [("imports", _("Imports"))],
            "imports": CallImport.objects.select_related("actor")[:IMPORTS_SHOWN],
            "imported": CallImport.objects.filter(pk=imported).first()
            if imported.isdigit()
            else None,
            "columns": COLUMNS,
            "most_megabytes": MOST_BYTES // (1024 * 1024),
        },
    )


def _tables(request: HttpRequest) -> PageTables | None:
    _check(request)
    choice = report_period_form(request).choice()
    if choice is None:
        return None
    period = choice.period
    return PageTables(
        period, {slug: partial(build, period) for slug, build in TELEPHONY_TABLES.items()}
    )


@staff_only
def telephony_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the telephony page as a CSV file, for the same period."""
    return exports.table_csv(request, table, page="staff:telephony", read=_tables)


@staff_only
def telephony_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the telephony page as an Excel file, for the same period."""
    return exports.table_xlsx(request, table, page="staff:telephony", read=_tables)


@staff_only
def telephony_all_xlsx(request: HttpRequest) -> HttpResponse:
    """Every table of the telephony page in one workbook, a sheet each."""
    return exports.tables_xlsx(request, page="staff:telephony", read=_tables, name="telephony")
