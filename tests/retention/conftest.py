"""What the retention tests share: London times, private file storage in a temporary folder, and
the teams a case is routed to."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.factories import TeamFactory

LONDON = ZoneInfo("Europe/London")


def at(day: str, hour: int = 10) -> dt.datetime:
    """`hour` o'clock, London time, on an ISO date."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=LONDON)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    return tmp_path


@pytest.fixture
def teams(db):
    """The profile's routing teams, so a case of any kind finds its team."""
    for slug in ("information-governance", "complaints-and-feedback", "customer-services"):
        TeamFactory(slug=slug, name=slug.replace("-", " ").title())
