"""The disclosure log for staff: the list of drafts and entries, preparing a draft from a released
request, editing and publishing it (each redaction highlighted), withdrawing an entry, and the
released answers that may already answer a new request.

Writes go through `disclosure.services`; a refusal by the rules is shown in the GOV.UK error
summary, a refusal by the permissions is a 403, and a request the officer may not see is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opencex.cases.policies import visible_cases
from opencex.cases.references import normalise_reference
from opencex.disclosure import policies, services
from opencex.disclosure.models import DisclosureEntry, EntryStatus
from opencex.disclosure.redaction import REDACTED, Kind
from opencex.disclosure.selectors import (
    publishable_files,
    register_decision,
    similar_disclosures,
)
from opencex.staff.access import staff_only
from opencex.staff.disclosure.forms import (
    PUBLISH,
    SAVE,
    DraftForm,
    PrepareForm,
    SimilarForm,
    WithdrawForm,
)

PER_PAGE = 50


def _kind_labels() -> dict[str, str]:
    return {
        Kind.NAME: _("Names"),
        Kind.EMAIL: _("Email addresses"),
        Kind.PHONE: _("Phone numbers"),
        Kind.POSTCODE: _("Postcodes"),
        Kind.ADDRESS: _("Addresses"),
        Kind.NI_NUMBER: _("National Insurance numbers"),
        Kind.DATE_OF_BIRTH: _("Dates of birth"),
    }


def _paragraphs(text: str) -> list[list[tuple[str, bool]]]:
    """The text as paragraphs of pieces, each (words, is_a_redaction), so the template can mark
    every redaction without trusting the text as HTML."""
    paragraphs = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if not block.strip():
            continue
        pieces: list[tuple[str, bool]] = []
        for position, piece in enumerate(block.split(REDACTED)):
            if position:
                pieces.append((REDACTED, True))
            if piece:
                pieces.append((piece, False))
        paragraphs.append(pieces)
    return paragraphs


def _require_log_user(request: HttpRequest) -> None:
    if not policies.can_use_disclosure_log(request.user):
        raise PermissionDenied


def _render_list(request: HttpRequest, prepare_form: PrepareForm) -> HttpResponse:
    status = request.GET.get("status", EntryStatus.DRAFT)
    if status not in EntryStatus.values:
        status = EntryStatus.DRAFT
    entries = (
        policies.visible_entries(request.user)
        .filter(status=status)
        .select_related("case", "service_area", "published_by")
        .order_by("-updated_at", "-pk")
    )
    return render(
        request,
        "staff/disclosure/list.html",
        {
            "status": status,
            "statuses": EntryStatus.choices,
            "page": Paginator(entries, PER_PAGE).get_page(request.GET.get("page")),
            "prepare_form": prepare_form,
        },
    )


@staff_only
def disclosure_list(request: HttpRequest) -> HttpResponse:
    _require_log_user(request)
    return _render_list(request, PrepareForm(cases=visible_cases(request.user)))


@staff_only
@require_POST
def prepare_by_reference(request: HttpRequest) -> HttpResponse:
    _require_log_user(request)
    form = PrepareForm(request.POST, cases=visible_cases(request.user))
    if form.is_valid():
        return redirect(
            "staff:disclosure-prepare", reference=form.cleaned_data["reference"].reference
        )
    return _render_list(request, form)


@staff_only
def prepare(request: HttpRequest, reference: str) -> HttpResponse:
    """The case page's "Prepare for the disclosure log" link lands here: a GET shows what will
    happen, the button (a POST) makes the draft."""
    case = get_object_or_404(
        visible_cases(request.user).select_related("service"),
        reference=normalise_reference(reference),
    )
    if not policies.can_prepare_disclosure(request.user, case):
        raise PermissionDenied
    existing = case.disclosures.exclude(status=EntryStatus.WITHDRAWN).first()
    if existing is not None:
        return redirect("staff:disclosure-entry", pk=existing.pk)
    error = ""
    if request.method == "POST":
        try:
            entry = services.prepare_disclosure(actor=request.user, case=case)
        except services.DisclosureError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Draft prepared: check every redaction"))
            return redirect("staff:disclosure-entry", pk=entry.pk)
    return render(
        request,
        "staff/disclosure/prepare.html",
        {
            "case": case,
            "decision": register_decision(case),
            "error": error,
            "files": publishable_files(case),
        },
    )


def _render_entry(
    request: HttpRequest,
    entry: DisclosureEntry,
    draft_form: DraftForm | None = None,
    withdraw_form: WithdrawForm | None = None,
) -> HttpResponse:
    user = request.user
    may_edit = policies.can_edit_draft(user, entry)
    if may_edit and draft_form is None:
        draft_form = DraftForm(
            offered=publishable_files(entry.case),
            initial={
                "title": entry.title,
                "request_text": entry.request_text,
                "response_text": entry.response_text,
                "decision": entry.decision,
                "service_area": entry.service_area.slug if entry.service_area else "",
            },
        )
    may_withdraw = entry.is_published and policies.can_withdraw_disclosure(user)
    if may_withdraw and withdraw_form is None:
        withdraw_form = WithdrawForm()
    labels = _kind_labels()
    return render(
        request,
        "staff/disclosure/entry.html",
        {
            "entry": entry,
            "request_paragraphs": _paragraphs(entry.request_text),
            "response_paragraphs": _paragraphs(entry.response_text),
            "redactions": [
                (labels.get(kind, kind), count) for kind, count in entry.redaction_counts.items()
            ],
            "form": draft_form if may_edit else None,
            "may_publish": policies.can_publish_disclosure(user),
            "withdraw_form": withdraw_form if may_withdraw else None,
            "files": entry.files.all(),
            "events": entry.events.select_related("actor").order_by("-at", "-pk"),
        },
    )


def _entry_for(request: HttpRequest, pk: int) -> DisclosureEntry:
    _require_log_user(request)
    entries = policies.visible_entries(request.user).select_related(
        "case", "service_area", "published_by"
    )
    return get_object_or_404(entries, pk=pk)


@staff_only
def entry_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft to check, edit and publish; or a published or withdrawn entry."""
    entry = _entry_for(request, pk)
    if request.method != "POST":
        return _render_entry(request, entry)
    if not policies.can_edit_draft(request.user, entry):
        raise PermissionDenied
    action = PUBLISH if request.POST.get("action") == PUBLISH else SAVE
    form = DraftForm(request.POST, offered=publishable_files(entry.case), action=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # Publishing saves the officer's last edits first; a refusal undoes both.
            with transaction.atomic():
                entry = services.update_draft(
                    actor=request.user,
                    entry=entry,
                    title=data["title"],
                    request_text=data["request_text"],
                    response_text=data["response_text"],
                    decision=data["decision"],
                    service_area=data["service_area"],
                )
                if action == PUBLISH:
                    entry = services.publish_disclosure(
                        actor=request.user,
                        entry=entry,
                        confirmed_no_personal_data=data["confirmed"],
                        files=form.chosen_files(),
                    )
        except services.DisclosureError as problem:
            form.add_error(None, str(problem))
        else:
            done = _("Published on the disclosure log") if action == PUBLISH else _("Draft saved")
            messages.success(request, done)
            return redirect("staff:disclosure-entry", pk=entry.pk)
    return _render_entry(request, entry, draft_form=form)


@staff_only
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for(request, pk)
    if not policies.can_withdraw_disclosure(request.user):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_disclosure(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except services.DisclosureError as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, _("Withdrawn from the disclosure log"))
            return redirect("staff:disclosure-entry", pk=entry.pk)
    return _render_entry(request, entry, withdraw_form=form)


@staff_only
def similar(request: HttpRequest) -> HttpResponse:
    """Released answers that may already answer a request: the request `?case=<reference>`, or
    the words pasted in (at intake, before there is a case)."""
    case = None
    reference = request.GET.get("case", "")
    if reference:
        case = get_object_or_404(
            visible_cases(request.user), reference=normalise_reference(reference)
        )
        form = SimilarForm(initial={"text": f"{case.subject}\n\n{case.description}"})
        text = f"{case.subject}\n{case.description}"
    else:
        form = SimilarForm(request.GET)
        text = form.cleaned_data["text"] if form.is_valid() else ""
    return render(
        request,
        "staff/disclosure/similar.html",
        {
            "case": case,
            "form": form,
            "searched": bool(text.strip()),
            "similar": similar_disclosures(text) if text.strip() else [],
        },
    )
