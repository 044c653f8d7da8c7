"""What the search finds: documents, and the sources that supply them.

A source is any app's way to list its searchable things (the catalogue's services and guidance
pages, the community directory's organisations, the disclosure log). It registers once, from its
app's `ready()`, with `register_source`; the index asks each source for a cheap version stamp on
every search and rebuilds only when a stamp changes. A source made from database tables names
them (`stamped_tables`), and every such source's tables are stamped in one query: a search is a
fraction of a millisecond of ranking, and eight queries before it would cost ten times that.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from django.db import connection
from django.db.models import Model


class Kind:
    """The kinds of document, as the API names them."""

    SERVICE = "service"
    PAGE = "page"
    ORGANISATION = "organisation"
    DISCLOSURE = "disclosure"  # a published disclosure log entry


@dataclass(frozen=True)
class Document:
    """One thing a resident can find. `provider` is "council" or "county" (the upper tier, whose
    services the council signposts); `keywords` are residents' words for it; `body` is longer
    text searched with a lower weight."""

    kind: str
    slug: str
    title: str
    summary: str
    url: str
    provider: str = "council"
    keywords: tuple[str, ...] = ()
    body: str = ""
    topic: str = ""
    # The same texts in other languages: {"pl": {"title": ..., "summary": ..., "keywords":
    # (...), "body": ..., "topic": ...}}; a text a language lacks is searched in English only.
    translations: Mapping[str, Mapping[str, object]] = field(
        default_factory=dict, compare=False, hash=False
    )
    # The language `title` and `summary` are written in (see `in_language`), but for the fields
    # named in `in_english`: those had no translation and are shown in English (the page marks
    # them lang="en", web.templatetags.council_site.lang_if_english).
    language: str = "en"
    in_english: frozenset[str] = field(default=frozenset(), compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)

    def texts_in(self, language: str) -> Mapping[str, object]:
        """The document's translated texts in `language`; empty when it has none."""
        return self.translations.get(language) or {}

    def in_language(self, language: str) -> Document:
        """The document as a reader of `language` sees it: its title and summary in that
        language where translated (then `language` says so), else as they are (English); a
        summary not translated stays in English and is named in `in_english`."""
        texts = self.texts_in(language)
        title = texts.get("title")
        if not title or language == self.language:
            return self
        summary = texts.get("summary")
        return replace(
            self,
            title=str(title),
            summary=str(summary or self.summary),
            language=language,
            in_english=frozenset() if summary else frozenset({"summary"}),
        )


class DocumentSource(Protocol):
    """An app's searchable things. A source whose documents are made from database rows also
    has `stamped_tables` (a tuple of StampedTable), which the index reads instead of calling
    `version()`, together with every other source's in one query."""

    name: str

    def version(self) -> Hashable:
        """Changes whenever `documents()` would return something different; cheap to compute."""

    def documents(self) -> Iterable[Document]:
        """Every document the source has now."""


@dataclass(frozen=True)
class StampedTable:
    """A table whose rows make documents. Its stamp (how many rows, the highest id, the latest
    `changed` time) changes when a row is added, deleted or saved (`changed` is the model's
    auto_now field; None for a table without one, whose rows are only added and deleted)."""

    model: type[Model]
    changed: str | None = "updated_at"


def table_stamps(tables: tuple[StampedTable, ...]) -> tuple:
    """The stamps of `tables`, in one query."""
    if not tables:
        return ()
    with connection.cursor() as cursor:
        cursor.execute(_stamps_sql(tables, connection.vendor))
        return tuple(sorted(cursor.fetchall()))


@lru_cache(maxsize=8)
def _stamps_sql(tables: tuple[StampedTable, ...], vendor: str) -> str:
    """SELECT n, COUNT(*), MAX(id), MAX(changed) FROM each table, as one UNION ALL: written once
    per process (it has no parameters), so a search spends no time building it."""
    quote = connection.ops.quote_name
    parts = []
    for number, table in enumerate(tables):
        meta = table.model._meta
        changed = f"MAX({quote(meta.get_field(table.changed).column)})" if table.changed else "NULL"
        parts.append(  # names from the models, quoted; no value from outside
            f"SELECT {number}, COUNT(*), MAX({quote(meta.pk.column)}), {changed}"  # noqa: S608
            f" FROM {quote(meta.db_table)}"
        )
    return " UNION ALL ".join(parts)


_SOURCES: dict[str, DocumentSource] = {}


def register_source(source: DocumentSource) -> None:
    """Add (or replace, by name) a source of documents; call from an app's `ready()`."""
    _SOURCES[source.name] = source


def registered_sources() -> tuple[DocumentSource, ...]:
    return tuple(_SOURCES[name] for name in sorted(_SOURCES))
