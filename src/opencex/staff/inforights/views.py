"""The information-rights register for staff: the list with clock status, one request's page
(decision with exemptions, fees, identity, extension, flags, review, ICO complaint, possible
repeats and released answers that may already answer it), and the subject access export.

Each action posts to its own URL and calls one inforights service. A refusal by the rules is shown
in the GOV.UK error summary with what the officer typed; a role that may not act gets a 403; a
request the officer may not see is a 404, so references are not revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind
from opencex.cases.policies import available_actions, can_view_case
from opencex.cases.selectors import with_clock_status
from opencex.cases.workflow import TransitionNotAllowed
from opencex.disclosure.selectors import similar_disclosures
from opencex.inforights import decisions, export, policies, services
from opencex.inforights.models import InformationRequest
from opencex.inforights.selectors import (
    flag_repeat_requests,
    register_cases_filtered,
    residents_who_may_be,
)
from opencex.people.models import Resident
from opencex.staff.access import staff_only
from opencex.staff.forms import DayField
from opencex.staff.inforights.forms import (
    DecisionForm,
    ExportForm,
    ExtensionForm,
    FeePaidForm,
    FeesNoticeForm,
    FlagForm,
    IcoComplaintForm,
    IdentityNeededForm,
    IdentityVerifiedForm,
    InternalReviewForm,
    RegisterFilterForm,
    field_slug,
)

PER_PAGE = 50
K = CaseKind
FORMS: dict[str, type[forms.Form]] = {
    "decision": DecisionForm,
    "fees-notice": FeesNoticeForm,
    "fee-paid": FeePaidForm,
    "identity-needed": IdentityNeededForm,
    "identity-verified": IdentityVerifiedForm,
    "extend": ExtensionForm,
    "flag": FlagForm,
    "internal-review": InternalReviewForm,
    "ico-complaint": IcoComplaintForm,
}


@staff_only
def register(request: HttpRequest) -> HttpResponse:
    filter_form = RegisterFilterForm(request.GET)
    cases = register_cases_filtered(
        policies.register_cases(request.user), filter_form.filters(), timezone.localdate()
    )
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "staff/inforights/register.html",
        {"filter_form": filter_form, "page": page, "query_without_page": keep.urlencode()},
    )


def _case_for(request: HttpRequest, reference: str) -> Case:
    cases = policies.register_cases(request.user).select_related(
        "resident", "team", "assigned_to", "parent"
    )
    return get_object_or_404(with_clock_status(cases, timezone.localdate()), reference=reference)


def _form(name: str, case: Case, data=None) -> forms.Form:
    kwargs: dict = {"prefix": name, "auto_id": "%s"}
    if name == "decision":
        kwargs["case"] = case
    return FORMS[name](data, **kwargs)


def _available_actions(actor, case: Case) -> list[str]:
    """This page's forms, in its order: what the officer may do now
    (`cases.policies.available_actions`)."""
    available = available_actions(actor, case)
    return [name for name in FORMS if name in available]


def _error_links(form: forms.Form) -> list[dict[str, str]]:
    """The error summary's links: each error to its field (a date to its day box)."""
    links = []
    first = next(iter(form.fields), "")
    for name, errors in form.errors.items():
        field = form[name if name != "__all__" else first] if form.fields else None
        anchor = ""
        if field is not None:
            anchor = field.id_for_label if isinstance(field.field, DayField) else field.auto_id
        links += [{"href": f"#{anchor}", "text": error} for error in errors]
    return links


def _render_request(
    request: HttpRequest, case: Case, failed: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    actor = request.user
    entry = (
        InformationRequest.objects.filter(case=case)
        .select_related("duplicate_of", "repeat_of", "decided_by")
        .first()
    )
    action_forms = {name: _form(name, case) for name in _available_actions(actor, case)}
    if failed is not None:
        action_forms[failed[0]] = failed[1]
    may_export = policies.can_export_everything_about(actor, None)
    return render(
        request,
        "staff/inforights/request.html",
        {
            "case": case,
            "entry": entry,
            "exemptions": list(entry.exemptions.all()) if entry else [],
            "deadline": case_deadline(case) if case.due_on or case.is_open else None,
            "repeats": flag_repeat_requests(case) if case.is_open else [],
            "released_answers": (
                similar_disclosures(f"{case.subject}\n{case.description}")
                if case.kind in {K.FOI, K.EIR}
                else []
            ),
            "residents": residents_who_may_be(case) if case.kind == K.SAR and may_export else [],
            "reviews": case.children.filter(kind=K.FOI_INTERNAL_REVIEW),
            "ico_complaints": case.ico_complaints.all(),
            "forms": {name.replace("-", "_"): form for name, form in action_forms.items()},
            "failed_action": failed[0] if failed else "",
            "error_links": _error_links(failed[1]) if failed else [],
        },
    )


@staff_only
def request_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_request(request, _case_for(request, reference))


def _other_case(actor, reference: str) -> Case | None:
    reference = reference.strip().upper()
    if not reference:
        return None
    other = Case.objects.filter(reference=reference).first()
    if other is None or not can_view_case(actor, other):
        raise services.RequestError({"other_reference": _("No request with that reference")})
    return other


def _received_at(day: date | None) -> datetime | None:
    """An officer's "it arrived on" day as a moment on that day in London (None: now)."""
    if day is None or day == timezone.localdate():
        return None
    return timezone.make_aware(datetime.combine(day, time(12)))


# Each act on this page and the one action it calls: the register's own (see
# inforights.ownership); tests/staff/test_case_page_one_door.py checks them against the registry.
ACTS: dict[str, Callable[..., object]] = {
    "decision": decisions.record_decision,
    "fees-notice": services.issue_fees_notice,
    "fee-paid": services.record_fee_paid,
    "identity-needed": services.ask_for_identity,
    "identity-verified": services.record_identity_verified,
    "extend": services.extend_request,
    "flag": services.flag_request,
    "internal-review": decisions.request_internal_review,
    "ico-complaint": decisions.record_ico_complaint,
}
# What each act's action is given, from its form.
ARGUMENTS: dict[str, Callable[..., dict]] = {
    "decision": lambda actor, data, form: {
        "decision": data["decision"],
        "exemptions": data.get("exemptions", []),
        "reasons": data["reasons"],
        "public_interest": form.public_interest(),
    },
    "fees-notice": lambda actor, data, form: {"amount": data["amount"], "on": data["on"]},
    "fee-paid": lambda actor, data, form: {"on": data["on"]},
    "identity-needed": lambda actor, data, form: {"note": data["note"]},
    "identity-verified": lambda actor, data, form: {
        "evidence": data["evidence"],
        "on": data["on"],
    },
    "extend": lambda actor, data, form: {"reason": data["reason"]},
    "flag": lambda actor, data, form: {
        "flag": data["flag"],
        "reason": data["reason"],
        "other_case": _other_case(actor, data["other_reference"]),
    },
    "internal-review": lambda actor, data, form: {
        "reason": data["reason"],
        "channel": data["channel"],
        "received_at": _received_at(data["on"]),
    },
    "ico-complaint": lambda actor, data, form: {
        "ico_reference": data["ico_reference"],
        "received_on": data["received_on"],
        "outcome": data["outcome"],
    },
}
DONE = {
    "decision": gettext_lazy("Decision recorded and sent to the requester"),
    "fees-notice": gettext_lazy("Fees notice recorded: the clock has stopped"),
    "fee-paid": gettext_lazy("Fee recorded: the clock is running again"),
    "identity-needed": gettext_lazy("Waiting for proof of identity: the clock has stopped"),
    "identity-verified": gettext_lazy(
        "Identity verified: the month runs from the day the proof arrived"
    ),
    "extend": gettext_lazy("Deadline extended and the requester told"),
    "flag": gettext_lazy("Request flagged"),
    "internal-review": gettext_lazy("Internal review opened"),
    "ico-complaint": gettext_lazy("ICO complaint recorded"),
}


def _field_for(name: str, form: forms.Form) -> str | None:
    """The form field a service's problem is about, or None for the whole form."""
    if name.startswith("public_interest:"):
        name = f"pi_{field_slug(name.split(':', 1)[1])}"
    return name if name in form.fields else None


@staff_only
@require_POST
def request_action(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    case = _case_for(request, reference)
    if not policies.can_act_on_request(request.user, case):
        raise PermissionDenied
    form = _form(action, case, request.POST)
    if form.is_valid():
        try:
            arguments = ARGUMENTS[action](request.user, form.cleaned_data, form)
            ACTS[action](actor=request.user, case=case, **arguments)
        except services.RequestError as error:
            for name, message in error.errors.items():
                form.add_error(_field_for(name, form), message)
        except (CaseError, TransitionNotAllowed) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, DONE[action])
            return redirect("staff:information-request", reference=case.reference)
    return _render_request(request, case, failed=(action, form))


@staff_only
@require_http_methods(["GET", "POST"])
def export_resident(request: HttpRequest, resident_id: int) -> HttpResponse:
    """The page that makes one download of everything held about a resident (POST), so that
    following or prefetching a link never makes an export."""
    resident = get_object_or_404(Resident, pk=resident_id)
    if not policies.can_export_everything_about(request.user, resident):
        raise PermissionDenied
    requests = policies.register_cases(request.user).filter(kind=K.SAR).order_by("-received_at")
    wanted = request.GET.get("case", "")
    form = ExportForm(
        request.POST or None, requests=requests, initial={"case": wanted}, prefix="export"
    )
    if request.method == "POST" and form.is_valid():
        case = form.requests.get(form.cleaned_data["case"])
        made = export.export_everything_about(actor=request.user, resident=resident, case=case)
        response = HttpResponse(made.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{made.file_name}"'
        return response
    return render(
        request,
        "staff/inforights/export.html",
        {
            "resident": resident,
            "form": form,
            "cases": export.cases_about(resident),
            "error_links": _error_links(form) if form.errors else [],
        },
    )
