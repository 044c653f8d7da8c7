"""Answers to "Is this page useful?" against hand-counted answers: by page, by the service or
guidance page a page is about, and what people wrote, newest first, within the period."""

from __future__ import annotations

import pytest
import time_machine

from opencex.catalogue.models import GuidancePage
from opencex.feedback import selectors
from opencex.feedback.services import add_page_feedback_details, record_page_feedback
from tests.factories import ServiceFactory
from tests.webmeasures.conftest import london

pytestmark = pytest.mark.django_db

SINCE, UNTIL = london("2026-03-02", 0), london("2026-03-09", 0)
MISSED_BIN = "/services/report-missed-bin/"
FORM_PAGE = "/forms/report-missed-bin/where/"
BIN_DAYS = "/guidance/bin-days/"
BIN_DAYS_PRINT = "/guidance/bin-days/print/"
NO_SUCH_SERVICE = "/services/no-such-service/"


def _answer(day: str, hour: int, path: str, useful: bool, *, service: str = "", **written):
    with time_machine.travel(london(day, hour), tick=False):
        answer = record_page_feedback(path=path, is_useful=useful, service_slug=service)
        if written:
            add_page_feedback_details(
                feedback_id=answer.pk,
                trying_to_do=written.get("trying", ""),
                what_went_wrong=written.get("wrong", ""),
            )
    return answer


@pytest.fixture
def answers():
    ServiceFactory(slug="report-missed-bin", title="Report a missed bin")
    GuidancePage.objects.create(slug="bin-days", title="Bin days", summary="When bins go.")
    for hour in (9, 10, 11):
        _answer("2026-03-02", hour, MISSED_BIN, True)
    _answer("2026-03-03", 9, MISSED_BIN, False, trying="Find my bin day")
    _answer("2026-03-04", 9, FORM_PAGE, False, service="report-missed-bin", wrong="It timed out")
    _answer("2026-03-04", 10, FORM_PAGE, False, service="report-missed-bin")
    _answer("2026-03-05", 9, BIN_DAYS, True)
    _answer("2026-03-05", 10, BIN_DAYS, True)
    _answer("2026-03-06", 9, BIN_DAYS_PRINT, False, trying="Print", wrong="=cmd|' /C calc'!A0")
    _answer("2026-03-07", 9, "/", True)
    _answer("2026-03-07", 10, "/", False)
    _answer("2026-03-08", 23, NO_SUCH_SERVICE, False, trying="Old link")
    # Outside the period, either side: not counted.
    _answer("2026-03-01", 23, "/", True, trying="Too early")
    _answer("2026-03-09", 0, MISSED_BIN, False, trying="Too late")


@pytest.mark.usefixtures("answers")
def test_usefulness_by_service_puts_each_page_under_its_service_or_guidance_page():
    found = selectors.page_usefulness_by_service(since=SINCE, until=UNTIL)
    assert [(r.name, r.useful, r.not_useful, r.answers) for r in found] == [
        ("Report a missed bin", 3, 3, 6),
        ("Bin days (guidance)", 2, 1, 3),
        ("Other pages", 1, 2, 3),
    ]
    assert [r.useful_rate for r in found] == [pytest.approx(0.5), pytest.approx(2 / 3), 1 / 3]


@pytest.mark.usefixtures("answers")
def test_usefulness_by_page_names_what_each_page_is_about():
    found = selectors.page_usefulness_by_page(since=SINCE, until=UNTIL)
    assert [(r.name, r.subject, r.useful, r.not_useful) for r in found] == [
        (MISSED_BIN, "Report a missed bin", 3, 1),
        ("/", "", 1, 1),
        (FORM_PAGE, "Report a missed bin", 0, 2),
        (BIN_DAYS, "Bin days (guidance)", 2, 0),
        (BIN_DAYS_PRINT, "Bin days (guidance)", 0, 1),
        (NO_SUCH_SERVICE, "", 0, 1),
    ]


@pytest.mark.usefixtures("answers")
def test_what_people_wrote_is_listed_newest_first_with_its_page():
    found = selectors.page_feedback_comments(since=SINCE, until=UNTIL)
    assert [(c.path, c.subject, c.trying_to_do, c.what_went_wrong) for c in found] == [
        (NO_SUCH_SERVICE, "", "Old link", ""),
        (BIN_DAYS_PRINT, "Bin days (guidance)", "Print", "=cmd|' /C calc'!A0"),
        (FORM_PAGE, "Report a missed bin", "", "It timed out"),
        (MISSED_BIN, "Report a missed bin", "Find my bin day", ""),
    ]
    assert len(selectors.page_feedback_comments(since=SINCE, until=UNTIL, limit=2)) == 2


def test_no_answers_gives_no_rows():
    assert selectors.page_usefulness_by_service(since=SINCE, until=UNTIL) == []
    assert selectors.page_usefulness_by_page(since=SINCE, until=UNTIL) == []
    assert selectors.page_feedback_comments(since=SINCE, until=UNTIL) == []
