"""What residents say, against a hand-counted fixture: counts by source, the share negative by
month, themes against the period before, and examples that say no more than they need to."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.feedback.models import PageFeedback
from opencex.insight.periods import Period
from opencex.sentiment import selectors
from opencex.sentiment.analysis import ANALYSER_VERSION
from opencex.sentiment.models import Source, TextSentiment
from opencex.sentiment.selectors import Tally
from tests.factories import CaseFactory, RatingFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

MARCH_WEEK = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 8))  # before: 23 Feb to 1 March


def _admin():
    return UserFactory(role=Role.ADMINISTRATOR, password=None)


def _at(month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, month, day, 11))


def _reading(source, label, when, score=None, themes=(), **text) -> TextSentiment:
    if source in (Source.COMMENT, Source.COMPLAINT) and "case" not in text:
        text["case"] = CaseFactory(kind=source, received_at=when)
    if score is None and label != "not_scored":
        score = {"negative": -0.5, "neutral": 0.0, "positive": 0.6}[label]
    reading = TextSentiment.objects.create(
        source=source,
        label=label,
        score=score,
        language="en",
        written_at=when,
        analyser_version=ANALYSER_VERSION,
        scored_at=when,
        **text,
    )
    reading.themes.set(themes)
    return reading


@pytest.fixture
def world(themes):
    bins, tax = themes["bins"], themes["tax"]
    named = CaseFactory(
        kind=CaseKind.COMPLAINT,
        received_at=_at(3, 3),
        contact_name="Ada Okonkwo",
        description="Ada Okonkwo here (ada@example.org, 07700 900123): my bin was missed again.",
    )
    _reading(Source.COMPLAINT, "negative", _at(3, 3), -0.9, [bins], case=named)
    _reading(Source.COMPLAINT, "negative", _at(3, 4), -0.3)
    _reading(Source.COMPLAINT, "neutral", _at(3, 5))
    _reading(Source.COMMENT, "positive", _at(3, 6), 0.8, [bins])
    page = PageFeedback.objects.create(
        path="/council-tax", is_useful=False, what_went_wrong="The bill page is broken"
    )
    _reading(Source.PAGE_FEEDBACK, "negative", _at(3, 7), -0.5, [tax], page_feedback=page)
    _reading(Source.RATING, "positive", _at(3, 8), 0.7, rating=RatingFactory(comment="Great"))
    _reading(Source.RATING, "not_scored", _at(3, 8), rating=RatingFactory(comment="Dziękuję"))
    # The period before: bins half negative.
    _reading(Source.COMMENT, "negative", _at(2, 25), themes=[bins])
    _reading(Source.COMMENT, "positive", _at(2, 26), themes=[bins])
    # January, for the trend; and a day after the period, counted nowhere.
    _reading(Source.COMPLAINT, "negative", _at(1, 15))
    _reading(Source.COMPLAINT, "positive", _at(3, 9))
    return named


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_counts_by_source_in_the_period(world):
    assert selectors.tally_by_source(MARCH_WEEK) == {
        "comment": Tally(0, 0, 1, 0),
        "complaint": Tally(2, 1, 0, 0),
        "page_feedback": Tally(1, 0, 0, 0),
        "rating": Tally(0, 0, 1, 1),
    }
    assert selectors.tally_by_source(MARCH_WEEK)["complaint"].share_negative == 2 / 3
    assert selectors.tally_by_source(MARCH_WEEK)["rating"].share_negative == 0
    assert selectors.tally_by_source(MARCH_WEEK, Source.RATING) == {"rating": Tally(0, 0, 1, 1)}


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_the_share_negative_month_by_month(world):
    trend = selectors.monthly_trend(MARCH_WEEK)
    assert len(trend) == 12
    assert trend[0][0] == dt.date(2025, 4, 1)
    by_month = dict(trend)
    # Up to the period's end: the text of the 9th is not counted.
    assert by_month[dt.date(2026, 3, 1)] == Tally(3, 1, 2, 1)
    assert by_month[dt.date(2026, 3, 1)].share_negative == 1 / 2
    assert by_month[dt.date(2026, 2, 1)] == Tally(1, 0, 1, 0)
    assert by_month[dt.date(2026, 1, 1)].share_negative == 1
    assert by_month[dt.date(2025, 12, 1)].share_negative is None
    complaints = dict(selectors.monthly_trend(MARCH_WEEK, Source.COMPLAINT))
    assert complaints[dt.date(2026, 3, 1)] == Tally(2, 1, 0, 0)


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_themes_with_their_sentiment_against_the_period_before(world, themes):
    found = selectors.top_themes(MARCH_WEEK)
    assert [t.theme for t in found] == [themes["bins"], themes["tax"]]
    bins, tax = found
    assert (bins.tally, bins.before) == (Tally(1, 0, 1, 0), Tally(1, 0, 1, 0))
    assert bins.change_in_share_negative == 0
    assert (tax.tally, tax.before) == (Tally(1, 0, 0, 0), Tally(0, 0, 0, 0))
    assert tax.change_in_share_negative is None
    assert selectors.top_themes(MARCH_WEEK, Source.RATING) == []


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_examples_are_the_strongest_first_with_a_masked_snippet(world):
    negative = selectors.examples(MARCH_WEEK, actor=_admin())
    assert [e.reading.score for e in negative] == [-0.9, -0.5, -0.3]
    first = negative[0]
    assert first.case_reference == world.reference
    assert first.themes == ["Bins"]
    assert first.snippet == "[name] here ([email], [phone]): my bin was missed again."
    assert negative[1].page_path == "/council-tax"
    assert negative[1].snippet == "The bill page is broken"
    positive = selectors.examples(MARCH_WEEK, label="positive", actor=_admin())
    assert [e.reading.score for e in positive] == [0.8, 0.7]


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_a_text_blanked_since_is_not_shown(world):
    world.description = ""
    world.save()
    assert [e.reading.score for e in selectors.examples(MARCH_WEEK, actor=_admin())] == [-0.5, -0.3]


def test_a_long_text_is_cut_at_a_word():
    text = "word " * 100
    cut = selectors.snippet(text)
    assert len(cut) <= selectors.SNIPPET_LENGTH + 1
    assert cut.endswith("word\N{HORIZONTAL ELLIPSIS}")


@time_machine.travel(dt.datetime(2026, 3, 20, 12, tzinfo=dt.UTC), tick=False)
def test_a_team_manager_sees_examples_only_from_the_cases_they_may_see(db):
    ours, theirs = TeamFactory(), TeamFactory()
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None, teams=[ours])
    our_case = CaseFactory(
        kind=CaseKind.COMPLAINT, received_at=_at(3, 3), team=ours, description="Our bins: awful"
    )
    their_case = CaseFactory(
        kind=CaseKind.COMPLAINT, received_at=_at(3, 3), team=theirs, description="Their secret"
    )
    _reading(Source.COMPLAINT, "negative", _at(3, 3), -0.4, case=our_case)
    _reading(Source.COMPLAINT, "negative", _at(3, 3), -0.9, case=their_case)
    rated = RatingFactory(comment="Their rude officer", case=their_case, created_at=_at(3, 4))
    _reading(Source.RATING, "negative", _at(3, 4), -0.8, case=their_case, rating=rated)
    feedback = PageFeedback.objects.create(
        path="/bins", is_useful=False, what_went_wrong="Broken page"
    )
    _reading(Source.PAGE_FEEDBACK, "negative", _at(3, 5), -0.2, page_feedback=feedback)

    shown = selectors.examples(MARCH_WEEK, actor=manager)

    assert [e.snippet for e in shown] == ["Our bins: awful", "Broken page"]
    everything = selectors.examples(MARCH_WEEK, actor=_admin())
    assert len(everything) == 4
