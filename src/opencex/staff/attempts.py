"""Counts failed staff sign-in attempts per email address and IP address, so guessing is slow."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


def _key(email: str, ip_address: str) -> str:
    # Hashed so that neither address is readable in a shared cache.
    digest = hashlib.sha256(f"{email.strip().lower()}|{ip_address}".encode()).hexdigest()
    return f"staff-sign-in-failures:{digest}"


def is_locked_out(*, email: str, ip_address: str) -> bool:
    return cache.get(_key(email, ip_address), 0) >= MAX_FAILURES


def record_failure(*, email: str, ip_address: str) -> None:
    """Count one failure; the count lapses WINDOW after the first failure."""
    key = _key(email, ip_address)
    cache.add(key, 0, timeout=int(WINDOW.total_seconds()))
    try:
        cache.incr(key)
    except ValueError:  # the entry lapsed between add and incr
        cache.set(key, 1, timeout=int(WINDOW.total_seconds()))


def clear_failures(*, email: str, ip_address: str) -> None:
    cache.delete(_key(email, ip_address))
