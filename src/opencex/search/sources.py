"""The catalogue's searchable things: live services (the council's and the county's it
signposts) and live guidance pages."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from django.urls import reverse

from opencex.catalogue.models import GuidancePage, Service
from opencex.languages import ENGLISH
from opencex.search.documents import Document, Kind, StampedTable, table_stamps


def translations_of(row, topic=None) -> dict[str, dict[str, object]]:
    """A catalogue row's texts in other languages, as `Document.translations` holds them: from
    the row's `translations` ({"pl": {"title": ..., "summary": ..., "keywords": [...],
    "body": ...}}) and its topic's, for every language the row gives, whatever file they came
    from. A body may be text or blocks like `GuidancePage.body` (paragraphs, lists, headings)."""
    found: dict[str, dict[str, object]] = {}
    topic_texts = getattr(topic, "translations", None) or {}
    for language, texts in (getattr(row, "translations", None) or {}).items():
        if not isinstance(texts, dict) or language == ENGLISH:
            continue
        keywords = texts.get("keywords") or ()
        if isinstance(keywords, str):
            keywords = [word.strip() for word in keywords.split(",")]
        found[language] = {
            "title": texts.get("title") or "",
            "summary": texts.get("summary") or "",
            "keywords": tuple(keywords) if isinstance(keywords, list | tuple) else (),
            "body": _plain(texts.get("body") or texts.get("text") or ""),
            "topic": (topic_texts.get(language) or {}).get("name", "")
            if isinstance(topic_texts.get(language), dict)
            else "",
        }
    return found


def _plain(body) -> str:
    if isinstance(body, str):
        return body
    parts: list[str] = []
    for block in body if isinstance(body, list) else ():
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, list):
            parts.extend(str(item) for item in block)
        elif isinstance(block, dict) and "heading" in block:
            parts.append(str(block["heading"]))
    return "\n".join(parts)


def _url_maker(name: str):
    """`reverse` once, then fill in each slug: reversing hundreds of URLs is the slow part."""
    marker = "slug-marker"
    pattern = reverse(name, args=[marker])
    return lambda slug: pattern.replace(marker, slug)


class ServiceSource:
    name = "catalogue.services"
    # Every row, not only live ones: retiring a row also changes its updated_at.
    stamped_tables = (StampedTable(Service),)

    def version(self) -> Hashable:
        return table_stamps(self.stamped_tables)

    def documents(self) -> Iterable[Document]:
        url = _url_maker("web:service")
        for service in Service.objects.live().select_related("topic"):
            yield Document(
                kind=Kind.SERVICE,
                slug=service.slug,
                title=service.title,
                summary=service.summary,
                url=url(service.slug),
                provider=service.provider,
                keywords=tuple(service.keywords),
                topic=service.topic.name,
                translations=translations_of(service, service.topic),
            )


class GuidancePageSource:
    name = "catalogue.guidance_pages"
    stamped_tables = (StampedTable(GuidancePage),)

    def version(self) -> Hashable:
        return table_stamps(self.stamped_tables)

    def documents(self) -> Iterable[Document]:
        url = _url_maker("web:guidance")
        for page in GuidancePage.objects.live().select_related("topic"):
            yield Document(
                kind=Kind.PAGE,
                slug=page.slug,
                title=page.title,
                summary=page.summary,
                url=url(page.slug),
                keywords=tuple(page.keywords),
                body=page.text,
                topic=page.topic.name if page.topic else "",
                translations=translations_of(page, page.topic),
            )
