"""The council's real catalogue (services and guidance pages), loaded for the search tests."""

from __future__ import annotations

import pytest
from django.conf import settings

from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file


@pytest.fixture
def oxford_catalogue(db):
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))


def slugs(results) -> list[str]:
    return [hit.document.slug for hit in results]
