"""Logging a contact: the one door through which a contact resolved by an officer is recorded."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.cases.models import Case, Channel
from opencex.contacts import lines, policies, triage
from opencex.contacts.models import Contact, Outcome
from opencex.directory.models import Service as DirectoryService

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


def directory_entry_name(entry: DirectoryService) -> str:
    """How a signposting to a directory entry reads on the contact."""
    return f"{entry.name} ({entry.organization.name})"[:200]


@transaction.atomic
def log_contact(
    *,
    actor,
    channel: str,
    outcome: str,
    resident=None,
    property=None,
    place: str = "",
    phone_line: str = "",
    service=None,
    signposted_to: str = "",
    signposted_service: DirectoryService | None = None,
    case: Case | None = None,
    note: str = "",
    at: datetime | None = None,
    triage_answers: dict[str, bool | None] | None = None,
) -> Contact:
    """Record a call, visit, letter or email an officer dealt with. A signposting names a partner
    directory entry (`signposted_service`), or an organisation the directory does not list
    (`signposted_to`); a call says which of the council's lines it came in on, if known.

    The outcome says how the contact ended; a signposting is kept whatever the outcome (a
    question answered there and then may also be pointed at Citizens Advice), and the outcome
    "signposted" needs one. The vulnerable residents line's triage script is answered whole or
    not at all (`triage_answers`: yes/no by question); its outcome is kept on the contact."""
    if not policies.can_log_contact(actor):
        raise PermissionDenied("Only council staff can log a contact.")
    errors: dict[str, str] = {}
    if channel not in OFFICER_CHANNELS:
        errors["channel"] = _("Select how the resident contacted us")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Select what happened")
    place = place.strip() if channel in IN_PERSON_CHANNELS else ""
    if channel in IN_PERSON_CHANNELS and place not in dict(lines.place_choices()):
        errors["place"] = _("Select where you saw the resident")
    phone_line = phone_line.strip() if channel == Channel.PHONE else ""
    if phone_line and lines.phone_line(phone_line) is None:
        errors["phone_line"] = _("Select the phone line the resident called")
    signposted_to = signposted_to.strip()
    if signposted_service is not None and not signposted_to:
        signposted_to = directory_entry_name(signposted_service)
    if outcome == Outcome.SIGNPOSTED and not signposted_to:
        errors["signposted_to"] = _(
            "Select who you signposted the resident to, or enter an organisation"
        )
    if outcome == Outcome.CASE_OPENED and case is None:
        errors["outcome"] = _("A contact that opened a case must name the case")
    if outcome != Outcome.CASE_OPENED:
        case = None
    kept_triage, triage_problems = triage.check_answers(triage_answers or {})
    errors.update({f"triage_{qid}": problem for qid, problem in triage_problems.items()})
    if errors:
        raise ContactError(errors)
    return Contact.objects.create(
        resident=resident,
        property=property,
        officer=actor,
        channel=Channel(channel),
        place=place,
        phone_line=phone_line,
        is_vulnerable_line=lines.is_vulnerable_line(phone_line),
        service=service,
        outcome=Outcome(outcome),
        signposted_to=signposted_to,
        signposted_service=signposted_service,
        case=case,
        note=note.strip(),
        at=at or timezone.now(),
        triage_answers=kept_triage,
        triage_outcome=triage.outcome_for(kept_triage) if kept_triage else "",
    )


@transaction.atomic
def note_support_need_recorded(*, actor, contact_number: int, resident) -> bool:
    """The support need a call's triage led to has been recorded (people.services.
    record_support_need ran for it): the call's outcome says so, if "to record" was its outcome.
    False when there was nothing to change."""
    if not policies.can_log_contact(actor):
        raise PermissionDenied("You cannot change contacts.")
    changed = Contact.objects.filter(
        pk=contact_number,
        resident=resident,
        triage_outcome=triage.TriageOutcome.SUPPORT_NEED_TO_RECORD,
    ).update(triage_outcome=triage.TriageOutcome.SUPPORT_NEED_RECORDED)
    return changed == 1
