"""TP01-TP12 from the tenant perception survey's responses (insight.tsm), hand-counted."""

import datetime as dt

import pytest

from opencex.insight import tsm
from opencex.insight.periods import Period
from opencex.surveys.models import Response

pytestmark = pytest.mark.django_db
NOVEMBER = Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def _responses(survey, rows, *, on=dt.datetime(2026, 11, 10, 12, tzinfo=dt.UTC)):
    version = survey.form.current_version()
    for answers in rows:
        Response.objects.create(
            survey=survey, version=version, answers=answers, language="en", submitted_at=on
        )


def _measure(code):
    return next(m for m in tsm.tenant_satisfaction_measures(NOVEMBER) if m.code == code)


def test_tp01_is_the_share_satisfied_of_the_tenants_who_answered(tenant_survey):
    # 3 very + 2 fairly satisfied of 8 answering: 5/8 = 62.5%.
    scale = (
        ["very_satisfied"] * 3
        + ["fairly_satisfied"] * 2
        + [
            "neither",
            "fairly_dissatisfied",
            "very_dissatisfied",
        ]
    )
    _responses(tenant_survey, [{"tp01_overall": answer} for answer in scale])
    _responses(tenant_survey, [{}])  # did not answer TP01: not counted
    _responses(  # outside the period: not counted
        tenant_survey,
        [{"tp01_overall": "very_dissatisfied"}],
        on=dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC),
    )

    [part] = _measure("TP01").parts
    assert (part.numerator, part.denominator) == (5, 8)
    assert part.value == pytest.approx(0.625)


def test_dont_know_is_left_out_of_the_base(tenant_survey):
    answers = ["strongly_agree", "agree", "agree", "disagree", "neither", "dont_know", "dont_know"]
    _responses(tenant_survey, [{"tp08_fair_respect": answer} for answer in answers])

    [part] = _measure("TP08").parts
    assert (part.numerator, part.denominator) == (3, 5)


def test_a_share_from_fewer_tenants_than_the_threshold_is_not_shown(tenant_survey):
    # 4 answered the complaints question (under the threshold of 5); all 10 answered TP01.
    _responses(
        tenant_survey, [{"tp01_overall": "very_satisfied", "tp09_complaints": "neither"}] * 4
    )
    _responses(tenant_survey, [{"tp01_overall": "very_satisfied"}] * 6)

    [tp09] = _measure("TP09").parts
    assert tp09.value is None
    assert (tp09.numerator, tp09.denominator) == (0, 0)
    assert "4" not in tp09.note  # the hidden count is not given away in words either
    assert tp09.note == "fewer than 5 tenants gave a view: not shown"
    [tp01] = _measure("TP01").parts
    assert tp01.value == 1.0
    assert tp01.denominator == 10


def test_other_surveys_do_not_count_towards_the_tsm(panel_survey):
    _responses(panel_survey, [{"overall_satisfaction": "very_satisfied"}] * 10)
    assert _measure("TP01").status == tsm.NEEDS_SURVEY
