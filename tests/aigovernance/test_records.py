"""Every suggestion is recorded with its model's version; decisions are recorded; the switches
come from the council profile; the records are audit records (never edited)."""

import dataclasses

import pytest

from opencex.aigovernance import services, switches
from opencex.aigovernance.models import Decision, Suggestion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_suggestion_and_its_decision_are_recorded_with_the_model_version():
    suggestion = services.record_suggestion(
        model_key="routing",
        model_version="routing-2026-12-06.1",
        subject_type="case",
        subject_id=42,
        suggested={"service": "report-fly-tipping"},
        confidence=0.81,
        reasons=["fly", "tipped"],
    )
    officer = UserFactory()
    services.record_decision(
        suggestion=suggestion,
        actor=officer,
        outcome="corrected",
        correction={"service": "report-abandoned-vehicle"},
    )
    stored = services.latest_suggestion("routing", "case", 42)
    assert stored.model_version == "routing-2026-12-06.1"
    assert stored.decisions.get().correction == {"service": "report-abandoned-vehicle"}
    assert stored.decisions.get().decided_by == officer


def test_a_correction_without_what_was_chosen_is_refused():
    suggestion = services.record_suggestion(
        model_key="urgency_cues",
        model_version="cues-1",
        subject_type="case",
        subject_id=1,
        suggested={"cues": ["no_heating"]},
    )
    with pytest.raises(ValueError, match="what the officer chose"):
        services.record_decision(suggestion=suggestion, actor=None, outcome="corrected")
    with pytest.raises(ValueError, match="maybe"):
        services.record_decision(suggestion=suggestion, actor=None, outcome="maybe")


def test_a_suggestion_needs_a_known_model_and_a_version():
    with pytest.raises(KeyError):
        services.record_suggestion(
            model_key="routeing",
            model_version="1",
            subject_type="case",
            subject_id=1,
            suggested={},
        )
    with pytest.raises(ValueError, match="version"):
        services.record_suggestion(
            model_key="routing",
            model_version="",
            subject_type="case",
            subject_id=1,
            suggested={},
        )


def test_the_records_are_never_edited():
    suggestion = services.record_suggestion(
        model_key="routing",
        model_version="1",
        subject_type="case",
        subject_id=1,
        suggested={"service": "x"},
    )
    with pytest.raises(TypeError):
        Suggestion.objects.filter(pk=suggestion.pk).update(model_version="2")
    with pytest.raises(TypeError):
        Decision.objects.all().delete()
    suggestion.model_version = "2"
    with pytest.raises(TypeError, match="never changed"):
        suggestion.save()


def test_the_switches_are_the_profile_s(settings):
    assert switches.is_on("routing")
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, routing=False),
    )
    assert not switches.is_on("routing")
    assert switches.is_on("urgency_cues")
    with pytest.raises(KeyError):
        switches.is_on("routeing")
