"""Self-assessment and moderation: saving and returning, submitting only when complete, who may
moderate (never an assessor, nor someone in the area), confirming with reasons, returning."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.readiness import services
from opencex.readiness.models import AssessmentStatus
from opencex.readiness.services import AnswerInput, Decision, ReadinessError
from opencex.readiness.workflow import WorkflowError
from tests.factories import TeamFactory, UserFactory
from tests.readiness.conftest import MODERATED, SELF_LEVELS, answered, confirm, submitted

pytestmark = pytest.mark.django_db


def test_a_service_lead_saves_part_and_comes_back(area, lead):
    assessment = services.start_assessment(actor=lead, service_area=area)
    services.save_answers(
        actor=lead, assessment=assessment, answers={"a1": AnswerInput(2, "Our standards page.")}
    )
    answer = assessment.answers.get(question_key="a1")
    assert (answer.self_level, answer.evidence) == (2, "Our standards page.")
    assert assessment.answers.filter(self_level__isnull=True).count() == 3


def test_a_level_without_evidence_and_a_bad_link_are_refused_and_nothing_is_saved(area, lead):
    assessment = services.start_assessment(actor=lead, service_area=area)
    with pytest.raises(ReadinessError) as raised:
        services.save_answers(
            actor=lead,
            assessment=assessment,
            answers={
                "a1": AnswerInput(2, ""),
                "a2": AnswerInput(3, "Fine", links="http://insecure.example.org"),
            },
        )
    assert [field for field, _ in raised.value.errors] == ["a1-evidence", "a2-links"]
    assert not assessment.answers.exclude(self_level=None).exists()


def test_someone_outside_the_area_may_not_assess_it(area, moderator):
    with pytest.raises(PermissionDenied):
        services.start_assessment(actor=moderator, service_area=area)


def test_one_assessment_at_a_time_per_area(area, lead):
    services.start_assessment(actor=lead, service_area=area)
    with pytest.raises(ReadinessError, match="already has an assessment"):
        services.start_assessment(actor=lead, service_area=area)


def test_it_cannot_be_submitted_until_every_question_is_answered(area, lead):
    assessment = answered(area, lead, {"a1": 1, "a2": 2})
    with pytest.raises(ReadinessError, match="2 still need"):
        services.submit_assessment(actor=lead, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_the_assessor_cannot_moderate_their_own_assessment(area):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    assessment = submitted(area, administrator)
    with pytest.raises(PermissionDenied):
        confirm(assessment, administrator)


def test_a_manager_in_the_area_cannot_moderate_it(area, lead):
    colleague = UserFactory(role=Role.TEAM_MANAGER, teams=[lead.teams.first()])
    assessment = submitted(area, lead)
    with pytest.raises(PermissionDenied):
        confirm(assessment, colleague)


def test_a_caseworker_from_elsewhere_cannot_moderate(area, lead):
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    assessment = submitted(area, lead)
    with pytest.raises(PermissionDenied):
        confirm(assessment, caseworker)


def test_the_moderator_keeps_the_services_levels_beside_their_own(area, lead, moderator):
    assessment = submitted(area, lead)
    confirm(assessment, moderator)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONFIRMED
    assert assessment.moderated_by == moderator
    b2 = assessment.answers.get(question_key="b2")
    assert (b2.self_level, b2.moderated_level) == (3, 2)
    assert b2.moderation_reason == "The evidence shows less."


def test_a_different_level_needs_a_reason(area, lead, moderator):
    assessment = submitted(area, lead)
    decisions = {key: Decision(level) for key, level in MODERATED.items()}
    with pytest.raises(ReadinessError) as raised:
        services.confirm_assessment(actor=moderator, assessment=assessment, decisions=decisions)
    assert [field for field, _ in raised.value.errors] == ["b2-reason"]
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_a_draft_cannot_be_confirmed(area, lead, moderator):
    assessment = answered(area, lead)
    with pytest.raises(WorkflowError):
        confirm(assessment, moderator)


def test_returned_for_changes_it_can_be_answered_and_submitted_again(area, lead, moderator):
    assessment = submitted(area, lead)
    with pytest.raises(ReadinessError):
        services.save_answers(
            actor=lead, assessment=assessment, answers={"a1": AnswerInput(5, "More.")}
        )
    services.return_assessment(actor=moderator, assessment=assessment, reason="Add evidence.")
    services.save_answers(
        actor=lead, assessment=assessment, answers={"a1": AnswerInput(2, "Better evidence.")}
    )
    services.submit_assessment(actor=lead, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.returned_reason == "Add evidence."
    assert list(assessment.events.values_list("action", flat=True))[:4] == [
        "submitted",
        "saved",
        "returned",
        "submitted",
    ]


def test_a_confirmed_assessment_cannot_be_returned(confirmed, moderator):
    with pytest.raises(WorkflowError):
        services.return_assessment(actor=moderator, assessment=confirmed, reason="Too late")


def test_self_levels_fixture_is_what_was_saved(confirmed):
    saved = dict(confirmed.answers.values_list("question_key", "self_level"))
    assert saved == SELF_LEVELS
