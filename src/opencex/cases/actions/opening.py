"""Open a case: the one door every web form, API call, assisted contact and email uses."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases import policies
from opencex.cases.attachments import store_attachment
from opencex.cases.clock import (
    apply_deadline,
    case_deadline,
)
from opencex.cases.errors import CaseError, SubmissionConflict
from opencex.cases.models import (
    Case,
    CaseKind,
    Channel,
    ClockPause,
    EventKind,
    Priority,
)
from opencex.cases.references import new_reference
from opencex.cases.routing import team_for
from opencex.cases.timeline import record_event
from opencex.clocks.calendars import received_on as date_of_receipt
from opencex.languages import current_language, offered_or_english
from opencex.notify.services import notify_resident

_REFERENCE_ATTEMPTS = 5


def _fingerprint(actor, fields: dict[str, Any]) -> str:
    identity = actor.pk if account_or_none(actor) else "anonymous"
    payload = json.dumps({"actor": identity, **fields}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


@transaction.atomic
def open_case(
    *,
    actor,
    kind: str,
    channel: str,
    subject: str,
    description: str,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    resident=None,
    service=None,
    property=None,
    answers: dict[str, Any] | None = None,
    received_at: datetime | None = None,
    parent: Case | None = None,
    priority: int | None = None,
    submission_key: str | None = None,
    uploads: Sequence[File] = (),
    hazard_class: str = "",
    standard_days: int | None = None,
    language: str | None = None,
) -> tuple[Case, bool]:
    """Open a case; returns (case, created). The same `submission_key` twice returns the first
    case (created=False) rather than a second one, so a double click or a retried request is safe.
    `uploads` are files sent with the request (checked by content, stored privately).
    `hazard_class` and `standard_days` are the clock the answers chose (opencex.cases.hazards).
    `language` is the one the case is made in (the API's `lang`, the officer's choice for the
    resident); by default the language of the page being made, so a web form sent in Polish
    opens a Polish case. A language the site does not offer is English.
    """
    if not policies.can_open_case(actor, channel=channel):
        raise PermissionDenied(f"You cannot open a case on the {Channel(channel).label} channel.")
    kind = CaseKind(kind)
    if kind == CaseKind.FOI_INTERNAL_REVIEW and (parent is None or parent.kind != CaseKind.FOI):
        raise CaseError("An internal review must be about an FOI request.")
    fingerprint = ""
    if submission_key:
        fingerprint = _fingerprint(
            actor,
            {
                "kind": kind,
                "channel": channel,
                "subject": subject,
                "description": description,
                "contact_email": contact_email.lower(),
                "service": service.pk if service else None,
                "answers": answers or {},
            },
        )
        # A repeat is found when its insert meets the unique submission key (below), not by a
        # look-up first: every submission would pay for a query that only a retry needs.

    received_at = received_at or timezone.now()
    day_zero = date_of_receipt(received_at)
    if priority is None:
        priority = (
            Priority.HIGH if resident is not None and resident.is_priority else Priority.NORMAL
        )
    case = Case(
        kind=kind,
        stage=1 if kind == CaseKind.COMPLAINT else None,
        channel=channel,
        priority=priority,
        resident=resident,
        property=property,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        service=service,
        team=team_for(kind=kind, service=service),
        parent=parent,
        subject=subject,
        description=description,
        answers=answers or {},
        received_at=received_at,
        received_on=day_zero,
        clock_started_on=day_zero,
        created_by=account_or_none(actor),
        submission_key=submission_key or None,
        submission_fingerprint=fingerprint,
        hazard_class=hazard_class,
        standard_days=standard_days,
        language=offered_or_english(language or current_language()),
    )
    apply_deadline(case, case_deadline(case, pauses=[]))
    try:
        _save_with_fresh_reference(case)
    except IntegrityError:
        # The same submission key was used before (a retry, or a race with it): answer with
        # its case.
        if submission_key:
            existing = Case.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return _same_submission(existing, fingerprint), False
        raise
    record_event(
        case,
        EventKind.CREATED,
        actor,
        f"{kind.label} received by {Channel(channel).label.lower()}",
        visible=True,
        data={"channel": channel, "due_on": case.due_on, "due_at": case.due_at},
    )
    for upload in uploads:
        store_attachment(actor=actor, case=case, upload=upload)
    # A case just opened has no clock pauses; its acknowledgement's date (notify.letters) reads
    # them through `case.pauses.all()`, which answers from this without a query. Only while
    # the acknowledgement is written: the caller's instance reads them afresh.
    # Django's own cache of prefetched relations, set on instances at run time.
    case._prefetched_objects_cache = {"pauses": ClockPause.objects.none()}  # type: ignore[attr-defined]
    try:
        notify_resident(case=case, template="case_received", actor=actor)
    finally:
        del case._prefetched_objects_cache  # type: ignore[attr-defined]
    return case, True


def _same_submission(existing: Case, fingerprint: str) -> Case:
    if existing.submission_fingerprint != fingerprint:
        raise SubmissionConflict(
            "This submission key was already used for a different request. "
            "Use a new key for a new request."
        )
    return existing


def _save_with_fresh_reference(case: Case) -> None:
    for attempt in range(_REFERENCE_ATTEMPTS):
        case.reference = new_reference(case.kind)
        try:
            with transaction.atomic():
                case.save()
            return
        except IntegrityError:
            clash = Case.objects.filter(reference=case.reference).exists()
            if not clash or attempt == _REFERENCE_ATTEMPTS - 1:
                raise
