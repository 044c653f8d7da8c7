"""The case page for staff: summary, clock and why, timeline, and one small form per action.

The forms offered are `cases.policies.available_actions`. Each action posts to its own URL and
calls the one action registered for it in `ACTS` (the generic action hands a complaint's or an
information request's act over to its app; escalation is the complaints app's own). A refusal
by the rules is shown on the page in the GOV.UK error summary with what the officer typed; a
refusal by the permissions is a 403. A case the officer may not see is a 404, so references are
not revealed. Choosing a standard reply is a GET of the page itself (`?reply=<id>`), which fills
in the message for the officer to edit before sending.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from opencex.cases import links, policies
from opencex.cases.actions.clock import acknowledge_case, extend_deadline, pause_clock, resume_clock
from opencex.cases.actions.expected_date import revise_expected_date
from opencex.cases.actions.hazard_steps import (
    record_further_work_begun,
    record_made_safe,
    record_summary_given,
)
from opencex.cases.actions.hazards import conclude_hazard_investigation, record_hazard
from opencex.cases.actions.messages import add_note, receive_clarification, send_message
from opencex.cases.actions.routing import reassign_case, set_priority
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.hazard_steps import StepName, hazard_steps
from opencex.cases.models import Case, CaseKind, EventKind, Priority
from opencex.cases.selectors import due_soon_limit, with_clock_status
from opencex.cases.workflow import TransitionNotAllowed
from opencex.complaints import policies as complaint_policies
from opencex.complaints.selectors import possible_complaint
from opencex.complaints.services import escalate_to_stage_two
from opencex.disclosure import policies as disclosure_policies
from opencex.disclosure.selectors import similar_disclosures
from opencex.feedback import policies as feedback_policies
from opencex.forecasts.services import show_prediction
from opencex.forms.communication import communication_needs_of
from opencex.inforights import policies as inforights_policies
from opencex.people.communication import describe_needs
from opencex.replies.selectors import ReplyNotUsable, replies_for_case, reply_text
from opencex.staff.access import staff_only
from opencex.staff.cases.forms import (
    AcknowledgeForm,
    CloseForm,
    DuplicateForm,
    EscalateForm,
    ExpectedDateForm,
    ExtendForm,
    FurtherWorkForm,
    HazardForm,
    InvestigationForm,
    LinkForm,
    LogReplyForm,
    MadeSafeForm,
    MessageForm,
    NoteForm,
    PauseForm,
    PriorityForm,
    ReassignForm,
    ResumeForm,
    StandardReplyForm,
    StatusForm,
    SummaryForm,
)

# Each action and its form; some forms need the case or the actor to build their choices.
FORMS: dict[str, type[forms.Form]] = {
    "note": NoteForm,
    "message": MessageForm,
    "log-reply": LogReplyForm,
    "status": StatusForm,
    "acknowledge": AcknowledgeForm,
    "pause": PauseForm,
    "resume": ResumeForm,
    "extend": ExtendForm,
    "reassign": ReassignForm,
    "close": CloseForm,
    "escalate": EscalateForm,
    "priority": PriorityForm,
    "link": LinkForm,
    "duplicate": DuplicateForm,
    "expected-date": ExpectedDateForm,
    "hazard": HazardForm,
    "investigation": InvestigationForm,
    "summary": SummaryForm,
    "made-safe": MadeSafeForm,
    "further-work": FurtherWorkForm,
}
_NEEDS_CASE = {"status", "pause", "extend", "priority", "made-safe"}
_NEEDS_ACTOR = {"reassign"}


def _case_for(request: HttpRequest, reference: str) -> Case:
    cases = policies.visible_cases(request.user).select_related(
        "resident", "property", "service", "team", "assigned_to", "parent"
    )
    return get_object_or_404(with_clock_status(cases, timezone.localdate()), reference=reference)


def _form(name: str, case: Case, actor, data=None, initial=None) -> forms.Form:
    kwargs: dict = {"prefix": name, "auto_id": "%s"}
    if initial is not None:
        kwargs["initial"] = initial
    if name in _NEEDS_CASE:
        kwargs["case"] = case
    if name in _NEEDS_ACTOR:
        kwargs["actor"] = actor
    return FORMS[name](data, **kwargs)


def _available_actions(actor, case: Case) -> set[str]:
    """The case page's forms: what the officer may do now that this page has a form for."""
    return set(policies.available_actions(actor, case)) & set(FORMS)


RELEASED_KINDS = frozenset({CaseKind.FOI, CaseKind.EIR})


def _other_pages(actor, case: Case) -> list[tuple[str, str]]:
    """Links to the pages where the rest of this kind of case is handled: the complaint's
    stages, the information-rights register, the disclosure log."""
    pages = []
    if complaint_policies.can_open_complaint_page(actor, case):
        pages.append((_("Complaint stages, response and lessons"), "staff:complaint"))
    if feedback_policies.can_pass_on_compliment(actor, case):
        pages.append((_("Pass the compliment on"), "staff:compliment"))
    if feedback_policies.can_theme_comment(actor, case):
        pages.append((_("Theme the comment"), "staff:comment"))
    if inforights_policies.can_act_on_request(actor, case):
        pages.append((_("Decision, fees, extensions and reviews"), "staff:information-request"))
    if (
        case.kind in RELEASED_KINDS
        and not case.is_open
        and disclosure_policies.can_prepare_disclosure(actor, case)
    ):
        pages.append((_("Prepare for the disclosure log"), "staff:disclosure-prepare"))
    return [(label, reverse(name, args=[case.reference])) for label, name in pages]


STEP_LABELS = {
    StepName.INVESTIGATION: _("Investigate"),
    StepName.SUMMARY: _("Give the tenant the written summary"),
    StepName.MADE_SAFE: _("Make safe"),
    StepName.FURTHER_WORK: _("Begin any further work"),
}


def _hazard_step_rows(case: Case) -> list[dict]:
    """The Awaab's Law steps of the case's hazard, each with its label and whether it is late."""
    now = timezone.now()
    return [
        {"label": STEP_LABELS[step.name], "step": step, "is_late": step.is_late(now)}
        for step in hazard_steps(case)
    ]


def _possible_complaint(actor, case: Case):
    """A request or enquiry in which the resident sounds unhappy, not yet treated as a
    complaint: the officer is offered the complaints process for them."""
    if not (case.is_open and complaint_policies.can_treat_as_complaint(actor, case)):
        return None
    if case.complaints_raised.exists():
        return None
    return possible_complaint(case)


def _render_case(
    request: HttpRequest,
    case: Case,
    failed: tuple[str, forms.Form] | None = None,
    *,
    reply_choice: StandardReplyForm | None = None,
) -> HttpResponse:
    actor = request.user
    available = _available_actions(actor, case)
    action_forms = {name: _form(name, case, actor) for name in available}
    if failed is not None:
        action_forms[failed[0]] = failed[1]
    elif reply_choice is not None and "message" in available:
        text = _chosen_reply_text(reply_choice, case, actor)
        if text is None:
            failed = ("message", reply_choice)  # shown in the error summary; the form stays
        else:
            action_forms["message"] = _form("message", case, actor, initial={"body": text})
    today = timezone.localdate()
    events = case.events.select_related("actor").order_by("-at", "-id")
    linked, hidden_links = links.linked_cases(actor, case)
    return render(
        request,
        "staff/case/case.html",
        {
            "case": case,
            "deadline": case_deadline(case) if case.due_on or case.is_open else None,
            "due_soon_until": due_soon_limit(today),
            "outlook": show_prediction(case=case, today=today),
            "hazard_steps": _hazard_step_rows(case),
            "events": events,
            "new_reply": _new_reply(case),
            "needs_triage": _needs_triage(case),
            "communication_needs": describe_needs(**communication_needs_of(case.answers)),
            "linked_cases": linked,
            "other_pages": _other_pages(actor, case),
            "possible": _possible_complaint(actor, case),
            # At intake, released answers that may already answer the request.
            "similar": similar_disclosures(f"{case.subject}\n{case.description}")
            if case.kind in RELEASED_KINDS and case.is_open
            else None,
            "hidden_links": hidden_links,
            # Keyed for the template, which cannot read "log-reply".
            "forms": {name.replace("-", "_"): form for name, form in action_forms.items()},
            "reply_choice": reply_choice
            or StandardReplyForm(replies=replies_for_case(case) if "message" in available else []),
            "opened_action": "message" if reply_choice is not None else "",
            "failed_form": failed[1] if failed else None,
            "failed_action": failed[0] if failed else "",
        },
    )


def _chosen_reply_text(choice: StandardReplyForm, case: Case, actor) -> str | None:
    """The chosen standard reply filled in for this case, or None with the error on `choice`."""
    if not choice.is_valid():
        return None
    try:
        return reply_text(
            reply=choice.replies[choice.cleaned_data["reply"]], case=case, officer=actor
        )
    except ReplyNotUsable as error:
        choice.add_error("reply", str(error))
        return None


def _new_reply(case: Case):
    """The resident's reply no officer has acted on yet, if there is one."""
    if case.new_reply_at is None:
        return None
    return case.events.filter(kind=EventKind.MESSAGE_IN).order_by("-at", "-id").first()


def _needs_triage(case: Case) -> bool:
    """A vulnerable resident or a raised priority: the officer deals with this case first."""
    is_vulnerable = case.resident is not None and case.resident.is_priority
    return is_vulnerable or case.priority >= Priority.HIGH


@staff_only
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for(request, reference)
    if "reply" in request.GET:
        choice = StandardReplyForm(request.GET, replies=replies_for_case(case))
        return _render_case(request, case, reply_choice=choice)
    return _render_case(request, case)


# Each act on this page and the one action it calls; for a kind a domain app owns, the generic
# action hands the act over to that app's (see cases.owners). tests/staff/test_one_door.py checks
# every URL of this page is here and reaches the owning app.
ACTS: dict[str, Callable[..., object]] = {
    "note": add_note,
    "message": send_message,
    "log-reply": receive_clarification,
    "status": change_status,
    "acknowledge": acknowledge_case,
    "pause": pause_clock,
    "resume": resume_clock,
    "extend": extend_deadline,
    "reassign": reassign_case,
    "close": close_case,
    "escalate": escalate_to_stage_two,
    "priority": set_priority,
    "link": links.link_cases,
    "duplicate": links.mark_duplicate,
    "expected-date": revise_expected_date,
    "hazard": record_hazard,
    "investigation": conclude_hazard_investigation,
    "summary": record_summary_given,
    "made-safe": record_made_safe,
    "further-work": record_further_work_begun,
}


def _action(
    name: str, arguments: Callable[[dict], dict], done: str
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A view for one act: validate its form, call its action (`ACTS[name]`) with the actor, the
    case and `arguments(cleaned_data)`, and on success go back to the case page
    (post/redirect/get)."""
    perform = ACTS[name]

    @staff_only
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        case = _case_for(request, reference)
        form = _form(name, case, request.user, request.POST)
        if form.is_valid():
            try:
                perform(actor=request.user, case=case, **arguments(form.cleaned_data))
            except (CaseError, TransitionNotAllowed) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect("staff:case", reference=case.reference)
        return _render_case(request, case, failed=(name, form))

    view.__name__ = f"case_{name.replace('-', '_')}"
    view.act = name  # type: ignore[attr-defined]
    return view


case_note = _action("note", lambda data: {"body": data["body"]}, _("Note added"))
case_message = _action(
    "message", lambda data: {"body": data["body"]}, _("Message sent to the resident")
)
case_status = _action(
    "status", lambda data: {"to": data["to"], "reason": data["reason"]}, _("Status changed")
)
case_acknowledge = _action("acknowledge", lambda data: {}, _("Case acknowledged"))
case_pause = _action(
    "pause", lambda data: {"reason": data["reason"], "note": data["note"]}, _("Clock paused")
)
case_resume = _action("resume", lambda data: {}, _("Clock resumed"))
case_extend = _action(
    "extend",
    lambda data: {"reason": data["reason"], "days": data.get("days")},
    _("Deadline extended"),
)
case_reassign = _action(
    "reassign",
    lambda data: {"team": data["team"], "officer": data["officer"], "reason": data["reason"]},
    _("Case reassigned"),
)
case_close = _action("close", lambda data: {"outcome": data["outcome"]}, _("Case closed"))
case_log_reply = _action(
    "log-reply",
    lambda data: {"body": data["body"], "channel": data["channel"], "given_on": data["given_on"]},
    _("Reply from the resident recorded"),
)
case_escalate = _action(
    "escalate", lambda data: {"reason": data["reason"]}, _("Complaint escalated to stage 2")
)
case_priority = _action(
    "priority",
    lambda data: {"priority": int(data["priority"]), "reason": data["reason"]},
    _("Priority changed"),
)
case_link = _action(
    "link",
    lambda data: {"other_reference": data["reference"], "reason": data["reason"]},
    _("Cases linked"),
)
case_duplicate = _action(
    "duplicate",
    lambda data: {"original_reference": data["reference"], "reason": data["reason"]},
    _("Case closed as a duplicate"),
)
case_expected_date = _action(
    "expected-date",
    lambda data: {"expected_on": data["expected_on"], "reason": data["reason"]},
    _("New expected date saved and the resident told"),
)
case_hazard = _action(
    "hazard",
    lambda data: {
        "hazard_class": data["hazard_class"],
        "became_aware_by": data["became_aware_by"],
        "became_aware_at": data["became_aware_at"],
    },
    _("Hazard recorded and the tenant told the new deadline"),
)
case_investigation = _action(
    "investigation",
    lambda data: {"significant_hazard_found": data["found"], "on": data["on"]},
    _("Investigation recorded and the tenant told what happens next"),
)
case_summary = _action(
    "summary",
    lambda data: {
        "given_on": data["given_on"],
        "given_by": data["given_by"],
        "summary": data["summary"],
    },
    _("Written summary recorded"),
)
case_made_safe = _action(
    "made-safe",
    lambda data: {"at": data["at"], "alternative_accommodation": data["alternative_accommodation"]},
    _("Safety work recorded and the tenant told"),
)
case_further_work = _action(
    "further-work",
    lambda data: {"began_on": data["began_on"], "delay_reason": data["delay_reason"]},
    _("Further work recorded and the tenant told"),
)
