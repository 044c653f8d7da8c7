from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _forget_failed_sign_ins():
    # Failed sign-ins are counted in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()
