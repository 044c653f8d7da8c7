"""The integrations' two acts: send a new case to its back office, and take the back offices'
status changes back into the cases (through the cases app's one door)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.cases.actions.core import System, locked
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, EventKind, Status
from opencex.cases.timeline import record_event
from opencex.cases.workflow import TransitionNotAllowed
from opencex.events.models import Event, ReceivedMessage
from opencex.events.receiving import receive_once
from opencex.integrations.backoffice import (
    BackOfficeClient,
    CaseForBackOffice,
    StatusChange,
    client_for,
)
from opencex.integrations.models import BackOfficeRecord, BackOfficeRoute, ChangesRead

logger = logging.getLogger(__name__)


def _for_back_office(case: Case) -> CaseForBackOffice:
    return CaseForBackOffice(
        reference=case.reference,
        service=case.service.slug if case.service is not None else "",
        subject=case.subject,
        description=case.description,
        uprn=case.property.uprn if case.property is not None else None,
        received_at=case.received_at.isoformat(),
        priority=case.priority,
    )


def send_case_to_back_office(*, event_id: int) -> BackOfficeRecord | None:
    """Make the record for the case a `case.created` event tells of, if its service is routed to
    a back office. Applied once per event (`receive_once` by its webhook id); the back office is
    asked by the case reference, so a retry after a lost answer finds the same record there.
    Raises `BackOfficeUnavailable` for the job to try again later."""
    event = Event.objects.get(pk=event_id)
    case = Case.objects.select_related("service", "property").get(reference=event.subject_id)
    if case.service_id is None:
        return None
    route = BackOfficeRoute.objects.filter(service_id=case.service_id, is_active=True).first()
    if route is None:
        return None
    receiver = f"{route.system}-records"
    if ReceivedMessage.objects.filter(receiver=receiver, message_id=event.webhook_id).exists():
        return BackOfficeRecord.objects.filter(system=route.system, case=case).first()
    client = client_for(route.system)
    record_id = client.create_record(_for_back_office(case))  # HTTP: outside any transaction
    with transaction.atomic():
        case = locked(case)
        if not receive_once(receiver=receiver, message_id=event.webhook_id):
            return BackOfficeRecord.objects.filter(system=route.system, case=case).first()
        record = BackOfficeRecord.objects.create(
            case=case, system=route.system, record_id=record_id
        )
        record_event(
            case,
            EventKind.NOTE,
            None,
            f"Sent to {client.label} as {record_id}",
            data={"back_office": route.system, "record": record_id},
        )
    return record


def take_status_changes(*, system: str) -> int:
    """Read `system`'s status changes since last time and apply each to its case; returns how
    many were new. Each change is applied once (by its id in that system), in the transaction
    that records it, and the position read is kept after, so a crash between the two re-reads
    changes that are then recognised and skipped."""
    client = client_for(system)
    read, _ = ChangesRead.objects.get_or_create(system=system)
    changes, position = client.changes_after(read.position)
    applied = sum(_apply(system=system, client=client, change=change) for change in changes)
    ChangesRead.objects.filter(pk=read.pk).update(position=position, read_at=timezone.now())
    return applied


@transaction.atomic
def _apply(*, system: str, client: BackOfficeClient, change: StatusChange) -> bool:
    record = (
        BackOfficeRecord.objects.select_for_update()
        .select_related("case")
        .filter(system=system, record_id=change.record_id)
        .first()
    )
    if record is None:
        return False  # a record the back office made itself, not from one of our cases
    if not receive_once(receiver=f"{system}-status", message_id=change.change_id):
        return False
    record.back_office_status = change.status
    record.last_refusal = ""
    act = client.act_for(change.status)
    if act is not None and record.case.status != act.to:
        actor = System(because=f"{client.label} reported {change.status}", back_office=system)
        try:
            with transaction.atomic():
                if act.to == Status.CLOSED:
                    close_case(actor=actor, case=record.case, outcome=act.outcome)
                else:
                    change_status(
                        actor=actor,
                        case=record.case,
                        to=act.to,
                        reason=f"Updated by {client.label}.",
                    )
        except (TransitionNotAllowed, CaseError, PermissionDenied) as refused:
            record.last_refusal = str(refused)[:300]
            logger.warning(
                "%s %s is %s, which case %s cannot follow: %s",
                system, change.record_id, change.status, record.case.reference, refused,
            )  # fmt: skip
    record.save()
    return True
