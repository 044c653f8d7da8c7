"""The demo's readiness: three confirmed assessments with their actions, one overdue, made
through the services; running it again adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.demo.readiness import load_demo_readiness
from opencex.readiness.framework import DEFAULT_FRAMEWORK
from opencex.readiness.models import Action, Assessment, AssessmentStatus, Rag
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_confirms_three_assessments_with_an_overdue_action(settings):
    settings.OPENCEX_READINESS_MODEL = DEFAULT_FRAMEWORK
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[TeamFactory() for _ in range(4)])
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    said = load_demo_readiness(manager=manager, moderator=administrator)
    assert Assessment.objects.filter(status=AssessmentStatus.CONFIRMED).count() == 3
    actions = Action.objects.count()
    assert actions > 3
    assert said == f"Readiness: {actions} actions from demo assessments"
    today = timezone.localdate()
    assert Action.objects.overdue(today).count() == 1
    assert Action.objects.filter(rag=Rag.COMPLETE).count() == 1
    assert load_demo_readiness(manager=manager, moderator=administrator).endswith("already loaded")
    assert Action.objects.count() == actions
