"""`search(query, language=...)`: the one ranking the website and the API share.

The index lives in memory, one per process. Each search reads every registered source's version
stamp (one query for all the sources made from tables) and rebuilds the index only when one has
changed, so an edited service is findable by its new title on the next search. It holds an
index per language the site offers (`multilingual.SiteIndex`).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from dataclasses import dataclass

from opencex.languages import current_language, offered_languages
from opencex.search.documents import DocumentSource, registered_sources, table_stamps
from opencex.search.index import Hit
from opencex.search.multilingual import SiteIndex

MAX_QUERY_LENGTH = 200
DEFAULT_LIMIT = 10
MAX_LIMIT = 20


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[Hit, ...]
    language: str = "en"  # the language the query was read in

    @property
    def found_something(self) -> bool:
        return bool(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self):
        return iter(self.hits)


_lock = threading.Lock()
_built: tuple[Hashable, SiteIndex] | None = None


def current_index() -> SiteIndex:
    """The index for the documents as they are now, rebuilt if any source has changed."""
    global _built
    sources = registered_sources()
    stamp = _stamp(sources)
    built = _built
    if built is not None and built[0] == stamp:
        return built[1]
    with _lock:
        if _built is None or _built[0] != stamp:
            documents = [document for source in sources for document in source.documents()]
            _built = (stamp, SiteIndex(documents, offered_languages()))
        return _built[1]


def _stamp(sources: tuple[DocumentSource, ...]) -> Hashable:
    """Every source's version: the tables' stamps in one query, then any other source's own."""
    tables = tuple(table for source in sources for table in getattr(source, "stamped_tables", ()))
    others = tuple(
        (source.name, source.version())
        for source in sources
        if not getattr(source, "stamped_tables", ())
    )
    return (table_stamps(tables), others)


def search(query: str, *, limit: int = DEFAULT_LIMIT, language: str | None = None) -> SearchResults:
    """The best matches for a resident's query, best first; none when nothing is good enough.

    The query is read in `language` (default: the language of the page being made), or in the
    language its letters show (Arabic script); see `multilingual`. An empty query finds
    nothing. A query longer than `MAX_QUERY_LENGTH` is cut to it (the API refuses one instead,
    so callers know).
    """
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    limit = max(1, min(limit, MAX_LIMIT))
    language = language or current_language()
    if not query:
        return SearchResults(query, (), language)
    index = current_index()
    hits = tuple(index.search(query, language=language, limit=limit))
    return SearchResults(query, hits, index.language_of(query, language))
