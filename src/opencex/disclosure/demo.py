"""Demo disclosure log entries: made-up released responses from `data/<council>.json`, each linked
to a released demo FOI or EIR request with the same subject when `opencex demo` made one."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opencex.cases.models import Case, CaseKind, Status
from opencex.catalogue.models import ServiceArea
from opencex.disclosure.models import (
    Decision,
    DisclosureEntry,
    DisclosureEvent,
    DisclosureEventKind,
    EntryStatus,
)

DATA = Path(__file__).resolve().parent / "data"
# Published the morning after release, as a log kept up to date would be.
PUBLISHED_AT = time(10, 0)


def demo_file(council_slug: str) -> Path:
    return DATA / f"{council_slug}.json"


def _released_case(subject: str) -> Case | None:
    return (
        Case.objects.filter(
            kind__in=[CaseKind.FOI, CaseKind.EIR],
            subject=subject,
            status__in=[Status.RESPONDED, Status.CLOSED],
            outcome__startswith="Information provided",
        )
        .exclude(disclosures__status__in=[EntryStatus.DRAFT, EntryStatus.PUBLISHED])
        .order_by("-responded_on", "-pk")
        .first()
    )


@transaction.atomic
def load_demo_disclosures(council_slug: str | None = None) -> int:
    """Publish the council's demo entries that are not on the log yet; returns how many were
    added (none on a second run, or for a council with no demo file)."""
    path = demo_file(council_slug or settings.COUNCIL_PROFILE.slug)
    if not path.exists():
        return 0
    added = 0
    for item in json.loads(path.read_text(encoding="utf-8"))["entries"]:
        if DisclosureEntry.objects.filter(title=item["title"]).exists():
            continue
        case = _released_case(item["title"])
        released_on = date.fromisoformat(item["released_on"])
        if case is not None and case.responded_on:
            released_on = case.responded_on
        published_at = timezone.make_aware(
            datetime.combine(released_on + timedelta(days=1), PUBLISHED_AT)
        )
        entry = DisclosureEntry.objects.create(
            case=case,
            status=EntryStatus.PUBLISHED,
            title=item["title"],
            request_text=item["request"],
            response_text=item["response"],
            decision=Decision(item["decision"]),
            released_on=released_on,
            service_area=ServiceArea.objects.filter(slug=item["service_area"]).first(),
            published_at=published_at,
        )
        DisclosureEvent.objects.create(
            entry=entry,
            kind=DisclosureEventKind.PUBLISHED,
            at=published_at,
            details="Demonstration entry",
        )
        added += 1
    return added
