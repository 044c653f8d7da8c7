"""Every topic an event may carry, what it means, and how a subscription's patterns match it.

The payloads are documented in docs/events.md. Every case topic carries the same `case` block
(ids and the fields a back office routes and tracks by) and a `change` block of the fields that
change names; never free text, contact details or special-category data."""

from __future__ import annotations

from collections.abc import Iterable

CASE_TOPICS: dict[str, str] = {
    "case.created": "A case was opened (any channel).",
    "case.status_changed": "A case moved along its lifecycle (not to closed).",
    "case.closed": "A case was closed with an outcome, or as a duplicate.",
    "case.acknowledged": "A complaint or request was acknowledged.",
    "case.clock_paused": "The clock stopped, waiting for the resident.",
    "case.clock_resumed": "The clock started again.",
    "case.clock_restarted": "The clock restarted from a clarification.",
    "case.extended": "The deadline was extended.",
    "case.escalated": "A complaint went to stage 2.",
    "case.assigned": "The case went to another team or officer.",
    "case.priority_changed": "The case's priority changed.",
    "case.message_received": "The resident wrote (the words are not in the event).",
    "case.message_sent": "The council wrote to the resident (the words are not in the event).",
    "case.note_added": "An officer added something to the timeline (an internal note).",
    "case.attachment_added": "A file was added to the case.",
    "case.linked": "The case was linked to another case.",
    "case.marked_duplicate": "The case was marked a duplicate of another.",
    "case.expected_date_revised": "An officer revised the date the resident is told.",
    "case.hazard_recorded": "A hazard (Awaab's Law) was recorded on a repair.",
    "case.hazard_investigation_concluded": "A hazard investigation was concluded.",
    "case.hazard_summary_given": "The tenant was given the written summary of a hazard "
    "investigation's findings.",
    "case.hazard_made_safe": "A home was made safe from a hazard, or alternative accommodation "
    "offered.",
    "case.hazard_further_work_begun": "The further work a hazard needs began.",
}

# Booking and payment topics are published by those apps (issue 12's other parts) through the
# same `publish`; they are listed here so that subscriptions can name them now.
OTHER_TOPICS: dict[str, str] = {
    "booking.confirmed": "A booking was confirmed (paid where it has a price).",
    "booking.cancelled": "A booking was cancelled.",
    "booking.moved": "A booking moved to another slot.",
    "payment.succeeded": "A payment succeeded.",
    "payment.failed": "A payment failed, was declined or cancelled.",
    "payment.refunded": "A payment was refunded in full or in part.",
}

TOPICS: dict[str, str] = {**CASE_TOPICS, **OTHER_TOPICS}


def matches(patterns: Iterable[str], topic: str) -> bool:
    """Does a subscription to `patterns` receive `topic`? "*" is every topic, "case.*" every
    topic starting "case."; anything else names one topic."""
    for pattern in patterns:
        if pattern == "*" or pattern == topic:
            return True
        if pattern.endswith(".*") and topic.startswith(pattern[:-1]):
            return True
    return False


def unknown_patterns(patterns: Iterable[str]) -> list[str]:
    """The patterns that match no topic we publish (a typo would silently receive nothing)."""
    return [p for p in patterns if not any(matches([p], topic) for topic in TOPICS)]
