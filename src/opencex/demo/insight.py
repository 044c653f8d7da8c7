"""What the issue-14 pages show in the demo: example targets for every headline measure, a few
published "you said, we did" changes linked to the demo's comments and complaints, synthetic
equality answers for a share of the demo's residents, and sentiment readings of their texts.

Each act goes through the one service that owns it (`insight.targets.set_target`,
`yousaidwedid.services`, `people.services.save_equality_answers`,
`sentiment.services.score_new_texts`), never the models. Deterministic from the history's seed;
running the demo again adds nothing (each part looks for what it made before), and after
`demo --reset` the parts tied to the deleted history (the equality answers, the changes' links)
are made again for the new one.

Everything is labelled as a demo: a target's reason is `DEMO_TARGET_REASON` (the public
performance page says the targets are demo examples), a change's title ends "(demo example)" and
its text says it is not a real change, and the equality answers are a rough synthetic spread,
not anybody's (see docs/demo-data.md).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.cases.models import Case, CaseKind
from opencex.catalogue.models import Service, ServiceArea
from opencex.insight.granularity import Granularity
from opencex.insight.measures import Unit, all_measures
from opencex.insight.models import Target
from opencex.insight.targets import EARLIEST_START, EXAMPLE_REASON, set_target
from opencex.people import equality
from opencex.people.models import EqualityProfile, Resident
from opencex.people.services import save_equality_answers
from opencex.sentiment.services import score_new_texts
from opencex.yousaidwedid.models import Change, SourceKind
from opencex.yousaidwedid.services import link_source, publish_change, record_change

DEMO_TARGET_REASON = EXAMPLE_REASON

# Plausible monthly targets; a measure not named here gets one by its unit and direction.
TARGETS = {
    "foi-in-time": 90,
    "eir-in-time": 90,
    "sar-in-time": 90,
    "complaints-stage-1-in-time": 85,
    "complaints-stage-2-in-time": 90,
    "first-contact-resolution": 70,
    "repeat-contact": 10,
    "cases-in-time": 85,
    "satisfaction": 80,
    "satisfaction-web": 80,
    "satisfaction-phone": 80,
    "satisfaction-face-to-face": 85,
    "digital-share": 60,
    "calls-answered": 90,
    "calls-abandoned": 8,
    "calls-answered-in-target": 80,
    "average-speed-of-answer": 60,
}
BY_UNIT = {
    (Unit.PERCENT, True): 85,
    (Unit.PERCENT, False): 10,
    (Unit.SECONDS, False): 60,
    (Unit.SECONDS, True): 60,
}


def targets_start(today: date) -> date:
    """The earliest month a target may start from today (`set_target` refuses a start more than
    a year back, so the demo history's first year has no targets)."""
    earliest = today - EARLIEST_START
    if earliest.day == 1:
        return earliest
    return (earliest.replace(day=28) + timedelta(days=4)).replace(day=1)


def load_demo_targets(*, actor: User, today: date | None = None) -> str:
    """Set a monthly demo target for every registered measure that has none from the demo."""
    have = set(
        Target.objects.filter(reason=DEMO_TARGET_REASON).values_list("measure_key", flat=True)
    )
    start, made = targets_start(today or timezone.localdate()), 0
    for measure in all_measures():
        value = TARGETS.get(
            measure.key, BY_UNIT.get((Unit(measure.unit), measure.higher_is_better))
        )
        if measure.key in have or value is None:  # a count has no sensible demo target
            continue
        set_target(
            actor=actor,
            measure_key=measure.key,
            granularity=Granularity.MONTH,
            applies_from=start,
            value=value,
            reason=DEMO_TARGET_REASON,
        )
        made += 1
    if not made:
        return "Targets: the demo targets are already set."
    return f"Targets: {made} demo monthly targets from {start:%B %Y} (examples, not the council's)."


@dataclass(frozen=True)
class DemoChange:
    title: str
    you_said: str
    we_did: str
    service_area: str
    service: str | None
    kind: str  # SourceKind.COMMENT or COMPLAINT
    feedback: Q  # which of the demo's comments or complaints fit it
    days_ago: int  # made this many days before the history's anchor day


NOT_REAL = " This is a demo example, not a real change made by the council."
CHANGES = (
    DemoChange(
        title="Text reminders for your bin collection day (demo example)",
        you_said="Residents asked us to remind them the day before their bins are collected.",
        we_did="You can now sign up for a text message the evening before your collection day."
        + NOT_REAL,
        service_area="waste-recycling",
        service="check-bin-collection-day",
        kind=SourceKind.COMMENT,
        feedback=Q(subject__icontains="bin collection"),
        days_ago=120,
    ),
    DemoChange(
        title="Longer opening hours at the customer service desk (demo example)",
        you_said="Residents who work in the week told us the desk should open on Saturdays.",
        we_did="The customer service desk now opens on Saturday mornings, 9am to 12 noon."
        + NOT_REAL,
        service_area="customer-services",
        service="book-customer-service-appointment",
        kind=SourceKind.COMMENT,
        feedback=Q(subject__icontains="Saturdays"),
        days_ago=75,
    ),
    DemoChange(
        title="Clearer council tax letters (demo example)",
        you_said="Residents complained that our council tax letters were hard to follow and "
        "sometimes went to an old address.",
        we_did="We rewrote our council tax letters in plain English, with what to do first at "
        "the top, and we now check the address before we send them." + NOT_REAL,
        service_area="revenues",
        service="ask-council-tax-bill-question",
        kind=SourceKind.COMPLAINT,
        feedback=Q(service__service_area__slug="revenues") | Q(subject__icontains="wrong address"),
        days_ago=45,
    ),
    DemoChange(
        title="Calling you back when we say we will (demo example)",
        you_said="Residents complained that we promised to call them back and did not.",
        we_did="Every call back we promise now goes on the officer's list with a date, and the "
        "team manager sees any that are late." + NOT_REAL,
        service_area="customer-services",
        service=None,
        kind=SourceKind.COMPLAINT,
        feedback=Q(subject__icontains="called me back") | Q(subject__icontains="Not told what"),
        days_ago=20,
    ),
)
SOURCES_PER_CHANGE = 3


def load_demo_changes(*, actor: User, history, seed: int) -> str:
    """Record, link and publish the demo's changes (once each); after a reset, link the new
    history's feedback to the changes already published. Says how many residents were told."""
    if history is None:
        return "You said, we did: no demo history to build on."
    rng = random.Random(f"yousaidwedid-{seed}")
    first, last = (history.id_ranges.get("cases.Case") or [0, -1])[:2]
    made = linked = told = 0
    for spec in CHANGES:
        with transaction.atomic():
            made_on = history.anchor_on - timedelta(days=spec.days_ago)
            change = Change.objects.filter(title=spec.title).first()
            if change is not None and change.sources.exists():
                continue
            kind = CaseKind.COMMENT if spec.kind == SourceKind.COMMENT else CaseKind.COMPLAINT
            fitting = list(
                Case.objects.filter(spec.feedback, kind=kind, received_on__lt=made_on)
                .filter(pk__range=(first, last))
                .order_by("pk")
            )
            if not fitting:  # a small history may have no such feedback: no change without it
                continue
            if change is None:
                area = ServiceArea.objects.get(slug=spec.service_area)
                service = (
                    Service.objects.filter(slug=spec.service).first() if spec.service else None
                )
                change = record_change(
                    actor=actor,
                    title=spec.title,
                    you_said=spec.you_said,
                    we_did=spec.we_did,
                    service_area=area,
                    service=service,
                    made_on=made_on,
                )
                made += 1
            for case in rng.sample(fitting, min(SOURCES_PER_CHANGE, len(fitting))):
                link_source(actor=actor, change=change, kind=spec.kind, case=case)
                linked += 1
            if not change.is_published:
                told += len(publish_change(actor=actor, change=change))
    if not made and not linked:
        return "You said, we did: the demo changes are already published."
    return (
        f"You said, we did: {made} demo changes published, {linked} comments and complaints "
        f"linked, {told} residents told."
    )


# A rough spread like Oxford's 2021 census (adults; a student city, so many aged 18 to 34),
# with a few who prefer not to say. Synthetic: good enough for the reach report to have groups.
SPREADS: dict[str, dict[str, float]] = {
    "age_band": {
        "18_24": 19, "25_34": 22, "35_44": 16, "45_54": 13, "55_64": 11, "65_74": 9,
        "75_plus": 7, equality.PREFER_NOT_TO_SAY: 3,
    },
    "sex": {"female": 50, "male": 48, equality.PREFER_NOT_TO_SAY: 2},
    "gender_same_as_birth": {"yes": 96, "no": 1, equality.PREFER_NOT_TO_SAY: 3},
    "ethnic_group": {
        "white_british": 53, "white_other": 14, "white_irish": 1, "white_gypsy_traveller": 0.2,
        "white_roma": 0.2, "asian_indian": 3, "asian_pakistani": 3, "asian_chinese": 3,
        "asian_bangladeshi": 1.5, "asian_other": 2, "black_african": 3, "black_caribbean": 1,
        "black_other": 0.5, "mixed_white_asian": 1.5, "mixed_white_black_african": 0.8,
        "mixed_white_black_caribbean": 1, "mixed_other": 1.3, "other_arab": 1, "other_any": 2,
        equality.PREFER_NOT_TO_SAY: 3,
    },
    "disability": {"yes": 15, "no": 80, equality.PREFER_NOT_TO_SAY: 5},
    "religion": {
        "none": 43, "christian": 34, "muslim": 7, "hindu": 2, "buddhist": 1, "jewish": 1,
        "sikh": 0.3, "other": 1, equality.PREFER_NOT_TO_SAY: 8,
    },
    "sexual_orientation": {
        "straight": 84, "gay_lesbian": 3, "bisexual": 4, "other": 1,
        equality.PREFER_NOT_TO_SAY: 8,
    },
}  # fmt: skip
LEFT_BLANK = 0.05  # each question is left unanswered this often
EQUALITY_SHARE = 0.4


def _answers(rng: random.Random, resident: Resident) -> dict[str, str]:
    answers = {}
    for field, spread in SPREADS.items():
        if rng.random() < LEFT_BLANK:
            continue
        answers[field] = rng.choices(list(spread), list(spread.values()))[0]
    languages = dict(equality.MAIN_LANGUAGE.choices)
    answers["main_language"] = (
        resident.preferred_language if resident.preferred_language in languages else "other"
    )
    return answers


def load_demo_equality(*, history, seed: int) -> str:
    """Give ~40% of the history's residents who have an email address an account (as signing in
    by emailed link would) and their equality answers, each given by the resident themselves."""
    if history is None:
        return "Equality answers: no demo history to build on."
    first, last = (history.id_ranges.get("people.Resident") or [0, -1])[:2]
    residents = Resident.objects.filter(pk__range=(first, last)).exclude(email="").order_by("pk")
    if EqualityProfile.objects.filter(resident__in=residents).exists():
        return "Equality answers: the demo residents' answers are already given."
    rng = random.Random(f"equality-{seed}")
    chosen = [resident for resident in residents if rng.random() < EQUALITY_SHARE]
    with transaction.atomic():
        for resident in chosen:
            user = _account_for(resident)
            save_equality_answers(
                actor=user, resident=resident, answers=_answers(rng, resident), consent_given=True
            )
    return (
        f"Equality answers: {len(chosen)} demo residents gave synthetic answers "
        "(a rough census-like spread, docs/demo-data.md)."
    )


def _account_for(resident: Resident) -> User:
    """The resident's account, made as the first sign-in by emailed link makes one (no password)."""
    if resident.user is not None:
        return resident.user
    user = User.objects.filter(email__iexact=resident.email, role=Role.RESIDENT).first()
    if user is None:
        user = User.objects.create_user(
            resident.email, full_name=resident.full_name, role=Role.RESIDENT
        )
    resident.user = user
    resident.save(update_fields=["user", "updated_at"])
    return user


def score_demo_texts() -> str:
    """Read the sentiment of the history's texts (the daily job would, the next morning)."""
    return f"What residents say: {score_new_texts()}"
