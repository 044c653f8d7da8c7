"""Writing the case timeline: the one place an event row is created, and so the one place every
case change is also published as an outbound event (`cases.outbound`), in the same transaction."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from opencex.accounts.actors import account_or_none
from opencex.cases.models import Case, CaseEvent
from opencex.cases.outbound import publish_case_change


def record_event(
    case: Case,
    kind: str,
    actor,
    summary: str,
    *,
    body: str = "",
    visible: bool = False,
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        actor=account_or_none(actor),
        at=timezone.now(),
        summary=summary,
        body=body,
        is_visible_to_resident=visible,
        data=data or {},
    )
    publish_case_change(event)
    return event
