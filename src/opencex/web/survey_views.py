"""Answering a survey (opencex.surveys) with one's own invitation link: a start page, the survey
form's pages as the forms engine renders them (GOV.UK patterns, the engine's checks and error
summary, the branching decided on the server), check your answers, and a thank-you page. The
link is the way back: answers are kept page by page, so "Save and come back later" only says
so. No JavaScript is needed; a survey is answered once."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opencex import ratelimits
from opencex.clientaddress import client_address
from opencex.forms import services as form_services
from opencex.forms.models import FormSession, FormVersion
from opencex.forms.services import CHECK_ANSWERS
from opencex.languages import current_language, in_current_language
from opencex.surveys import services
from opencex.surveys.models import Audience, Invitation, Survey
from opencex.web import form_views

OPEN_KEY = "opencex_open_surveys"  # {survey pk: the signed token of this browser's answers}
OPEN_STARTS_PER_HOUR = 10  # from one address: a household or an office may share one


def _invitation(token: str) -> Invitation:
    invitation = services.invitation_for_link(token)
    if invitation is None:
        raise Http404("There is no survey at this link.")
    return invitation


def _session(invitation: Invitation, version: FormVersion) -> FormSession:
    """An unsaved FormSession holding the invitation's answers, for the engine's helpers."""
    return FormSession(
        version=version,
        channel="web",
        answers=dict(invitation.answers),
        pages_done=list(invitation.pages_done),
    )


def _url(token: str, step: str) -> str:
    if step == CHECK_ANSWERS:
        return reverse("web:survey-check", kwargs={"token": token})
    return reverse("web:survey-page", kwargs={"token": token, "page_id": step})


def _context(invitation: Invitation, version: FormVersion, **more: Any) -> dict[str, Any]:
    return {
        "survey": invitation.survey,
        "form_title": version.title_in(current_language()),
        **more,
    }


def _unavailable(request: HttpRequest, survey: Survey) -> HttpResponse:
    """A survey that cannot be answered (closed, or with no published form): a page that says
    so, not an error."""
    return render(request, "web/surveys/closed.html", {"survey": survey}, status=410)


def _version(survey: Survey) -> FormVersion | None:
    try:
        return services.version_of(survey)
    except services.SurveyError:
        return None


def _not_open(request: HttpRequest, invitation: Invitation) -> HttpResponse | None:
    """The page to show instead when the survey cannot be answered (any more)."""
    if invitation.answered_at is not None:
        return render(request, "web/surveys/answered.html", {"survey": invitation.survey})
    if not services.may_answer(invitation) or _version(invitation.survey) is None:
        return _unavailable(request, invitation.survey)
    return None


@require_http_methods(["GET", "POST"])
def open_survey(request: HttpRequest, pk: int) -> HttpResponse:
    """An open-link survey's own address: its start page; "Start now" makes the person's own
    link (kept in their browser's session, so coming back carries on)."""
    survey = get_object_or_404(
        Survey.objects.select_related("form"),
        pk=pk,
        audience=Audience.OPEN_LINK,
        measures_tsm=False,  # the TSM is only ever answered by invitation
    )
    version = _version(survey)
    if not survey.is_open_on(timezone.localdate()) or version is None:
        return _unavailable(request, survey)
    started = request.session.get(OPEN_KEY, {}).get(str(survey.pk))
    if started:
        return redirect("web:survey", token=started)
    problem, status = "", 200
    if request.method == "POST":
        if ratelimits.allow(
            scope="survey-open-start",
            values=[client_address(request)],
            limit=OPEN_STARTS_PER_HOUR,
            window=timedelta(hours=1),
        ):
            invitation = services.start_open_response(survey=survey, language=current_language())
            token = services.invitation_token(invitation)
            request.session[OPEN_KEY] = {
                **request.session.get(OPEN_KEY, {}),
                str(survey.pk): token,
            }
            return redirect("web:survey", token=token)
        problem = _("This survey has been started too many times from here. Try again in an hour.")
        status = 429
    context = {
        "problem": problem,
        "survey": survey,
        "form_title": version.title_in(current_language()),
        "intro": [in_current_language(text) for text in version.schema.get("intro", [])],
        "start_url": "",
        "has_started": False,
    }
    return render(request, "web/surveys/start.html", context, status=status)


@require_http_methods(["GET"])
def survey_start(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    stop = _not_open(request, invitation)
    if stop:
        return stop
    version = services.version_of(invitation.survey)
    session = _session(invitation, version)
    first = form_services.first_unanswered_page(session) or CHECK_ANSWERS
    context = _context(
        invitation,
        version,
        intro=[in_current_language(text) for text in version.schema.get("intro", [])],
        start_url=_url(token, first),
        has_started=bool(invitation.pages_done),
    )
    return render(request, "web/surveys/start.html", context)


@require_http_methods(["GET", "POST"])
def survey_page(request: HttpRequest, token: str, page_id: str) -> HttpResponse:
    invitation = _invitation(token)
    stop = _not_open(request, invitation)
    if stop:
        return stop
    version = services.version_of(invitation.survey)
    session = _session(invitation, version)
    page = form_services.page_by_id(session, page_id)
    if page is None or page_id not in {p["id"] for p in form_services.visible_pages(session)}:
        raise Http404("There is no such page in this survey.")
    errors = None
    if request.method == "POST":
        try:
            errors = services.save_page(invitation=invitation, page=page, posted=request.POST)
        except services.SurveyError:  # sent meanwhile (another tab): say so, as on arrival
            invitation.refresh_from_db()
            return _not_open(request, invitation) or redirect("web:survey", token=token)
        if not errors:
            if request.POST.get("action") == "save":
                return render(
                    request,
                    "web/surveys/saved.html",
                    _context(invitation, version, survey_url=reverse("web:survey", args=[token])),
                )
            session = _session(invitation, version)
            return redirect(_url(token, form_services.next_step(session, after=page_id)))
    previous = form_services.previous_page(session, page_id)
    fields = form_views._fields(
        request,
        session,
        page,
        posted=request.POST if request.method == "POST" else None,
        errors=errors,
    )
    context = _context(
        invitation,
        version,
        page=page,
        page_title=in_current_language(page["title"]),
        fields=fields,
        errors=form_views._error_list(fields),
        single_question=len(fields) == 1,
        has_file=False,
        back_url=_url(token, previous) if previous else reverse("web:survey", args=[token]),
    )
    return render(request, "web/surveys/page.html", context, status=400 if errors else 200)


@require_http_methods(["GET", "POST"])
def survey_check(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    stop = _not_open(request, invitation)
    if stop:
        return stop
    version = services.version_of(invitation.survey)
    session = _session(invitation, version)
    missing = form_services.first_unanswered_page(session)
    if missing is not None:
        return redirect(_url(token, missing))
    if request.method == "POST":
        # Answered meanwhile (another tab) or just closed: the page it goes to says which.
        with contextlib.suppress(services.SurveyError):
            services.submit_response(invitation=invitation, language=current_language())
        return redirect("web:survey-done", token=token)
    rows = [
        {"row": row, "change_url": _url(token, row.page_id) + f"#{row.anchor}"}
        for row in form_services.summary(session)
    ]
    previous = form_services.previous_page(session, CHECK_ANSWERS)
    context = _context(
        invitation,
        version,
        rows=rows,
        back_url=_url(token, previous) if previous else reverse("web:survey", args=[token]),
    )
    return render(request, "web/surveys/check_answers.html", context)


@require_http_methods(["GET"])
def survey_done(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    if invitation.answered_at is None:
        return redirect("web:survey", token=token)
    return render(
        request,
        "web/surveys/done.html",
        {"survey": invitation.survey, "answered_on": timezone.localdate(invitation.answered_at)},
    )
