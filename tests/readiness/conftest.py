import datetime as dt
from pathlib import Path

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.readiness import services
from opencex.readiness.services import AnswerInput, Decision
from tests.factories import ServiceAreaFactory, TeamFactory, UserFactory

SMALL_MODEL = Path(__file__).parent / "small-model.toml"
CONFIRMED_ON = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def first_of_december():
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def small_model(settings):
    settings.OPENCEX_READINESS_MODEL = str(SMALL_MODEL)


@pytest.fixture
def area():
    return ServiceAreaFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def lead(area):
    team = TeamFactory(slug="waste-team", name="Waste team", service_area=area)
    return UserFactory(full_name="Lena Lead", role=Role.TEAM_MANAGER, teams=[team])


@pytest.fixture
def moderator():
    other = TeamFactory(slug="parks-team", name="Parks team")
    return UserFactory(full_name="Mo Derator", role=Role.TEAM_MANAGER, teams=[other])


# The service's own levels, and the moderator's (b2 moved down one, with a reason).
SELF_LEVELS = {"a1": 1, "a2": 4, "b1": 2, "b2": 3}
MODERATED = {"a1": 1, "a2": 4, "b1": 2, "b2": 2}


def answered(area, lead, levels=SELF_LEVELS):
    assessment = services.start_assessment(actor=lead, service_area=area)
    services.save_answers(
        actor=lead,
        assessment=assessment,
        answers={
            key: AnswerInput(level, f"Evidence for {key} at level {level}.")
            for key, level in levels.items()
        },
    )
    return assessment


def submitted(area, lead, levels=SELF_LEVELS):
    assessment = answered(area, lead, levels)
    services.submit_assessment(actor=lead, assessment=assessment)
    return assessment


def confirm(assessment, moderator, levels=MODERATED):
    decisions = {
        key: Decision(level, "" if level == SELF_LEVELS.get(key) else "The evidence shows less.")
        for key, level in levels.items()
    }
    return services.confirm_assessment(actor=moderator, assessment=assessment, decisions=decisions)


@pytest.fixture
def confirmed(area, lead, moderator):
    assessment = submitted(area, lead)
    confirm(assessment, moderator)
    assessment.refresh_from_db()
    return assessment
