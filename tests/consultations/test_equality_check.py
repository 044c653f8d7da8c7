"""The equality check's rules: each method missing flags its group with a reason in words, and
the council's reach figures flag a group that uses the plan's channels well under everyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opencex.cases.models import Channel
from opencex.consultations import equality
from opencex.consultations.models import Method
from tests.consultations.conftest import planned
from tests.equality.conftest import resident_answering
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

EVERY_METHOD = list(Method.values)


def _flags(consultation) -> dict[str, list[str]]:
    return {a.group.slug: a.reasons for a in equality.assess(consultation) if a.likely_missed}


def test_an_online_survey_alone_misses_five_groups_each_with_why(officer, team):
    flags = _flags(planned(officer, team, methods=[Method.ONLINE_SURVEY]))
    assert flags == {
        "other_languages": ["No translated materials."],
        "digitally_excluded": ["No paper, phone or in-person way to take part."],
        "older_people": ["Online only: older residents use the web least."],
        "young_people": ["No youth panel or schools and colleges work."],
        "disabled_people": ["No easy read version."],
    }


def test_a_plan_with_every_method_misses_nobody_without_reach_figures(officer, team):
    assert _flags(planned(officer, team, methods=EVERY_METHOD)) == {}


def test_each_method_answers_its_own_rule(officer, team):
    methods = [m for m in EVERY_METHOD if m != Method.TRANSLATED]
    assert set(_flags(planned(officer, team, methods=methods))) == {"other_languages"}
    methods = [m for m in EVERY_METHOD if m not in (Method.YOUTH_PANEL, Method.SCHOOLS)]
    assert set(_flags(planned(officer, team, methods=methods))) == {"young_people"}


def _cases(count: int, channel: str, **answers) -> None:
    received = timezone.make_aware(dt.datetime(2026, 11, 2, 11))
    for _ in range(count):
        CaseFactory(resident=resident_answering(**answers), channel=channel, received_at=received)


def test_reach_figures_flag_a_group_that_uses_the_web_well_under_everyone(officer, team):
    # Everyone: 35 of 55 by web (64%); 75 and over: 5 of 20 by web (25%), well under.
    _cases(30, Channel.WEB, age_band="35_44")
    _cases(5, Channel.PHONE, age_band="35_44")
    _cases(5, Channel.WEB, age_band="75_plus")
    _cases(15, Channel.PHONE, age_band="75_plus")
    methods = [m for m in EVERY_METHOD if m not in equality.OFFLINE_METHODS]
    flags = _flags(planned(officer, team, methods=methods))
    older = flags["older_people"]
    assert "75 or over: 25% contacted us by Website, against 64% of all residents" in older[-1]


def test_hidden_small_numbers_are_never_used(officer, team):
    # 3 residents of 75 and over: under the threshold of 5, so the figures say nothing.
    _cases(18, Channel.WEB, age_band="35_44")
    _cases(3, Channel.PHONE, age_band="75_plus")
    flags = _flags(planned(officer, team, methods=EVERY_METHOD))
    assert flags == {}
