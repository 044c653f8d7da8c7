"""Counts failed staff sign-in attempts per email address and IP address, so guessing is slow."""

from __future__ import annotations

from datetime import timedelta

from opencex import ratelimits

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
_SCOPE = "staff-sign-in-failures"


def _value(email: str, ip_address: str) -> str:
    return f"{email.strip().lower()}|{ip_address}"


def is_locked_out(*, email: str, ip_address: str) -> bool:
    return ratelimits.is_over(scope=_SCOPE, value=_value(email, ip_address), limit=MAX_FAILURES)


def record_failure(*, email: str, ip_address: str) -> None:
    """Count one failure; the count lapses WINDOW after the first failure."""
    ratelimits.count(scope=_SCOPE, value=_value(email, ip_address), window=WINDOW)


def clear_failures(*, email: str, ip_address: str) -> None:
    ratelimits.reset(scope=_SCOPE, value=_value(email, ip_address))
