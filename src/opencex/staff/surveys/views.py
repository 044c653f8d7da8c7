"""Surveys for staff: the surveys with their response counts, and a survey's results: for each
question its answers by option (a table, and a chart drawn from it), the share satisfied for the
bank's scale questions, response rates by stratum, the free-text answers themed, and downloads
(every response as CSV; the tables and the responses as XLSX). Counts about people under the
council's small-number threshold are hidden, as on the reports (insight.small_numbers).
For the roles surveys.policies names.

Running a survey (for the roles `surveys.policies.can_run_surveys` names): starting one from a
shipped definition (`services.create_survey`), inviting a stratified sample of a panel
(`services.invite_sample`) and closing it (`services.close_survey`)."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from opencex.insight.small_numbers import Hidden, small_number_threshold, suppress
from opencex.staff.access import staff_only
from opencex.staff.reports.cells import Cell, Column, Table
from opencex.staff.reports.exports import xlsx_response
from opencex.staff.surveys.forms import InviteSampleForm, StartSurveyForm
from opencex.surveys import policies, selectors, services
from opencex.surveys import results as survey_results
from opencex.surveys.models import Audience, Survey
from opencex.surveys.services import STRATA


def _may_view(request: HttpRequest) -> None:
    if not policies.can_view_survey_results(request.user):
        raise PermissionDenied


def _may_run(request: HttpRequest) -> None:
    if not policies.can_run_surveys(request.user):
        raise PermissionDenied


def _may_invite(survey: Survey) -> bool:
    """A panel sample is invited to an open panel-sample survey, while it is open."""
    return survey.audience == Audience.PANEL_SAMPLE and survey.is_open_on(timezone.localdate())


def _shown(count: int, hidden: Hidden | None) -> int | str:
    if hidden is None:
        return count
    return (
        _("fewer than %(n)s") % {"n": small_number_threshold()}
        if hidden == Hidden.SMALL
        else _("hidden")
    )


def _question_table(number: int, result: survey_results.QuestionResult) -> Table:
    """One question's answers by option; a cell of fewer people than the threshold (and any
    cell that would give it away) is hidden, and the share is shown only when nothing is."""
    table = Table(
        slug=f"q{number}-{result.key}".replace("_", "-"),
        title=result.label,
        explanation=_("Answers by option; %(n)s people answered this question.")
        % {"n": result.answered}
        if result.answered >= small_number_threshold()
        else _("Fewer than %(n)s people answered this question: the answers are hidden.")
        % {"n": small_number_threshold()},
        columns=[Column(_("Answer")), Column(_("People"), "count"), Column(_("Share"), "percent")],
    )
    counts = [option.count for option in result.options]
    hidden = suppress([[*counts, result.answered]], threshold=small_number_threshold())
    if hidden(0, len(counts)) is not None:
        return table  # too few answered: nothing shown
    for column, option in enumerate(result.options):
        state = hidden(0, column)
        if state is None:
            share = option.count / result.answered if result.answered else None
            table.rows.append(
                [Cell(option.label), Cell(option.count, "count"), Cell(share, "percent")]
            )
        else:
            table.rows.append(
                [Cell(option.label), Cell(str(_shown(option.count, state))), Cell(None)]
            )
    return table


def _rate_table(survey: Survey, by: str) -> Table:
    names = {"age_band": _("age band"), "ward": _("ward"), "tenure": _("tenure")}
    table = Table(
        slug=f"response-rate-{by}".replace("_", "-"),
        title=_("Response rate by %(stratum)s") % {"stratum": names[by]},
        explanation=_(
            "Invitations sent and answered, by the stratum the person was invited in "
            "(“not given”: they chose not to say)."
        ),
        columns=[
            Column(names[by].capitalize()),
            Column(_("Invited"), "count"),
            Column(_("Answered"), "count"),
            Column(_("Response rate"), "percent"),
        ],
    )
    rows = survey_results.response_rates(survey, by)
    grid = [[row.answered, row.invited] for row in rows]
    if rows:
        grid.append([sum(r.answered for r in rows), sum(r.invited for r in rows)])
    hidden = suppress(grid, threshold=small_number_threshold())
    for number, row in enumerate(rows):
        answered_hidden = hidden(number, 0)
        table.rows.append(
            [
                Cell(row.stratum),
                Cell(row.invited, "count")
                if hidden(number, 1) is None
                else Cell(str(_shown(row.invited, hidden(number, 1)))),
                Cell(row.answered, "count")
                if answered_hidden is None
                else Cell(str(_shown(row.answered, answered_hidden))),
                Cell(row.rate, "percent")
                if answered_hidden is None and hidden(number, 1) is None
                else Cell(None),
            ]
        )
    return table


def _themes_table(number: int, text: survey_results.FreeText) -> Table:
    table = Table(
        slug=f"themes-{number}",
        title=_("Themes in: %(question)s") % {"question": text.label},
        explanation=_(
            "How many answers use each theme's words (feedback themes; an answer may have "
            "more than one)."
        ),
        columns=[Column(_("Theme")), Column(_("Answers"), "count")],
        empty=_("No answers yet."),
    )
    threshold = small_number_threshold()
    for name, count in [*text.themes, (_("No theme"), text.unthemed)]:
        shown = count if count >= threshold or threshold <= 1 else _shown(count, Hidden.SMALL)
        if count:
            table.rows.append(
                [Cell(name), Cell(shown, "count" if isinstance(shown, int) else "text")]
            )
    return table


def _share_shown(result: survey_results.QuestionResult) -> bool:
    """The share satisfied, when neither those satisfied nor the others are too few to show."""
    if result.positive is None or result.with_a_view is None:
        return False
    threshold = small_number_threshold()
    return min(result.positive, result.with_a_view - result.positive) >= threshold


def _drawable(table: Table) -> bool:
    """A chart only when every count is shown: a hidden one must not be drawn as nothing."""
    return bool(table.rows) and all(isinstance(row[1].value, int) for row in table.rows)


def _tables(survey: Survey) -> dict:
    questions = survey_results.question_results(survey)
    texts = survey_results.free_text(survey)
    return {
        "questions": [
            {
                "result": result,
                "table": table,
                "drawable": _drawable(table),
                "share_shown": _share_shown(result),
            }
            for number, result in enumerate(questions, start=1)
            for table in [_question_table(number, result)]
        ],
        "rates": [_rate_table(survey, by) for by in STRATA],
        "texts": [
            {"text": text, "table": _themes_table(number, text)}
            for number, text in enumerate(texts, start=1)
        ],
    }


@staff_only
@require_GET
def surveys(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    context = {
        "rows": selectors.surveys_with_counts(),
        "may_run": policies.can_run_surveys(request.user),
    }
    return render(request, "staff/surveys/surveys.html", context)


@staff_only
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    _may_view(request)
    survey = get_object_or_404(Survey.objects.select_related("form"), pk=pk)
    context = {
        "survey": survey,
        "response_count": survey.responses.count(),
        "invited": survey.invitations.count(),
        "threshold": small_number_threshold(),
        "may_run": policies.can_run_surveys(request.user),
        "may_invite": _may_invite(survey),
        "invite_form": InviteSampleForm(),
        **_tables(survey),
    }
    return render(request, "staff/surveys/results.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """Start a survey: its definition, title, purpose, audience, days and anonymity."""
    _may_run(request)
    form = StartSurveyForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.create_survey(
                actor=request.user,
                definition=data["definition"],
                title=data["title"],
                purpose=data["purpose"],
                audience=data["audience"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                is_anonymous=data["is_anonymous"],
            )
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Survey started: %(title)s") % {"title": survey.title})
            return redirect("staff:survey-results", pk=survey.pk)
    status = 400 if form.is_bound else 200
    return render(request, "staff/surveys/start.html", {"form": form}, status=status)


@staff_only
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a stratified sample of a panel to an open panel-sample survey; says how many were
    invited and how many active members were left out (asked within the council's limit,
    already invited, or with no channel they agreed to)."""
    _may_run(request)
    survey = get_object_or_404(Survey, pk=pk)
    form = InviteSampleForm(request.POST if request.method == "POST" else None)
    if not _may_invite(survey):
        form.add_error(None, _("Only an open survey of a panel sample can be sent to a panel."))
    elif form.is_valid():
        panel = form.cleaned_data["panel"]
        now = timezone.now()
        frame = selectors.sample_frame(survey, panel, now=now)
        try:
            invited = services.invite_sample(
                survey=survey,
                panel=panel,
                size=form.cleaned_data["size"],
                actor=request.user,
                now=now,
            )
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Members invited: %(invited)s. Active members left out (asked to a survey "
                    "too recently, already invited, or no way to reach them they agreed to): "
                    "%(left_out)s."
                )
                % {"invited": len(invited), "left_out": frame.left_out},
            )
            return redirect("staff:survey-results", pk=survey.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "survey": survey}
    return render(request, "staff/surveys/invite.html", context, status=status)


@staff_only
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a survey: no one can answer it after."""
    _may_run(request)
    survey = get_object_or_404(Survey, pk=pk)
    services.close_survey(actor=request.user, survey=survey)
    messages.success(request, _("Survey closed: no one can answer it now."))
    return redirect("staff:survey-results", pk=survey.pk)


def _cell(value) -> Cell:
    if isinstance(value, int):
        return Cell(value, "count")
    if isinstance(value, date):
        return Cell(value, "date")
    return Cell(value)


def _file_name(survey: Survey, suffix: str) -> str:
    return f"survey-{survey.pk}-responses-{timezone.localdate().isoformat()}.{suffix}"


@staff_only
@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every response, one a row (no name or contact details); text that a spreadsheet would
    run as a formula is guarded as on the reports."""
    _may_view(request)
    survey = get_object_or_404(Survey, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(survey, "csv")}"'
    writer = csv.writer(response)
    for row in survey_results.export_rows(survey):
        writer.writerow([_cell(value).as_csv() for value in row])
    return response


@staff_only
@require_GET
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The results tables and every response, a sheet each."""
    _may_view(request)
    survey = get_object_or_404(Survey, pk=pk)
    tables = _tables(survey)
    rows = survey_results.export_rows(survey)
    responses = Table(
        slug="responses",
        title=_("Responses"),
        explanation="",
        columns=[Column(str(heading)) for heading in rows[0]],
    )
    for row in rows[1:]:
        responses.rows.append([_cell(value) for value in row])
    sheets = [item["table"] for item in tables["questions"]] + tables["rates"]
    sheets += [item["table"] for item in tables["texts"]] + [responses]
    return xlsx_response(sheets, _file_name(survey, "xlsx"))
