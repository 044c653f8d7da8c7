"""Emails held for an officer or that could not be read, made by the real intake: kept by
`receive_email`, then read by `read_inbound_email` as the worker would."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, Channel
from opencex.council.profile import Mailbox
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.inbox.reading import read_inbound_email
from opencex.inbox.services import receive_email
from tests.factories import TeamFactory
from tests.inbox.mail import compose

# The Oxford profile's mailboxes, and the teams `cases.routing` sends their cases to.
FOI_MAILBOX = "foi@oxford.gov.uk"
SAR_MAILBOX = "subjectaccess@oxford.gov.uk"
CUSTOMER_SERVICES_MAILBOX = "customerservices@oxford.gov.uk"
UNKNOWN_MAILBOX = "old-foi@oxford.gov.uk"  # not in the profile: its emails are held
BROKEN_MAILBOX = "fio@oxford.gov.uk"  # see `with_a_broken_mailbox`


def council_teams() -> dict[str, object]:
    """The teams the profile's routing names, as the catalogue would load them."""
    return {
        slug: TeamFactory(slug=slug, name=slug.replace("-", " ").capitalize())
        for slug in ("information-governance", "customer-services", "complaints-and-feedback")
    }


def kept(message, *, mailbox: str, received_at: dt.datetime | None = None) -> InboundEmail:
    inbound, _ = receive_email(
        raw=message.as_bytes(), mailbox=mailbox, received_at=received_at or timezone.now()
    )
    return inbound


def read(inbound: InboundEmail) -> InboundEmail:
    read_inbound_email(inbound_email_id=inbound.pk)
    inbound.refresh_from_db()
    return inbound


def held_email(
    *, mailbox: str = UNKNOWN_MAILBOX, received_at: dt.datetime | None = None, **email
) -> InboundEmail:
    """An email to a mailbox the profile does not list (or with no sender): held."""
    inbound = read(kept(compose(to=mailbox, **email), mailbox=mailbox, received_at=received_at))
    assert inbound.status == InboundStatus.HELD, inbound.note
    return inbound


def email_case(*, kind: str = "foi", team=None, contact_email="priya@example.org") -> Case:
    case, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject="Parking fines issued in 2024",
        description="How many parking fines did the council issue in 2024?",
        contact_name="Priya Shah",
        contact_email=contact_email,
    )
    if team is not None:
        case.team = team
        case.save()
    return case


def held_reply(case: Case, *, mailbox: str = FOI_MAILBOX, **email) -> InboundEmail:
    """A reply naming `case` in its subject, from an address that is not the case's: held."""
    email.setdefault("sender", "Sam Jones <sam@elsewhere.example>")
    email.setdefault("subject", f"Re: {case.reference}")
    email.setdefault("text", "Please send the answer to me instead.")
    inbound = read(kept(compose(to=mailbox, **email), mailbox=mailbox))
    assert (inbound.status, inbound.case_id) == (InboundStatus.HELD, case.pk), inbound.note
    return inbound


def failed_email(**email) -> InboundEmail:
    """An email to a mailbox whose kind is not a case kind, after its last reading attempt.
    Needs `with_a_broken_mailbox`."""
    inbound = kept(compose(to=BROKEN_MAILBOX, **email), mailbox=BROKEN_MAILBOX)
    with pytest.raises(ValueError, match="fio"):
        read_inbound_email(inbound_email_id=inbound.pk, is_last_attempt=True)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.FAILED
    return inbound


@pytest.fixture
def with_a_broken_mailbox(settings):
    """A mailbox whose kind is not a case kind (the system check warns of it): reading fails."""
    profile = settings.COUNCIL_PROFILE
    box = Mailbox(address=BROKEN_MAILBOX, kind="fio")
    settings.COUNCIL_PROFILE = dataclasses.replace(
        profile,
        inbox=dataclasses.replace(profile.inbox, mailboxes=(*profile.inbox.mailboxes, box)),
    )
