"""The directory's entries in the site search, as documents of kind "organisation"."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from django.urls import reverse

from opencex.directory.models import Organization, Service, TaxonomyTerm
from opencex.search.documents import Document, Kind, StampedTable, table_stamps

# Not the council's or the county's: a partner the council signposts.
PROVIDER = "partner"


class DirectorySource:
    name = "directory.services"

    stamped_tables = (
        StampedTable(Service),
        StampedTable(Organization),
        StampedTable(TaxonomyTerm, changed=None),
    )

    def version(self) -> Hashable:
        return table_stamps(self.stamped_tables)

    def documents(self) -> Iterable[Document]:
        marker = "slug-marker"
        pattern = reverse("web:directory-entry", args=[marker])
        services = (
            Service.objects.active()
            .select_related("organization")
            .prefetch_related("taxonomy_terms")
        )
        for service in services:
            organization = service.organization
            title = service.name
            if organization.name.lower() not in service.name.lower():
                title = f"{service.name} ({organization.name})"
            yield Document(
                kind=Kind.ORGANISATION,
                slug=service.slug,
                title=title,
                summary=service.description,
                url=pattern.replace(marker, service.slug),
                provider=PROVIDER,
                keywords=tuple(term.name.lower() for term in service.taxonomy_terms.all()),
                body=organization.description,
                topic="Community directory",
            )
