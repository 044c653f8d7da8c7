"""Fixtures for the web measures: the council's catalogue for real searches, fresh rate limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.search.conftest import oxford_catalogue  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def london(day: str, hour: int = 12) -> dt.datetime:
    """Noon (or `hour`) on `day` ("2026-03-02"), London time."""
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour)))
