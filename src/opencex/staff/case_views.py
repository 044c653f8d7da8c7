"""The case page for staff: summary, clock and why, timeline, and one small form per action.

Each action posts to its own URL and calls the one service for it. A refusal by the rules is
shown on the page in the GOV.UK error summary with what the officer typed; a refusal by the
permissions is a 403. A case the officer may not see is a 404, so references are not revealed.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from opencex.cases import policies, services
from opencex.cases.clock import EXTENDABLE_KINDS, allowed_pause_reasons, case_deadline
from opencex.cases.models import Case, CaseKind, Status
from opencex.cases.selectors import due_soon_limit, with_clock_status
from opencex.cases.workflow import LIFECYCLES, STAFF, TransitionNotAllowed
from opencex.staff.access import staff_only
from opencex.staff.forms_case import (
    AcknowledgeForm,
    CloseForm,
    ExtendForm,
    MessageForm,
    NoteForm,
    PauseForm,
    ReassignForm,
    ResumeForm,
    StatusForm,
    status_targets,
)

# Each action and its form; some forms need the case or the actor to build their choices.
ACTIONS: dict[str, type[forms.Form]] = {
    "note": NoteForm,
    "message": MessageForm,
    "status": StatusForm,
    "acknowledge": AcknowledgeForm,
    "pause": PauseForm,
    "resume": ResumeForm,
    "extend": ExtendForm,
    "reassign": ReassignForm,
    "close": CloseForm,
}
_NEEDS_CASE = {"status", "pause", "extend"}
_NEEDS_ACTOR = {"reassign"}


def _case_for(request: HttpRequest, reference: str) -> Case:
    cases = policies.visible_cases(request.user).select_related(
        "resident", "property", "service", "team", "assigned_to", "parent"
    )
    return get_object_or_404(with_clock_status(cases, timezone.localdate()), reference=reference)


def _form(name: str, case: Case, actor, data=None) -> forms.Form:
    kwargs: dict = {"prefix": name, "auto_id": "%s"}
    if name in _NEEDS_CASE:
        kwargs["case"] = case
    if name in _NEEDS_ACTOR:
        kwargs["actor"] = actor
    return ACTIONS[name](data, **kwargs)


def _available_actions(actor, case: Case) -> set[str]:
    """The actions to offer: the ones the officer may take and the case's state allows."""
    available = set()
    if policies.can_add_note(actor, case):
        available.add("note")
    if policies.can_reassign_case(actor, case):
        available.add("reassign")
    if not policies.can_handle_case(actor, case):
        return available
    available.add("message")
    targets = LIFECYCLES[CaseKind(case.kind)].allowed_targets(Status(case.status), STAFF)
    if status_targets(case):
        available.add("status")
    if Status.ACKNOWLEDGED in targets:
        available.add("acknowledge")
    if Status.CLOSED in targets:
        available.add("close")
    is_paused = any(pause.ended_on is None for pause in case.pauses.all())
    if is_paused:
        available.add("resume")
    elif Status.AWAITING_RESIDENT in targets and allowed_pause_reasons(case.kind):
        available.add("pause")
    if case.kind in EXTENDABLE_KINDS and not case.is_extended and case.is_open:
        available.add("extend")
    return available


def _render_case(
    request: HttpRequest, case: Case, failed: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    actor = request.user
    available = _available_actions(actor, case)
    action_forms = {name: _form(name, case, actor) for name in available}
    if failed is not None:
        action_forms[failed[0]] = failed[1]
    today = timezone.localdate()
    events = case.events.select_related("actor").order_by("-at", "-id")
    return render(
        request,
        "staff/case/case.html",
        {
            "case": case,
            "deadline": case_deadline(case) if case.due_on or case.is_open else None,
            "due_soon_until": due_soon_limit(today),
            "events": events,
            "forms": action_forms,
            "failed_form": failed[1] if failed else None,
            "failed_action": failed[0] if failed else "",
        },
    )


@staff_only
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_case(request, _case_for(request, reference))


def _action(
    name: str, perform: Callable[..., object], done: str
) -> Callable[[HttpRequest, str], HttpResponse]:
    """A view for one action: validate its form, call `perform(actor, case, cleaned_data)` (the
    service), and on success go back to the case page (post/redirect/get)."""

    @staff_only
    @require_POST
    def view(request: HttpRequest, reference: str) -> HttpResponse:
        case = _case_for(request, reference)
        form = _form(name, case, request.user, request.POST)
        if form.is_valid():
            try:
                perform(request.user, case, form.cleaned_data)
            except (services.CaseError, TransitionNotAllowed) as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, done)
                return redirect("staff:case", reference=case.reference)
        return _render_case(request, case, failed=(name, form))

    view.__name__ = f"case_{name}"
    return view


case_note = _action(
    "note",
    lambda actor, case, data: services.add_note(actor=actor, case=case, body=data["body"]),
    _("Note added"),
)
case_message = _action(
    "message",
    lambda actor, case, data: services.send_message(actor=actor, case=case, body=data["body"]),
    _("Message sent to the resident"),
)
case_status = _action(
    "status",
    lambda actor, case, data: services.change_status(
        actor=actor, case=case, to=data["to"], reason=data["reason"]
    ),
    _("Status changed"),
)
case_acknowledge = _action(
    "acknowledge",
    lambda actor, case, data: services.acknowledge_case(actor=actor, case=case),
    _("Case acknowledged"),
)
case_pause = _action(
    "pause",
    lambda actor, case, data: services.pause_clock(
        actor=actor, case=case, reason=data["reason"], note=data["note"]
    ),
    _("Clock paused"),
)
case_resume = _action(
    "resume",
    lambda actor, case, data: services.resume_clock(actor=actor, case=case),
    _("Clock resumed"),
)
case_extend = _action(
    "extend",
    lambda actor, case, data: services.extend_deadline(
        actor=actor, case=case, reason=data["reason"], days=data.get("days")
    ),
    _("Deadline extended"),
)
case_reassign = _action(
    "reassign",
    lambda actor, case, data: services.reassign_case(
        actor=actor, case=case, team=data["team"], officer=data["officer"], reason=data["reason"]
    ),
    _("Case reassigned"),
)
case_close = _action(
    "close",
    lambda actor, case, data: services.close_case(actor=actor, case=case, outcome=data["outcome"]),
    _("Case closed"),
)
