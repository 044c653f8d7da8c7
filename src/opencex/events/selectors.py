"""What a partner system may pull from GET /api/v1/events."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from opencex.events.models import Event
from opencex.events.topics import TOPICS, matches


def events_for(actor, *, after: int, limit: int) -> tuple[list[Event], bool]:
    """The events after cursor `after` on the topics of `actor`'s active subscriptions, oldest
    first, and whether there are more. Only events recorded `OPENCEX_EVENT_PULL_SETTLE_SECONDS`
    ago or earlier: ids are given out before commit, so a fresh id may still have a lower,
    uncommitted neighbour that a cursor past it would skip for ever."""
    patterns = [
        pattern
        for topics in actor.event_subscriptions.filter(is_active=True).values_list(
            "topics", flat=True
        )
        for pattern in topics
    ]
    wanted = [topic for topic in TOPICS if matches(patterns, topic)]
    settled = timezone.now() - timedelta(seconds=settings.OPENCEX_EVENT_PULL_SETTLE_SECONDS)
    found: QuerySet[Event] = Event.objects.filter(
        pk__gt=after, topic__in=wanted, recorded_at__lte=settled
    ).order_by("pk")
    page = list(found[: limit + 1])
    return page[:limit], len(page) > limit
