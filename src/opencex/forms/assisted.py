"""Assisted digital: what changes when an officer fills a form in for someone — where the contact
came in (a phone line or a place), the priority that gives the case, the resident's details
filled in for the officer to check, and the contact logged with the case."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from opencex.cases.models import Case, Channel, Priority
from opencex.contacts import lines
from opencex.contacts.models import Contact, Outcome
from opencex.contacts.services import IN_PERSON_CHANNELS, log_contact
from opencex.forms import answers as checks
from opencex.forms.models import FormSession
from opencex.languages import ENGLISH, text_in
from opencex.people.models import Occupancy, Resident


class AssistedStartError(ValueError):
    """Where an officer's contact came in, as given, cannot be recorded: messages by field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def contact_details(
    channel: Channel, *, phone_line: str, place: str, is_urgent: bool
) -> tuple[str, str, int | None]:
    """(phone line, place, priority) for an officer's session. A call on the vulnerable-residents
    line is high priority whoever the caller is; the officer may say a case is urgent. None
    leaves the priority to open_case (high for a resident with a vulnerability flag)."""
    errors = {}
    if channel == Channel.PHONE:
        phone_line = phone_line or lines.main_phone_line()
        if lines.phone_line(phone_line) is None:
            errors["phone_line"] = _("Select the phone line the resident called")
    else:
        phone_line = ""
    if channel in IN_PERSON_CHANNELS:
        if place not in dict(lines.place_choices()):
            errors["place"] = _("Select where you saw the resident")
    else:
        place = ""
    if errors:
        raise AssistedStartError(errors)
    if is_urgent:
        priority = Priority.URGENT
    elif lines.is_vulnerable_line(phone_line):
        priority = Priority.HIGH
    else:
        priority = None
    return phone_line, place, priority


def known_answers(schema: Mapping[str, Any], resident: Resident) -> dict[str, Any]:
    """What the council already knows about `resident`, as answers to the form's contact and
    address questions. The officer still goes through every page, so can change them."""
    mapping = schema["case"]
    questions = {q["id"]: q for page in schema["pages"] for q in page["questions"]}
    known: dict[str, Any] = {}
    for field, value in (
        ("contact_name", resident.full_name),
        ("contact_email", resident.email),
        ("contact_phone", resident.phone),
    ):
        question = questions.get(mapping.get(field))
        if question and value and question["type"] in ("text", "email", "phone"):
            known[question["id"]] = value
    question = questions.get(mapping.get("property"))
    homes = list(
        Occupancy.objects.filter(resident=resident, ended_on__isnull=True).select_related(
            "property"
        )[:2]
    )
    if question and question["type"] == "address" and len(homes) == 1:
        home = homes[0].property
        # As if the officer had searched the postcode and chosen the address: both are shown.
        known[question["id"]] = {**checks.address_from_property(home), "lookup": home.postcode}
    return known


def received_by(session: FormSession) -> dict[str, Any]:
    """Where an officer's contact came in, in words, for the case's answers: staff read which
    line or place a case came from there (the case has no field of its own for it)."""
    line = lines.phone_line(session.phone_line) if session.phone_line else None
    if line is not None:
        return {
            "received_by": {
                "phone_line": text_in(line.name, ENGLISH),
                "phone_number": line.number,
                "is_vulnerable_line": line.purpose == "vulnerable",
            }
        }
    if session.place:
        return {"received_by": {"place": lines.place_name(session.place)}}
    return {}


def log_case_opened(*, actor, session: FormSession, case: Case) -> Contact | None:
    """The officer's call or visit that opened `case`, so that demand by channel and the
    first-contact resolution rate count it (as a contact not resolved there and then). A session
    started before places were asked for has none: the case matters more than the count."""
    if case.channel in IN_PERSON_CHANNELS and not session.place:
        return None
    return log_contact(
        actor=actor,
        channel=case.channel,
        outcome=Outcome.CASE_OPENED,
        case=case,
        resident=case.resident,
        property=case.property,
        place=session.place,
        phone_line=session.phone_line,
        service=case.service,
    )
