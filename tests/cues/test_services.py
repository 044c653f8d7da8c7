"""A cue raises the case's priority through the one door, as the System, records the suggestion
with the model's version and the cue keys (never the resident's words); an officer confirms or
dismisses it, and a dismissal puts the priority back only when nothing else holds it up."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied

from opencex.aigovernance.models import Decision, Outcome, Suggestion
from opencex.cases.actions.core import System
from opencex.cases.actions.routing import set_priority
from opencex.cases.errors import CaseError
from opencex.cases.models import CaseEvent, EventKind, Priority
from opencex.cues.lexicon import MODEL_VERSION
from opencex.cues.services import confirm_cues, dismiss_cues, free_text, look_for_cues
from opencex.notify.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("winter")]

GAS = "I can smell gas in the hallway, my number is 07700 900123"


def cue(case, text=None):
    return look_for_cues(case=case, text=text if text is not None else free_text(case))


def priority_events(case):
    return list(CaseEvent.objects.filter(case=case, kind=EventKind.PRIORITY_CHANGED).order_by("id"))


def test_a_cue_raises_the_priority_through_the_one_door_as_the_system(open_with):
    case = open_with(GAS)

    suggestion = cue(case)

    case.refresh_from_db()
    assert case.priority == Priority.URGENT
    [event] = priority_events(case)
    assert event.actor is None
    assert event.body == f"Urgency cue: gas smell (model {MODEL_VERSION})"
    assert event.data["by"] == "system"
    assert not event.is_visible_to_resident
    assert suggestion.model_key == "urgency_cues"
    assert suggestion.model_version == MODEL_VERSION
    assert suggestion.reasons == ["gas_smell"]
    assert suggestion.suggested["event"] == event.pk


def test_the_suggestion_keeps_no_word_the_resident_wrote(open_with):
    suggestion = cue(open_with(GAS))
    kept = f"{suggestion.suggested} {suggestion.reasons}"
    assert "07700" not in kept
    assert "hallway" not in kept
    assert "I can" not in kept


def test_a_cue_never_writes_to_the_resident_routes_or_closes(open_with):
    case = open_with(GAS)
    before = (Notification.objects.filter(case=case).count(), case.team_id, case.status)
    cue(case)
    case.refresh_from_db()
    assert (Notification.objects.filter(case=case).count(), case.team_id, case.status) == before


def test_a_case_already_as_high_keeps_its_priority_and_the_cue_is_still_shown(
    open_with, caseworker
):
    case = open_with("We have no hot water")
    set_priority(actor=caseworker, case=case, priority=Priority.URGENT, reason="Elderly tenant")

    suggestion = cue(case)

    case.refresh_from_db()
    assert case.priority == Priority.URGENT
    assert suggestion.suggested["raised"] is False
    assert len(priority_events(case)) == 1


def test_nothing_is_recorded_when_no_cue_fires(open_with):
    case = open_with("My bin was not emptied on Monday")
    assert cue(case) is None
    assert not Suggestion.objects.exists()


def test_the_switch_turns_the_cues_off(open_with, settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, urgency_cues=False),
    )
    case = open_with(GAS)
    assert cue(case) is None
    case.refresh_from_db()
    assert case.priority == Priority.NORMAL
    assert not Suggestion.objects.exists()


def test_a_special_category_cue_is_not_named_on_the_timeline(open_with):
    case = open_with("I want to kill myself")
    suggestion = cue(case)
    assert suggestion.reasons == ["self_harm"]
    [event] = priority_events(case)
    assert "self" not in event.body.lower()
    assert "suicide" not in event.body.lower()


def test_confirming_records_the_officers_decision(open_with, caseworker):
    case = open_with(GAS)
    suggestion = cue(case)

    decision = confirm_cues(actor=caseworker, suggestion=suggestion)

    assert decision.outcome == Outcome.ACCEPTED
    assert decision.decided_by == caseworker
    case.refresh_from_db()
    assert case.priority == Priority.URGENT


def test_dismissing_records_the_reason_and_puts_the_priority_back(open_with, caseworker):
    case = open_with(GAS)
    suggestion = cue(case)

    dismiss_cues(actor=caseworker, suggestion=suggestion, reason="It was the cooker, left on")

    decision = Decision.objects.get(suggestion=suggestion)
    assert decision.outcome == Outcome.DISMISSED
    assert decision.note == "It was the cooker, left on"
    case.refresh_from_db()
    assert case.priority == Priority.NORMAL
    assert priority_events(case)[-1].actor == caseworker


def test_dismissing_leaves_a_priority_an_officer_changed_since(open_with, caseworker):
    case = open_with("We have no hot water")
    suggestion = cue(case)
    set_priority(actor=caseworker, case=case, priority=Priority.URGENT, reason="Baby at home")

    dismiss_cues(actor=caseworker, suggestion=suggestion, reason="Hot water is back")

    case.refresh_from_db()
    assert case.priority == Priority.URGENT


def test_dismissing_one_cue_leaves_the_priority_another_cue_holds(open_with, caseworker):
    case = open_with(GAS)
    first = cue(case)
    cue(case, "Water is pouring through the ceiling")  # also urgent: raises nothing more

    dismiss_cues(actor=caseworker, suggestion=first, reason="No gas: the hob was left on")

    case.refresh_from_db()
    assert case.priority == Priority.URGENT


def test_a_dismissal_needs_a_reason_and_a_cue_is_decided_once(open_with, caseworker):
    suggestion = cue(open_with(GAS))
    with pytest.raises(CaseError):
        dismiss_cues(actor=caseworker, suggestion=suggestion, reason="  ")
    confirm_cues(actor=caseworker, suggestion=suggestion)
    with pytest.raises(CaseError):
        dismiss_cues(actor=caseworker, suggestion=suggestion, reason="Changed my mind")


def test_an_officer_outside_the_team_cannot_decide(open_with):
    from opencex.accounts.models import Role
    from tests.factories import TeamFactory, UserFactory

    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    suggestion = cue(open_with(GAS))
    with pytest.raises(PermissionDenied):
        confirm_cues(actor=stranger, suggestion=suggestion)


def test_the_system_may_raise_a_priority_but_never_lower_it(open_with, caseworker):
    case = open_with("Fence broken")
    set_priority(actor=caseworker, case=case, priority=Priority.HIGH, reason="Exposed nails")
    with pytest.raises(CaseError):
        set_priority(actor=System(because="urgency cue"), case=case, priority=0, reason="x")
    with pytest.raises(PermissionDenied):
        set_priority(
            actor=System(because="status", back_office="ql"), case=case, priority=2, reason="x"
        )
