from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.track.conftest import (  # noqa: F401 - fixtures shared with the tracking tests
    missed_bin,
    resident_user,
    waste_caseworker,
    waste_team,
)


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()
    yield
    cache.clear()
