"""Fixed-window counts in Django's cache, per scope and value (an email address, an IP address),
so guessing and flooding are slow: every rate limit in OpenCEX counts here.

Every decision is made on the count an atomic increment returned, never on a count read before
it (check-then-count lets every one of N concurrent requests at the limit through): so of N
requests arriving together at a limit of L, exactly L are allowed. The window opens with the
first request and does not move, so a count always lapses `window` after it began.

With REDIS_URL set (settings.py) the counts live in Redis and are shared by every process; the
increment and the window's expiry are then set in one Lua script, because Django's own
`incr` on Redis (EXISTS, then INCR) can recreate a key that expired in between without any
expiry, which would lock its value out for ever. Other caches use `add` then `incr`, each of
which is atomic in the local-memory cache (one lock) and in memcached.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import timedelta

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

# INCR, and give the key its window when it is new (or, defensively, when it somehow has none).
_REDIS_COUNT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if tonumber(ARGV[1]) > 0 and (count == tonumber(ARGV[1]) or redis.call('PTTL', KEYS[1]) < 0) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return count
"""
# Take back a count, only while its window is still open (never create a key).
_REDIS_TAKE_BACK = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('DECRBY', KEYS[1], ARGV[1])
end
return 0
"""


def _key(scope: str, value: str) -> str:
    # Hashed so that no address is readable in a shared cache.
    digest = hashlib.sha256(f"{scope}|{value.strip().lower()}".encode()).hexdigest()
    return f"opencex-limit:{scope}:{digest}"


def _cache():
    return caches["default"]


def _redis_script(source: str, key: str, *args: int) -> int | None:
    """Run `source` on Redis for `key`; None when the cache is not Redis."""
    cache = _cache()
    if not isinstance(cache, RedisCache):
        return None
    full_key = cache.make_and_validate_key(key)
    client = cache._cache.get_client(full_key, write=True)  # the backend's client: the one way in
    return int(client.eval(source, 1, full_key, *args))


def _add(key: str, delta: int, window: timedelta) -> int:
    """Add `delta` to the count at `key` (opening its window if new); the count after."""
    milliseconds = max(1, int(window.total_seconds() * 1000))
    counted = _redis_script(_REDIS_COUNT, key, delta, milliseconds)
    if counted is not None:
        return counted
    cache = _cache()
    seconds = max(1, int(window.total_seconds()))
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key, delta)
    except ValueError:  # the window lapsed between add and incr: this request opens the next
        cache.add(key, 0, timeout=seconds)
        return cache.incr(key, delta)


def _take_back(key: str) -> None:
    if _redis_script(_REDIS_TAKE_BACK, key, 1) is not None:
        return
    with contextlib.suppress(ValueError):  # lapsed meanwhile: nothing to take back
        _cache().decr(key)


def count(*, scope: str, value: str, window: timedelta) -> int:
    """Count one request and return the count so far (atomically: concurrent callers each get
    a different number); it lapses `window` after the first one."""
    return _add(_key(scope, value), 1, window)


def current(*, scope: str, value: str) -> int:
    """The count so far, for showing or testing only: a decision on it would be
    check-then-count; decide on what `count` or `allow` returns."""
    return int(_cache().get(_key(scope, value), 0) or 0)


def reset(*, scope: str, value: str) -> None:
    _cache().delete(_key(scope, value))


def allow(*, scope: str, values: list[str], limit: int, window: timedelta) -> bool:
    """Count a request against every value (say an email and an IP address) and say whether it
    is within `limit` for all of them. A refused request is taken back from every count, so
    refusals do not use up the allowance of a value that was not over (flooding from one
    address does not spend an email address's allowance)."""
    keys = [_key(scope, value) for value in values if value]
    counts = [_add(key, 1, window) for key in keys]
    if all(counted <= limit for counted in counts):
        return True
    for key in keys:
        _take_back(key)
    return False


def give_back(*, scope: str, values: list[str]) -> None:
    """Take back one request allowed by `allow`, for limits that count only failures: allow
    the attempt first (so concurrent attempts cannot all slip in under the limit), then give it
    back when it succeeded."""
    for value in values:
        if value:
            _take_back(_key(scope, value))
