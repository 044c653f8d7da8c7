"""Everything the council holds about a resident as one zip download, for a subject access
request: a readable index, JSON of each part, the files, and the audit of who saw and did what.

Internal notes are the resident's personal data too, so they are included, marked for the
officer to review for exemptions before release. Every export is recorded, and each export lists
the ones made before it.

What the apps below inforights hold (bookings, payments) is read directly; an app above it
(housing's copy of tenancies, rent and repairs) registers its reader with `register_export_part`
from its AppConfig.ready(), as Open311 registers its case anonymiser with retention.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.bookings.records import bookings_held_about
from opencex.cases.models import Case, CaseEvent, CaseKind, EventKind
from opencex.cases.policies import can_view_case
from opencex.cases.timeline import record_event
from opencex.contacts.models import Contact
from opencex.inforights import policies
from opencex.inforights.legislation import exemption
from opencex.inforights.models import IcoComplaint, InformationRequest, SubjectAccessExport
from opencex.notify.models import Notification
from opencex.payments.models import Payment
from opencex.people.models import Resident, SensitiveAccess
from opencex.people.services import equality_answers_held_about, read_sensitive_information

# file name -> what an app above inforights holds about a resident, as JSON-ready data
_registered_parts: dict[str, Callable[[Resident], Any]] = {}


def register_export_part(file_name: str, reader: Callable[[Resident], Any]) -> None:
    """Add `file_name` to every subject access export, made by `reader(resident)`: for an app
    inforights may not import. Called from the app's AppConfig.ready()."""
    _registered_parts[file_name] = reader


@dataclass(frozen=True)
class Export:
    record: SubjectAccessExport
    file_name: str
    content: bytes


def _person(user) -> dict[str, str] | None:
    if user is None:
        return None
    return {"name": user.full_name, "role": user.get_role_display()}


def cases_about(resident: Resident):
    """The resident's cases, and cases given with their email address but not linked to them."""
    match = Q(resident=resident)
    if resident.email:
        match |= Q(resident__isnull=True, contact_email__iexact=resident.email)
    return (
        Case.objects.filter(match)
        .select_related("service", "team", "assigned_to", "property")
        .order_by("received_at", "pk")
    )


def _attachment_path(attachment) -> str:
    return f"attachments/{attachment.case.reference}/{attachment.pk}-{attachment.original_name}"


def _register(case: Case) -> dict[str, Any] | None:
    entry = InformationRequest.objects.filter(case=case).first()
    if entry is None:
        return None
    return {
        "decision": entry.get_decision_display(),
        "decided_on": entry.decided_on,
        "response": entry.reasons,
        "exemptions": [
            {"cited": exemption(item.code).label, "public_interest": item.public_interest}
            for item in entry.exemptions.all()
        ],
        "fee": entry.fee_amount,
        "fees_notice_on": entry.fees_notice_on,
        "fee_paid_on": entry.fee_paid_on,
        "identity_verified_on": entry.identity_verified_on,
        "identity_evidence": entry.identity_evidence,
        "flag_reason": entry.flag_reason,
    }


def _case_part(case: Case, resident: Resident) -> dict[str, Any]:
    events = case.events.select_related("actor").order_by("at", "id")
    return {
        "reference": case.reference,
        "kind": case.get_kind_display(),
        "status": case.get_status_display(),
        "linked_to_your_record": case.resident_id == resident.pk,
        "channel": case.get_channel_display(),
        "subject": case.subject,
        "description": case.description,
        "answers": case.answers,
        "contact": {
            "name": case.contact_name,
            "email": case.contact_email,
            "phone": case.contact_phone,
        },
        "property": str(case.property) if case.property else None,
        "service": case.service.title if case.service else None,
        "team": case.team.name if case.team else None,
        "officer": _person(case.assigned_to),
        "received_at": case.received_at,
        "due_on": case.due_on,
        "responded_on": case.responded_on,
        "closed_at": case.closed_at,
        "outcome": case.outcome,
        "clock_pauses": [
            {
                "reason": p.get_reason_display(),
                "from": p.started_on,
                "to": p.ended_on,
                "note": p.note,
            }
            for p in case.pauses.all()
        ],
        "timeline": [
            {
                "at": event.at,
                "what": event.get_kind_display(),
                "summary": event.summary,
                "text": event.body,
                "by": _person(event.actor),
                "shown_to_you": event.is_visible_to_resident,
                # Internal notes are personal data as well: the officer reviews each for an
                # exemption (DPA 2018 Sch 2-4) before the download is released.
                "internal_review_before_release": not event.is_visible_to_resident,
            }
            for event in events
        ],
        "attachments": [
            {
                "name": a.original_name,
                "type": a.content_type,
                "size": a.size,
                "added_at": a.uploaded_at,
                "added_by": _person(a.uploaded_by),
                "shown_to_you": a.is_visible_to_resident,
                "file": _attachment_path(a),
            }
            for a in case.attachments.select_related("case", "uploaded_by").order_by("pk")
        ],
        "ratings": list(case.ratings.values("score", "comment", "created_at")),
        "information_request": _register(case),
        "ico_complaints": [
            {
                "reference": c.ico_reference,
                "received_on": c.received_on,
                "outcome": c.get_outcome_display(),
            }
            for c in IcoComplaint.objects.filter(case=case)
        ],
    }


def _resident_part(resident: Resident) -> dict[str, Any]:
    user = resident.user
    return {
        "full_name": resident.full_name,
        "email": resident.email,
        "phone": resident.phone,
        "date_of_birth": resident.date_of_birth,
        "contact_preferences": {
            "preferred_channel": resident.get_preferred_channel_display(),
            "preferred_language": resident.preferred_language,
            "needs_interpreter": resident.needs_interpreter,
            "accessibility_needs": resident.accessibility_needs,
            "interpreter_language": resident.interpreter_language,
            "accessible_format": resident.get_accessible_format_display(),
            "agrees_to_emails": resident.consents_to_email,
            "agrees_to_text_messages": resident.consents_to_sms,
            "agreed_to_text_messages_at": resident.sms_consent_at,
            "agrees_to_research": resident.consents_to_research,
        },
        "triaged_first": resident.is_priority,
        "account": (
            {"email": user.email, "since": user.date_joined, "last_signed_in": user.last_login}
            if user
            else None
        ),
        "addresses": [
            {
                "address": str(o.property),
                "uprn": o.property.uprn,
                "as": o.get_relationship_display(),
                "from": o.started_on,
                "to": o.ended_on,
            }
            for o in resident.occupancies.select_related("property").order_by("started_on", "pk")
        ],
        "record_created_at": resident.created_at,
    }


def _contacts_part(resident: Resident) -> list[dict[str, Any]]:
    contacts = Contact.objects.filter(resident=resident).select_related(
        "officer", "service", "case"
    )
    return [
        {
            "at": c.at,
            "how": c.get_channel_display(),
            "where": c.place_name,
            "about": c.service.title if c.service else None,
            "outcome": c.get_outcome_display(),
            "signposted_to": c.signposted_to,
            "note": c.note,
            "officer": _person(c.officer),
            "case": c.case.reference if c.case else None,
        }
        for c in contacts.order_by("at", "pk")
    ]


def _messages_part(resident: Resident, cases) -> list[dict[str, Any]]:
    sent = Notification.objects.filter(Q(resident=resident) | Q(case__in=cases)).select_related(
        "case"
    )
    return [
        {
            "at": n.created_at,
            "sent_at": n.sent_at,
            "by": n.get_channel_display(),
            "to": n.recipient,
            "subject": n.subject,
            "text": n.body,
            "status": n.get_status_display(),
            "case": n.case.reference if n.case else None,
        }
        for n in sent.order_by("created_at", "pk")
    ]


def _payments_part(resident: Resident) -> list[dict[str, Any]]:
    """Their payments: made while signed in, taken for them by an officer, or given with their
    email address; with refunds and the payment's history (who or what changed it)."""
    match = Q(resident=resident)
    if resident.email:
        match |= Q(resident__isnull=True, email__iexact=resident.email)
    payments = Payment.objects.filter(match).select_related("taken_by")
    return [
        {
            "reference": p.reference,
            "for": p.description,
            "amount_pence": p.amount_pence,
            "status": p.get_status_display(),
            "email": p.email,
            "card_last_digits": p.card_last_digits,
            "how": p.get_channel_display(),
            "taken_by": _person(p.taken_by),
            "started_at": p.created_at,
            "settled_at": p.settled_at,
            "refunded_pence": p.refunded_pence,
            "refunds": [
                {
                    "amount_pence": r.amount_pence,
                    "reason": r.reason,
                    "status": r.get_status_display(),
                    "at": r.created_at,
                }
                for r in p.refunds.order_by("created_at", "pk")
            ],
            "history": [
                {
                    "at": e.at,
                    "what": e.get_kind_display(),
                    "detail": e.detail,
                    "by": _person(e.actor),
                }
                for e in p.events.select_related("actor").order_by("at", "pk")
            ],
        }
        for p in payments.order_by("created_at", "pk")
    ]


def _audit_part(resident: Resident, cases) -> dict[str, Any]:
    reads = SensitiveAccess.objects.filter(resident=resident).select_related("actor")
    actions = (
        CaseEvent.objects.filter(case__in=cases, actor__isnull=False)
        .select_related("actor", "case")
        .order_by("at", "id")
    )
    exports = SubjectAccessExport.objects.filter(resident=resident).select_related(
        "exported_by", "case"
    )
    return {
        "who_read_your_health_and_vulnerability_details": [
            {"at": r.at, "by": _person(r.actor), "why": r.purpose}
            for r in reads.order_by("at", "pk")
        ],
        "who_acted_on_your_cases": [
            {"at": e.at, "case": e.case.reference, "by": _person(e.actor), "did": e.summary}
            for e in actions
        ],
        "earlier_exports_of_your_data": [
            {
                "at": x.at,
                "by": _person(x.exported_by),
                "for_request": x.case.reference if x.case else None,
                "file": x.file_name,
            }
            for x in exports
        ],
    }


def _special_category_part(actor, resident: Resident, purpose: str) -> list[dict[str, Any]]:
    held = read_sensitive_information(
        actor=actor, resident=resident, purpose=purpose, include_withdrawn=True
    )
    return [
        {
            "category": item.get_category_display(),
            "details": item.details,
            "why_we_hold_it": item.purpose,
            "lawful_basis": item.lawful_basis,
            "you_consented": item.consent_given,
            "review_on": item.review_on,
            "recorded_at": item.recorded_at,
            "recorded_by": _person(item.recorded_by),
            "withdrawn_at": item.withdrawn_at,
        }
        for item in held
    ]


def _as_json(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _attachments(cases) -> list:
    return [a for each in cases for a in each.attachments.select_related("case").order_by("pk")]


def _parts_about(actor, resident: Resident, purpose: str) -> tuple[dict[str, Any], list[Case]]:
    """The export's JSON parts about one record, by file name, and the cases about it."""
    cases = list(cases_about(resident))
    parts = {
        "resident.json": _resident_part(resident),
        "cases.json": [_case_part(each, resident) for each in cases],
        "contacts.json": _contacts_part(resident),
        "bookings.json": bookings_held_about(resident),
        "payments.json": _payments_part(resident),  # retention2 (issue 12)
        **{name: reader(resident) for name, reader in _registered_parts.items()},
        "messages.json": _messages_part(resident, cases),
        "special-category.json": _special_category_part(actor, resident, purpose),
        "equality-monitoring.json": equality_answers_held_about(
            actor=actor, resident=resident, purpose=purpose
        ),
        "audit.json": _audit_part(resident, cases),
    }
    return parts, cases


@transaction.atomic
def export_everything_about(*, actor, resident: Resident, case: Case | None = None) -> Export:
    """Build the one download of everything held about `resident` and record that it was made;
    `case` is the subject access request it answers, if there is one."""
    if not policies.can_export_everything_about(actor, resident):
        raise PermissionDenied("Only information governance can export a resident's data.")
    if case is not None and (case.kind != CaseKind.SAR or not can_view_case(actor, case)):
        raise PermissionDenied("Choose a subject access request you can see.")
    now = timezone.now()
    purpose = f"Subject access export{f' for {case.reference}' if case else ''}"
    parts, cases = _parts_about(actor, resident, purpose)
    special = parts["special-category.json"]
    folder = f"subject-access-{resident.pk}-{timezone.localdate(now):%Y-%m-%d}"
    # Each record merged into this one (a tombstone, `merged_into`) keeps what could not move:
    # audit rows, and a row this record already had its own of. Its parts go in a folder of its
    # own, so that nothing held about the resident under another record is left out.
    held = [("", cases, parts)]
    for other in resident.merged_records():
        other_parts, other_cases = _parts_about(actor, other, purpose)
        held.append((f"merged-record-{other.pk}/", other_cases, other_parts))
    buffer = io.BytesIO()
    missing = []
    files = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for prefix, its_cases, its_parts in held:
            for name, value in its_parts.items():
                archive.writestr(f"{folder}/{prefix}{name}", _as_json(value))
            for attachment in _attachments(its_cases):
                path = f"{prefix}{_attachment_path(attachment)}"
                try:
                    with attachment.file.open("rb") as stored:
                        archive.writestr(f"{folder}/{path}", stored.read())
                    files.append(path)
                except FileNotFoundError:
                    missing.append(path)
        index = render_to_string(
            "inforights/export_index.html",
            {
                "resident": resident,
                "case": case,
                "made_at": now,
                "details": parts["resident.json"],
                "cases": parts["cases.json"],
                "contacts": parts["contacts.json"],
                "messages": parts["messages.json"],
                "special": special,
                "audit": parts["audit.json"],
                "files": files,
                "missing": missing,
            },
        )
        archive.writestr(f"{folder}/index.html", index)
    content = buffer.getvalue()
    record = SubjectAccessExport.objects.create(
        resident=resident,
        case=case,
        exported_by=account_or_none(actor),
        file_name=f"{folder}.zip",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    if case is not None:
        record_event(
            case,
            EventKind.NOTE,
            actor,
            "Everything held about the resident exported for review",
            data={"export": record.pk, "resident": resident.pk, "sha256": record.sha256},
        )
    return Export(record=record, file_name=record.file_name, content=content)
