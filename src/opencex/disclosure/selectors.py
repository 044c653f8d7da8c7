"""Reads for the disclosure log: what a case says about its people, what it released, which of
its files may be published, and which published answers match a piece of text."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, QuerySet

from opencex.accounts.models import STAFF_ROLES
from opencex.cases.models import Attachment, Case, EventKind
from opencex.catalogue.models import Team
from opencex.disclosure.models import DisclosureEntry
from opencex.disclosure.ranking import Match, Text, current_ranking
from opencex.disclosure.redaction import PersonalDetails, without_marks
from opencex.inforights.models import Decision as RegisterDecision
from opencex.inforights.models import InformationRequest

# Files whose words an officer can read through before publishing them; never photos or scans.
PUBLISHABLE_FILE_TYPES = frozenset({"application/pdf", "text/plain", "text/csv"})


def personal_details_of(case: Case) -> PersonalDetails:
    """The requester's details as given and as on their record, the people living at the
    property the case is about, and the same for the request an internal review is about."""
    names, emails, phones, addresses, postcodes, births = [], [], [], [], [], []
    cases = [case] + ([case.parent] if case.parent_id else [])
    for each in cases:
        names.append(each.contact_name)
        emails.append(each.contact_email)
        phones.append(each.contact_phone)
        residents = [each.resident] if each.resident_id else []
        properties = [each.property] if each.property_id else []
        for resident in residents:
            names.append(resident.full_name)
            emails.append(resident.email)
            phones.append(resident.phone)
            if resident.date_of_birth:
                births.append(resident.date_of_birth)
            properties.extend(occupancy.property for occupancy in resident.occupancies.all())
        for place in properties:
            addresses.extend([place.address_line_1, place.address_line_2])
            postcodes.append(place.postcode)
            names.extend(occupancy.resident.full_name for occupancy in place.occupancies.all())
    return PersonalDetails(
        names=tuple(filter(None, names)),
        emails=tuple(filter(None, emails)),
        phones=tuple(filter(None, phones)),
        addresses=tuple(filter(None, addresses)),
        postcodes=tuple(filter(None, postcodes)),
        dates_of_birth=tuple(births),
    )


def council_contact_details() -> tuple[str, ...]:
    """The council's public mailboxes, phone lines and office postcodes: they look like
    personal data to the redaction, but a response is meant to give them."""
    profile = settings.COUNCIL_PROFILE
    details = [profile.email, *(line.number for line in profile.phone_lines)]
    details.extend(place.postcode for place in profile.places)
    details.extend(box.address for box in profile.inbox.mailboxes)
    if profile.upper_tier is not None:
        details.append(profile.upper_tier.phone)
    details.extend(Team.objects.exclude(email="").values_list("email", flat=True))
    return tuple(filter(None, details))


def register_decision(case: Case) -> RegisterDecision | None:
    """The decision recorded on the information-rights register (it says exactly what was
    released), or None for a request answered without one."""
    decided = (
        InformationRequest.objects.filter(case=case).values_list("decision", flat=True).first()
    )
    return RegisterDecision(decided) if decided else None


def response_of(case: Case) -> str:
    """What the council sent in answer: the last message to the requester, else the outcome."""
    last = case.events.filter(kind=EventKind.MESSAGE_OUT).order_by("-at", "-id").first()
    return last.body if last is not None and last.body.strip() else case.outcome


def publishable_files(case: Case | None) -> QuerySet[Attachment]:
    """The case's files an officer may choose to publish: text-based, and added by council
    staff, so never anything the requester sent."""
    if case is None:
        return Attachment.objects.none()
    return case.attachments.filter(
        content_type__in=PUBLISHABLE_FILE_TYPES, uploaded_by__role__in=STAFF_ROLES
    ).order_by("original_name", "pk")


# --- Matching published answers ------------------------------------------------------------------


@dataclass(frozen=True)
class SimilarDisclosure:
    entry: DisclosureEntry
    shared_words: tuple[str, ...]


def _log_stamp() -> Hashable:
    return tuple(
        DisclosureEntry.objects.aggregate(Count("pk"), Max("pk"), Max("updated_at")).values()
    )


def _published_texts() -> list[Text]:
    rows = DisclosureEntry.objects.published().values_list(
        "pk", "title", "request_text", "response_text"
    )
    return [
        Text(pk, without_marks(title), without_marks(f"{request}\n{response}"))
        for pk, title, request, response in rows
    ]


def _ranked(text: str) -> list[Match]:
    return current_ranking(_log_stamp(), _published_texts).rank(text)


def similar_disclosures(text: str, limit: int = 5) -> list[SimilarDisclosure]:
    """Published answers that may already answer a new request, most alike first."""
    matches = _ranked(text)[:limit]
    entries = DisclosureEntry.objects.published().in_bulk([match.pk for match in matches])
    return [
        SimilarDisclosure(entries[match.pk], match.shared_words)
        for match in matches
        if match.pk in entries  # published a moment ago and withdrawn since
    ]


def search_disclosure_log(query: str) -> list[int]:
    """The published entries matching a resident's words, best first, as primary keys (for the
    log page to filter and paginate)."""
    return [match.pk for match in _ranked(query)]
