"""What the search finds: documents, and the sources that supply them.

A source is any app's way to list its searchable things (the catalogue's services and guidance
pages now; the community directory's organisations later). It registers once, from its app's
`ready()`, with `register_source`; the index asks each source for a cheap version stamp on
every search and rebuilds only when a stamp changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Protocol


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

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.slug)


class DocumentSource(Protocol):
    """An app's searchable things."""

    name: str

    def version(self) -> Hashable:
        """Changes whenever `documents()` would return something different; cheap to compute."""

    def documents(self) -> Iterable[Document]:
        """Every document the source has now."""


_SOURCES: dict[str, DocumentSource] = {}


def register_source(source: DocumentSource) -> None:
    """Add (or replace, by name) a source of documents; call from an app's `ready()`."""
    _SOURCES[source.name] = source


def registered_sources() -> tuple[DocumentSource, ...]:
    return tuple(_SOURCES[name] for name in sorted(_SOURCES))
