from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()
    yield
    cache.clear()
