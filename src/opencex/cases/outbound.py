"""Every timeline event of a case, told to the back offices as an outbound event (opencex.events).

`cases.timeline.record_event` calls `publish_case_change` for each timeline entry it writes, in
the same transaction, so a case change and its event commit together. The payload carries ids
and the fields a back office routes and tracks by; never the timeline's words (a summary, a
message, a note may hold anything a resident or officer wrote), contact details, or
special-category data. The topics and payloads are documented in docs/events.md."""

from __future__ import annotations

from typing import Any

from opencex.cases.models import Case, CaseEvent, EventKind, Status
from opencex.events.models import Event
from opencex.events.services import publish

TOPIC_OF_KIND: dict[str, str] = {
    EventKind.CREATED: "case.created",
    EventKind.STATUS_CHANGED: "case.status_changed",
    EventKind.ACKNOWLEDGED: "case.acknowledged",
    EventKind.CLOCK_PAUSED: "case.clock_paused",
    EventKind.CLOCK_RESUMED: "case.clock_resumed",
    EventKind.CLOCK_RESTARTED: "case.clock_restarted",
    EventKind.EXTENDED: "case.extended",
    EventKind.ESCALATED: "case.escalated",
    EventKind.REASSIGNED: "case.assigned",
    EventKind.PRIORITY_CHANGED: "case.priority_changed",
    EventKind.MESSAGE_IN: "case.message_received",
    EventKind.MESSAGE_OUT: "case.message_sent",
    EventKind.NOTE: "case.note_added",
    EventKind.ATTACHMENT_ADDED: "case.attachment_added",
    EventKind.LINKED: "case.linked",
    EventKind.MARKED_DUPLICATE: "case.marked_duplicate",
    EventKind.EXPECTED_DATE_REVISED: "case.expected_date_revised",
    EventKind.HAZARD_RECORDED: "case.hazard_recorded",
    EventKind.INVESTIGATION_CONCLUDED: "case.hazard_investigation_concluded",
    EventKind.SUMMARY_GIVEN: "case.hazard_summary_given",
    EventKind.MADE_SAFE: "case.hazard_made_safe",
    EventKind.FURTHER_WORK_BEGUN: "case.hazard_further_work_begun",
}
# Opening an attachment changes nothing: it is an audit record of a read, not a case change.
NOT_PUBLISHED = frozenset({EventKind.ATTACHMENT_OPENED})

# The timeline data's fields that are codes, dates or ids, never words someone wrote.
CHANGE_FIELDS = frozenset(
    {
        "from", "to", "due_on", "due_at", "channel", "on", "days", "team", "officer", "stage",
        "outcome", "other", "original", "duplicate_of", "kind", "decision", "exemptions", "by",
        "hazard_class", "became_aware_at", "significant_hazard_found", "attachment",
        "made_safe_at", "alternative_accommodation", "twelve_week_route", "late",
    }
)  # fmt: skip


def case_block(case: Case) -> dict[str, Any]:
    """What every case event says about the case as it now is."""
    return {
        "reference": case.reference,
        "kind": case.kind,
        "status": case.status,
        "stage": case.stage,
        "channel": case.channel,
        "priority": case.priority,
        "service": case.service.slug if case.service is not None else None,
        "team_id": case.team_id,
        "assigned_to_id": case.assigned_to_id,
        "property_uprn": case.property.uprn if case.property is not None else None,
        "received_at": case.received_at,
        "due_on": case.due_on,
        "due_at": case.due_at,
        "closed_at": case.closed_at,
    }


def publish_case_change(case_event: CaseEvent) -> Event | None:
    if case_event.kind in NOT_PUBLISHED:
        return None
    topic = TOPIC_OF_KIND[case_event.kind]
    if topic == "case.status_changed" and case_event.data.get("to") == Status.CLOSED:
        topic = "case.closed"
    change = {k: v for k, v in case_event.data.items() if k in CHANGE_FIELDS}
    return publish(
        topic=topic,
        subject_type="case",
        subject_id=case_event.case.reference,
        data={
            "case": case_block(case_event.case),
            "change": change,
            "timeline_event_id": case_event.pk,
            "visible_to_resident": case_event.is_visible_to_resident,
        },
        occurred_at=case_event.at,
    )
