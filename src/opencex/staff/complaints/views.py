"""The staff complaint page (acknowledge, respond with a plain-English check and a preview of the
letter, extend, escalate), the cases where a resident sounds unhappy with "Treat as a complaint",
and the lessons learned.

The complaint page is for the case's handlers: a case the officer may not see is a 404, one they
see but may not handle a 403. Each action posts to its own URL and calls one complaints service; a
refusal by the rules comes back in the GOV.UK error summary with what the officer typed.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from opencex.cases import policies as case_policies
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind
from opencex.cases.workflow import TransitionNotAllowed
from opencex.catalogue.models import ServiceArea
from opencex.complaints import letters, policies, selectors, services
from opencex.complaints.plain_english import check_letter
from opencex.staff.access import staff_only
from opencex.staff.complaints.forms import AcknowledgeForm, EscalateForm, ExtendForm, RespondForm

_FORMS: dict[str, type[forms.Form]] = {
    "acknowledge": AcknowledgeForm,
    "respond": RespondForm,
    "extend": ExtendForm,
    "escalate": EscalateForm,
}


# Each act on this page and the one action it calls: the complaints app's own (see
# complaints.ownership); tests/staff/test_case_page_one_door.py checks them against the registry.
ACTS = {
    "acknowledge": services.acknowledge_complaint,
    "respond": services.record_complaint_response,
    "extend": services.extend_complaint,
    "escalate": services.escalate_to_stage_two,
}


def _complaint_for(request: HttpRequest, reference: str) -> Case:
    cases = case_policies.visible_cases(request.user).filter(kind=CaseKind.COMPLAINT)
    case = get_object_or_404(
        cases.select_related("resident", "service", "team", "assigned_to", "stage1_handled_by"),
        reference=reference,
    )
    if not policies.can_open_complaint_page(request.user, case):
        raise PermissionDenied
    return case


def _available(actor, case: Case) -> set[str]:
    """This page's forms: what the officer may do now (`cases.policies.available_actions`)."""
    return set(case_policies.available_actions(actor, case)) & set(_FORMS)


def _respond_initial(case: Case) -> dict:
    about = selectors.about_service_for(case)
    return {"about_service": about, "lesson_service": about}


def _render(
    request: HttpRequest,
    case: Case,
    failed: tuple[str, forms.Form] | None = None,
    *,
    preview: str = "",
    warnings: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.user
    available = _available(actor, case)
    action_forms = {
        name: _FORMS[name](
            prefix=name, **({"initial": _respond_initial(case)} if name == "respond" else {})
        )
        for name in available
    }
    if failed is not None:
        action_forms[failed[0]] = failed[1]
    about = selectors.about_service_for(case)
    context = {
        "case": case,
        "deadline": case_deadline(case),
        "forms": action_forms,
        "failed": failed[1] if failed else None,
        "responses": list(selectors.stage_responses(case)),
        "complaint": selectors.complaint_of(case),
        "about_service": about,
        "ombudsman": selectors.ombudsman_for_case(case, about),
        "is_stage_one_handler": case.stage == 2 and policies.is_stage_one_handler(actor, case),
        "preview": preview,
        "warnings": warnings,
        "labels": {name: field.label for name, field in RespondForm.base_fields.items()},
    }
    return render(request, "staff/complaints/complaint.html", context, status=status)


@staff_only
@require_GET
def complaint_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _render(request, _complaint_for(request, reference))


def _posted(request: HttpRequest, reference: str, name: str) -> tuple[Case, forms.Form]:
    case = _complaint_for(request, reference)
    if name not in _available(request.user, case):
        raise PermissionDenied
    return case, _FORMS[name](request.POST, prefix=name)


def _done(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("staff:complaint", reference=case.reference)


def _carry_out(
    request: HttpRequest,
    case: Case,
    name: str,
    form: forms.Form,
    done: Callable[[Case], str],
    *,
    error_field: str | None = None,
    **arguments,
) -> HttpResponse:
    """Call the act's one action; a refusal by the rules comes back on the form (on
    `error_field`, or the whole form); success tells the officer `done(the case after it)`."""
    try:
        after = ACTS[name](actor=request.user, case=case, **arguments)
    except (CaseError, TransitionNotAllowed) as error:
        form.add_error(error_field, str(error))
        return _render(request, case, (name, form), status=400)
    return _done(request, case, done(after))


@staff_only
@require_POST
def complaint_acknowledge(request: HttpRequest, reference: str) -> HttpResponse:
    case, form = _posted(request, reference, "acknowledge")
    return _carry_out(
        request,
        case,
        "acknowledge",
        form,
        lambda after: _("Complaint acknowledged. The response clock has started."),
    )


@staff_only
@require_POST
def complaint_respond(request: HttpRequest, reference: str) -> HttpResponse:
    """ "Check and preview" shows the plain-English warnings and the letter; "Send" sends it."""
    case, form = _posted(request, reference, "respond")
    if not form.is_valid():
        return _render(request, case, ("respond", form), status=400)
    if "send" not in request.POST:
        letter = form.letter(case.stage)
        about = form.cleaned_data["about_service"] or selectors.about_service_for(case)
        preview = letters.render_response(
            case,
            letter,
            ombudsman=selectors.ombudsman_for_case(case, about),
            officer=request.user,
        )
        warnings = check_letter(letter.officer_parts)
        return _render(request, case, ("respond", form), preview=preview, warnings=warnings)
    return _carry_out(
        request,
        case,
        "respond",
        form,
        lambda after: _("Stage %(stage)s response sent.") % {"stage": case.stage},
        **form.response(),
    )


@staff_only
@require_POST
def complaint_extend(request: HttpRequest, reference: str) -> HttpResponse:
    case, form = _posted(request, reference, "extend")
    if not form.is_valid():
        return _render(request, case, ("extend", form), status=400)
    return _carry_out(
        request,
        case,
        "extend",
        form,
        lambda after: (
            _("Deadline extended to %(date)s. The resident has been told.")
            % {"date": f"{after.due_on:%d %B %Y}"}
        ),
        error_field="days",
        reason=form.cleaned_data["reason"],
        days=form.cleaned_data["days"],
    )


@staff_only
@require_POST
def complaint_escalate(request: HttpRequest, reference: str) -> HttpResponse:
    case, form = _posted(request, reference, "escalate")
    if not form.is_valid():
        return _render(request, case, ("escalate", form), status=400)
    return _carry_out(
        request,
        case,
        "escalate",
        form,
        lambda after: _("Escalated to stage 2. Someone else must handle it."),
        error_field="reason",
        reason=form.cleaned_data["reason"],
    )


@staff_only
@require_GET
def possible_complaints(request: HttpRequest) -> HttpResponse:
    found = selectors.possible_complaints(request.user)
    return render(request, "staff/complaints/possible.html", {"possible": found})


@staff_only
@require_POST
def treat_as_complaint(request: HttpRequest, reference: str) -> HttpResponse:
    case = get_object_or_404(case_policies.visible_cases(request.user), reference=reference)
    if not policies.can_treat_as_complaint(request.user, case):
        raise PermissionDenied
    try:
        complaint = services.treat_as_complaint(actor=request.user, case=case)
    except CaseError as error:
        messages.error(request, str(error))
        return redirect("staff:possible-complaints")
    messages.success(
        request,
        _("Stage 1 complaint %(reference)s opened from %(case)s and sent to %(team)s.")
        % {"reference": complaint.reference, "case": case.reference, "team": complaint.team},
    )
    if case_policies.can_view_case(request.user, complaint):
        return redirect("staff:case", reference=complaint.reference)
    return redirect("staff:possible-complaints")


@staff_only
@require_GET
def lessons_learned(request: HttpRequest) -> HttpResponse:
    areas = ServiceArea.objects.order_by("name")
    chosen = areas.filter(slug=request.GET.get("area", "")).first()
    lessons = selectors.lessons_learned(service_area=chosen)[:200]
    context = {"areas": areas, "chosen": chosen, "lessons": lessons, "today": timezone.localdate()}
    return render(request, "staff/complaints/lessons.html", context)
