"""The demo's panels (issue 15): about 60 Residents Panel members drawn from the demo's
residents who have an email address, with their ward from their home and a rough spread of
answers, and a few Youth Panel members, one still waiting for a parent's agreement and one with
words waiting for a moderator. Each joins through `panels.services.join_panel`, as on the site.
Deterministic from the history's seed; running the demo again adds nothing."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from opencex.panels import census, questions, services
from opencex.panels.models import Membership, PanelKind
from opencex.people import equality
from opencex.people.models import Resident

RESIDENTS_PANEL_MEMBERS = 60
YOUTH = (
    # (name, age, needs a parent, what they wrote)
    ("Demo Youth Member One", 19, False, "More places to meet that are not cafés (demo text)."),
    ("Demo Youth Member Two", 22, False, ""),
    ("Demo Youth Member Three", 17, False, "Cheaper buses to college, please (demo text)."),
    ("Demo Youth Member Four", 14, True, ""),
)
# Rough, and deliberately short of some groups, so that the representativeness page has gaps.
TENURES = {"owned": 55, "social_rented": 10, "private_rented": 30, "prefer_not_to_say": 5}
ETHNIC = {"white": 82, "asian": 10, "black": 2, "mixed": 3, "other": 1, "prefer_not_to_say": 2}
DISABILITY = {"no": 85, "yes": 10, "prefer_not_to_say": 5}


def _pick(rng: random.Random, spread: dict[str, int]) -> str:
    return rng.choices(list(spread), list(spread.values()))[0]


def _born(rng: random.Random, age: int, today: date) -> date:
    return date(today.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))


def load_demo_panels(*, history, seed: int) -> str:
    panels = services.ensure_panels()
    if Membership.objects.exists():
        return "Panels: the demo panels have their members already."
    if history is None:
        return "Panels: no demo history to build on."
    first, last = (history.id_ranges.get("people.Resident") or [0, -1])[:2]
    residents = list(
        Resident.objects.filter(pk__range=(first, last))
        .exclude(email="")
        .prefetch_related("occupancies__property")
        .order_by("pk")[: RESIDENTS_PANEL_MEMBERS * 2]
    )
    rng = random.Random(f"panels-{seed}")
    rng.shuffle(residents)
    wards = census.wards()
    today = timezone.localdate()
    joined = 0
    with transaction.atomic():
        for resident in residents[:RESIDENTS_PANEL_MEMBERS]:
            home = next(iter(resident.occupancies.all()), None)
            ward = home.property.ward if home and home.property.ward in wards else rng.choice(wards)
            # The demo's residents joined as themselves (signed in): no confirmation link.
            services.join_panel(
                actor=None,
                resident=resident,
                kind=PanelKind.RESIDENTS,
                applicant=services.Applicant(
                    full_name=resident.full_name,
                    email=resident.email,
                    date_of_birth=_born(
                        rng, rng.choice([21, 30, 38, 47, 52, 58, 66, 71, 80]), today
                    ),
                    ward=ward,
                    tenure=_pick(rng, TENURES),
                    ethnic_group=_pick(rng, ETHNIC),
                    disability=_pick(rng, DISABILITY),
                    main_language=resident.preferred_language
                    if resident.preferred_language in dict(equality.MAIN_LANGUAGE.choices)
                    else "other",
                    agrees_to_join=True,
                    agrees_to_profile=True,
                    language=resident.preferred_language,
                ),
            )
            joined += 1
        for n, (name, age, parent, words) in enumerate(YOUTH):
            applied = services.join_panel(
                actor=None,
                kind=PanelKind.YOUTH,
                applicant=services.Applicant(
                    full_name=name,
                    email=f"youth-panel-{n + 1}@example.org",
                    date_of_birth=_born(rng, age, today),
                    ward=rng.choice(wards),
                    tenure=_pick(
                        rng,
                        {k: v for k, v in TENURES.items() if k in dict(questions.TENURE_CHOICES)},
                    ),
                    agrees_to_join=True,
                    parent_name="Demo Parent" if parent else "",
                    parent_email="demo-parent@example.org" if parent else "",
                    message=words,
                ),
            )
            # ...and confirmed it by the link emailed to them.
            services.confirm_application(membership=applied.membership)
    return (
        f"Panels: {joined} Residents Panel members and {len(YOUTH)} Youth Panel members "
        f"(one waiting for a parent, messages waiting for a moderator) of capacities "
        f"{panels['residents'].capacity} and {panels['youth'].capacity}."
    )
