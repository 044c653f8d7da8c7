"""Readiness for staff: the overview (areas to assess, assessments in progress and awaiting
moderation, the strand by area matrix with its chart and CSV), an assessment's task list and each
strand's questions, moderation, an area's scores over time, the live action plan and an
action's page, and the evidence for the Customer Service Excellence assessor.

Every page is for those who may read readiness (readiness.policies); each act checks its own
policy in the one service it calls. The views parse, call, render.
"""

from __future__ import annotations

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencex.accounts.models import User
from opencex.catalogue.models import ServiceArea
from opencex.insight.measures import measure_for
from opencex.insight.periods import Period
from opencex.insight.scorecard import reading
from opencex.readiness import policies, selectors, services, workflow
from opencex.readiness.framework import Framework, current_framework, framework_named
from opencex.readiness.models import Action, Answer, Assessment, AssessmentStatus, Rag
from opencex.staff.access import staff_only
from opencex.staff.readiness.forms import (
    ModerationForm,
    PlanFilterForm,
    ReturnForm,
    StrandForm,
    UpdateForm,
)
from opencex.staff.reports.cells import Column, Table


def _may_view(request: HttpRequest) -> None:
    if not policies.can_view_readiness(request.user):
        raise PermissionDenied


def _score(value) -> float | None:
    return float(value) if value is not None else None


def _matrix_table(framework: Framework, rows: list[selectors.MatrixRow]) -> Table:
    table = Table(
        slug="readiness-matrix",
        title=_("Readiness by service area (latest confirmed assessment)"),
        explanation=_(
            "Each strand's score is the mean of its questions' confirmed levels (1 to 5); "
            "overall is the mean of the strands."
        ),
        columns=[Column(_("Service area"))]
        + [Column(strand.title, "average") for strand in framework.strands]
        + [Column(_("Overall"), "average"), Column(_("Confirmed"), "date")],
    )
    for row in rows:
        table.add(
            row.service_area.name,
            *[_score(row.scores.strands[strand.key]) for strand in framework.strands],
            _score(row.scores.overall),
            row.assessment.confirmed_on,
        )
    return table


def _council_table(framework: Framework, rows: list[selectors.MatrixRow]) -> Table:
    council = selectors.council_scores(framework)
    table = Table(
        slug="readiness-council",
        title=_("Council-wide readiness by strand"),
        explanation=_("The mean of the service areas' latest confirmed scores, 1 to 5."),
        columns=[Column(_("Strand")), Column(_("Score"), "average")],
    )
    for strand in framework.strands:
        table.add(strand.title, _score(council.strands[strand.key]))
    return table


@staff_only
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    framework = current_framework()
    user = request.user
    in_progress = list(
        Assessment.objects.exclude(status=AssessmentStatus.CONFIRMED).select_related(
            "service_area", "started_by"
        )
    )
    busy = {assessment.service_area_id for assessment in in_progress}
    areas = list(policies.areas_assessable_by(user).exclude(pk__in=busy).order_by("name"))
    to_moderate = [
        a
        for a in in_progress
        if a.status == AssessmentStatus.SUBMITTED and policies.can_moderate(user, a)
    ]
    rows = selectors.matrix(framework)
    context = {
        "framework": framework,
        "areas": areas,
        "in_progress": in_progress,
        "to_moderate": to_moderate,
        "matrix": _matrix_table(framework, rows),
        "council_scores": _council_table(framework, rows),
        "has_scores": bool(rows),
        "rows": rows,
    }
    return render(request, "staff/readiness/overview.html", context)


def _csv(name: str, rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    csv.writer(response).writerows(rows)
    return response


@staff_only
@require_GET
def scores_csv(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    framework = current_framework()
    table = _matrix_table(framework, selectors.matrix(framework))
    return _csv(f"readiness-scores-{timezone.localdate().isoformat()}.csv", table.csv_rows())


@staff_only
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    chosen = request.POST.get("service_area", "")
    # A database id: up to 18 ASCII digits; anything else is no service area.
    is_id = chosen.isascii() and chosen.isdigit() and len(chosen) <= 18
    area = get_object_or_404(ServiceArea, pk=int(chosen) if is_id else 0)
    try:
        assessment = services.start_assessment(actor=request.user, service_area=area)
    except services.ReadinessError as error:
        messages.error(request, str(error))
        return redirect("staff:readiness")
    messages.success(request, _("Self-assessment started."))
    return redirect("staff:readiness-assessment", pk=assessment.pk)


def _answers(assessment: Assessment) -> dict[str, Answer]:
    return {answer.question_key: answer for answer in assessment.answers.all()}


def _strand_status(strand, answers: dict[str, Answer]) -> str:
    done = [
        answers[q.key].self_level is not None and bool(answers[q.key].evidence)
        for q in strand.questions
    ]
    if all(done):
        return "completed"
    if any(
        answers[q.key].self_level is not None or answers[q.key].evidence for q in strand.questions
    ):
        return "in-progress"
    return "not-started"


def _assessment_page(
    request: HttpRequest, assessment: Assessment, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    framework = framework_named(assessment.framework)
    answers = _answers(assessment)
    scores = selectors.scores(assessment)
    user = request.user
    context = {
        "assessment": assessment,
        "framework": framework,
        "strands": [
            (strand, _strand_status(strand, answers), scores.strands[strand.key])
            for strand in framework.strands
        ],
        "rows": [
            (strand, [(q, answers[q.key]) for q in strand.questions])
            for strand in framework.strands
        ],
        "scores": scores,
        "may_answer": workflow.is_answerable(assessment.status)
        and policies.can_assess(user, assessment.service_area),
        "may_moderate": assessment.status == AssessmentStatus.SUBMITTED
        and policies.can_moderate(user, assessment),
        "is_confirmed": assessment.status == AssessmentStatus.CONFIRMED,
        "actions": assessment.actions.select_related("owner"),
        "events": assessment.events.select_related("actor")[:30],
        "errors": errors or [],
    }
    return render(request, "staff/readiness/assessment.html", context, status=status)


@staff_only
@require_GET
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    found = get_object_or_404(Assessment.objects.select_related("service_area"), pk=pk)
    return _assessment_page(request, found)


@staff_only
@require_http_methods(["GET", "POST"])
def strand(request: HttpRequest, pk: int, strand: str) -> HttpResponse:
    _may_view(request)
    found = get_object_or_404(Assessment.objects.select_related("service_area"), pk=pk)
    framework = framework_named(found.framework)
    chosen = framework.strand(strand)
    if chosen is None:
        raise Http404
    if not workflow.is_answerable(found.status) or not policies.can_assess(
        request.user, found.service_area
    ):
        raise PermissionDenied
    form = StrandForm(
        request.POST if request.method == "POST" else None, strand=chosen, answers=_answers(found)
    )
    if form.is_valid():
        data = form.cleaned_data
        given = {
            q.key: services.AnswerInput(
                level=int(data[f"{q.key}-level"]) if data[f"{q.key}-level"] else None,
                evidence=data[f"{q.key}-evidence"],
                links=data[f"{q.key}-links"],
            )
            for q in chosen.questions
        }
        try:
            services.save_answers(actor=request.user, assessment=found, answers=given)
        except services.ReadinessError as error:
            for field, message in error.errors:
                form.add_error(field or None, message)
        else:
            messages.success(request, _("%(strand)s saved.") % {"strand": chosen.title})
            return redirect("staff:readiness-assessment", pk=found.pk)
    context = {"assessment": found, "framework": framework, "strand": chosen, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "staff/readiness/strand.html", context, status=status)


@staff_only
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    found = get_object_or_404(Assessment.objects.select_related("service_area"), pk=pk)
    try:
        services.submit_assessment(actor=request.user, assessment=found)
    except (services.ReadinessError, workflow.WorkflowError) as error:
        return _assessment_page(request, found, errors=[str(error)], status=400)
    messages.success(request, _("Self-assessment submitted for moderation."))
    return redirect("staff:readiness-assessment", pk=found.pk)


def _moderation_page(
    request: HttpRequest,
    found: Assessment,
    form: ModerationForm,
    return_form: ReturnForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "assessment": found,
        "framework": form.framework,
        "form": form,
        "return_form": return_form,
        "self_scores": selectors.scores(found, confirmed=False),
    }
    return render(request, "staff/readiness/moderate.html", context, status=status)


@staff_only
@require_http_methods(["GET", "POST"])
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    found = get_object_or_404(Assessment.objects.select_related("service_area"), pk=pk)
    if found.status != AssessmentStatus.SUBMITTED or not policies.can_moderate(request.user, found):
        raise PermissionDenied
    framework = framework_named(found.framework)
    form = ModerationForm(
        request.POST if request.method == "POST" else None,
        framework=framework,
        answers=_answers(found),
    )
    if form.is_valid():
        data = form.cleaned_data
        decisions = {
            q.key: services.Decision(
                level=int(data[f"{q.key}-level"]) if data[f"{q.key}-level"] else None,
                reason=data[f"{q.key}-reason"],
            )
            for q in framework.questions()
        }
        try:
            made = services.confirm_assessment(
                actor=request.user, assessment=found, decisions=decisions
            )
        except services.ReadinessError as error:
            for field, message in error.errors:
                form.add_error(field or None, message)
        else:
            messages.success(
                request,
                _("Assessment confirmed. %(count)s actions were added to the action plan.")
                % {"count": len(made)},
            )
            return redirect("staff:readiness-assessment", pk=found.pk)
    status = 400 if form.is_bound else 200
    return _moderation_page(request, found, form, ReturnForm(), status)


@staff_only
@require_POST
def return_for_changes(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    found = get_object_or_404(Assessment.objects.select_related("service_area"), pk=pk)
    if found.status != AssessmentStatus.SUBMITTED or not policies.can_moderate(request.user, found):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        services.return_assessment(
            actor=request.user, assessment=found, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Assessment returned to the service for changes."))
        return redirect("staff:readiness-assessment", pk=found.pk)
    framework = framework_named(found.framework)
    moderation = ModerationForm(framework=framework, answers=_answers(found))
    return _moderation_page(request, found, moderation, form, status=400)


@staff_only
@require_GET
def area(request: HttpRequest, slug: str) -> HttpResponse:
    _may_view(request)
    service_area = get_object_or_404(ServiceArea, slug=slug)
    framework = current_framework()
    history = [
        (assessment, scores)
        for assessment, scores in selectors.history(service_area)
        if assessment.framework == framework.name
    ]
    table = Table(
        slug="readiness-over-time",
        title=_("Overall readiness over time: %(area)s") % {"area": service_area.name},
        explanation=_("Each confirmed assessment's scores, oldest first."),
        columns=[Column(_("Confirmed"), "date")]
        + [Column(strand.title, "average") for strand in framework.strands]
        + [Column(_("Overall"), "average")],
    )
    for assessment, scores in history:
        table.add(
            assessment.confirmed_on,
            *[_score(scores.strands[strand.key]) for strand in framework.strands],
            _score(scores.overall),
        )
    context = {
        "service_area": service_area,
        "framework": framework,
        "table": table,
        "assessments": Assessment.objects.filter(service_area=service_area),
    }
    return render(request, "staff/readiness/area.html", context)


def _filtered_actions(request: HttpRequest, framework: Framework):
    owners = list(User.objects.filter(pk__in=Action.objects.values("owner")).order_by("full_name"))
    form = PlanFilterForm(request.GET or None, framework=framework, owners=owners)
    today = timezone.localdate()
    shown = Action.objects.filter(framework=framework.name).select_related("owner", "service_area")
    if form.is_valid():
        data = form.cleaned_data
        if data["strand"]:
            shown = shown.filter(strand_key=data["strand"])
        if data["owner"]:
            shown = shown.filter(owner_id=data["owner"])
        if data["rag"] == Rag.RED:
            # Red is what is recorded red and whatever is overdue.
            shown = shown.filter(Q(rag=Rag.RED) | Q(pk__in=Action.objects.overdue(today)))
        elif data["rag"]:
            shown = shown.filter(rag=data["rag"]).exclude(pk__in=Action.objects.overdue(today))
        if data["overdue"]:
            shown = shown.overdue(today)
    return form, list(shown), today


@staff_only
@require_GET
def actions(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    framework = current_framework()
    form, shown, today = _filtered_actions(request, framework)
    context = {
        "framework": framework,
        "form": form,
        "rows": [
            (
                action,
                framework.strand(action.strand_key),
                action.rag_on(today),
                action.is_overdue(today),
            )
            for action in shown
        ],
        "counts": selectors.rag_counts(shown, today),
        "query": request.GET.urlencode(),
    }
    return render(request, "staff/readiness/actions.html", context)


@staff_only
@require_GET
def actions_csv(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    framework = current_framework()
    _form, shown, today = _filtered_actions(request, framework)
    rows: list[list] = [
        [
            "Action",
            "Service area",
            "Strand",
            "Question",
            "Owner",
            "Due",
            "Status",
            "Overdue",
            "Measures",
        ]
    ]
    for action in shown:
        question = framework.question(action.question_key)
        strand_found = framework.strand(action.strand_key)
        rows.append(
            [
                _safe(action.title),
                _safe(action.service_area.name),
                strand_found.title if strand_found else action.strand_key,
                question.number if question else action.question_key,
                _safe(action.owner.full_name),
                action.due_on.isoformat(),
                action.rag_on(today),
                "yes" if action.is_overdue(today) else "no",
                " ".join(action.measure_keys),
            ]
        )
    return _csv(f"readiness-actions-{today.isoformat()}.csv", rows)


def _safe(text: str) -> str:
    """Text that a spreadsheet cannot mistake for a formula."""
    return f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def _last_whole_month(today):
    end = today.replace(day=1) - timedelta(days=1)
    return Period(end.replace(day=1), end)


def _readings(action: Action, today) -> list:
    period = _last_whole_month(today)
    found = [measure_for(key) for key in action.measure_keys]
    return [reading(measure, period) for measure in found if measure is not None]


@staff_only
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    found = get_object_or_404(Action.objects.select_related("owner", "service_area"), pk=pk)
    may_update = policies.can_update_action(request.user, found)
    form = UpdateForm(
        request.POST if request.method == "POST" else None, initial={"rag": found.rag}
    )
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_action(actor=request.user, action=found, **form.cleaned_data)
            except services.ReadinessError as error:
                for field, message in error.errors:
                    form.add_error(field or None, message)
            else:
                messages.success(request, _("Update added."))
                return redirect("staff:readiness-action", pk=found.pk)
    framework = framework_named(found.framework)
    today = timezone.localdate()
    context = {
        "action": found,
        "question": framework.question(found.question_key),
        "strand": framework.strand(found.strand_key),
        "rag": found.rag_on(today),
        "is_overdue": found.is_overdue(today),
        "readings": _readings(found, today),
        "period": _last_whole_month(today),
        "updates": found.updates.select_related("by"),
        "form": form,
        "may_update": may_update,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "staff/readiness/action.html", context, status=status)


@staff_only
@require_GET
def cse_evidence(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    framework = current_framework()
    context = {"criteria": selectors.cse_evidence(framework), "framework": framework}
    return render(request, "staff/readiness/cse.html", context)


@staff_only
@require_GET
def cse_evidence_csv(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    framework = current_framework()
    rows: list[list] = [
        [
            "Criterion",
            "Sub-criterion",
            "Element",
            "To be checked",
            "Service area",
            "Source",
            "Question",
            "Level",
            "Evidence",
            "Links",
            "Date",
        ]
    ]
    for criterion in selectors.cse_evidence(framework):
        for sub, items in criterion.sub_criteria:
            for item in items:
                rows.append(
                    [
                        f"{criterion.number} {criterion.title}",
                        f"{sub.number} {sub.title}",
                        item.reference.element,
                        "yes" if item.reference.uncertain else "no",
                        _safe(item.service_area),
                        item.source,
                        f"{item.question_number} {_safe(item.question)}",
                        item.level or "",
                        _safe(item.evidence),
                        " ".join(item.links),
                        item.dated.isoformat() if item.dated else "",
                    ]
                )
    return _csv(f"cse-evidence-{timezone.localdate().isoformat()}.csv", rows)
