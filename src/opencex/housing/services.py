"""The tenant portal's acts: a tenant reports a repair (which opens its case through the one
door, `cases.actions.opening.open_case`), and books an appointment slot for it."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from opencex.cases.actions.opening import open_case
from opencex.cases.attachments import check_upload
from opencex.cases.models import CaseKind, Channel, EventKind, HazardClass
from opencex.cases.timeline import record_event
from opencex.forms.models import FormDefinition, FormVersion
from opencex.forms.services import clock_for, kind_and_service
from opencex.housing import policies
from opencex.housing.models import AppointmentSlot, Repair, RepairStatus, Tenancy
from opencex.housing.repairs_catalogue import Choice

REPAIR_FORM = "report-housing-repair"
# The service whose out-of-hours route an emergency repair is told (the council profile).
REPAIR_SERVICE = "report-housing-repair"


class RepairError(Exception):
    """A report or booking we cannot take, with a sentence that says why."""


class SlotTaken(RepairError):
    """Someone else has this slot."""


def repair_form_version() -> FormVersion:
    """The live version of the repair form, whose rules choose each report's clock and service."""
    form = FormDefinition.objects.filter(slug=REPAIR_FORM, is_live=True).first()
    version = form.current_version() if form is not None else None
    if version is None:
        raise RepairError("Reporting repairs online is not available. Please phone us.")
    return version


def report_repair(
    *,
    actor,
    tenancy: Tenancy,
    choice: Choice,
    description: str,
    photos: Sequence[File] = (),
    submission_key: str,
) -> Repair:
    """A tenant reports a repair to their home. The repair form's rules choose the clock (an
    emergency or damp and mould runs on Awaab's Law), `open_case` raises the priority for a
    resident with a vulnerability, and the same `submission_key` twice returns the first
    repair."""
    if not policies.tenancies_named_on(actor).filter(pk=tenancy.pk).exists():
        raise PermissionDenied("You can report repairs only to a home you are a tenant of.")
    description = description.strip()
    if not description:
        raise RepairError("Describe the problem")
    for photo in photos:
        check_upload(photo)  # AttachmentRejected names what to send instead, before any case
    resident = actor.resident
    version = repair_form_version()
    answers = {**choice.form_answers(), "description": description}
    clock = clock_for(None, answers, version=version)
    filed_under = kind_and_service(version, answers)
    with transaction.atomic():
        case, created = open_case(
            actor=actor,
            kind=filed_under["kind"] or CaseKind.SERVICE_REQUEST,
            channel=Channel.WEB,
            subject=f"Repair: {choice.label('en')} at {tenancy.property}",
            description=description,
            contact_name=resident.full_name,
            contact_email=resident.email or actor.email,
            contact_phone=resident.phone,
            resident=resident,
            service=filed_under["service"],
            property=tenancy.property,
            answers=answers,
            submission_key=f"housing-repair:{actor.pk}:{submission_key}",
            uploads=photos,
            hazard_class=clock.hazard_class,
            standard_days=clock.standard_days,
        )
        if not created:
            return Repair.objects.get(case=case)
        return Repair.objects.create(
            tenancy=tenancy,
            case=case,
            room=choice.room.id,
            item=choice.item.id,
            problem=choice.problem.id,
            description=description,
            priority=choice.problem.priority,
            needs_appointment=choice.problem.needs_appointment,
            reported_at=case.received_at,
        )


def is_on_hazard_clock(repair: Repair) -> bool:
    return repair.case is not None and repair.case.hazard_class != HazardClass.NONE


def can_book(repair: Repair) -> bool:
    return repair.needs_appointment and repair.status in {
        RepairStatus.REPORTED,
        RepairStatus.BOOKED,
    }


def open_slots():
    """Slots still free, from now on."""
    return AppointmentSlot.objects.filter(repair__isnull=True, starts_at__gt=timezone.now())


@transaction.atomic
def book_slot(*, actor, repair: Repair, slot_id: int) -> AppointmentSlot:
    """Give `slot_id` to the tenant's repair. The slot's row is locked and taken only if still
    free, so two tenants choosing it at once cannot both have it; a repair that held another
    slot gives that one back."""
    if not policies.repairs_of(actor).filter(pk=repair.pk).exists():
        raise PermissionDenied("You can book visits only for your own repairs.")
    repair = Repair.objects.select_for_update().get(pk=repair.pk)
    if not can_book(repair):
        raise RepairError("This repair does not need a visit booked.")
    slot = AppointmentSlot.objects.select_for_update().filter(pk=slot_id).first()
    if slot is None or slot.starts_at <= timezone.now():
        raise RepairError("Choose one of the times shown.")
    if slot.repair_id == repair.pk:
        return slot
    if slot.repair_id is not None:
        raise SlotTaken("Someone has just booked that time. Choose another.")
    AppointmentSlot.objects.filter(repair=repair).update(repair=None, booked_at=None)
    taken = AppointmentSlot.objects.filter(pk=slot.pk, repair__isnull=True).update(
        repair=repair, booked_at=timezone.now()
    )
    if not taken:  # cannot happen under the lock; the condition keeps the rule in the write too
        raise SlotTaken("Someone has just booked that time. Choose another.")
    repair.status = RepairStatus.BOOKED
    repair.save(update_fields=["status"])
    slot.refresh_from_db()
    if repair.case is not None:
        # On the officers' timeline (the tenant sees the visit on their repair's page): the
        # housing system's slot reference is what the contractor works to.
        when = timezone.localtime(slot.starts_at)
        record_event(
            repair.case,
            EventKind.NOTE,
            actor,
            f"The tenant booked a visit for {when:%A %d %B %Y, %H:%M} (slot {slot.slot_ref}).",
            data={"appointment_slot": slot.slot_ref},
        )
    return slot
