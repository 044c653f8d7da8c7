"""Writes about residents: creating them, and recording or reading special-category data."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from opencex.people import policies
from opencex.people.dates_of_birth import check_date_of_birth
from opencex.people.models import (
    AccessKind,
    ContactChannel,
    Resident,
    SensitiveAccess,
    SensitiveCategory,
    SensitiveInformation,
)


def likely_duplicates(
    *, full_name: str, email: str = "", phone: str = "", date_of_birth: date | None = None
) -> QuerySet[Resident]:
    """Residents who are probably the same person: same email, same phone, or same name and
    date of birth. Staff are warned before creating another record."""
    match = Q(pk__in=[])
    if email:
        match |= Q(email_lower=email.strip().lower())
    if phone:
        match |= Q(phone=normalise_phone(phone))
    if date_of_birth:
        match |= Q(full_name__iexact=full_name.strip(), date_of_birth=date_of_birth)
    return Resident.objects.annotate(email_lower=Lower("email")).filter(match)


def normalise_phone(phone: str) -> str:
    """A UK phone number as stored and searched: digits only, +44 written as 0."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return "0" + digits[3:] if digits.startswith("+44") else digits


@transaction.atomic
def create_resident(
    *,
    actor,
    full_name: str,
    email: str = "",
    phone: str = "",
    date_of_birth: date | None = None,
    **details,
) -> Resident:
    """Create a resident record (the caller has shown the officer any likely duplicates). A date
    of birth in the future or beyond anyone's age is refused (DateOfBirthRefused)."""
    if not full_name.strip():
        raise ValueError("Enter the resident's full name.")
    return Resident.objects.create(
        full_name=full_name.strip(),
        email=email.strip().lower(),
        phone=normalise_phone(phone),
        date_of_birth=check_date_of_birth(date_of_birth),
        **details,
    )


@transaction.atomic
def record_sensitive_information(
    *,
    actor,
    resident: Resident,
    category: str,
    details: str,
    purpose: str,
    lawful_basis: str,
    review_on: date,
    consent_given: bool = False,
    raises_priority: bool = True,
) -> SensitiveInformation:
    if not policies.can_record_sensitive_information(actor, resident):
        raise PermissionDenied("You cannot record health or vulnerability information.")
    if not purpose.strip():
        raise ValueError("Say why the council needs to hold this information.")
    entry = SensitiveInformation.objects.create(
        resident=resident,
        category=SensitiveCategory(category),
        details=details,
        purpose=purpose,
        lawful_basis=lawful_basis,
        consent_given=consent_given,
        raises_priority=raises_priority,
        review_on=review_on,
        recorded_by=actor,
    )
    _sync_priority(resident)
    return entry


def _sync_priority(resident: Resident) -> None:
    is_priority = resident.sensitive_information.current().filter(raises_priority=True).exists()
    if resident.is_priority != is_priority:
        resident.is_priority = is_priority
        resident.save(update_fields=["is_priority", "updated_at"])


BREAK_GLASS_REASON_MAX_LENGTH = SensitiveAccess._meta.get_field("purpose").max_length


class ReasonRequired(ValueError):
    """A break-glass read without a usable reason."""


@transaction.atomic
def read_sensitive_information(
    *, actor, resident: Resident, purpose: str, include_withdrawn: bool = False
) -> list[SensitiveInformation]:
    """The resident's current special-category data, for an officer with a need to know
    (people.policies); every read is recorded with its purpose. A subject access export asks
    for the withdrawn entries too (`include_withdrawn`): the council still holds them, so the
    resident is entitled to see them. This and `break_glass` are the only ways the details are
    read (a test keeps it so)."""
    if not policies.can_view_sensitive_information(actor, resident):
        raise PermissionDenied(
            "You can see health or vulnerability information only for residents with a case "
            "with your team, or by giving a reason."
        )
    return _read(actor, resident, purpose, AccessKind.NEED_TO_KNOW, include_withdrawn)


@transaction.atomic
def break_glass(*, actor, resident: Resident, reason: str) -> list[SensitiveInformation]:
    """Read the details without a need to know, giving a reason: the read is recorded as a
    break-glass read with the reason, which information governance reviews."""
    if not policies.can_break_glass(actor, resident):
        raise PermissionDenied("Your role cannot see health or vulnerability information.")
    reason = " ".join(reason.split())
    if not reason:
        raise ReasonRequired("Enter why you need to see this information")
    if len(reason) > BREAK_GLASS_REASON_MAX_LENGTH:
        raise ReasonRequired(
            f"Your reason must be {BREAK_GLASS_REASON_MAX_LENGTH} characters or fewer"
        )
    return _read(actor, resident, reason, AccessKind.BREAK_GLASS, include_withdrawn=False)


def _read(
    actor, resident: Resident, purpose: str, kind: str, include_withdrawn: bool
) -> list[SensitiveInformation]:
    SensitiveAccess.objects.create(resident=resident, actor=actor, purpose=purpose, kind=kind)
    held = resident.sensitive_information.all()
    if not include_withdrawn:
        held = held.current()
    return list(held.order_by("-recorded_at"))


class PreferenceError(ValueError):
    """Contact preferences that cannot work, with the field and a message to show."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def update_contact_preferences(
    *,
    actor,
    resident: Resident,
    preferred_channel: str,
    preferred_language: str,
    consents_to_email: bool,
    consents_to_sms: bool,
    phone: str = "",
) -> Resident:
    """How the resident wants to hear from the council; messages follow it (notify.services)."""
    if not policies.can_change_contact_preferences(actor, resident):
        raise PermissionDenied("You cannot change this person's contact preferences.")
    channel = ContactChannel(preferred_channel)
    phone = normalise_phone(phone) if phone else resident.phone
    if channel == ContactChannel.SMS and not consents_to_sms:
        raise PreferenceError("consents", _("To get text messages, agree to text messages"))
    if consents_to_sms and not phone:
        raise PreferenceError("phone", _("Enter a mobile phone number to get text messages"))
    if channel == ContactChannel.EMAIL and not (consents_to_email and resident.email):
        raise PreferenceError("consents", _("To get emails, agree to emails"))
    resident.preferred_channel = channel
    resident.preferred_language = preferred_language
    resident.consents_to_email = consents_to_email
    resident.consents_to_sms = consents_to_sms
    resident.phone = phone
    resident.save()
    return resident
