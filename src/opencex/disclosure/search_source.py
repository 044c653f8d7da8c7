"""Published disclosure log entries in the site search, as documents of kind "disclosure" (which
the search ranks below services and pages for the same words); redaction markers and separator
lines are neither searched nor shown."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from django.urls import reverse
from django.utils.text import Truncator

from opencex.disclosure.models import DisclosureEntry
from opencex.disclosure.redaction import without_marks
from opencex.search.documents import Document, Kind, StampedTable, table_stamps

KIND = Kind.DISCLOSURE
SUMMARY_WORDS = 30


class DisclosureLogSource:
    name = "disclosure.entries"

    # Every row, not only published ones: withdrawing an entry changes its updated_at.
    stamped_tables = (StampedTable(DisclosureEntry),)

    def version(self) -> Hashable:
        return table_stamps(self.stamped_tables)

    def documents(self) -> Iterable[Document]:
        marker = 999999999
        pattern = reverse("web:disclosure-entry", args=[marker])
        entries = DisclosureEntry.objects.published().select_related("service_area")
        for entry in entries:
            released = f"{entry.released_on.day} {entry.released_on:%B %Y}"
            yield Document(
                kind=KIND,
                slug=str(entry.pk),
                title=" ".join(without_marks(entry.title).split()) or entry.title,
                summary=f"Released {released}. "
                + Truncator(entry.request_summary).words(SUMMARY_WORDS),
                url=pattern.replace(str(marker), str(entry.pk)),
                body=without_marks(f"{entry.request_text}\n{entry.response_text}"),
                topic=entry.service_area.name if entry.service_area else "Disclosure log",
            )
