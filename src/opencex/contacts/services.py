"""Logging a contact: the one door through which a contact resolved by an officer is recorded."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.cases.models import Case, Channel
from opencex.contacts import policies
from opencex.contacts.models import Contact, Outcome

# The channels on which an officer deals with someone; web and partner contacts arrive as cases.
OFFICER_CHANNELS = (
    Channel.PHONE,
    Channel.FACE_TO_FACE,
    Channel.OUTREACH,
    Channel.LETTER,
    Channel.EMAIL,
)
IN_PERSON_CHANNELS = frozenset({Channel.FACE_TO_FACE, Channel.OUTREACH})


class ContactError(ValueError):
    """A contact that cannot be logged as given: every problem found, by field, to show at once."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def place_choices() -> list[tuple[str, str]]:
    """The council's desks and outreach sessions, from its profile."""
    return [(place.slug, place.name) for place in settings.COUNCIL_PROFILE.places]


@transaction.atomic
def log_contact(
    *,
    actor,
    channel: str,
    outcome: str,
    resident=None,
    property=None,
    place: str = "",
    service=None,
    signposted_to: str = "",
    case: Case | None = None,
    note: str = "",
    at: datetime | None = None,
) -> Contact:
    """Record a call, visit, letter or email an officer dealt with."""
    if not policies.can_log_contact(actor):
        raise PermissionDenied("Only council staff can log a contact.")
    errors: dict[str, str] = {}
    if channel not in OFFICER_CHANNELS:
        errors["channel"] = _("Select how the resident contacted us")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Select what happened")
    place = place.strip() if channel in IN_PERSON_CHANNELS else ""
    if channel in IN_PERSON_CHANNELS and place not in dict(place_choices()):
        errors["place"] = _("Select where you saw the resident")
    signposted_to = signposted_to.strip() if outcome == Outcome.SIGNPOSTED else ""
    if outcome == Outcome.SIGNPOSTED and not signposted_to:
        errors["signposted_to"] = _("Enter who you signposted the resident to")
    if outcome == Outcome.CASE_OPENED and case is None:
        errors["outcome"] = _("A contact that opened a case must name the case")
    if outcome != Outcome.CASE_OPENED:
        case = None
    if errors:
        raise ContactError(errors)
    return Contact.objects.create(
        resident=resident,
        property=property,
        officer=actor,
        channel=Channel(channel),
        place=place,
        service=service,
        outcome=Outcome(outcome),
        signposted_to=signposted_to,
        case=case,
        note=note.strip(),
        at=at or timezone.now(),
    )
