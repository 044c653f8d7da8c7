"""The form builder's preview (staff:formbuilder): a draft as residents will see it, with the
citizen templates and the engine's own checks, page by page, in any of the site's languages.
Administrators only (forms.policies.can_build_forms), fully signed in. The answers are kept
in the administrator's own browser session only: a preview makes no FormSession, keeps no
file and opens no case."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from opencex.accounts.second_factor import is_fully_signed_in
from opencex.forms import answers as checks
from opencex.forms import building, policies, services
from opencex.forms.models import FormDefinition, FormSession, FormVersion
from opencex.forms.services import CHECK_ANSWERS
from opencex.languages import in_current_language
from opencex.web import form_views

PREVIEW_KEY = "opencex_formbuilder_preview"  # {version pk: {"answers": ..., "pages_done": ...}}


def builders_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """As the staff workspace lets people in (staff.access), for administrators only."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policies.can_build_forms(user):
            raise PermissionDenied
        if not is_fully_signed_in(user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _draft(pk: int) -> FormVersion:
    draft = building.draft_of(get_object_or_404(FormDefinition, pk=pk))
    if draft is None or not draft.schema.get("pages"):
        raise Http404("This form has no draft with pages to preview.")
    return draft


def _language(request: HttpRequest) -> str:
    chosen = request.GET.get("lang", "")
    return chosen if chosen in dict(settings.LANGUAGES) else translation.get_language()


def _pretend_session(request: HttpRequest, draft: FormVersion) -> FormSession:
    """An unsaved FormSession holding the preview's answers, for the engine's reading helpers."""
    kept = request.session.get(PREVIEW_KEY, {}).get(str(draft.pk), {})
    return FormSession(
        version=draft,
        channel="web",
        answers=dict(kept.get("answers", {})),
        pages_done=list(kept.get("pages_done", [])),
    )


def _keep(request: HttpRequest, draft: FormVersion, session: FormSession) -> None:
    previews = dict(request.session.get(PREVIEW_KEY, {}))
    previews[str(draft.pk)] = {"answers": session.answers, "pages_done": session.pages_done}
    request.session[PREVIEW_KEY] = previews


def _url(pk: int, step: str, language: str) -> str:
    name, kwargs = (
        ("web:formbuilder-preview-check", {"pk": pk})
        if step == CHECK_ANSWERS
        else ("web:formbuilder-preview-page", {"pk": pk, "page_id": step})
    )
    return f"{reverse(name, kwargs=kwargs)}?{urlencode({'lang': language})}"


def _languages(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"code": code, "name": name, "url": f"{request.path}?{urlencode({'lang': code})}"}
        for code, name in settings.LANGUAGES
    ]


@builders_only
@require_http_methods(["POST"])
def preview_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the preview afresh (forgetting earlier preview answers) at the first page."""
    draft = _draft(pk)
    session = FormSession(version=draft, channel="web", answers={}, pages_done=[])
    _keep(request, draft, session)
    first = services.first_unanswered_page(session) or CHECK_ANSWERS
    return redirect(_url(pk, first, _language(request)))


@builders_only
@require_http_methods(["GET", "POST"])
def preview_page(request: HttpRequest, pk: int, page_id: str) -> HttpResponse:
    draft = _draft(pk)
    language = _language(request)
    with translation.override(language):
        session = _pretend_session(request, draft)
        page = services.page_by_id(session, page_id)
        visible = {item["id"] for item in services.visible_pages(session)}
        if page is None or page_id not in visible:
            raise Http404("There is no such page in this draft.")
        errors, notice = None, ""
        action = request.POST.get("action", "continue")
        if request.method == "POST" and action.startswith("find-address:"):
            errors, notice = _find_address(session, action.partition(":")[2], request.POST)
            _keep(request, draft, session)
        elif request.method == "POST":
            errors = _check_page(session, page, request)
            if not errors:
                _keep(request, draft, session)
                return redirect(_url(pk, services.next_step(session, after=page_id), language))
        previous = services.previous_page(session, page_id)
        fields = form_views._fields(
            request,
            session,
            page,
            posted=request.POST if request.method == "POST" else None,
            errors=errors,
        )
        return form_views._render_form(
            request,
            "staff/formbuilder/preview_page.html",
            draft.definition,
            draft,
            answers=session.answers,
            status=400 if errors else 200,
            page=page,
            page_title=in_current_language(page["title"]),
            fields=fields,
            errors=form_views._error_list(fields),
            single_question=len(fields) == 1,
            has_file=any(item.type == "file" for item in fields),
            back_url=_url(pk, previous, language) if previous else "",
            notice=notice,
            preview=_banner(request, draft),
        )


def _find_address(session: FormSession, question_id: str, posted) -> tuple[dict | None, str]:
    """As the form's own "Find address" button, with the postcode kept in the preview only."""
    postcode = checks.normalise_postcode(posted.get(f"{question_id}-postcode", ""))
    if postcode is None:
        error = translation.gettext("Enter a full UK postcode, like OX1 1BX")
        return {question_id: checks.Checked(error=error, error_part=f"{question_id}-postcode")}, ""
    session.answers[question_id] = {"lookup": postcode}
    found = services.find_addresses(postcode)
    if not found:
        return None, translation.gettext(
            "We could not find any addresses at that postcode. Enter the address below."
        )
    return None, translation.gettext(
        "%(count)s addresses found. Select yours, or enter it below."
    ) % {"count": len(found)}


def _check_page(session: FormSession, page: dict, request: HttpRequest) -> dict:
    """The engine's checks for one page; right answers are kept in the preview's answers. A file
    is checked for being chosen only: a preview keeps no file."""
    errors: dict[str, checks.Checked] = {}
    values: dict[str, Any] = {}
    for question in services.visible_questions(page, session.answers):
        qid = question["id"]
        if question["type"] == "file":
            upload = request.FILES.get(qid)
            if upload is not None:
                values[qid] = {"name": upload.name}
            elif question.get("required") and not session.answers.get(qid):
                message = question.get("messages", {}).get("required")
                errors[qid] = checks.Checked(
                    error=in_current_language(message)
                    if message
                    else translation.gettext("Select a file")
                )
            continue
        checked = checks.check_answer(question, request.POST)
        if checked.error:
            errors[qid] = checked
        else:
            values[qid] = checked.value
    if not errors:
        session.answers.update(values)
        if page["id"] not in session.pages_done:
            session.pages_done.append(page["id"])
    return errors


@builders_only
@require_http_methods(["GET"])
def preview_check(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(pk)
    language = _language(request)
    with translation.override(language):
        session = _pretend_session(request, draft)
        missing = services.first_unanswered_page(session)
        if missing is not None:
            return redirect(_url(pk, missing, language))
        definition = draft.definition
        rows = services.summary(session)
        previous = services.previous_page(session, CHECK_ANSWERS)
        return form_views._render_form(
            request,
            "staff/formbuilder/preview_check.html",
            definition,
            draft,
            answers=session.answers,
            rows=[
                {"row": row, "change_url": _url(pk, row.page_id, language) + f"#{row.anchor}"}
                for row in rows
            ],
            back_url=_url(pk, previous, language) if previous else "",
            preview=_banner(request, draft),
        )


def _banner(request: HttpRequest, draft: FormVersion) -> dict[str, Any]:
    return {
        "draft": draft,
        "languages": _languages(request),
        "builder_url": reverse("staff:formbuilder-form", kwargs={"pk": draft.definition_id}),
    }
