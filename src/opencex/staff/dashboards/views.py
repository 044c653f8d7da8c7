"""The dashboards page for managers: volumes, arrival times, the backlog by age and open cases
against their clocks, each a chart with its text summary and table, and each also as CSV and
XLSX. Narrowed by period (the reports page's form), service area, team and channel."""

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

from opencex.cases.models import Channel
from opencex.catalogue.models import Team
from opencex.insight.dashboards import BUCKETS, Filters
from opencex.insight.policies import can_view_reports
from opencex.staff.access import staff_only
from opencex.staff.dashboards.tables import DASHBOARDS, Dashboard
from opencex.staff.reports.exports import xlsx_name, xlsx_response
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm

DEFAULTS = {"period": "last-4-weeks", "bucket": "week"}


class DashboardForm(ReportPeriodForm):
    """The reports page's period and service area, with a team, a channel and how to group the
    figures over time."""

    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"),
        queryset=Team.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All teams"),
        error_messages={"invalid_choice": gettext_lazy("Select a team from the list")},
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("Channel"),
        choices=[("", gettext_lazy("All channels")), *Channel.choices],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Select a channel from the list")},
    )
    bucket = forms.ChoiceField(
        label=gettext_lazy("Over time, show each"),
        choices=[
            ("day", gettext_lazy("Day")),
            ("week", gettext_lazy("Week")),
            ("month", gettext_lazy("Month")),
        ],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Select day, week or month")},
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        self.fields["service_area"].help_text = ""

    def clean(self):
        data = super().clean()
        area, team = data.get("service_area"), data.get("team")
        if area is not None and team is not None and team.service_area_id != area.pk:
            self.add_error("team", _("Select a team in the service area you chose, or all teams"))
        return data

    def filters(self) -> Filters | None:
        """What the dashboards are narrowed to, once the form is valid."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return Filters(
            period=data["report_period"],
            today=self.today,
            service_area=data.get("service_area"),
            team=data.get("team"),
            channel=data.get("channel") or "",
        )

    @property
    def bucket_chosen(self) -> str:
        bucket = self.cleaned_data.get("bucket") if self.is_valid() else ""
        return bucket if bucket in BUCKETS else DEFAULTS["bucket"]


def _form(request: HttpRequest) -> DashboardForm:
    """The dashboards asked for; the last 4 weeks by week when the page is first opened."""
    data = request.GET if "period" in request.GET else DEFAULTS
    return DashboardForm(data, today=timezone.localdate())


def _check(request: HttpRequest) -> None:
    if not can_view_reports(request.user):
        raise PermissionDenied


def _query(request: HttpRequest) -> str:
    if "period" in request.GET:
        return request.GET.urlencode()
    return "&".join(f"{name}={value}" for name, value in DEFAULTS.items())


@staff_only
def dashboards(request: HttpRequest) -> HttpResponse:
    _check(request)
    form = _form(request)
    filters = form.filters()
    built: list[Dashboard] = []
    if filters is not None:
        built = [build(filters, form.bucket_chosen) for build in DASHBOARDS.values()]
    return render(
        request,
        "staff/dashboards/dashboards.html",
        {
            "form": form,
            "filters": filters,
            "period_in_words": period_in_words(filters.period) if filters else "",
            "dashboards": built,
            "dashboard_tables": [dashboard.table for dashboard in built],
            "channel": Channel(filters.channel).label if filters and filters.channel else "",
            "query": _query(request),
        },
    )


def _one(request: HttpRequest, dashboard: str) -> tuple[Dashboard | None, Filters | None]:
    _check(request)
    if dashboard not in DASHBOARDS:
        raise Http404
    form = _form(request)
    filters = form.filters()
    if filters is None:
        return None, None
    return DASHBOARDS[dashboard](filters, form.bucket_chosen), filters


def _back(request: HttpRequest) -> HttpResponse:
    # The page shows what is wrong with the choice; a file cannot.
    return redirect(f"{reverse('staff:dashboards')}?{request.GET.urlencode()}")


@staff_only
def dashboard_csv(request: HttpRequest, dashboard: str) -> HttpResponse:
    """One dashboard's table as a CSV file."""
    built, filters = _one(request, dashboard)
    if built is None or filters is None:
        return _back(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = built.table.csv_name(filters.period)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    csv.writer(response).writerows(built.table.csv_rows())
    return response


@staff_only
def dashboard_xlsx(request: HttpRequest, dashboard: str) -> HttpResponse:
    """One dashboard's table as an Excel file."""
    built, filters = _one(request, dashboard)
    if built is None or filters is None:
        return _back(request)
    return xlsx_response([built.table], xlsx_name(built.table.csv_name(filters.period)))


@staff_only
def dashboards_xlsx(request: HttpRequest) -> HttpResponse:
    """Every dashboard's table in one workbook, a sheet each."""
    _check(request)
    form = _form(request)
    filters = form.filters()
    if filters is None:
        return _back(request)
    tables = [build(filters, form.bucket_chosen).table for build in DASHBOARDS.values()]
    period = filters.period
    name = f"dashboards-{period.start.isoformat()}-to-{period.end.isoformat()}.xlsx"
    return xlsx_response(tables, name)
