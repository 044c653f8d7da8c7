"""The AI oversight page counts each model's suggestions in the period and what officers did."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.aigovernance.selectors import counts_by_model
from opencex.aigovernance.services import record_decision, record_suggestion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def suggest(key="urgency_cues", version="cues-1", subject_id=1):
    return record_suggestion(
        model_key=key,
        model_version=version,
        subject_type="case",
        subject_id=subject_id,
        suggested={},
        reasons=["gas_smell"],
    )


@pytest.fixture
def history():
    officer = UserFactory(role=Role.CASEWORKER)
    with time_machine.travel(TODAY - dt.timedelta(days=60), tick=False):
        suggest()  # outside the last 4 weeks
    with time_machine.travel(TODAY - dt.timedelta(days=2), tick=False):
        accepted, dismissed, waiting = suggest(), suggest(), suggest()
        record_decision(suggestion=accepted, actor=officer, outcome="accepted")
        record_decision(suggestion=dismissed, actor=officer, outcome="dismissed", note="No")
        newer = suggest(version="cues-2")
        record_decision(
            suggestion=suggest(key="routing", version="r-1"),
            actor=officer,
            outcome="corrected",
            correction={"service": "noise"},
        )
    return waiting, newer


def test_the_counts_are_by_model_and_version_in_the_period(history):
    with time_machine.travel(TODAY, tick=False):
        counts = {
            (m.model_key, v.model_version): v
            for m in counts_by_model(
                starts_at=TODAY - dt.timedelta(days=28), ends_before=TODAY + dt.timedelta(days=1)
            )
            for v in m.versions
        }
    cues_1 = counts["urgency_cues", "cues-1"]
    assert (cues_1.suggestions, cues_1.accepted, cues_1.dismissed, cues_1.undecided) == (3, 1, 1, 1)
    assert counts["urgency_cues", "cues-2"].undecided == 1
    assert counts["routing", "r-1"].corrected == 1


def test_a_suggestion_decided_again_counts_once_by_its_latest_decision():
    """An undone merge: accepted, then corrected. The page counts it as corrected only."""
    officer = UserFactory(role=Role.TEAM_MANAGER)
    with time_machine.travel(TODAY - dt.timedelta(days=2), tick=False):
        suggestion = suggest(key="resident_matching", version="m-1")
        record_decision(suggestion=suggestion, actor=officer, outcome="accepted")
    with time_machine.travel(TODAY - dt.timedelta(days=1), tick=False):
        record_decision(
            suggestion=suggestion, actor=officer, outcome="corrected", correction={"same": False}
        )
    counts = {
        v.model_version: v
        for m in counts_by_model(
            starts_at=TODAY - dt.timedelta(days=28), ends_before=TODAY + dt.timedelta(days=1)
        )
        for v in m.versions
    }["m-1"]
    assert (counts.suggestions, counts.accepted, counts.corrected, counts.undecided) == (1, 0, 1, 0)


def test_the_page_shows_the_counts_and_every_model_to_a_manager(client, history):
    with time_machine.travel(TODAY, tick=False):
        client.force_login(UserFactory(role=Role.TEAM_MANAGER))
        page = client.get(reverse("staff:ai-oversight")).content.decode()
    assert "cues-1" in page
    assert "Duplicate reports" in page
    assert "No suggestions in this period" in page


def test_a_caseworker_may_not_see_the_page(client):
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get(reverse("staff:ai-oversight")).status_code == 403
