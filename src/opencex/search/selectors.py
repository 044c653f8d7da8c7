"""Reads for the web measures of search: the terms residents searched for and found nothing,
the terms whose results nobody followed, and the searches by language, from one day to another
(both included)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from opencex.search.models import SearchRecord, SearchSource

TOP_TERMS = 50


def _in(since: date, until: date, language: str | None = None) -> QuerySet[SearchRecord]:
    """Searches made from `since` to `until`, both days included."""
    records = SearchRecord.objects.filter(day__gte=since, day__lte=until)
    return records.filter(language=language) if language else records


@dataclass(frozen=True)
class TermCount:
    term: str
    language: str
    searches: int


def terms_not_found(
    *, since: date, until: date, language: str | None = None, limit: int = TOP_TERMS
) -> list[TermCount]:
    """The terms that found nothing, most searched first (page and API alike)."""
    rows = (
        _in(since, until, language)
        .filter(results=0)
        .values("term", "language")
        .annotate(searches=Count("id"))
        .order_by("-searches", "term", "language")[:limit]
    )
    return [TermCount(row["term"], row["language"], row["searches"]) for row in rows]


@dataclass(frozen=True)
class UnclickedTerm:
    term: str
    language: str
    searches: int  # on the search page, with results
    not_clicked: int

    @property
    def not_clicked_rate(self) -> float:
        return self.not_clicked / self.searches


def terms_not_clicked(
    *, since: date, until: date, language: str | None = None, limit: int = TOP_TERMS
) -> list[UnclickedTerm]:
    """The terms that found something on the search page but whose results were not followed,
    most such searches first. Only the page's searches: an API client's clicks are not seen."""
    rows = (
        _in(since, until, language)
        .filter(source=SearchSource.PAGE, results__gt=0)
        .values("term", "language")
        .annotate(
            searches=Count("id"),
            not_clicked=Count("id", filter=Q(clicked_position__isnull=True)),
        )
        .filter(not_clicked__gt=0)
        .order_by("-not_clicked", "term", "language")[:limit]
    )
    return [
        UnclickedTerm(row["term"], row["language"], row["searches"], row["not_clicked"])
        for row in rows
    ]


@dataclass(frozen=True)
class LanguageSearches:
    language: str
    searches: int
    not_found: int
    page_searches_found: int  # on the search page, with results
    clicked: int

    @property
    def not_found_rate(self) -> float | None:
        return self.not_found / self.searches if self.searches else None

    @property
    def click_rate(self) -> float | None:
        return self.clicked / self.page_searches_found if self.page_searches_found else None


def searches_by_language(*, since: date, until: date) -> list[LanguageSearches]:
    """For each language searched in: searches, those that found nothing, and of the search
    page's searches that found something, how many had a result followed. Most searched first."""
    found_on_page = Q(source=SearchSource.PAGE, results__gt=0)
    rows = (
        _in(since, until)
        .values("language")
        .annotate(
            searches=Count("id"),
            not_found=Count("id", filter=Q(results=0)),
            page_searches_found=Count("id", filter=found_on_page),
            clicked=Count("id", filter=found_on_page & Q(clicked_position__isnull=False)),
        )
        .order_by("-searches", "language")
    )
    return [
        LanguageSearches(
            row["language"],
            row["searches"],
            row["not_found"],
            row["page_searches_found"],
            row["clicked"],
        )
        for row in rows
    ]
