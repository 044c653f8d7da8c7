"""The search measures against hand-counted searches: terms that found nothing, terms whose
results nobody followed, searches by language, within the days asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.search import selectors
from opencex.search.models import SearchRecord

pytestmark = pytest.mark.django_db

MARCH_2 = dt.date(2026, 3, 2)
MARCH_8 = dt.date(2026, 3, 8)


def _searches(term, n, *, day=MARCH_2, language="en", source="page", results=0, clicks=0):
    for i in range(n):
        SearchRecord.objects.create(
            term=term,
            language=language,
            source=source,
            results=results,
            result_urls=["/services/x/"] * results if source == "page" else [],
            clicked_position=1 if i < clicks else None,
            day=day,
        )


@pytest.fixture
def week():
    # Not found: "skip hire" 4 (3 page, 1 API), "wheelie bin repair" 2, "[phone]" 1; in Polish
    # "wywóz gruzu" 3. Found: "bins" 5 on the page, 3 followed; "council tax" 4, none
    # followed, plus 6 through the API; "podatek" 2 in Polish, 1 followed.
    _searches("skip hire", 3)
    _searches("skip hire", 1, source="api")
    _searches("wheelie bin repair", 2, day=MARCH_8)
    _searches("[phone]", 1)
    _searches("wywóz gruzu", 3, language="pl")
    _searches("bins", 5, results=4, clicks=3)
    _searches("council tax", 4, results=2)
    _searches("council tax", 6, results=2, source="api")
    _searches("podatek", 2, language="pl", results=3, clicks=1)
    # Outside the week: not counted.
    _searches("skip hire", 9, day=dt.date(2026, 3, 1))
    _searches("bins", 9, results=4, day=dt.date(2026, 3, 9))


def _rows(found):
    return [(row.term, row.language, row.searches) for row in found]


@pytest.mark.usefixtures("week")
def test_terms_that_found_nothing_are_counted_most_searched_first():
    found = selectors.terms_not_found(since=MARCH_2, until=MARCH_8)
    assert _rows(found) == [
        ("skip hire", "en", 4),
        ("wywóz gruzu", "pl", 3),
        ("wheelie bin repair", "en", 2),
        ("[phone]", "en", 1),
    ]


@pytest.mark.usefixtures("week")
def test_terms_not_found_in_one_language_and_the_top_few():
    assert _rows(selectors.terms_not_found(since=MARCH_2, until=MARCH_8, language="pl")) == [
        ("wywóz gruzu", "pl", 3)
    ]
    assert len(selectors.terms_not_found(since=MARCH_2, until=MARCH_8, limit=2)) == 2


@pytest.mark.usefixtures("week")
def test_terms_whose_results_were_not_followed_count_only_the_search_page():
    found = selectors.terms_not_clicked(since=MARCH_2, until=MARCH_8)
    assert [(r.term, r.language, r.searches, r.not_clicked) for r in found] == [
        ("council tax", "en", 4, 4),
        ("bins", "en", 5, 2),
        ("podatek", "pl", 2, 1),
    ]
    assert [r.not_clicked_rate for r in found] == [1.0, 0.4, 0.5]


@pytest.mark.usefixtures("week")
def test_searches_by_language():
    found = selectors.searches_by_language(since=MARCH_2, until=MARCH_8)
    rows = [(r.language, r.searches, r.not_found, r.page_searches_found, r.clicked) for r in found]
    # en: 4 + 2 + 1 not found, 5 + 4 + 6 found = 22; page searches found 9, followed 3.
    # pl: 3 not found, 2 found = 5; page searches found 2, followed 1.
    assert rows == [("en", 22, 7, 9, 3), ("pl", 5, 3, 2, 1)]
    assert found[0].not_found_rate == pytest.approx(7 / 22)
    assert found[0].click_rate == pytest.approx(3 / 9)


def test_nothing_searched_gives_no_rows_and_no_rate():
    assert selectors.searches_by_language(since=MARCH_2, until=MARCH_8) == []
    assert selectors.terms_not_found(since=MARCH_2, until=MARCH_8) == []
    assert selectors.terms_not_clicked(since=MARCH_2, until=MARCH_8) == []
