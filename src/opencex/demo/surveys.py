"""What the surveys pages (issue 15) show in the demo: a closed tenant satisfaction survey with
40 synthetic responses (so that /staff/reports/tsm/ shows TP01-TP12 and its results page has
figures), and an open Residents Panel survey sent to a stratified sample of a small demo panel.

The surveys are created and the sample invited through `surveys.services`; the 40 responses
are synthetic rows written directly (no invitation was sent for them, so no one is messaged), a
rough spread, not anybody's answers. If the panels app's own demo has not made the Residents
Panel, a small one is made here from the history's residents (members with consent), only when
it has no members yet. Running the demo again adds nothing (each part looks for what it made)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from opencex.panels.models import Membership, Panel, PanelKind
from opencex.people.models import Resident
from opencex.surveys import services
from opencex.surveys.models import Audience, Response, Survey, SurveyStatus

TENANT_TITLE = "Tenant satisfaction survey 2026 (demo)"
PANEL_TITLE = "Residents Panel winter survey (demo)"
RESPONSES = 40
PANEL_MEMBERS = 30
AGE_BANDS = ("18_24", "25_34", "35_44", "45_54", "55_64", "65_74", "")
WARDS = ("Blackbird Leys", "Cowley", "Jericho and Osney", "Headington", "")
TENURES = ("council_tenant", "owner_occupier", "private_renter", "")
# A rough spread leaning satisfied, as landlords' published TSM results do.
SATISFACTION = (
    ["very_satisfied"] * 4
    + ["fairly_satisfied"] * 5
    + ["neither"] * 2
    + ["fairly_dissatisfied"] * 2
    + ["very_dissatisfied"]
)
AGREEMENT = ["strongly_agree"] * 4 + ["agree"] * 5 + ["neither"] * 2 + ["disagree"] * 2
COMMENTS = (
    "Repairs take too long to book",
    "The bins on our estate are not emptied often enough",
    "Please keep us informed when a repair is delayed",
    "The communal stairs need cleaning more often",
    "Staff were friendly and helpful",
    "",
    "",
    "",
)


def _tenant_answers(rng: random.Random) -> dict[str, str]:
    answers = {"tp01_overall": rng.choice(SATISFACTION), "had_repair": rng.choice(["yes", "no"])}
    if answers["had_repair"] == "yes":
        answers["tp02_repairs"] = rng.choice(SATISFACTION)
        answers["tp03_repair_time"] = rng.choice(SATISFACTION)
    for key in ("tp06_listens", "tp07_informed"):
        answers[key] = rng.choice([*SATISFACTION, "dont_know"])
    answers["tp04_well_maintained"] = rng.choice(SATISFACTION)
    answers["tp05_safe"] = rng.choice(SATISFACTION)
    answers["tp08_fair_respect"] = rng.choice([*AGREEMENT, "dont_know"])
    answers["made_complaint"] = rng.choice(["yes", "no", "no", "no"])
    if answers["made_complaint"] == "yes":
        answers["tp09_complaints"] = rng.choice(SATISFACTION)
    answers["has_communal_areas"] = rng.choice(["yes", "no"])
    if answers["has_communal_areas"] == "yes":
        answers["tp10_communal_areas"] = rng.choice(SATISFACTION)
    answers["tp11_neighbourhood"] = rng.choice([*SATISFACTION, "not_applicable"])
    answers["tp12_antisocial"] = rng.choice([*SATISFACTION, "not_applicable"])
    comment = rng.choice(COMMENTS)
    if comment:
        answers["improve_comment"] = comment
    return answers


def _tenant_survey(rng: random.Random) -> str:
    today = timezone.localdate()
    survey = services.create_survey(
        actor=None,
        definition="tenant-satisfaction",
        title=TENANT_TITLE,
        purpose="The Regulator of Social Housing's tenant perception measures (demo example).",
        audience=Audience.OPEN_LINK,
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=5),
    )
    version = survey.form.current_version()
    Response.objects.bulk_create(
        Response(
            survey=survey,
            version=version,
            answers=_tenant_answers(rng),
            language=rng.choice(["en"] * 8 + ["pl", "ar"]),
            submitted_at=timezone.now()
            - timedelta(days=rng.randint(6, 59), hours=rng.randint(0, 9)),
        )
        for _ in range(RESPONSES)
    )
    services.close_survey(actor=None, survey=survey)
    return f"{RESPONSES} synthetic responses to a closed tenant satisfaction survey"


def _demo_panel(history, rng: random.Random) -> Panel:
    panel, _created = Panel.objects.get_or_create(
        kind=PanelKind.RESIDENTS, defaults={"name": "Residents Panel", "capacity": 1000}
    )
    if Membership.objects.filter(panel=panel).exists():
        return panel
    first, last = (history.id_ranges.get("people.Resident") or [0, -1])[:2] if history else (0, -1)
    residents = list(
        Resident.objects.filter(pk__range=(first, last))
        .exclude(email="")
        .order_by("pk")[:PANEL_MEMBERS]
    )
    now = timezone.now()
    Membership.objects.bulk_create(
        Membership(
            panel=panel,
            resident=resident,
            joined_at=now - timedelta(days=rng.randint(100, 600)),
            confirmed_at=now - timedelta(days=rng.randint(1, 300)),
            consent_given=True,
            age_band=rng.choice(AGE_BANDS),
            ward=rng.choice(WARDS),
            tenure=rng.choice(TENURES),
        )
        for resident in residents
    )
    return panel


def load_demo_surveys(*, history, seed: int) -> str:
    if Survey.objects.filter(title__in=[TENANT_TITLE, PANEL_TITLE]).exists():
        return "Surveys: the demo surveys are already there."
    rng = random.Random(f"surveys-{seed}")
    with transaction.atomic():
        tenant = _tenant_survey(rng)
        panel = _demo_panel(history, rng)
        today = timezone.localdate()
        survey = services.create_survey(
            actor=None,
            definition="residents-panel",
            title=PANEL_TITLE,
            purpose="To hear what the Residents Panel thinks of the council's services (demo).",
            audience=Audience.PANEL_SAMPLE,
            opens_on=today,
            closes_on=today + timedelta(days=28),
            status=SurveyStatus.OPEN,
        )
        invited = services.invite_sample(survey=survey, panel=panel, size=10, seed=seed)
    return (
        f"Surveys: {tenant}; an open panel survey sent to a stratified sample of "
        f"{len(invited)} of the Residents Panel."
    )
