"""Emails held for an officer or that could not be read: the list, each email as plain text with
its files' names, and the four decisions (add to a case, open a case, read again, not a request).

Each decision posts to its own URL and calls the one service for it in `inbox.services`. An
officer who may not use this screen gets a 403; an email they may not see is a 404; a decision
the rules refuse is shown in the GOV.UK error summary on the email's page.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opencex.cases.policies import can_view_case, visible_cases
from opencex.inbox import policies, services
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.inbox.parsing import read_email
from opencex.staff.access import staff_only
from opencex.staff.inbox.forms import AddToCaseForm, NotARequestForm, OpenCaseForm, ReadAgainForm

PER_PAGE = 50
WAITING = "waiting"
DEALT_WITH = "dealt-with"


def _require_intake_user(request: HttpRequest) -> None:
    if not policies.can_use_email_intake(request.user):
        raise PermissionDenied


@staff_only
def inbox(request: HttpRequest) -> HttpResponse:
    _require_intake_user(request)
    show = DEALT_WITH if request.GET.get("show") == DEALT_WITH else WAITING
    emails = policies.visible_inbound_emails(request.user)
    emails = (
        emails.dealt_with_by_an_officer() if show == DEALT_WITH else emails.waiting_for_an_officer()
    )
    return render(
        request,
        "staff/inbox/list.html",
        {
            "show": show,
            "page": Paginator(
                emails.select_related("case").order_by("-received_at", "-pk"), PER_PAGE
            ).get_page(request.GET.get("page")),
        },
    )


def _email_for(request: HttpRequest, pk: int) -> InboundEmail:
    _require_intake_user(request)
    return get_object_or_404(
        policies.visible_inbound_emails(request.user).select_related("case"), pk=pk
    )


# Each decision: its form, built for the officer and the email (data is None for a blank form).
FORMS: dict[str, Callable[..., forms.Form]] = {
    "add-to-case": lambda actor, email, data: AddToCaseForm(
        data,
        prefix="add",
        cases=visible_cases(actor),
        initial={
            "reference": email.case.reference
            if email.case is not None and can_view_case(actor, email.case)
            else ""
        },
    ),
    "open-case": lambda actor, email, data: OpenCaseForm(
        data, prefix="open", kinds=policies.kinds_to_open_from_email(actor)
    ),
    "read-again": lambda actor, email, data: ReadAgainForm(data, prefix="again"),
    "not-a-request": lambda actor, email, data: NotARequestForm(data, prefix="aside"),
}


def _errors(name: str, form: forms.Form) -> list[tuple[str, str]]:
    """The error summary's lines: each message and the id it links to (the field, or for an
    error about the whole decision its first field or its button)."""
    first = next((field.id_for_label for field in form.visible_fields()), f"{name}-button")
    lines = [(str(error), first) for error in form.non_field_errors()]
    for field in form.visible_fields():
        lines += [(str(error), field.id_for_label) for error in field.errors]
    return lines


def _render_email(
    request: HttpRequest, email: InboundEmail, failed: tuple[str, forms.Form] | None = None
) -> HttpResponse:
    actor = request.user
    read = read_email(bytes(email.raw), envelope_sender=email.envelope_sender)
    decisions = {}
    if policies.can_act_on_inbound_email(actor, email):
        names = [name for name in FORMS if name != "read-again"]
        if email.status == InboundStatus.FAILED:
            names.append("read-again")
        decisions = {name: FORMS[name](actor, email, None) for name in names}
    if failed is not None:
        decisions[failed[0]] = failed[1]
    return render(
        request,
        "staff/inbox/email.html",
        {
            "email": email,
            "read": read,
            "case_is_visible": email.case is not None and can_view_case(actor, email.case),
            "is_held": email.status == InboundStatus.HELD,
            "is_failed": email.status == InboundStatus.FAILED,
            # Keyed for the template, which cannot read "add-to-case".
            "forms": {name.replace("-", "_"): form for name, form in decisions.items()},
            "failed_action": failed[0] if failed else "",
            "errors": _errors(*failed) if failed else [],
            "actions": email.actions.select_related("actor", "case"),
        },
    )


@staff_only
def email_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_email(request, _email_for(request, pk))


def _decide(name: str, actor, email: InboundEmail, data: dict) -> str:
    """Call the service for decision `name`; return what to tell the officer."""
    if name == "add-to-case":
        services.add_to_case(actor=actor, email=email, case=data["reference"])
        return _("Email added to %(reference)s") % {"reference": data["reference"].reference}
    if name == "open-case":
        case = services.open_case_from(actor=actor, email=email, kind=data["kind"])
        return _("Case %(reference)s opened from the email") % {"reference": case.reference}
    if name == "read-again":
        services.read_again(actor=actor, email=email)
        return _("The email will be read again in a moment")
    services.set_aside_as_not_a_request(actor=actor, email=email, reason=data["reason"])
    return _("Email set aside as not a request")


@staff_only
@require_POST
def email_decision(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    email = _email_for(request, pk)
    form = FORMS[action](request.user, email, request.POST)
    if form.is_valid():
        try:
            done = _decide(action, request.user, email, form.cleaned_data)
        except services.InboxError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("staff:inbox")
    return _render_email(request, email, failed=(action, form))
