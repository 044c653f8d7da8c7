"""Actions from the gaps: exactly one per question below the target level, with the next
level's description as its next step; generating again adds nothing; the overdue rule."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from opencex.readiness import services
from opencex.readiness.models import Action, Rag
from opencex.readiness.services import ReadinessError
from tests.factories import UserFactory
from tests.readiness.conftest import confirm, submitted

pytestmark = pytest.mark.django_db


def test_confirming_makes_an_action_for_each_question_below_the_target(confirmed, lead):
    made = {
        a.question_key: (a.strand_key, a.title, a.next_step, a.from_level, a.to_level, a.due_on)
        for a in Action.objects.all()
    }
    # a1 at 1 (two levels short: 26 weeks), b1 and b2 at 2 (one short: 13 weeks); a2 at 4: none
    assert made == {
        "a1": ("alpha", "Improve A1", "A1 level two.", 1, 2, dt.date(2027, 6, 1)),
        "b1": ("beta", "Improve B1", "B1 level three.", 2, 3, dt.date(2027, 3, 2)),
        "b2": ("beta", "Improve B2", "B2 level three.", 2, 3, dt.date(2027, 3, 2)),
    }
    action = Action.objects.get(question_key="b1")
    assert action.owner == lead
    assert action.measure_keys == ["cases-in-time", "digital-share"]
    assert action.rag == Rag.GREEN


def test_generating_again_makes_nothing_twice(confirmed, moderator):
    assert services.generate_actions(actor=moderator, assessment=confirmed) == []
    assert Action.objects.count() == 3


def test_a_new_assessment_does_not_duplicate_an_open_action(area, lead, moderator, confirmed):
    with time_machine.travel(dt.datetime(2027, 1, 10, 10, tzinfo=dt.UTC), tick=False):
        later = submitted(area, lead)
        made = confirm(later, moderator)
    assert made == []
    assert Action.objects.count() == 3


def test_a_draft_makes_no_actions(area, lead, moderator):
    assessment = submitted(area, lead)
    with pytest.raises(ReadinessError, match="confirmed"):
        services.generate_actions(actor=moderator, assessment=assessment)


def test_an_action_not_complete_turns_red_the_day_after_it_is_due(confirmed):
    action = Action.objects.get(question_key="b1")  # due 2 March 2027
    assert action.rag_on(dt.date(2027, 3, 2)) == Rag.GREEN
    assert action.rag_on(dt.date(2027, 3, 3)) == Rag.RED
    assert list(Action.objects.overdue(dt.date(2027, 3, 3)).order_by("pk")) == list(
        Action.objects.filter(question_key__in=["b1", "b2"]).order_by("pk")
    )


def test_a_complete_action_is_never_overdue(confirmed, lead):
    action = Action.objects.get(question_key="b1")
    services.update_action(
        actor=lead, action=action, text="Done.", rag=Rag.COMPLETE, evidence="Published page."
    )
    action.refresh_from_db()
    assert action.completed_on == dt.date(2026, 12, 1)
    assert action.rag_on(dt.date(2028, 1, 1)) == Rag.COMPLETE


def test_completing_needs_evidence_and_the_update_is_dated_and_signed(confirmed, lead):
    action = Action.objects.get(question_key="a1")
    with pytest.raises(ReadinessError) as raised:
        services.update_action(actor=lead, action=action, text="Done", rag=Rag.COMPLETE)
    assert raised.value.errors == [("evidence", "Enter the evidence that the action is complete")]
    update = services.update_action(
        actor=lead,
        action=action,
        text="Behind: staff off.",
        rag=Rag.AMBER,
        due_on=dt.date(2027, 7, 1),
    )
    action.refresh_from_db()
    assert (action.rag, action.due_on) == (Rag.AMBER, dt.date(2027, 7, 1))
    assert (update.by, update.at.date()) == (lead, dt.date(2026, 12, 1))


def test_only_the_owner_managers_of_the_area_and_administrators_update(confirmed, moderator):
    action = Action.objects.get(question_key="a1")
    with pytest.raises(PermissionDenied):
        services.update_action(actor=moderator, action=action, text="x", rag=Rag.GREEN)
    services.update_action(
        actor=UserFactory(role="administrator"), action=action, text="Checked.", rag=Rag.GREEN
    )
