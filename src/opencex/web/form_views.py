"""The citizen pages of a form: start, one page per step, check your answers, confirmation, and
save and come back later. Each view reads the session, calls opencex.forms.services and renders;
the answers live on the server, so they survive an error, a back button or a lost connection."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opencex import ratelimits
from opencex.cases.hazards import ADVICE, can_tell, choose_clock
from opencex.cases.models import CaseKind, Channel
from opencex.clientaddress import client_address
from opencex.complaints.selectors import possible_complaint
from opencex.contacts import lines
from opencex.contacts.services import IN_PERSON_CHANNELS
from opencex.forms import answers as checks
from opencex.forms import services
from opencex.forms.assisted import AssistedStartError
from opencex.forms.communication import (
    CommunicationNeeds,
    known_communication_needs,
    read_communication_needs,
)
from opencex.forms.models import FormDefinition, FormSession, FormVersion
from opencex.forms.services import CHECK_ANSWERS, ResumeLinkInvalid
from opencex.languages import current_language, in_current_language
from opencex.notify.next_steps import case_next_steps
from opencex.people.communication import AccessibleFormat, interpreter_language_choices
from opencex.people.models import Resident
from opencex.requestguard import database_id

SESSION_KEY = "opencex_forms"  # {form slug: FormSession.token}
# Per address: enough for a household, a library PC or a shared connection; not for a script.
SUBMISSIONS_PER_WINDOW = 10
SAVES_PER_WINDOW = 5
WINDOW_SECONDS = 10 * 60
ACCEPTED_FILES = "image/jpeg,image/png,image/gif,image/heic,image/webp,application/pdf"


# ---- the session ----------------------------------------------------------------------------


def _definition(slug: str) -> FormDefinition:
    return get_object_or_404(
        FormDefinition.objects.select_related("service"), slug=slug, is_live=True
    )


def _being_filled_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view of a form the visitor is filling in, given its definition and their session: with
    no session, back to the form's start; once sent, the confirmation (a double click, a
    resubmitted page or the back button all get the same confirmation)."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        definition = _definition(slug)
        session = _form_session(request, definition)
        if session is None:
            return redirect("web:form-start", slug=slug)
        if session.is_submitted:
            return redirect("web:form-confirmation", slug=slug)
        return view(request, slug, *args, definition=definition, session=session, **kwargs)

    return wrapped


def _form_session(request: HttpRequest, definition: FormDefinition) -> FormSession | None:
    token = request.session.get(SESSION_KEY, {}).get(definition.slug)
    if not token:
        return None
    return (
        FormSession.objects.active()
        .select_related("version__definition", "case")
        .filter(token=token, version__definition=definition)
        .first()
    )


def _remember(request: HttpRequest, session: FormSession) -> None:
    tokens = dict(request.session.get(SESSION_KEY, {}))
    tokens[session.version.definition.slug] = session.token
    request.session[SESSION_KEY] = tokens


def _actor(request: HttpRequest):
    """Who is acting: the signed-in user, or None for a resident who has not signed in."""
    return request.user if request.user.is_authenticated else None


def _is_staff(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.is_council_staff


def _check_channel(request: HttpRequest, channel: str) -> str:
    """Only an officer fills a form in for someone on another channel (phone, desk)."""
    if channel not in Channel.values:
        raise Http404("No such channel.")
    channel = Channel(channel)
    if channel != Channel.WEB and not _is_staff(request):
        raise PermissionDenied(_("Only council staff can fill in a form for someone else."))
    return channel


def _go(slug: str, step: str, *, changing: bool = False):
    if step == CHECK_ANSWERS:
        return redirect("web:form-check-answers", slug=slug)
    url = reverse("web:form-page", kwargs={"slug": slug, "page_id": step})
    return redirect(f"{url}?change=1" if changing else url)


def _within_limit(request: HttpRequest, scope: str, limit: int) -> bool:
    """A fixed window per address (opencex.ratelimits), as the API does. Council
    staff are not limited: a contact centre sends many forms from one address."""
    if _is_staff(request):
        return True
    count = ratelimits.count(
        scope=f"forms:{scope}",
        value=client_address(request),
        window=timedelta(seconds=WINDOW_SECONDS),
    )
    return count <= limit


def _too_many(request: HttpRequest, definition: FormDefinition) -> HttpResponse:
    return render(request, "web/forms/too_many.html", {"definition": definition}, status=429)


# ---- what a page shows ----------------------------------------------------------------------


@dataclass
class QuestionField:
    """A question as the govuk/ partials read a field."""

    question: dict[str, Any]
    html_name: str
    id_for_label: str
    label: str
    help_text: str
    errors: list[str] = field(default_factory=list)
    error_part: str = ""
    value: Any = ""
    parts: dict[str, Any] = field(default_factory=dict)
    options: list[dict[str, str]] = field(default_factory=list)
    autocomplete: str = ""
    addresses: list = field(default_factory=list)
    lookup: str = ""
    uploaded: str = ""
    accept: str = ACCEPTED_FILES

    @property
    def type(self) -> str:
        return self.question["type"]

    @property
    def date_boxes(self) -> list[dict[str, Any]]:
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        return [
            {
                "id": f"{self.html_name}-{part}",
                "part": part,
                "label": labels[part],
                "width": 4 if part == "year" else 2,
                "value": self.parts.get(part, ""),
            }
            for part in ("day", "month", "year")
        ]

    @property
    def has_top_error(self) -> bool:
        """An error about the whole question, rather than one of its inputs."""
        return bool(self.errors) and self.error_part in ("", self.id_for_label)

    @property
    def uprn_id(self) -> str:
        return f"{self.html_name}-uprn"

    @property
    def manual_parts(self) -> list[tuple[dict[str, str], str, str, str]]:
        """The inputs for typing an address: (input, label, width class, autocomplete)."""
        rows = [
            ("line_1", _("Address line 1"), "", "address-line1"),
            ("line_2", _("Address line 2 (optional)"), "", "address-line2"),
            ("town", _("Town or city"), "govuk-!-width-two-thirds", "address-level2"),
            ("manual_postcode", _("Postcode"), "govuk-input--width-10", "postal-code"),
        ]
        return [
            ({"id": f"{self.html_name}-{part}", "value": self.parts.get(part, "")}, *rest)
            for part, *rest in rows
        ]

    @property
    def location_parts(self) -> list[dict[str, Any]]:
        rows = [
            ("description", _("Street name and a landmark nearby"), True),
            ("postcode", _("Postcode (optional)"), False),
        ]
        parts = []
        for part, label, multiline in rows:
            input_id = f"{self.html_name}-{part}"
            parts.append(
                {
                    "id": input_id,
                    "label": label,
                    "multiline": multiline,
                    "value": self.parts.get(part, ""),
                    "errors": self.errors
                    if (self.error_part or self.id_for_label) == input_id
                    else [],
                }
            )
        return parts


def _fields(
    request: HttpRequest,
    session: FormSession,
    page: dict[str, Any],
    *,
    posted=None,
    errors: dict[str, checks.Checked] | None = None,
) -> list[QuestionField]:
    errors = errors or {}
    uploads = services.uploads_for(session) if session.pk else {}  # a preview has no uploads
    fields = []
    for question in services.visible_questions(page, session.answers):
        qid = question["id"]
        stored = session.answers.get(qid)
        parts = (
            checks.posted_parts(question, posted)
            if posted is not None and question["type"] != "file"
            else checks.stored_parts(question, stored)
        )
        checked = errors.get(qid)
        item = QuestionField(
            question=question,
            html_name=qid,
            id_for_label=checks.anchor_for(question),
            label=in_current_language(question["label"]),
            help_text=in_current_language(question.get("hint", "")),
            errors=[checked.error] if checked else [],
            error_part=checked.error_part if checked else "",
            value=parts.get("value", ""),
            parts=parts,
            options=[
                {"value": option["value"], "label": in_current_language(option["label"])}
                for option in question.get("options", [])
            ],
            autocomplete=question.get("autocomplete", ""),
        )
        if question["type"] == "address":
            item.lookup = (stored or {}).get("lookup", "") if isinstance(stored, dict) else ""
            item.addresses = (
                services.find_addresses(item.lookup)
                if item.lookup
                else services.homes_of(request.user)
            )
            if not item.parts.get("uprn") and isinstance(stored, dict):
                item.parts["uprn"] = stored.get("uprn", "")
        if question["type"] == "file" and qid in uploads:
            item.uploaded = uploads[qid].original_name
        fields.append(item)
    return fields


def _error_list(fields: list[QuestionField]) -> list[dict[str, str]]:
    return [
        {"href": f"#{item.error_part or item.id_for_label}", "text": error}
        for item in fields
        for error in item.errors
    ]


def _hazard_advice(definition: FormDefinition, schema, answers) -> dict[str, Any]:
    """What a resident must be told at once given the answers so far (the gas emergency number,
    the out-of-hours route); with no answers yet (the start page), all a form may tell."""
    rules = schema["case"].get("clock_from")
    if answers is None:
        advice = tuple(sorted(item for item in ADVICE if can_tell(rules, item)))
    else:
        advice = choose_clock(rules, answers).tell
    service = definition.service.slug if definition.service else None
    return {
        "hazard_advice": advice,
        "out_of_hours": settings.COUNCIL_PROFILE.out_of_hours_route(service),
    }


def _render_form(
    request: HttpRequest,
    template: str,
    definition: FormDefinition,
    version: FormVersion,
    *,
    answers: dict[str, Any] | None,
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """A page of the form's journey: its title in the page's language, what it shows, and the
    hazard advice the answers so far call for (`answers` None: before any answer)."""
    return render(
        request,
        template,
        {
            "definition": definition,
            "form_title": version.title_in(current_language()),
            **context,
            **_hazard_advice(definition, version.schema, answers),
        },
        status=status,
    )


def _render_page(
    request: HttpRequest,
    session: FormSession,
    page: dict[str, Any],
    *,
    posted=None,
    errors=None,
    notice: str = "",
    changing: bool = False,
    status: int = 200,
) -> HttpResponse:
    definition = session.version.definition
    fields = _fields(request, session, page, posted=posted, errors=errors)
    previous = services.previous_page(session, page["id"])
    if changing:
        back_url = reverse("web:form-check-answers", kwargs={"slug": definition.slug})
    elif previous:
        back_url = reverse("web:form-page", kwargs={"slug": definition.slug, "page_id": previous})
    else:
        back_url = reverse("web:form-start", kwargs={"slug": definition.slug})
    return _render_form(
        request,
        "web/forms/page.html",
        definition,
        session.version,
        answers=session.answers,
        status=status,
        page=page,
        page_title=in_current_language(page["title"]),
        fields=fields,
        errors=_error_list(fields),
        single_question=len(fields) == 1,
        has_file=any(item.type == "file" for item in fields),
        notice=notice,
        changing=changing,
        back_url=back_url,
    )


# ---- the views ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def form_start(request: HttpRequest, slug: str, channel: str = Channel.WEB) -> HttpResponse:
    """The start page; "Start now" begins a session (or carries on with the one under way). An
    officer filling it in for someone also says where the contact came in and if it is urgent."""
    definition = _definition(slug)
    version = definition.current_version()
    if version is None:
        raise Http404("This form has no published version.")
    channel = _check_channel(
        request, request.POST.get("channel") or request.GET.get("channel") or channel
    )
    resident = _assisted_resident(
        request, request.POST.get("resident") or request.GET.get("resident", "")
    )
    is_assisted = channel != Channel.WEB or resident is not None
    if request.method == "POST" and is_assisted:
        # Always a fresh session: the officer's next caller is someone else.
        try:
            session = services.start_session(
                actor=_actor(request),
                definition=definition,
                channel=channel,
                resident=resident,
                phone_line=request.POST.get("phone_line", ""),
                place=request.POST.get("place", ""),
                is_urgent=request.POST.get("urgent") == "yes",
            )
        except AssistedStartError as problem:
            return _render_start(
                request, definition, channel, resident, posted=request.POST, errors=problem.errors
            )
        _remember(request, session)
        return _go(slug, services.first_unanswered_page(session) or CHECK_ANSWERS)
    if request.method == "POST":
        session = _form_session(request, definition)
        # An officer's session for someone else is not carried on as their own.
        if session is None or session.is_submitted or session.channel != Channel.WEB:
            session = services.start_session(
                actor=_actor(request), definition=definition, channel=channel
            )
            _remember(request, session)
        return _go(slug, services.first_unanswered_page(session) or CHECK_ANSWERS)
    return _render_start(request, definition, channel, resident)


def _assisted_resident(request: HttpRequest, resident_id: str) -> Resident | None:
    """The resident an officer is filling the form in for, if one is named."""
    if not resident_id:
        return None
    if not _is_staff(request):
        raise PermissionDenied(_("Only council staff can fill in a form for someone else."))
    pk = database_id(resident_id)
    if pk is None:
        raise Http404("No such resident.")
    return get_object_or_404(Resident, pk=pk)


def _render_start(
    request: HttpRequest,
    definition: FormDefinition,
    channel: str,
    resident: Resident | None,
    *,
    posted=None,
    errors: dict[str, str] | None = None,
) -> HttpResponse:
    version = definition.current_version()
    service = definition.service
    is_assisted = channel != Channel.WEB or resident is not None
    officer_fields = _officer_fields(channel, posted or {}, errors or {}) if is_assisted else []
    return _render_form(
        request,
        "web/forms/start.html",
        definition,
        version,
        answers=None,
        service=service,
        service_text=service.in_language(current_language()) if service else None,
        intro=[in_current_language(text) for text in version.schema.get("intro", [])],
        assisted_channel=Channel(channel) if is_assisted else None,
        assisted_resident=resident,
        officer_fields=officer_fields,
        errors=_error_list(officer_fields),
    )


def _officer_fields(channel: str, posted, errors: dict[str, str]) -> list[QuestionField]:
    """What an officer says when starting a form for someone: the phone line a call came in on
    (the general line unless they say otherwise), the place of a visit, and whether it is
    urgent. Shown as the govuk/ partials show a form's questions."""

    def ask(name: str, kind: str, label: str, choices, value, hint: str = ""):
        return QuestionField(
            question={"id": name, "type": kind},
            html_name=name,
            id_for_label=name,
            label=label,
            help_text=hint,
            errors=[errors[name]] if name in errors else [],
            value=value,
            options=[{"value": choice, "label": text} for choice, text in choices],
        )

    fields = []
    if channel == Channel.PHONE:
        fields.append(
            ask(
                "phone_line",
                "radios",
                _("Which line did they call?"),
                lines.phone_line_choices(),
                posted.get("phone_line") or lines.main_phone_line(),
            )
        )
    if channel in IN_PERSON_CHANNELS:
        fields.append(
            ask(
                "place",
                "select",
                _("Where did you see them?"),
                [("", ""), *lines.place_choices()],
                posted.get("place", ""),
            )
        )
    fields.append(
        ask(
            "urgent",
            "checkboxes",
            _("Priority"),
            [("yes", _("Urgent: someone's health or safety is at risk now"))],
            ["yes"] if posted.get("urgent") == "yes" else [],
            hint=_(
                "A call on the vulnerable-residents line, or for a resident flagged as "
                "vulnerable, is high priority already."
            ),
        )
    )
    return fields


@require_http_methods(["GET", "POST"])
@_being_filled_in
def form_page(
    request: HttpRequest,
    slug: str,
    page_id: str,
    *,
    definition: FormDefinition,
    session: FormSession,
) -> HttpResponse:
    page = services.page_by_id(session, page_id)
    visible = {item["id"] for item in services.visible_pages(session)}
    if page is None or page_id not in visible:
        raise Http404("There is no such page in this form.")
    changing = request.GET.get("change") == "1"
    if request.method == "GET":
        return _render_page(request, session, page, changing=changing)

    action = request.POST.get("action", "continue")
    if action.startswith("find-address:"):
        question_id = action.partition(":")[2]
        error = services.search_address(
            session=session,
            question_id=question_id,
            postcode_text=request.POST.get(f"{question_id}-postcode", ""),
        )
        if error:
            failed = {
                question_id: checks.Checked(error=error, error_part=f"{question_id}-postcode")
            }
            return _render_page(
                request, session, page, posted=request.POST, errors=failed, changing=changing
            )
        found = services.find_addresses(session.answers[question_id]["lookup"])
        notice = (
            _("%(count)s addresses found. Select yours, or enter it below.") % {"count": len(found)}
            if found
            else _("We could not find any addresses at that postcode. Enter the address below.")
        )
        return _render_page(
            request, session, page, posted=request.POST, notice=notice, changing=changing
        )
    if action.startswith("remove-file:"):
        services.remove_file(session=session, question_id=action.partition(":")[2])
        return _render_page(request, session, page, posted=request.POST, changing=changing)

    result = services.save_page(
        session=session, page_id=page_id, data=request.POST, files=request.FILES
    )
    if not result.is_valid:
        return _render_page(
            request, session, page, posted=request.POST, errors=result.errors, changing=changing
        )
    if action == "save":
        return redirect("web:form-save", slug=slug)
    return _go(
        slug, services.next_step(session, after=page_id, changing=changing), changing=changing
    )


@require_http_methods(["GET", "POST"])
@_being_filled_in
def check_answers(
    request: HttpRequest,
    slug: str,
    channel: str = Channel.WEB,
    *,
    definition: FormDefinition,
    session: FormSession,
) -> HttpResponse:
    missing = services.first_unanswered_page(session)
    if missing is not None:
        return _go(slug, missing)
    if request.method == "POST":
        # The channel was chosen when the session started (an officer on the phone, say).
        channel = _check_channel(request, session.channel or channel)
        needs = read_communication_needs(request.POST)
        if needs.errors:
            return _render_check_answers(request, slug, definition, session, needs, status=400)
        if not _within_limit(request, "submit", SUBMISSIONS_PER_WINDOW):
            return _too_many(request, definition)
        services.submit_form(
            actor=_actor(request), session=session, channel=channel, communication=needs
        )
        return redirect("web:form-confirmation", slug=slug)
    resident = session.resident or getattr(_actor(request), "resident", None)
    return _render_check_answers(
        request, slug, definition, session, known_communication_needs(resident)
    )


def _render_check_answers(
    request: HttpRequest,
    slug: str,
    definition: FormDefinition,
    session: FormSession,
    needs: CommunicationNeeds,
    *,
    status: int = 200,
) -> HttpResponse:
    return _render_form(
        request,
        "web/forms/check_answers.html",
        definition,
        session.version,
        answers=session.answers,
        rows=services.summary(session),
        needs=needs,
        needs_errors=[{"href": f"#{name}", "text": text} for name, text in needs.errors.items()],
        interpreter_languages=interpreter_language_choices(),
        accessible_formats=AccessibleFormat.choices,
        back_url=reverse(
            "web:form-page",
            kwargs={"slug": slug, "page_id": services.previous_page(session, CHECK_ANSWERS)},
        ),
        status=status,
    )


def confirmation(request: HttpRequest, slug: str) -> HttpResponse:
    definition = _definition(slug)
    session = _form_session(request, definition)
    if session is None or not session.is_submitted:
        return redirect("web:form-start", slug=slug)
    case = session.case
    schema = session.version.schema
    return _render_form(
        request,
        "web/forms/confirmation.html",
        definition,
        session.version,
        answers=session.answers,
        case=case,
        service_text=case.service.in_language(current_language()) if case.service else None,
        next_steps=[in_current_language(text) for text in schema.get("next_steps", [])],
        triage_next_steps=case_next_steps(case),
        # A resident who sounds unhappy is offered the complaints process without having to use
        # the word (the Complaint Handling Code).
        offer_complaint=case.kind != CaseKind.COMPLAINT and possible_complaint(case) is not None,
        officer_return=_officer_return(request, session),
    )


def _officer_return(request: HttpRequest, session: FormSession) -> tuple[str, str] | None:
    """Where an officer who filled the form in for someone goes next: back to that resident's
    record, or to their queues."""
    if session.channel == Channel.WEB or not _is_staff(request):
        return None
    if session.resident_id:
        url = reverse("staff:resident", args=[session.resident_id])
        return url, _("Back to the record of %(name)s") % {"name": session.resident.full_name}
    return reverse("staff:queues"), _("Back to the staff workspace")


@require_http_methods(["GET", "POST"])
@_being_filled_in
def save_for_later(
    request: HttpRequest, slug: str, *, definition: FormDefinition, session: FormSession
) -> HttpResponse:
    email_field = {
        "id": "email",
        "type": "email",
        "label": _("Email address"),
        "messages": {"required": _("Enter your email address")},
    }
    form_title = session.version.title_in(current_language())
    context: dict[str, Any] = {"definition": definition, "form_title": form_title, "errors": []}
    if request.method == "POST":
        checked = checks.check_answer(email_field, request.POST)
        if not checked.error:
            if not _within_limit(request, "save", SAVES_PER_WINDOW):
                return _too_many(request, definition)
            services.save_for_later(session=session, email=checked.value)
            return render(
                request,
                "web/forms/saved.html",
                {
                    "definition": definition,
                    "form_title": form_title,
                    "email": checked.value,
                    "session": session,
                },
            )
        value, errors = request.POST.get("email", ""), [checked.error]
    else:
        value, errors = session.saved_for_email or _answered_email(session), []
    context["field"] = QuestionField(
        question=email_field,
        html_name="email",
        id_for_label="email",
        label=_("Email address"),
        help_text=_("We will send you a link to come back to your answers. It works for 7 days."),
        errors=errors,
        value=value,
    )
    context["errors"] = [{"href": "#email", "text": error} for error in errors]
    return render(request, "web/forms/save.html", context, status=200)


def _answered_email(session: FormSession) -> str:
    qid = session.version.schema["case"].get("contact_email")
    value = session.answers.get(qid) if qid else ""
    return value if isinstance(value, str) else ""


@require_http_methods(["GET", "POST"])
def resume(request: HttpRequest, token: str) -> HttpResponse:
    """The link from a "come back later" email. Opening it shows a button; only pressing the
    button uses the link up, so a mail scanner that follows links cannot spend it."""
    if request.method == "GET":
        return render(request, "web/forms/resume.html", {"token": token})
    try:
        session = services.resume_session(token=token)
    except ResumeLinkInvalid as problem:
        return render(request, "web/forms/resume.html", {"problem": str(problem)}, status=400)
    _remember(request, session)
    slug = session.version.definition.slug
    return _go(slug, services.first_unanswered_page(session) or CHECK_ANSWERS)
