"""`opencex check --deploy`: production settings the server needs that Django's own checks do not
know about."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

LOCAL_CACHE = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches, deploy=True)
def check_rate_limits_are_shared(**kwargs: Any) -> list[checks.CheckMessage]:
    """Every rate limit counts in the cache: a cache in each process's memory gives each gunicorn
    worker its own count, so a limit of 5 lets 5 times the workers through."""
    if settings.CACHES["default"]["BACKEND"] != LOCAL_CACHE:
        return []
    return [
        checks.Warning(
            "The cache is each process's own memory, so every web worker counts rate limits "
            "(sign-in, tracking, forms, the API) on its own.",
            hint="Set REDIS_URL to a Redis server every web worker shares (docs/deploy.md).",
            id="opencex.W001",
        )
    ]
