"""The AI oversight page: for a chosen period, every model's suggestions and what officers did
with them (accepted, corrected, dismissed, not yet decided) by model version, and whether each
model is on; links to the governance records residents read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opencex.aigovernance.policies import can_view_ai_oversight
from opencex.aigovernance.records import governance_records
from opencex.aigovernance.selectors import counts_by_model
from opencex.staff.access import staff_only
from opencex.staff.reports.tables import period_in_words
from opencex.staff.telephony.views import report_period_form


@staff_only
def ai_oversight(request: HttpRequest) -> HttpResponse:
    if not can_view_ai_oversight(request.user):
        raise PermissionDenied
    form = report_period_form(request)
    choice = form.choice()
    names = {record.key: record.name for record in governance_records()}
    models = None
    if choice is not None:
        models = [
            (names.get(counts.model_key, counts.model_key), counts)
            for counts in counts_by_model(
                starts_at=choice.period.starts_at, ends_before=choice.period.ends_before
            )
        ]
    return render(
        request,
        "staff/ai/oversight.html",
        {
            "form": form,
            "models": models,
            "period_in_words": period_in_words(choice.period) if choice else "",
        },
    )
