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
from datetime import date, datetime, time, timedelta

from opencex.cases.models import Case, Channel
from opencex.clocks.calendars import WorkingDayCalendar
from opencex.contacts.models import Contact, Outcome
from opencex.council.profile import WEEKDAYS, CouncilProfile, Place
from opencex.demo.people import Population
from opencex.demo.planning import OFFICE_HOURS
from opencex.demo.staff import DemoStaff
from opencex.demo.world import LONDON
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
# The Westgate desk sees 360 to 400 visits a month against 500 to 1,000 calls a working day: visits
# resolved there and then are a few in a hundred contacts (cases opened at the desk add theirs).
RESOLVED_CHANNEL_WEIGHTS = (96.5, 1.5, 2)


@dataclass
class Activity:
    contacts: list[Contact]
    ratings: list[Rating]


def _line_slug(profile: CouncilProfile, *, vulnerable: bool) -> str:
    line = profile.vulnerable_line if vulnerable and profile.vulnerable_line else profile.main_phone
    return line.slug


def _places_open(profile: CouncilProfile, channel: str, at: datetime) -> list[Place]:
    """The places of the channel's kind (desk or outreach) open at that moment."""
    kind = "desk" if channel == Channel.FACE_TO_FACE else "outreach"
    local = at.astimezone(LONDON)
    day, clock = WEEKDAYS[local.weekday()], local.time()
    return [
        place
        for place in profile.places
        if place.kind == kind
        and any(h.day == day and h.opens <= clock < h.closes for h in place.hours)
    ]


def _where(
    rng: random.Random, profile: CouncilProfile, channel: str, vulnerable: bool, at: datetime
) -> dict:
    """The phone line or the place a contact came in at, as the contact form records it."""
    if channel == Channel.PHONE:
        return {
            "phone_line": _line_slug(profile, vulnerable=vulnerable),
            "is_vulnerable_line": vulnerable and profile.vulnerable_line is not None,
        }
    places = _places_open(profile, channel, at)
    return {"place": rng.choice(places).slug} if places else {}


def _has_sessions(profile: CouncilProfile, channel: str) -> bool:
    kind = "desk" if channel == Channel.FACE_TO_FACE else "outreach"
    return any(place.kind == kind and place.hours for place in profile.places)


def _session(
    rng: random.Random, profile: CouncilProfile, channel: str, day: date
) -> datetime | None:
    """A moment on `day` when a place for the channel is open (any time in office hours for the
    phone), or None when none is."""
    if channel == Channel.PHONE:
        hour = rng.choices(range(24), weights=OFFICE_HOURS)[0]
        return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=LONDON)
    kind = "desk" if channel == Channel.FACE_TO_FACE else "outreach"
    sessions = [
        h
        for place in profile.places
        if place.kind == kind
        for h in place.hours
        if h.day == WEEKDAYS[day.weekday()]
    ]
    if not sessions:
        return None
    chosen = rng.choice(sessions)
    start = chosen.opens.hour * 60 + chosen.opens.minute
    end = chosen.closes.hour * 60 + chosen.closes.minute
    minute = rng.randrange(start, max(start + 1, end - 5))
    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=LONDON)


def make_activity(
    *,
    rng: random.Random,
    now: datetime,
    cases: Sequence[Case],
    population: Population,
    staff: DemoStaff,
    profile: CouncilProfile,
    calendar: WorkingDayCalendar,
) -> Activity:
    officers = staff.contact_centre or list(staff.accounts.values())
    contacts = [_contact_for_case(rng, case, officers, profile) for case in cases]
    contacts = [contact for contact in contacts if contact is not None]
    contacts += _resolved_contacts(rng, now, cases, population, officers, profile, calendar)
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
        **_where(rng, profile, case.channel, vulnerable, case.received_at),
    )


def _resolved_contacts(
    rng: random.Random,
    now: datetime,
    cases: Sequence[Case],
    population: Population,
    officers: list,
    profile: CouncilProfile,
    calendar: WorkingDayCalendar,
) -> list[Contact]:
    if not cases:
        return []
    earliest = min(case.received_at for case in cases).astimezone(LONDON).date()
    days = (now.astimezone(LONDON).date() - earliest).days
    services = [case.service for case in cases if case.service is not None]
    partners = list(DirectoryService.objects.active().select_related("organization"))
    contacts = []
    for _ in range(int(len(cases) * RESOLVED_PER_CASE)):
        channel = rng.choices(RESOLVED_CHANNELS, RESOLVED_CHANNEL_WEIGHTS)[0]
        if channel != Channel.PHONE and not _has_sessions(profile, channel):
            channel = Channel.PHONE
        # The contact centre and the desks are shut at weekends, on bank holidays and on the
        # council's closure days; a desk or outreach visit falls in one of its sessions.
        at = None
        while at is None or at > now:
            day = earliest + timedelta(days=rng.randrange(days + 1))
            if calendar.is_working_day(day):
                at = _session(rng, profile, channel, day)
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
                **_where(rng, profile, channel, False, at),
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
