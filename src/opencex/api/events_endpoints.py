"""/api/v1/events: a partner system catches up on the events it subscribes to, from a cursor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opencex.api.auth import actor_of
from opencex.api.errors import FieldError
from opencex.api.schemas import ErrorsOut
from opencex.events.policies import can_pull_events
from opencex.events.selectors import events_for

router = Router(tags=["events"])


class EventFilters(Schema):
    after: int = Field(
        0, ge=0, le=2**63 - 1, description="The last event id you have (the cursor)."
    )
    limit: int = Field(100, ge=1, le=500)


class SubjectOut(Schema):
    type: str
    id: str


class EventOut(Schema):
    id: int
    type: str
    timestamp: datetime
    subject: SubjectOut
    data: dict[str, Any]


class EventPageOut(Schema):
    items: list[EventOut]
    next_after: int = Field(description="Ask again with ?after= this to continue.")
    has_more: bool


@router.get(
    "",
    response={200: EventPageOut, (400, 401, 403, 422): ErrorsOut},
    operation_id="list_events",
    summary="Events after a cursor",
    description=(
        "For a partner system with an active webhook subscription: the events on its topics "
        "with an id above `after`, oldest first, in the body a webhook delivers. Events a few "
        "seconds old appear once they are certain to have no earlier neighbour still to commit."
    ),
)
def list_events(request, filters: Query[EventFilters]):
    unknown = sorted(set(request.GET) - set(EventFilters.model_fields))
    if unknown:
        raise FieldError(unknown[0], f"Remove '{unknown[0]}': it is not a filter of this list")
    actor = actor_of(request)
    if not can_pull_events(actor):
        raise HttpError(403, "Only a partner system with an event subscription may read events.")
    events, has_more = events_for(actor, after=filters.after, limit=filters.limit)
    return {
        "items": [
            {
                "id": event.pk,
                "type": event.topic,
                "timestamp": event.occurred_at,
                "subject": {"type": event.subject_type, "id": event.subject_id},
                "data": event.data,
            }
            for event in events
        ],
        "next_after": events[-1].pk if events else filters.after,
        "has_more": has_more,
    }
