"""Synthetic residents, their homes and households, written in bulk for the demo's history.

Everything is drawn from one seeded random generator, so the same seed makes the same people.
Phone numbers come from Ofcom's ranges reserved for drama, emails from domains reserved for
examples, and UPRNs from a range no real property has (they begin 9991).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from opencex.accounts.models import User
from opencex.demo import texts
from opencex.demo.config import DemoCouncil
from opencex.demo.names import (
    ARABIC_FIRST,
    ARABIC_LAST,
    URDU_FIRST,
    URDU_LAST,
    new_faker,
    unique_local_part,
)
from opencex.people.models import (
    ContactChannel,
    Occupancy,
    Property,
    Relationship,
    Resident,
    SensitiveCategory,
)
from opencex.people.services import record_sensitive_information

BATCH = 1000
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters used in the last part of a postcode
LANGUAGES = (("en", 0.93), ("pl", 0.035), ("ar", 0.015), ("ur", 0.02))
MOBILE = tuple(f"07700{n}" for n in range(900000, 901000))
LANDLINES = tuple(
    [f"01632{n}" for n in range(960000, 961000)]
    + [f"0118496{n:04d}" for n in range(1000)]
    + [f"0113496{n:04d}" for n in range(1000)]
)
SENSITIVE_SHARE = 0.03
ACCESSIBILITY_SHARE = 0.06


@dataclass
class Population:
    """The residents made, where each lives now, and how often each contacts the council."""

    residents: list[Resident]
    properties: list[Property]
    homes: dict[int, Property] = field(default_factory=dict)  # resident pk -> current home
    propensity: list[float] = field(default_factory=list)  # one weight per resident
    sensitive_count: int = 0
    occupancy_count: int = 0


def make_population(
    *,
    rng: random.Random,
    council: DemoCouncil,
    residents: int,
    properties: int,
    today: date,
    recorder: User,
) -> Population:
    homes = _make_properties(rng, council, properties)
    Property.objects.bulk_create(homes, batch_size=BATCH)
    people = _make_residents(rng, residents, today)
    Resident.objects.bulk_create(people, batch_size=BATCH)
    population = Population(residents=people, properties=homes)
    occupancies = _make_occupancies(rng, population, today)
    Occupancy.objects.bulk_create(occupancies, batch_size=BATCH)
    population.occupancy_count = len(occupancies)
    population.propensity = [min(rng.paretovariate(1.4), 25.0) for _ in people]
    population.sensitive_count = _record_vulnerabilities(rng, people, today, recorder)
    return population


def _make_properties(rng: random.Random, council: DemoCouncil, count: int) -> list[Property]:
    made: list[Property] = []
    used: set[tuple[str, str]] = set()
    units = {
        street.name: [
            f"{street.sector}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
            for _ in range(3)
        ]
        for street in council.streets
    }
    block_postcodes = {
        block.name: f"{block.sector}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        for block in council.tower_blocks
    }
    tower_flats = [
        (block, f"Flat {flat}, {block.name}")
        for block in council.tower_blocks
        for flat in range(1, block.flats + 1)
        if f"Flat {flat}, {block.name}" != council.resident_home.address_line_1
    ]
    rng.shuffle(tower_flats)
    for block, line in tower_flats[: min(len(tower_flats), round(count * 0.08))]:
        made.append(
            Property(
                uprn="",
                address_line_1=line,
                address_line_2=block.street,
                town=council.town,
                postcode=block_postcodes[block.name],
                ward=block.ward,
                is_council_owned=True,
            )
        )
    while len(made) < count:
        street = rng.choice(council.streets)
        number = rng.randint(1, 220)
        line = f"{number} {street.name}"
        if rng.random() < 0.12:  # a house divided into flats
            line = f"Flat {rng.choice('ABCD')}, {line}"
        if (street.name, line) in used:
            continue
        used.add((street.name, line))
        made.append(
            Property(
                uprn="",
                address_line_1=line,
                town=council.town,
                postcode=rng.choice(units[street.name]),
                ward=street.ward,
                is_council_owned=rng.random() < street.council_share,
            )
        )
    rng.shuffle(made)
    for position, home in enumerate(made, start=1):
        home.uprn = f"9991{position:08d}"
    return made


def _language(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for code, share in LANGUAGES:
        total += share
        if roll < total:
            return code
    return "en"


def _make_residents(rng: random.Random, count: int, today: date) -> list[Resident]:
    english, polish = new_faker("en_GB"), new_faker("pl_PL")
    english.seed_instance(rng.getrandbits(32))
    polish.seed_instance(rng.getrandbits(32))
    mobiles, landlines = list(MOBILE), list(LANDLINES)
    rng.shuffle(mobiles)
    rng.shuffle(landlines)
    taken_emails: set[str] = set()
    people = []
    for _ in range(count):
        language = _language(rng)
        if language == "pl":
            first, last = polish.first_name(), polish.last_name()
        elif language == "ar":
            first, last = rng.choice(ARABIC_FIRST), rng.choice(ARABIC_LAST)
        elif language == "ur":
            first, last = rng.choice(URDU_FIRST), rng.choice(URDU_LAST)
        else:
            first, last = english.first_name(), english.last_name()
        has_email = rng.random() < (0.8 if language == "en" else 0.7)
        email = ""
        if has_email:
            local = unique_local_part(first, last, taken_emails)
            email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        channel = _preferred_channel(rng, has_email)
        if channel == ContactChannel.SMS and not mobiles:
            channel = ContactChannel.EMAIL if has_email else ContactChannel.LETTER
        phone = ""
        if channel == ContactChannel.SMS or (rng.random() < 0.45 and mobiles):
            phone = mobiles.pop()
        elif rng.random() < 0.6 and landlines:
            phone = landlines.pop()
        age_days = rng.randint(17 * 365, 94 * 365)
        people.append(
            Resident(
                full_name=f"{first} {last}",
                email=email,
                phone=phone,
                date_of_birth=today - timedelta(days=age_days) if rng.random() < 0.88 else None,
                preferred_channel=channel,
                preferred_language=language,
                needs_interpreter=language != "en" and rng.random() < 0.4,
                accessibility_needs=(
                    rng.choice(texts.ACCESSIBILITY_NEEDS)
                    if rng.random() < ACCESSIBILITY_SHARE
                    else ""
                ),
                consents_to_email=has_email,
                consents_to_sms=phone.startswith("07") and rng.random() < 0.7,
                consents_to_research=rng.random() < 0.15,
            )
        )
        if people[-1].preferred_channel == ContactChannel.SMS:
            people[-1].consents_to_sms = True
    return people


def _preferred_channel(rng: random.Random, has_email: bool) -> str:
    roll = rng.random()
    if has_email:
        if roll < 0.7:
            return ContactChannel.EMAIL
        if roll < 0.88:
            return ContactChannel.SMS
        return ContactChannel.PHONE if roll < 0.95 else ContactChannel.LETTER
    if roll < 0.45:
        return ContactChannel.LETTER
    return ContactChannel.PHONE if roll < 0.85 else ContactChannel.SMS


def _make_occupancies(rng: random.Random, population: Population, today: date) -> list[Occupancy]:
    """Most homes have a householder; other residents join a household or (a few) have no
    home on record; some householders moved in from another demo home."""
    residents, homes = population.residents, population.properties
    occupied = homes[: min(round(len(homes) * 0.88), round(len(residents) * 0.75))]
    occupancies = []
    for resident, home in zip(residents, occupied, strict=False):
        if home.is_council_owned:
            relationship = Relationship.TENANT if rng.random() < 0.85 else Relationship.LEASEHOLDER
        else:
            relationship = (
                Relationship.OWNER if rng.random() < 0.55 else Relationship.PRIVATE_TENANT
            )
        started = today - timedelta(days=rng.randint(20, 30 * 365))
        occupancies.append(
            Occupancy(
                resident=resident, property=home, relationship=relationship, started_on=started
            )
        )
        population.homes[resident.pk] = home
        if rng.random() < 0.06:  # moved here from another home the council knows
            before = rng.choice(homes)
            if before is not home:
                left = started - timedelta(days=rng.randint(1, 30))
                occupancies.append(
                    Occupancy(
                        resident=resident,
                        property=before,
                        relationship=Relationship.PRIVATE_TENANT,
                        started_on=left - timedelta(days=rng.randint(200, 2500)),
                        ended_on=left,
                    )
                )
    householders = occupancies[:]
    for resident in residents[len(occupied) :]:
        if rng.random() < 0.07 or not householders:
            continue  # no home on record: a visitor, someone of no fixed abode
        head = rng.choice(householders)
        if head.ended_on is not None:
            continue
        occupancies.append(
            Occupancy(
                resident=resident,
                property=head.property,
                relationship=Relationship.HOUSEHOLD_MEMBER,
                started_on=head.started_on + timedelta(days=rng.randint(0, 900)),
            )
        )
        population.homes[resident.pk] = head.property
    for occupancy in occupancies:
        if occupancy.started_on > today:
            occupancy.started_on = today
    return occupancies


def _record_vulnerabilities(
    rng: random.Random, residents: list[Resident], today: date, recorder: User
) -> int:
    """A vulnerability for about 3% of residents, through the one service that records it
    (which also marks the resident as a priority)."""
    chosen = rng.sample(residents, k=max(1, round(len(residents) * SENSITIVE_SHARE)))
    for resident in chosen:
        record_sensitive_information(
            actor=recorder,
            resident=resident,
            category=SensitiveCategory.VULNERABILITY,
            details=rng.choice(texts.VULNERABILITIES),
            purpose=texts.VULNERABILITY_PURPOSE,
            lawful_basis=texts.VULNERABILITY_LAWFUL_BASIS,
            review_on=today + timedelta(days=rng.randint(30, 365)),
            consent_given=rng.random() < 0.8,
        )
    return len(chosen)


def ensure_demo_resident(
    council: DemoCouncil, user: User, today: date
) -> tuple[Resident, Property]:
    """The resident record behind the resident demo account, with their home (upserted)."""
    home = council.resident_home
    resident = Resident.objects.filter(user=user).first()
    if resident is None:
        resident = Resident.objects.create(
            full_name=user.full_name,
            email=user.email,
            phone=home.phone,
            date_of_birth=home.date_of_birth,
            preferred_channel=ContactChannel.EMAIL,
            consents_to_email=True,
            consents_to_sms=True,
            user=user,
        )
    flat, _ = Property.objects.get_or_create(
        uprn=home.uprn,
        defaults={
            "address_line_1": home.address_line_1,
            "address_line_2": home.address_line_2,
            "town": council.town,
            "postcode": home.postcode,
            "ward": home.ward,
            "is_council_owned": True,
        },
    )
    Occupancy.objects.get_or_create(
        resident=resident,
        property=flat,
        relationship=Relationship.TENANT,
        ended_on=None,
        defaults={"started_on": today - timedelta(days=6 * 365)},
    )
    return resident, flat
