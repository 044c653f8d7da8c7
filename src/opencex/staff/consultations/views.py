"""Consultations for staff: the horizon scan (what is planned or open, by period, audience, ward
and service area), planning one, its page (the check's clashes, duplicates and equality groups,
each act the officer may take), and the results and decision.

Every page is for council staff (consultations.policies); each act goes through its one service,
which asks the workflow who may. The views parse, call, render."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencex.consultations import policies, selectors, services, workflow
from opencex.consultations.equality import GROUP_NAMES
from opencex.consultations.models import Consultation, Finding
from opencex.staff.access import staff_only
from opencex.staff.consultations.forms import (
    EqualityForm,
    OutcomeForm,
    PlanForm,
    ReasonForm,
    ScanForm,
)

ACT_REFUSALS = (services.ConsultationError, workflow.NotNow)


def _may_view(request: HttpRequest) -> None:
    if not policies.can_view_consultations(request.user):
        raise PermissionDenied


@staff_only
@require_GET
def scan(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    form = ScanForm(request.GET or None)
    today = timezone.localdate()
    filters = form.cleaned_data if form.is_valid() else {}
    start: date = filters.get("start") or today
    months = filters.get("months") or 3
    chosen = selectors.Scan(
        start=start,
        end=start + relativedelta(months=months) - relativedelta(days=1),
        audience=filters.get("audience", ""),
        ward=filters.get("ward", ""),
        service_area=filters.get("service_area", ""),
    )
    context = {
        "form": form,
        "scan": chosen,
        "rows": selectors.horizon(chosen),
        "may_plan": policies.can_plan_consultations(request.user),
    }
    return render(
        request, "staff/consultations/scan.html", context, status=400 if form.errors else 200
    )


def _plan_from(form: PlanForm) -> services.Plan:
    data = form.cleaned_data
    return services.Plan(
        title=data["title"],
        topic=data["topic"],
        service_area=data["service_area"],
        team=data["team"],
        audience=data["audience"],
        panel=data["panel"],
        wards=list(data["wards"]),
        methods=list(data["methods"]),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        is_statutory=data["is_statutory"],
        how_to_take_part=data["how_to_take_part"],
        topics=tuple(data["topics"]),
    )


def _add_service_error(form, error: services.ConsultationError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


@staff_only
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    if not policies.can_plan_consultations(request.user):
        raise PermissionDenied
    initial = {"team": request.user.teams.first()} if request.method == "GET" else None
    form = PlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            made = services.plan_consultation(actor=request.user, plan=_plan_from(form))
        except services.ConsultationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Consultation planned. Now check it for clashes."))
            return redirect("staff:consultation", pk=made.pk)
    context = {"form": form, "consultation": None}
    return render(
        request, "staff/consultations/plan.html", context, status=400 if form.is_bound else 200
    )


@staff_only
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    consultation = get_object_or_404(Consultation, pk=pk)
    if not workflow.may("change", request.user, consultation):
        raise PermissionDenied
    if request.method == "POST":
        form = PlanForm(request.POST)
    else:
        form = PlanForm(
            initial={
                **{
                    name: getattr(consultation, name)
                    for name in (
                        "title",
                        "topic",
                        "service_area",
                        "team",
                        "audience",
                        "panel",
                        "wards",
                        "methods",
                        "starts_on",
                        "ends_on",
                        "is_statutory",
                        "how_to_take_part",
                    )
                },
                "topics": list(consultation.topics.all()),
            }
        )
    if form.is_valid():
        try:
            services.change_plan(
                actor=request.user, consultation=consultation, plan=_plan_from(form)
            )
        except services.ConsultationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Plan changed. Check it again before launch."))
            return redirect("staff:consultation", pk=consultation.pk)
    context = {"form": form, "consultation": consultation}
    return render(
        request, "staff/consultations/plan.html", context, status=400 if form.is_bound else 200
    )


def _page(
    request: HttpRequest,
    consultation: Consultation,
    *,
    reason_forms: dict[int, ReasonForm] | None = None,
    equality_form: EqualityForm | None = None,
    status: int = 200,
) -> HttpResponse:
    findings = list(consultation.findings.select_related("other", "acknowledged_by"))
    checks = list(consultation.equality_checks.all())
    reason_forms = reason_forms or {}
    context = {
        "consultation": consultation,
        "acts": workflow.available_acts(request.user, consultation),
        "findings": [
            (finding, reason_forms.get(finding.pk) or ReasonForm(prefix=f"finding-{finding.pk}"))
            for finding in findings
        ],
        "clashes": [f for f in findings if f.kind == "clash"],
        "equality_form": equality_form or EqualityForm(checks=checks),
        "checks": [(check, GROUP_NAMES.get(check.group, check.group)) for check in checks],
        "outstanding": services.outstanding(consultation)
        if consultation.status == "checked"
        else [],
        "outcome": getattr(consultation, "outcome", None),
        "events": consultation.events.select_related("actor")[:50],
    }
    error_forms = [*reason_forms.values(), *([equality_form] if equality_form else [])]
    context["error_form"] = next((f for f in error_forms if f.errors), None)
    return render(request, "staff/consultations/consultation.html", context, status=status)


@staff_only
@require_GET
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    return _page(request, get_object_or_404(Consultation, pk=pk))


def _act(request: HttpRequest, pk: int, do, done: str) -> HttpResponse:
    _may_view(request)
    consultation = get_object_or_404(Consultation, pk=pk)
    try:
        do(actor=request.user, consultation=consultation)
    except ACT_REFUSALS as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("staff:consultation", pk=consultation.pk)


@staff_only
@require_POST
def check(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.check_consultation, _("Plan checked."))


@staff_only
@require_POST
def launch(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, services.launch_consultation, _("Consultation launched: it is on the website.")
    )


@staff_only
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.close_consultation, _("Consultation closed."))


@staff_only
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, services.publish_results, _("Results and decision published on the website.")
    )


@staff_only
@require_POST
def acknowledge(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    _may_view(request)
    consultation = get_object_or_404(Consultation, pk=pk)
    finding = get_object_or_404(Finding, pk=finding_pk, consultation=consultation)
    form = ReasonForm(request.POST, prefix=f"finding-{finding.pk}")
    if form.is_valid():
        try:
            services.acknowledge_finding(
                actor=request.user, finding=finding, reason=form.cleaned_data["reason"]
            )
        except services.ConsultationError as error:
            form.add_error("reason", str(error))
        except workflow.NotNow as error:
            messages.error(request, str(error))
            return redirect("staff:consultation", pk=consultation.pk)
        else:
            messages.success(request, _("Reason to go ahead recorded."))
            return redirect("staff:consultation", pk=consultation.pk)
    return _page(request, consultation, reason_forms={finding.pk: form}, status=400)


@staff_only
@require_POST
def equality_check(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    consultation = get_object_or_404(Consultation, pk=pk)
    form = EqualityForm(request.POST, checks=consultation.equality_checks.all())
    if form.is_valid():
        try:
            services.record_equality_check(
                actor=request.user, consultation=consultation, how_reached=form.cleaned_data
            )
        except services.ConsultationError as error:
            _add_service_error(form, error)
        except workflow.NotNow as error:
            messages.error(request, str(error))
            return redirect("staff:consultation", pk=consultation.pk)
        else:
            messages.success(request, _("Equality check recorded."))
            return redirect("staff:consultation", pk=consultation.pk)
    return _page(request, consultation, equality_form=form, status=400)


@staff_only
@require_http_methods(["GET", "POST"])
def results(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    consultation = get_object_or_404(Consultation, pk=pk)
    if not workflow.may("record_outcome", request.user, consultation):
        raise PermissionDenied
    outcome = getattr(consultation, "outcome", None)
    initial = None
    if outcome is not None:
        initial = {
            "responses": outcome.responses,
            "themes": outcome.themes,
            "decision": outcome.decision,
            "decided_by": outcome.decided_by,
            "decided_on": outcome.decided_on,
            "changes": list(outcome.changes.all()),
        }
    form = OutcomeForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.record_outcome(
                actor=request.user, consultation=consultation, **form.cleaned_data
            )
        except services.ConsultationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("Results and decision recorded."))
            return redirect("staff:consultation", pk=consultation.pk)
    context = {"form": form, "consultation": consultation}
    return render(
        request, "staff/consultations/results.html", context, status=400 if form.is_bound else 200
    )
