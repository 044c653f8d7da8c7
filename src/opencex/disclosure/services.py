"""Every change to the disclosure log: prepare a draft from a released request, edit it, publish
it (the explicit step, after an officer confirms it holds no personal data), withdraw it.

Each takes the `actor`, checks `disclosure.policies`, locks the row it changes, writes the change
and its audit event in one transaction; publishing and withdrawing also note it on the case's
timeline.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases.models import Attachment, Case, CaseKind, EventKind, Status
from opencex.cases.timeline import record_event
from opencex.catalogue.models import ServiceArea
from opencex.disclosure import policies
from opencex.disclosure.models import (
    Decision,
    DisclosureEntry,
    DisclosureEvent,
    DisclosureEventKind,
    DisclosureFile,
    EntryStatus,
)
from opencex.disclosure.redaction import personal_details_left, redact
from opencex.disclosure.selectors import (
    council_contact_details,
    personal_details_of,
    publishable_files,
    register_decision,
    response_of,
)

RELEASABLE_KINDS = frozenset({CaseKind.FOI, CaseKind.EIR})
ANSWERED_STATUSES = frozenset({Status.RESPONDED, Status.CLOSED})
_INFORMATION_REQUESTS = frozenset({CaseKind.FOI, CaseKind.EIR, CaseKind.FOI_INTERNAL_REVIEW})
_DETAIL_NAMES = {
    "name": "a name",
    "email": "an email address",
    "phone": "a phone number",
    "postcode": "a postcode",
    "address": "an address",
    "date_of_birth": "a date of birth",
}


class DisclosureError(Exception):
    """A change to the log that cannot be made, with a message an officer can act on."""


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _audit(entry: DisclosureEntry, kind: str, actor, details: str = "", **data) -> None:
    DisclosureEvent.objects.create(
        entry=entry,
        kind=kind,
        at=timezone.now(),
        actor=account_or_none(actor),
        details=details,
        data=data,
    )


def _locked(entry: DisclosureEntry) -> DisclosureEntry:
    return (
        DisclosureEntry.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=entry.pk)
    )


def _decision_of(case: Case) -> str:
    """The decision recorded on the information-rights register, which says exactly what was
    released; a request answered without one is judged by its outcome's words."""
    decided = register_decision(case)
    if decided is not None and decided in Decision.values:
        return decided
    if decided is not None:
        raise DisclosureError(
            f"This request's decision was “{decided.label.lower()}”: only released information "
            "goes on the disclosure log."
        )
    return Decision.PART_RELEASED if "in part" in case.outcome.lower() else Decision.RELEASED


def _guess_service_area(case: Case) -> ServiceArea | None:
    """The area of the service the request was about; an FOI form's own service says nothing."""
    service = case.service
    if service is None or service.case_kind in _INFORMATION_REQUESTS:
        return None
    return service.service_area


@transaction.atomic
def prepare_disclosure(*, actor, case: Case) -> DisclosureEntry:
    """A draft entry from an answered FOI or EIR request, with personal data already redacted.
    Preparing a case that already has a draft returns that draft."""
    case = Case.objects.select_for_update(of=("self",)).select_related("service").get(pk=case.pk)
    _require(policies.can_prepare_disclosure(actor, case), "You cannot prepare this request.")
    if case.kind not in RELEASABLE_KINDS:
        raise DisclosureError("Only FOI and EIR responses go on the disclosure log.")
    if case.status not in ANSWERED_STATUSES:
        raise DisclosureError("Send the response before preparing it for the disclosure log.")
    existing = case.disclosures.exclude(status=EntryStatus.WITHDRAWN).first()
    if existing is not None:
        if existing.status == EntryStatus.PUBLISHED:
            raise DisclosureError("This response is already on the disclosure log.")
        return existing
    decision = _decision_of(case)
    details, keep = personal_details_of(case), council_contact_details()
    title = redact(case.subject, details, keep=keep)
    request = redact(case.description, details, keep=keep)
    response = redact(response_of(case), details, keep=keep)
    counts: dict[str, int] = {}
    for redacted in (title, request, response):
        for kind, count in redacted.counts().items():
            counts[kind] = counts.get(kind, 0) + count
    released_on = case.responded_on or (
        timezone.localdate(case.closed_at) if case.closed_at else timezone.localdate()
    )
    entry = DisclosureEntry.objects.create(
        case=case,
        title=title.text[:200],
        request_text=request.text,
        response_text=response.text,
        decision=decision,
        released_on=released_on,
        service_area=_guess_service_area(case),
        redaction_counts=counts,
        prepared_by=account_or_none(actor),
    )
    _audit(entry, DisclosureEventKind.PREPARED, actor, redactions=counts)
    return entry


@transaction.atomic
def update_draft(
    *,
    actor,
    entry: DisclosureEntry,
    title: str,
    request_text: str,
    response_text: str,
    decision: str,
    service_area: ServiceArea | None,
) -> DisclosureEntry:
    """The officer's edits to a draft's wording, decision and service area."""
    entry = _locked(entry)
    _require(policies.can_edit_draft(actor, entry), "You cannot edit this entry.")
    for value, what in ((title, "title"), (request_text, "request"), (response_text, "response")):
        if not value.strip():
            raise DisclosureError(f"Enter the {what}.")
    new = {
        "title": title.strip(),
        "request_text": request_text.strip(),
        "response_text": response_text.strip(),
        "decision": Decision(decision),
        "service_area": service_area,
    }
    changed = sorted(name for name, value in new.items() if getattr(entry, name) != value)
    for name, value in new.items():
        setattr(entry, name, value)
    entry.save()
    if changed:
        _audit(entry, DisclosureEventKind.EDITED, actor, changed=changed)
    return entry


def _copy(attachment: Attachment, entry: DisclosureEntry) -> DisclosureFile:
    extension = PurePath(attachment.original_name).suffix or ".bin"
    with attachment.file.open("rb") as source:
        content = ContentFile(source.read(), name=f"{secrets.token_hex(16)}{extension}")
    return DisclosureFile.objects.create(
        entry=entry,
        file=content,
        name=attachment.original_name,
        content_type=attachment.content_type,
        size=content.size,
        copied_from=attachment,
    )


@transaction.atomic
def publish_disclosure(
    *,
    actor,
    entry: DisclosureEntry,
    confirmed_no_personal_data: bool,
    files: Sequence[Attachment] = (),
) -> DisclosureEntry:
    """Put a draft on the public log with copies of the chosen files. The officer must have
    confirmed that it holds no personal data; the case's own details are checked once more."""
    entry = _locked(entry)
    _require(policies.can_publish_disclosure(actor), "You cannot publish to the disclosure log.")
    if entry.status != EntryStatus.DRAFT:
        raise DisclosureError("Only a draft can be published.")
    if not confirmed_no_personal_data:
        raise DisclosureError("Confirm that you have checked this contains no personal data.")
    if entry.service_area_id is None:
        raise DisclosureError("Choose the service area the request is about.")
    if entry.case is not None:
        text = "\n".join([entry.title, entry.request_text, entry.response_text])
        left = personal_details_left(text, personal_details_of(entry.case))
        if left:
            found = ", ".join(_DETAIL_NAMES[kind] for kind in left)
            raise DisclosureError(
                f"The text still holds the requester's own details ({found}): redact them."
            )
    allowed = set(publishable_files(entry.case).values_list("pk", flat=True))
    if any(attachment.pk not in allowed for attachment in files):
        raise DisclosureError(
            "Only text-based files added by the council can be published with a response."
        )
    copies = [_copy(attachment, entry) for attachment in files]
    entry.status = EntryStatus.PUBLISHED
    entry.published_at = timezone.now()
    entry.published_by = account_or_none(actor)
    entry.save()
    _audit(entry, DisclosureEventKind.PUBLISHED, actor, files=[copy.name for copy in copies])
    if entry.case is not None:
        record_event(
            entry.case,
            EventKind.NOTE,
            actor,
            "Published on the disclosure log",
            data={"disclosure": entry.pk},
        )
    return entry


@transaction.atomic
def withdraw_disclosure(*, actor, entry: DisclosureEntry, reason: str) -> DisclosureEntry:
    """Take an entry off the public log, its files with it (they may be why it is withdrawn)."""
    entry = _locked(entry)
    _require(policies.can_withdraw_disclosure(actor), "You cannot withdraw from the log.")
    if entry.status != EntryStatus.PUBLISHED:
        raise DisclosureError("Only a published entry can be withdrawn.")
    if not reason.strip():
        raise DisclosureError("Say why the entry is being withdrawn.")
    removed = []
    for copy in entry.files.all():
        removed.append(copy.name)
        stored = copy.file.name
        storage = copy.file.storage
        transaction.on_commit(lambda stored=stored, storage=storage: storage.delete(stored))
        copy.delete()
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawn_at = timezone.now()
    entry.withdrawn_reason = reason.strip()
    entry.save()
    _audit(entry, DisclosureEventKind.WITHDRAWN, actor, reason.strip(), files=removed)
    if entry.case is not None:
        record_event(
            entry.case,
            EventKind.NOTE,
            actor,
            "Withdrawn from the disclosure log",
            body=reason.strip(),
            data={"disclosure": entry.pk},
        )
    return entry
