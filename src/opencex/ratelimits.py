"""Fixed-window counts in Django's cache, per scope and value (an email address, an IP address),
so guessing and flooding are slow: every rate limit in OpenCEX counts here.

The window opens with the first request (atomic `add` then `incr`, so it holds across threads
and, with a shared cache such as Redis, across processes)."""

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


def count(*, scope: str, value: str, window: timedelta) -> int:
    """Count one request and return the count so far; it lapses `window` after the first one."""
    key = _key(scope, value)
    cache.add(key, 0, timeout=int(window.total_seconds()))
    try:
        return cache.incr(key)
    except ValueError:  # the entry lapsed between add and incr
        cache.set(key, 1, timeout=int(window.total_seconds()))
        return 1


def reset(*, scope: str, value: str) -> None:
    cache.delete(_key(scope, value))


def allow(*, scope: str, values: list[str], limit: int, window: timedelta) -> bool:
    """Count a request against every value (say an email and an IP address); False, without
    counting, if any of them has reached `limit` in the window."""
    present = [value for value in values if value]
    if any(is_over(scope=scope, value=value, limit=limit) for value in present):
        return False
    for value in present:
        count(scope=scope, value=value, window=window)
    return True
