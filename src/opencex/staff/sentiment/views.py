"""What residents say: for managers, how residents' comments, complaints, page feedback and
satisfaction comments read, their themes and trend, and examples linked to their cases."""

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
from opencex.staff.reports.tables import period_in_words
from opencex.staff.reports.views import ReportPeriodForm
from opencex.staff.sentiment.tables import all_tables


class WhatResidentsSayForm(ReportPeriodForm):
    service_area = None  # type: ignore[assignment]  # Django's way to drop a parent's field
    source = forms.ChoiceField(
        label=gettext_lazy("Source"),
        choices=[("", gettext_lazy("All sources")), *Source.choices],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Select a source from the list")},
    )


@staff_only
def what_residents_say(request: HttpRequest) -> HttpResponse:
    if not can_view_reports(request.user):
        raise PermissionDenied
    data = request.GET if "period" in request.GET else {"period": "last-4-weeks"}
    form = WhatResidentsSayForm(data, today=timezone.localdate())
    choice = form.choice()
    source = form.cleaned_data.get("source", "") if choice else ""
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
        },
    )
