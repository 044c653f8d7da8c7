"""Which case an email continues: a reply to one of our emails about it, or to an email already on
it; the request site's own reference for it; or its reference in the subject."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from opencex.cases.models import Case
from opencex.cases.references import REFERENCE_PATTERN
from opencex.council.profile import RequestSite
from opencex.inbox.models import InboundEmail
from opencex.inbox.parsing import ReadEmail
from opencex.notify.models import Notification, NotificationChannel


@dataclass(frozen=True)
class Continuation:
    case: Case
    because: str  # how we know, for the record


@dataclass(frozen=True)
class RequestSiteMatch:
    site: RequestSite
    reference: str  # the site's own number for the request


def request_site_of(email: ReadEmail) -> RequestSiteMatch | None:
    """The request website (in the council's profile) this email came from, if any."""
    for site in settings.COUNCIL_PROFILE.inbox.request_sites:
        reference = site.reference_in(email.sender_address)
        if reference:
            return RequestSiteMatch(site=site, reference=reference)
    return None


def request_site_answers(match: RequestSiteMatch) -> dict[str, str]:
    """What a case opened from a request site keeps, so the site's later emails find it."""
    return {"request_site": match.site.name, "request_site_reference": match.reference}


def case_continued_by(email: ReadEmail) -> Continuation | None:
    """The case `email` belongs to, or None for a new request."""
    if email.thread_ids:
        ours = (
            Notification.objects.filter(
                channel=NotificationChannel.EMAIL,
                provider_reference__in=email.thread_ids,
                case__isnull=False,
            )
            .select_related("case")
            .first()
        )
        if ours is not None:
            return Continuation(ours.case, "a reply to our email about it")
        earlier = (
            InboundEmail.objects.filter(message_id__in=email.thread_ids, case__isnull=False)
            .select_related("case")
            .first()
        )
        if earlier is not None:
            return Continuation(earlier.case, "a reply to an email already on it")
    site = request_site_of(email)
    if site is not None:
        case = (
            Case.objects.filter(
                **{f"answers__{key}": value for key, value in request_site_answers(site).items()}
            )
            .order_by("received_at", "pk")
            .first()
        )
        if case is not None:
            return Continuation(case, f"the {site.site.name} request number {site.reference}")
    for reference in REFERENCE_PATTERN.findall(email.subject):
        case = Case.objects.filter(reference=reference.upper()).first()
        if case is not None:
            return Continuation(case, f"its reference {case.reference} in the subject")
    return None
