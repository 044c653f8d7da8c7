"""Logged contacts and satisfaction ratings for the demo history, so that first-contact
resolution, demand by channel, repeat contact and satisfaction have figures to show.

Every case that came in by phone, at a desk or at an outreach session gets the contact it was
logged from; on top of those, calls and visits resolved there and then (a question answered, a
signposting to a partner) are spread over the same two years. A share of closed cases are rated.
Like the history, rows are written in bulk rather than through the services, which would send
messages to made-up people.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from opencex.cases.models import Case, Channel
from opencex.contacts.models import Contact, Outcome
from opencex.council.profile import CouncilProfile
from opencex.demo.people import Population
from opencex.demo.staff import DemoStaff
from opencex.directory.models import Service as DirectoryService
from opencex.feedback.models import Rating

BATCH = 2000
ASSISTED = (Channel.PHONE, Channel.FACE_TO_FACE, Channel.OUTREACH)
# Resolved-at-first-contact calls and visits per case opened: the contact centre takes 500 to
# 1,000 calls a working day, most of them answered there and then.
RESOLVED_PER_CASE = 0.8
SIGNPOSTED_SHARE = 0.2
NAMED_CALLER_SHARE = 0.7
RATED_SHARE = 0.25
SCORES = (5, 4, 3, 2, 1)
SCORE_WEIGHTS = (42, 30, 11, 7, 10)
RESOLVED_CHANNELS = (Channel.PHONE, Channel.FACE_TO_FACE, Channel.OUTREACH)
RESOLVED_CHANNEL_WEIGHTS = (78, 17, 5)


@dataclass
class Activity:
    contacts: list[Contact]
    ratings: list[Rating]


def _line_slug(profile: CouncilProfile, *, vulnerable: bool) -> str:
    line = profile.vulnerable_line if vulnerable and profile.vulnerable_line else profile.main_phone
    return line.slug


def _where(rng: random.Random, profile: CouncilProfile, channel: str, vulnerable: bool) -> dict:
    """The phone line or the place a contact came in at, as the contact form records it."""
    if channel == Channel.PHONE:
        return {
            "phone_line": _line_slug(profile, vulnerable=vulnerable),
            "is_vulnerable_line": vulnerable and profile.vulnerable_line is not None,
        }
    kind = "desk" if channel == Channel.FACE_TO_FACE else "outreach"
    places = [place for place in profile.places if place.kind == kind] or list(profile.places)
    return {"place": rng.choice(places).slug} if places else {}


def make_activity(
    *,
    rng: random.Random,
    now: datetime,
    cases: Sequence[Case],
    population: Population,
    staff: DemoStaff,
    profile: CouncilProfile,
) -> Activity:
    officers = staff.contact_centre or list(staff.accounts.values())
    contacts = [_contact_for_case(rng, case, officers, profile) for case in cases]
    contacts = [contact for contact in contacts if contact is not None]
    contacts += _resolved_contacts(rng, now, cases, population, officers, profile)
    ratings = _ratings(rng, cases)
    return Activity(contacts=contacts, ratings=ratings)


def save_activity(activity: Activity) -> None:
    Contact.objects.bulk_create(activity.contacts, batch_size=BATCH)
    ratings = Rating.objects.bulk_create(activity.ratings, batch_size=BATCH)
    # created_at is stamped with now on insert; give each rating the day the case closed.
    for rating in ratings:
        rating.created_at = rating.case.closed_at
    Rating.objects.bulk_update(ratings, ["created_at"], batch_size=BATCH)


def _contact_for_case(
    rng: random.Random, case: Case, officers: list, profile: CouncilProfile
) -> Contact | None:
    if case.channel not in ASSISTED:
        return None
    vulnerable = case.resident is not None and case.resident.is_priority and rng.random() < 0.5
    return Contact(
        resident=case.resident,
        property=case.property,
        officer=case.created_by or rng.choice(officers),
        channel=case.channel,
        service=case.service,
        outcome=Outcome.CASE_OPENED,
        case=case,
        at=case.received_at,
        **_where(rng, profile, case.channel, vulnerable),
    )


def _resolved_contacts(
    rng: random.Random,
    now: datetime,
    cases: Sequence[Case],
    population: Population,
    officers: list,
    profile: CouncilProfile,
) -> list[Contact]:
    if not cases:
        return []
    earliest = min(case.received_at for case in cases)
    span = (now - earliest).total_seconds()
    services = [case.service for case in cases if case.service is not None]
    partners = list(DirectoryService.objects.active().select_related("organization"))
    contacts = []
    for _ in range(int(len(cases) * RESOLVED_PER_CASE)):
        at = earliest + timedelta(seconds=rng.random() * span)
        if at.weekday() >= 5:  # the contact centre and desks are shut at weekends
            at -= timedelta(days=at.weekday() - 4)
        at = at.replace(hour=rng.choice((9, 9, 10, 10, 11, 12, 13, 14, 15, 16)))
        channel = rng.choices(RESOLVED_CHANNELS, RESOLVED_CHANNEL_WEIGHTS)[0]
        resident = (
            rng.choices(population.residents, population.propensity)[0]
            if population.residents and rng.random() < NAMED_CALLER_SHARE
            else None
        )
        signposted = partners and rng.random() < SIGNPOSTED_SHARE
        partner = rng.choice(partners) if signposted else None
        contacts.append(
            Contact(
                resident=resident,
                property=population.homes.get(resident.pk) if resident else None,
                officer=rng.choice(officers),
                channel=channel,
                service=None if signposted else rng.choice(services) if services else None,
                outcome=Outcome.SIGNPOSTED if signposted else Outcome.RESOLVED,
                signposted_to=partner.name if partner else "",
                signposted_service=partner,
                at=at,
                **_where(rng, profile, channel, False),
            )
        )
    return contacts


def _ratings(rng: random.Random, cases: Sequence[Case]) -> list[Rating]:
    rated = [case for case in cases if case.closed_at is not None and rng.random() < RATED_SHARE]
    return [
        Rating(
            case=case,
            service=case.service,
            channel=case.channel,
            score=rng.choices(SCORES, SCORE_WEIGHTS)[0],
        )
        for case in rated
    ]
