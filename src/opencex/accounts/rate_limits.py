"""Counting requests per email address or IP address in the cache, so guessing and flooding are
slow: sign-in links, tracking by reference, page feedback."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    # Hashed so that no address is readable in a shared cache.
    digest = hashlib.sha256(f"{scope}|{value.strip().lower()}".encode()).hexdigest()
    return f"opencex-limit:{scope}:{digest}"


def is_over(*, scope: str, value: str, limit: int) -> bool:
    return cache.get(_key(scope, value), 0) >= limit


def count(*, scope: str, value: str, window: timedelta) -> None:
    """Count one request; the count lapses `window` after the first one."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=int(window.total_seconds()))
    try:
        cache.incr(key)
    except ValueError:  # the entry lapsed between add and incr
        cache.set(key, 1, timeout=int(window.total_seconds()))


def allow(*, scope: str, values: list[str], limit: int, window: timedelta) -> bool:
    """Count a request against every value (say an email and an IP address); False, without
    counting, if any of them has reached `limit` in the window."""
    present = [value for value in values if value]
    if any(is_over(scope=scope, value=value, limit=limit) for value in present):
        return False
    for value in present:
        count(scope=scope, value=value, window=window)
    return True
