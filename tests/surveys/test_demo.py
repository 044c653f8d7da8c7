import datetime as dt
import time

import pytest

from opencex.demo.surveys import PANEL_TITLE, RESPONSES, TENANT_TITLE, load_demo_surveys
from opencex.insight import tsm
from opencex.insight.periods import Period
from opencex.surveys.models import Invitation, Response, Survey
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_the_demo_surveys_are_made_once_and_quickly(django_user_model):
    for _ in range(12):
        ResidentFactory()

    class History:
        id_ranges = {"people.Resident": [1, 10_000]}

    started = time.monotonic()
    said = load_demo_surveys(history=History(), seed=5)
    assert time.monotonic() - started < 3

    tenant = Survey.objects.get(title=TENANT_TITLE)
    assert tenant.status == "closed"
    assert tenant.measures_tsm
    assert Response.objects.filter(survey=tenant).count() == RESPONSES
    panel_survey = Survey.objects.get(title=PANEL_TITLE)
    assert Invitation.objects.filter(survey=panel_survey).count() == 10
    assert "10 of the Residents Panel" in said

    last_two_months = Period(dt.date(2026, 10, 1), dt.date(2026, 12, 1))
    tp01 = next(m for m in tsm.tenant_satisfaction_measures(last_two_months) if m.code == "TP01")
    assert tp01.status == tsm.COMPUTED
    assert tp01.parts[0].denominator == RESPONSES

    assert "already" in load_demo_surveys(history=History(), seed=5)
    assert Response.objects.count() == RESPONSES


def test_the_demo_panel_sample_comes_from_members_who_joined_as_on_the_site():
    from opencex.panels import census, questions
    from opencex.panels.models import Membership

    for _ in range(12):
        ResidentFactory()

    class History:
        id_ranges = {"people.Resident": [1, 10_000]}

    load_demo_surveys(history=History(), seed=5)
    sampled = Membership.objects.filter(
        pk__in=Invitation.objects.filter(survey__title=PANEL_TITLE).values("membership")
    )
    assert sampled.count() == 10
    assert set(sampled.values_list("ward", flat=True)) <= set(census.wards())
    tenures = set(dict(questions.TENURE_CHOICES))
    assert set(sampled.values_list("tenure", flat=True)) <= tenures | {""}


def test_with_no_panel_members_the_demo_says_there_is_no_panel_sample():
    said = load_demo_surveys(history=None, seed=5)
    assert "no panel sample" in said
    assert not Survey.objects.filter(title=PANEL_TITLE).exists()
    assert Survey.objects.get(title=TENANT_TITLE).audience != "open_link"
