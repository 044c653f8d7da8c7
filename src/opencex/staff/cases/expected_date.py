"""Giving a request a revised expected date, with the reason the resident is told.

The form parses the date (GOV.UK day, month and year boxes) and the reason; the one action,
`cases.actions.expected_date.revise_expected_date`, checks the rules and tells the resident. The
case page offers the form in its list of actions (`staff/case/_expected_date.html`, prefix
"expected-date", posted here); this page shows it on its own, and again with the error summary
when the action refuses.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.cases import policies
from opencex.cases.actions.expected_date import (
    REASON_LENGTH,
    revise_expected_date,
    revision_refused_because,
)
from opencex.cases.errors import CaseError
from opencex.staff.access import staff_only

PREFIX = "expected-date"


class ExpectedDateForm(forms.Form):
    day = forms.CharField(label=gettext_lazy("Day"), required=False, max_length=2)
    month = forms.CharField(label=gettext_lazy("Month"), required=False, max_length=2)
    year = forms.CharField(label=gettext_lazy("Year"), required=False, max_length=4)
    reason = forms.CharField(
        label=gettext_lazy("Why the date has changed"),
        help_text=gettext_lazy("The resident is told this, with the new date."),
        max_length=REASON_LENGTH,
        widget=forms.Textarea,
        error_messages={"required": gettext_lazy("Say why the date has changed")},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("prefix", PREFIX)
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    @property
    def date_boxes(self) -> list[tuple[forms.BoundField, int]]:
        """The day, month and year boxes with their GOV.UK widths, for the template."""
        return [(self["day"], 2), (self["month"], 2), (self["year"], 4)]

    def clean(self) -> dict:
        cleaned = super().clean()
        parts = [cleaned.get(name, "").strip() for name in ("day", "month", "year")]
        if not all(parts):
            self.add_error("day", _("Enter the new expected date, with a day, month and year"))
            return cleaned
        try:
            day, month, year = (int(part) for part in parts)
            cleaned["expected_on"] = date(year, month, day)
        except ValueError:
            self.add_error("day", _("Enter a real date, for example 27 3 2026"))
        return cleaned


@staff_only
def case_expected_date(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_object_or_404(
        policies.visible_cases(request.user).select_related("service", "resident"),
        reference=reference,
    )
    if not policies.can_handle_case(request.user, case):
        raise PermissionDenied
    form = ExpectedDateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            revise_expected_date(
                actor=request.user,
                case=case,
                expected_on=form.cleaned_data["expected_on"],
                reason=form.cleaned_data["reason"],
            )
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("New expected date saved and the resident told"))
            return redirect("staff:case", reference=case.reference)
    return render(
        request,
        "staff/case/expected_date.html",
        {"case": case, "form": form, "refusal": revision_refused_because(case)},
    )
