"""What the surveys pages (issue 15) show in the demo: a closed tenant satisfaction survey with
40 synthetic responses (so that /staff/reports/tsm/ shows TP01-TP12 and its results page has
figures), and an open Residents Panel survey sent to a stratified sample of a small demo panel.

The surveys are created and the sample invited through `surveys.services`; the 40 responses
are synthetic rows written directly (no invitation was sent for them, so no one is messaged), a
rough spread, not anybody's answers. If the panels app's own demo has not made the Residents
Panel, it is run first (members join through `panels.services.join_panel`); with no members,
no panel sample is sent. Running the demo again adds nothing (each part looks for what it made)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from opencex.demo.panels import load_demo_panels
from opencex.panels.models import Membership, Panel, PanelKind
from opencex.surveys import services
from opencex.surveys.models import Audience, Response, Survey, SurveyStatus

TENANT_TITLE = "Tenant satisfaction survey 2026 (demo)"
PANEL_TITLE = "Residents Panel winter survey (demo)"
RESPONSES = 40
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
        # Tenants invited (never an open link: the regulator's figures must not be stuffable).
        audience=Audience.PANEL_SAMPLE,
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
            # An anonymous survey keeps only the day a response was sent.
            submitted_at=services.day_only(timezone.now() - timedelta(days=rng.randint(6, 59))),
        )
        for _ in range(RESPONSES)
    )
    services.close_survey(actor=None, survey=survey)
    return f"{RESPONSES} synthetic responses to a closed tenant satisfaction survey"


def _demo_panel(history, seed: int) -> Panel | None:
    """The Residents Panel with active members: the panels demo's (run here if it has not been,
    so members join through `panels.services.join_panel`, as on the site); None if it has none."""
    if not Membership.objects.active().filter(panel__kind=PanelKind.RESIDENTS).exists():
        load_demo_panels(history=history, seed=seed)
    members = Membership.objects.active().filter(panel__kind=PanelKind.RESIDENTS)
    return Panel.objects.filter(pk__in=members.values("panel")).first()


def load_demo_surveys(*, history, seed: int) -> str:
    if Survey.objects.filter(title__in=[TENANT_TITLE, PANEL_TITLE]).exists():
        return "Surveys: the demo surveys are already there."
    rng = random.Random(f"surveys-{seed}")
    with transaction.atomic():
        tenant = _tenant_survey(rng)
        panel = _demo_panel(history, seed)
        if panel is None:
            return f"Surveys: {tenant}; no panel sample (the Residents Panel has no members)."
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
