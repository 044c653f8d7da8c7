"""The catalogue's searchable things: live services (the council's and the county's it
signposts) and live guidance pages."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from django.urls import reverse

from opencex.catalogue.models import GuidancePage, Service
from opencex.search.documents import Document, Kind, StampedTable, table_stamps


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
            )
