"""What the consultation pages show in the demo (issue 15): a handful of consultations around
today, one open pair that clashes (the parking zone planned in Cowley and the street trees open
there, checked but not acknowledged, so the horizon scan and the check show it), an open one for
tenants, one planned for young people, and a statutory one whose results and decision are
published (linked to a "you said, we did" change of its service area, if the demo has one).

Each act goes through `consultations.services`, never the models; the dates follow today. Running
the demo again adds nothing (each consultation is looked for by its title). Every one is labelled
a demo example in its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import User
from opencex.catalogue.models import Team, Topic
from opencex.consultations import services
from opencex.consultations.models import Audience, Consultation, Method, Status
from opencex.yousaidwedid.models import Change

DEMO_NOTE = "Demo example: not a real consultation."


@dataclass(frozen=True)
class DemoConsultation:
    title: str
    topic: str
    team: str  # a team's slug
    audience: str
    wards: tuple[str, ...]
    methods: tuple[str, ...]
    starts_in: int  # days from today (negative: started already)
    weeks: int
    status: str
    topics: tuple[str, ...] = ()
    is_statutory: bool = False
    outcome: dict = field(default_factory=dict)


CONSULTATIONS = (
    DemoConsultation(
        "Street trees in Cowley and Lye Valley",
        "Where new street trees should be planted, and which kinds.",
        "parks-and-open-spaces",
        Audience.EVERYONE,
        ("Cowley", "Lye Valley"),
        (Method.ONLINE_SURVEY, Method.DROP_IN, Method.TRANSLATED),
        -5,
        5,
        Status.OPEN,
        topics=("streets-and-environment",),
    ),
    DemoConsultation(
        "A controlled parking zone in Cowley",
        "Whether to bring in residents' parking permits in the streets around Cowley Road.",
        "parking-services",
        Audience.EVERYONE,
        ("Cowley",),
        (Method.ONLINE_SURVEY, Method.PAPER),
        21,
        4,
        Status.CHECKED,
        topics=("roads-parking-transport",),
    ),
    DemoConsultation(
        "Council tenants' repairs service",
        "How tenants want to report repairs and book appointments.",
        "housing-repairs",
        Audience.TENANTS,
        (),
        (Method.ONLINE_SURVEY, Method.PHONE, Method.PAPER, Method.TRANSLATED, Method.EASY_READ),
        -10,
        6,
        Status.OPEN,
        topics=("council-homes",),
    ),
    DemoConsultation(
        "Youth services and activities",
        "What young people want from the city's youth activities in the holidays.",
        "communities-and-grants",
        Audience.YOUNG_PEOPLE,
        (),
        (Method.ONLINE_SURVEY, Method.YOUTH_PANEL, Method.SCHOOLS),
        75,
        6,
        Status.PLANNED,
        topics=("parks-leisure-events",),
    ),
    DemoConsultation(
        "Local Plan: preferred options",
        "The places proposed for new homes and jobs up to 2045.",
        "development-management",
        Audience.EVERYONE,
        (),
        tuple(Method.values),
        -300,
        8,
        Status.PUBLISHED,
        topics=("planning-and-building",),
        is_statutory=True,
        outcome={
            "responses": 1843,
            "themes": "Support for homes near bus routes; worry about green spaces and flood "
            "risk in the south of the city; calls for more affordable homes.",
            "decision": "Two green spaces removed from the sites for homes; the affordable share "
            "raised to 50% on large sites. The plan goes to the examination in public.",
            "decided_by": "The Cabinet",
        },
    ),
)


def _plan(spec: DemoConsultation, today: date) -> services.Plan:
    team = Team.objects.get(slug=spec.team)
    starts_on = today + timedelta(days=spec.starts_in)
    return services.Plan(
        title=spec.title,
        topic=f"{spec.topic}\n\n{DEMO_NOTE}",
        service_area=team.service_area,
        team=team,
        audience=spec.audience,
        wards=list(spec.wards),
        methods=list(spec.methods),
        starts_on=starts_on,
        ends_on=starts_on + timedelta(weeks=spec.weeks) - timedelta(days=1),
        is_statutory=spec.is_statutory,
        how_to_take_part="Fill in the survey on this website, or ask at any council office for "
        "a paper copy. " + DEMO_NOTE,
        topics=tuple(Topic.objects.filter(slug__in=spec.topics)),
    )


def _move_on(actor: User, consultation: Consultation, spec: DemoConsultation, today: date):
    if spec.status == Status.PLANNED:
        return
    services.check_consultation(actor=actor, consultation=consultation)
    if spec.status == Status.CHECKED:  # left with its clash for the horizon scan to show
        return
    for finding in consultation.findings.all():
        services.acknowledge_finding(actor=actor, finding=finding, reason=DEMO_NOTE)
    services.record_equality_check(
        actor=actor,
        consultation=consultation,
        how_reached={
            check.group: "Through the community centres and partners. " + DEMO_NOTE
            for check in consultation.equality_checks.all()
        },
    )
    services.launch_consultation(actor=actor, consultation=consultation)
    if spec.status == Status.OPEN:
        return
    services.close_consultation(actor=actor, consultation=consultation)
    changes = Change.objects.published().filter(service_area=consultation.service_area)[:1]
    services.record_outcome(
        actor=actor,
        consultation=consultation,
        decided_on=min(consultation.ends_on + timedelta(days=42), today),
        changes=changes,
        **spec.outcome,
    )
    services.publish_results(actor=actor, consultation=consultation)


def load_demo_consultations(*, actor: User, today: date | None = None) -> str:
    """Plan and move on the demo's consultations (an administrator acts for every team)."""
    today = today or timezone.localdate()
    made = 0
    for spec in CONSULTATIONS:
        if Consultation.objects.filter(title=spec.title).exists():
            continue
        if not Team.objects.filter(slug=spec.team).exists():  # another council's catalogue
            continue
        with transaction.atomic():
            consultation = services.plan_consultation(actor=actor, plan=_plan(spec, today))
            _move_on(actor, consultation, spec, today)
        made += 1
    if not made:
        return "Consultations: the demo consultations are already planned."
    return f"Consultations: {made} demo consultations planned, checked, open or published."
