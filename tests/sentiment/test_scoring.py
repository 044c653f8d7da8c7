"""Scoring residents' texts: which texts are read, incrementally, with their language, themes
(the council's comment themes, through feedback's one theming function) and date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from opencex.cases.models import CaseKind
from opencex.feedback.models import PageFeedback
from opencex.feedback.services import add_page_feedback_details, record_page_feedback
from opencex.sentiment import services
from opencex.sentiment.analysis import ANALYSER_VERSION, Label
from opencex.sentiment.models import Source, TextSentiment
from opencex.sentiment.services import score_new_texts, waiting_to_be_scored
from tests.factories import CaseFactory, RatingFactory

pytestmark = pytest.mark.django_db

WHEN = timezone.make_aware(dt.datetime(2026, 3, 4, 10))


def test_comments_complaints_page_feedback_and_rating_comments_are_read_once(themes):
    comment = CaseFactory(kind=CaseKind.COMMENT, description="Thank you, the recycling is great!")
    complaint = CaseFactory(
        kind=CaseKind.COMPLAINT,
        description="My council tax bill is wrong again. Awful.",
        received_at=WHEN,
    )
    CaseFactory(kind=CaseKind.SERVICE_REQUEST, description="Bin missed")  # not a resident's view
    feedback = record_page_feedback(path="/bins", is_useful=False, what_went_wrong="Broken link")
    rating = RatingFactory(case=comment, score=5, comment="Brilliant, thank you so much")
    RatingFactory(score=4, comment="")  # nothing written

    run = score_new_texts()

    assert run.scored == {"comment": 1, "complaint": 1, "page_feedback": 1, "rating": 1}
    assert TextSentiment.objects.count() == 4
    read = TextSentiment.objects.get(source=Source.COMPLAINT)
    assert (read.case, read.label, read.language) == (complaint, Label.NEGATIVE, "en")
    assert read.written_at == WHEN
    assert read.analyser_version == ANALYSER_VERSION
    assert list(read.themes.all()) == [themes["tax"]]
    assert TextSentiment.objects.get(source=Source.COMMENT).label == Label.POSITIVE
    assert TextSentiment.objects.get(page_feedback=feedback).case is None
    assert TextSentiment.objects.get(rating=rating).case == comment

    assert score_new_texts().total == 0  # incremental: nothing new
    assert str(score_new_texts()) == "No new texts to score."
    CaseFactory(kind=CaseKind.COMMENT, description="Lovely park")
    assert score_new_texts().scored == {"comment": 1}
    assert TextSentiment.objects.count() == 5


def test_a_text_can_touch_several_themes_most_keywords_first(themes):
    CaseFactory(
        kind=CaseKind.COMMENT,
        description="Missed collection of my bin, and the council tax is too high.",
    )
    score_new_texts()
    # Bins: "bin" and "missed collection" (2); council tax: "council tax" (1).
    read = TextSentiment.objects.get()
    assert {theme.slug for theme in read.themes.all()} == {"test-bins", "test-tax"}


def test_a_polish_text_is_stored_as_not_scored_without_themes(themes):
    case = CaseFactory(kind=CaseKind.COMMENT, description="The bin app is great", language="pl")
    RatingFactory(case=case, score=1, comment="Kosz nie został opróżniony")  # by script
    run = score_new_texts()
    assert run.not_scored == 2
    for read in TextSentiment.objects.all():
        assert (read.label, read.score, read.language) == (Label.NOT_SCORED, None, "pl")
        assert not read.themes.exists()


def test_a_rating_without_a_language_takes_its_cases(themes):
    case = CaseFactory(kind=CaseKind.ENQUIRY, language="ar")
    rating = RatingFactory(case=case, score=5, comment="Thank you")
    score_new_texts()
    assert TextSentiment.objects.get(rating=rating).label == Label.NOT_SCORED


def test_a_no_answer_is_read_once_its_details_are_added(themes):
    feedback = record_page_feedback(path="/council-tax", is_useful=False)
    assert score_new_texts().total == 0  # nothing written yet
    assert waiting_to_be_scored() == 0
    add_page_feedback_details(
        feedback_id=feedback.pk, trying_to_do="Pay my bill", what_went_wrong="Page crashed"
    )
    assert waiting_to_be_scored() == 1
    score_new_texts()
    read = TextSentiment.objects.get(page_feedback=feedback)
    assert list(read.themes.all()) == [themes["tax"]]
    assert waiting_to_be_scored() == 0


def test_rescore_rereads_only_texts_read_by_an_older_version(themes):
    old = CaseFactory(kind=CaseKind.COMMENT, description="Thank you, great bin crew")
    current = CaseFactory(kind=CaseKind.COMMENT, description="Awful")
    score_new_texts()
    TextSentiment.objects.filter(case=old).update(analyser_version="vader-0;old", label="neutral")
    assert score_new_texts().total == 0  # without --rescore an old reading stands
    run = score_new_texts(rescore=True)
    assert run.total == 1
    assert TextSentiment.objects.count() == 2
    reread = TextSentiment.objects.get(case=old)
    assert (reread.analyser_version, reread.label) == (ANALYSER_VERSION, Label.POSITIVE)
    assert list(reread.themes.all()) == [themes["bins"]]
    assert TextSentiment.objects.get(case=current).label == Label.NEGATIVE


def test_the_command_scores_new_texts_and_says_how_many(themes, capsys):
    CaseFactory(kind=CaseKind.COMPLAINT, description="Terrible service")
    PageFeedback.objects.create(path="/x", is_useful=False, what_went_wrong="Nothing works")
    call_command("score_sentiment")
    assert "Read 2 texts (1 complaint, 1 page_feedback); 0 not scored" in capsys.readouterr().out
    call_command("score_sentiment")
    assert "No new texts to score." in capsys.readouterr().out


def test_the_daily_job_is_scheduled_once(db):
    assert services.schedule_every_day() is not None
    assert services.schedule_every_day() is None
