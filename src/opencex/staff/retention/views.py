"""Information governance's pages: what the retention schedule keeps and removed (each nightly
run's report), the special-category reviews due, and erasing a resident's data on request with a
confirmation step."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from opencex.people.models import Resident
from opencex.retention import policies, reviews
from opencex.retention.actions import ErasureRefused, erase_resident, reasons_to_keep
from opencex.retention.models import RetentionRun, SensitiveReview
from opencex.retention.schedules import all_schedules
from opencex.staff.access import staff_only

RUNS_SHOWN = 14


@staff_only
def retention(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_retention(request.user):
        raise PermissionDenied
    return render(
        request,
        "staff/retention/retention.html",
        {
            "schedules": all_schedules(),
            "runs": RetentionRun.objects.select_related("by")[:RUNS_SHOWN],
            # Names and dates only: the details are read (and the read recorded) on the
            # resident's page.
            "reviews": SensitiveReview.objects.to_do().select_related("resident"),
        },
    )


@staff_only
@require_POST
def record_review(request: HttpRequest, pk: int) -> HttpResponse:
    if not policies.can_manage_retention(request.user):
        raise PermissionDenied
    review = get_object_or_404(SensitiveReview, pk=pk)
    try:
        reviews.record_review(actor=request.user, review=review, note=request.POST.get("note", ""))
    except reviews.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Review recorded"))
    return redirect("staff:retention")


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is this resident's data being erased?"),
        help_text=gettext_lazy(
            "For example, how and when they asked. This is kept as the record of the erasure."
        ),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": gettext_lazy("Enter why the data is being erased")},
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked who asked, and understand this cannot be undone"),
        error_messages={
            "required": gettext_lazy("Confirm that you have checked who asked for the erasure")
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, resident_id: int) -> HttpResponse:
    """Erase a resident's data at their request: the reasons the council must keep it, or a
    confirmation with the reason recorded."""
    resident = get_object_or_404(Resident, pk=resident_id)
    if not policies.can_erase_resident(request.user, resident):
        raise PermissionDenied
    form = ErasureForm(request.POST if request.method == "POST" else None)
    keep: list[str] | None = None
    if request.method == "POST" and form.is_valid():
        try:
            erase_resident(resident, by=request.user, reason=form.cleaned_data["reason"])
        except ErasureRefused as refused:
            keep = list(refused.reasons)  # a case opened meanwhile: the page says why, once
        else:
            messages.success(request, _("The resident's personal data has been erased"))
            return redirect("staff:resident", resident_id=resident.pk)
    return render(
        request,
        "staff/retention/erase.html",
        {
            "resident": resident,
            "form": form,
            "reasons_to_keep": reasons_to_keep(resident) if keep is None else keep,
        },
    )
