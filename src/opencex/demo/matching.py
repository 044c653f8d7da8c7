"""The demo's duplicate residents (issue 16): a few of the demo's residents typed in a second
time, the way it happens at a counter or on the phone (a surname misspelt, the names the other
way round, the day and month of birth swapped, a record with only a name and a postcode, an
initial for a first name), and family members at the same home who are different people. Then
the matching engine searches every resident, as its nightly run does, so that the review queue
(/staff/residents/duplicates/) has pairs to decide. Deterministic from the history's seed;
running the demo again adds nothing."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.db import transaction

from opencex.matching.services import find_duplicate_residents
from opencex.people.models import Occupancy, Relationship, Resident
from opencex.people.services import create_resident

PEOPLE = 12  # demo residents typed in again; two more variants each below
AGAIN = "people.Resident.again"  # the ids of the records made here, in the history's id_ranges


def _misspelt(surname: str, rng: random.Random) -> str:
    if len(surname) < 4:
        return surname + surname[-1]
    at = rng.randrange(1, len(surname) - 2)
    return surname[:at] + surname[at + 1] + surname[at] + surname[at + 2 :]


def _swapped(born: date | None) -> date | None:
    if born is None or born.day > 12 or born.day == born.month:
        return born
    return date(born.year, born.day, born.month)


def _given_and_surname(full_name: str) -> tuple[str, str]:
    given, _, surname = full_name.rpartition(" ")
    return given or full_name, surname or full_name


def _variants(resident: Resident, rng: random.Random) -> list[dict]:
    """Two records of the same person typed in again, and one family member who is not them."""
    given, surname = _given_and_surname(resident.full_name)
    first = given.split()[0]
    same_person: list[Callable[[], dict]] = [
        lambda: {
            "full_name": f"{given} {_misspelt(surname, rng)}",
            "date_of_birth": resident.date_of_birth,
            "email": resident.email,
        },
        lambda: {
            "full_name": f"{surname}, {given}",
            "date_of_birth": resident.date_of_birth,
            "phone": resident.phone,
        },
        lambda: {
            "full_name": resident.full_name,
            "date_of_birth": _swapped(resident.date_of_birth),
            "phone": resident.phone,
        },
        lambda: {"full_name": resident.full_name},  # a name and a home only: uncertain
        lambda: {"full_name": f"{first[0]}. {surname}", "date_of_birth": resident.date_of_birth},
    ]
    picked = rng.sample(same_person, 2)
    family = {
        "full_name": f"{rng.choice(['Alex', 'Sam', 'Jo', 'Chris', 'Robin'])} {surname}",
        "date_of_birth": date(2001 + rng.randrange(15), rng.randint(1, 12), rng.randint(1, 28)),
    }
    return [make() for make in picked] + [family]


def load_demo_duplicate_residents(*, history, seed: int) -> str:
    if history is None:
        return "Duplicate residents: no demo history to build on."
    first, last = (history.id_ranges.get("people.Resident") or [0, -1])[:2]
    originals = list(
        Resident.objects.filter(pk__range=(first, last), date_of_birth__isnull=False)
        .exclude(email="")
        .filter(occupancies__ended_on__isnull=True)
        .prefetch_related("occupancies")
        .order_by("pk")
        .distinct()[: PEOPLE * 4]
    )
    rng = random.Random(f"duplicate-residents-{seed}")
    plan = [
        (resident, details)
        for resident in rng.sample(originals, min(PEOPLE, len(originals)))
        for details in _variants(resident, rng)
    ]
    if not plan:
        return "Duplicate residents: no demo residents to type in again."
    again = plan[0][1]
    if Resident.objects.filter(pk__gt=last, full_name=again["full_name"]).exists():
        return "Duplicate residents: the demo's are there already."
    made: list[int] = []
    with transaction.atomic():
        for resident, details in plan:
            copy = create_resident(actor=None, **details)
            made.append(copy.pk)
            home = next(iter(resident.occupancies.all()), None)
            if home is not None:
                Occupancy.objects.create(
                    resident=copy,
                    property_id=home.property_id,
                    relationship=Relationship.HOUSEHOLD_MEMBER,
                    started_on=home.started_on,
                )
        # The history's residents are one range of ids; these are listed, so that `--reset`
        # removes them with it.
        history.id_ranges = {**history.id_ranges, AGAIN: made}
        history.save(update_fields=["id_ranges"])
    run = find_duplicate_residents()
    return f"Duplicate residents: {len(plan)} records typed in again or of family members; {run}"
