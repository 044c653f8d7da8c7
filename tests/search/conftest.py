"""The council's real catalogue (services and guidance pages), loaded for the search tests."""

from __future__ import annotations

import pytest
from django.conf import settings

from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Service


@pytest.fixture
def oxford_catalogue(db):
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))


@pytest.fixture
def english_only(oxford_catalogue):
    """Make a catalogue service English only, whatever translation files the demo has: its
    other languages are taken off its row (`Service.translations`), so the next search
    rebuilds the index without them and a query in another language must cross to English."""

    def make(slug: str) -> None:
        service = Service.objects.get(slug=slug)
        service.translations = {}
        service.save()

    return make


def slugs(results) -> list[str]:
    return [hit.document.slug for hit in results]
