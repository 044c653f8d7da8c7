"""Confirm or dismiss a case's urgency cue (opencex.cues): each view calls the one service and
goes back to the case page; a dismissal without a reason is shown there in the error summary.
The URL names the suggestion, not the case: a case the officer may not see is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from opencex.aigovernance.models import Suggestion
from opencex.cases import policies as case_policies
from opencex.cases.errors import CaseError
from opencex.cases.models import Case
from opencex.cues.services import MODEL_KEY, SUBJECT, confirm_cues, dismiss_cues
from opencex.staff.access import staff_only
from opencex.staff.cases.views import _case_for, _render_case
from opencex.staff.cues.forms import DismissCueForm


def _cue_and_case(request: HttpRequest, pk: int) -> tuple[Suggestion, Case]:
    suggestion = get_object_or_404(
        Suggestion, pk=pk, model_key=MODEL_KEY, subject_type=SUBJECT, redacted_at__isnull=True
    )
    case = case_policies.visible_cases(request.user).filter(pk=suggestion.subject_id).first()
    if case is None:
        raise Http404
    return suggestion, _case_for(request, case.reference)


@staff_only
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, case = _cue_and_case(request, pk)
    try:
        confirm_cues(actor=request.user, suggestion=suggestion)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Urgency cue confirmed")
    return redirect("staff:case", reference=case.reference)


@staff_only
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion, case = _cue_and_case(request, pk)
    form = DismissCueForm(request.POST, suggestion_pk=suggestion.pk)
    if form.is_valid():
        try:
            dismiss_cues(
                actor=request.user, suggestion=suggestion, reason=form.cleaned_data["reason"]
            )
        except CaseError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, "Urgency cue dismissed")
            return redirect("staff:case", reference=case.reference)
    return _render_case(request, case, failed=("cue-dismiss", form))
