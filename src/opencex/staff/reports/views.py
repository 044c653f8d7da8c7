"""The reports page for managers: the figures for a period (the casework ones optionally for one
service area), each table also as a CSV download."""

from __future__ import annotations

import csv
from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.catalogue.models import ServiceArea
from opencex.insight import periods
from opencex.insight.policies import can_view_reports
from opencex.staff.access import staff_only
from opencex.staff.reports.casework_tables import foi_headline
from opencex.staff.reports.cells import ReportChoice
from opencex.staff.reports.exports import xlsx_name, xlsx_response
from opencex.staff.reports.tables import TABLES, period_in_words
from opencex.surveys.policies import can_view_survey_results

NAMED_PERIODS = {
    "this-week": periods.this_week,
    "last-4-weeks": periods.last_four_weeks,
    "this-month": periods.this_month,
    "this-quarter": periods.this_quarter,
}
CUSTOM = "custom"
DATE_PARTS = ("day", "month", "year")
DATE_PART_NAMES = (gettext_lazy("day"), gettext_lazy("month"), gettext_lazy("year"))


class ReportPeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[
            ("this-week", gettext_lazy("This week")),
            ("last-4-weeks", gettext_lazy("The last 4 weeks")),
            ("this-month", gettext_lazy("This month")),
            ("this-quarter", gettext_lazy("This quarter")),
            (CUSTOM, gettext_lazy("Dates you choose")),
        ],
        error_messages={"invalid_choice": gettext_lazy("Select the period to report on")},
    )
    from_day = forms.CharField(label=gettext_lazy("From"), required=False, max_length=2)
    from_month = forms.CharField(required=False, max_length=2)
    from_year = forms.CharField(required=False, max_length=4)
    to_day = forms.CharField(label=gettext_lazy("To"), required=False, max_length=2)
    to_month = forms.CharField(required=False, max_length=2)
    to_year = forms.CharField(required=False, max_length=4)
    service_area = forms.ModelChoiceField(
        label=gettext_lazy("Service area"),
        help_text=gettext_lazy(
            "For the complaint and information request tables; the others are for the whole "
            "council."
        ),
        queryset=ServiceArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All service areas"),
        error_messages={"invalid_choice": gettext_lazy("Select a service area from the list")},
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["period"].error_messages["required"] = _("Select the period to report on")

    def clean(self):
        super().clean()
        data = self.cleaned_data
        choice = data.get("period")
        if choice in NAMED_PERIODS:
            data["report_period"] = NAMED_PERIODS[choice](self.today)
        elif choice == CUSTOM:
            start = self._date("from", _("the start date"))
            end = self._date("to", _("the end date"))
            if start and end and end < start:
                self.add_error(
                    "to_day", _("The end date must be the same as or after the start date")
                )
            elif start and end:
                data["report_period"] = periods.Period(start, end)
        return data

    def choice(self) -> ReportChoice | None:
        """What to report on, once the form is valid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return ReportChoice(data["report_period"], self.today, data.get("service_area"))

    def _date(self, prefix: str, what: str) -> date | None:
        parts = [(self.cleaned_data.get(f"{prefix}_{part}") or "").strip() for part in DATE_PARTS]
        field = f"{prefix}_day"
        if not any(parts):
            self.add_error(field, _("Enter %(what)s") % {"what": what})
            return None
        missing = [name for name, part in zip(DATE_PART_NAMES, parts, strict=True) if not part]
        if missing:
            self.add_error(
                field,
                _("%(what)s must include a %(part)s")
                % {"what": what.capitalize(), "part": missing[0]},
            )
            return None
        try:
            day, month, year = (int(part) for part in parts)
            chosen = date(year, month, day) if len(parts[2]) == 4 else None
        except ValueError:
            chosen = None
        if chosen is None:
            self.add_error(field, _("%(what)s must be a real date") % {"what": what.capitalize()})
            return None
        if chosen > self.today:
            self.add_error(
                field, _("%(what)s must be today or in the past") % {"what": what.capitalize()}
            )
            return None
        return chosen


def _form(request: HttpRequest) -> ReportPeriodForm:
    """The period asked for; the last 4 weeks when the page is first opened."""
    data = request.GET if "period" in request.GET else {"period": "last-4-weeks"}
    return ReportPeriodForm(data, today=timezone.localdate())


def _check(request: HttpRequest) -> None:
    if not can_view_reports(request.user):
        raise PermissionDenied


@staff_only
def reports(request: HttpRequest) -> HttpResponse:
    _check(request)
    form = _form(request)
    choice = form.choice()
    query = request.GET.urlencode() if "period" in request.GET else "period=last-4-weeks"
    return render(
        request,
        "staff/reports/reports.html",
        {
            "form": form,
            "period": choice.period if choice else None,
            "period_in_words": period_in_words(choice.period) if choice else "",
            "service_area": choice.service_area if choice else None,
            "foi_headline": foi_headline(choice) if choice else "",
            "tables": [build(choice) for build in TABLES.values()] if choice else [],
            "query": query,
            "can_view_surveys": can_view_survey_results(request.user),
        },
    )


@staff_only
def report_csv(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the reports page as a CSV file, for the same period."""
    _check(request)
    if table not in TABLES:
        raise Http404
    choice = _form(request).choice()
    if choice is None:
        # The page shows what is wrong with the choice; a file cannot.
        return redirect(f"{reverse('staff:reports')}?{request.GET.urlencode()}")
    built = TABLES[table](choice)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{built.csv_name(choice.period)}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    csv.writer(response).writerows(built.csv_rows())
    return response


@staff_only
def report_xlsx(request: HttpRequest, table: str) -> HttpResponse:
    """One table of the reports page as an Excel file, for the same period."""
    _check(request)
    if table not in TABLES:
        raise Http404
    choice = _form(request).choice()
    if choice is None:
        return redirect(f"{reverse('staff:reports')}?{request.GET.urlencode()}")
    built = TABLES[table](choice)
    return xlsx_response([built], xlsx_name(built.csv_name(choice.period)))


@staff_only
def reports_xlsx(request: HttpRequest) -> HttpResponse:
    """Every table of the reports page in one Excel workbook, a sheet each."""
    _check(request)
    choice = _form(request).choice()
    if choice is None:
        return redirect(f"{reverse('staff:reports')}?{request.GET.urlencode()}")
    area = f"-{choice.service_area.slug}" if choice.service_area else ""
    dates = f"{choice.period.start.isoformat()}-to-{choice.period.end.isoformat()}"
    return xlsx_response(
        [build(choice) for build in TABLES.values()], f"reports{area}-{dates}.xlsx"
    )
