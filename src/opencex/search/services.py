"""Recording searches and the result followed: the only writes to `SearchRecord`."""

from __future__ import annotations

from django.utils import timezone

from opencex.search.engine import SearchResults
from opencex.search.models import SearchRecord, SearchSource
from opencex.search.terms import term_to_keep


def record_search(*, results: SearchResults, source: str) -> SearchRecord | None:
    """Keep one search (one INSERT): its term with personal data out, its language, how many
    results; for the search page, the results' addresses, so that a click can be counted and
    sent on. An empty query, or one that is nothing but personal data, is not kept."""
    term = term_to_keep(results.query)
    if not term:
        return None
    source = SearchSource(source)
    urls = [hit.document.url for hit in results] if source == SearchSource.PAGE else []
    return SearchRecord.objects.create(
        term=term,
        language=results.language[:16],
        source=source,
        results=len(results),
        result_urls=urls,
        day=timezone.localdate(),
    )


def _is_local_path(url: object) -> bool:
    return (
        isinstance(url, str)
        and url.startswith("/")
        and not url.startswith("//")
        and "\\" not in url
        and not any(character.isspace() or ord(character) < 32 for character in url)
    )


def follow_result(*, record_id: int, position: int) -> str | None:
    """The address of result `position` (from 1) of the search `record_id`, as the page linked
    it, with the first click on the search counted; None when there is no such search or result
    (or its address is not a page of this site, which the index never makes)."""
    urls = (
        SearchRecord.objects.filter(pk=record_id, source=SearchSource.PAGE)
        .values_list("result_urls", flat=True)
        .first()
    )
    if not isinstance(urls, list) or not 1 <= position <= len(urls):
        return None
    url = urls[position - 1]
    if not _is_local_path(url):
        return None
    SearchRecord.objects.filter(pk=record_id, clicked_position__isnull=True).update(
        clicked_position=position
    )
    return url
