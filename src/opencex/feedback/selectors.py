"""Satisfaction figures for managers: average rating by service and by channel."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Avg, Count, QuerySet

from opencex.feedback.models import Rating


def _ratings(since: datetime | None, until: datetime | None) -> QuerySet[Rating]:
    ratings = Rating.objects.all()
    if since is not None:
        ratings = ratings.filter(created_at__gte=since)
    if until is not None:
        ratings = ratings.filter(created_at__lt=until)
    return ratings


def average_rating_by_service(
    *, since: datetime | None = None, until: datetime | None = None
) -> list[dict]:
    """[{"service_id", "service__title", "average", "count"}], most rated first."""
    return list(
        _ratings(since, until)
        .filter(service__isnull=False)
        .values("service_id", "service__title")
        .annotate(average=Avg("score"), count=Count("id"))
        .order_by("-count", "service__title")
    )


def average_rating_by_channel(
    *, since: datetime | None = None, until: datetime | None = None
) -> list[dict]:
    """[{"channel", "average", "count"}], most rated first."""
    return list(
        _ratings(since, until)
        .values("channel")
        .annotate(average=Avg("score"), count=Count("id"))
        .order_by("-count", "channel")
    )
