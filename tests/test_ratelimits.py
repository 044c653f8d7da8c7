"""Rate limits are atomic and, with REDIS_URL, shared across processes: of N requests arriving
together at a limit of L, exactly L get through. Tried on the local-memory cache and on the real
Redis (db 6 by default: OPENCEX_TEST_REDIS_URL), threads and separate processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from opencex import ratelimits

REDIS_URL = os.environ.get("OPENCEX_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
WINDOW = timedelta(minutes=15)
ROOT = Path(__file__).resolve().parent.parent


def _redis_is_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # any failure means: no Redis to test against here
        return False


LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"}
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
needs_redis = pytest.mark.skipif(not _redis_is_up(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture(
    params=[pytest.param(LOCMEM, id="locmem"), pytest.param(REDIS, id="redis", marks=needs_redis)]
)
def cache_backend(request, settings):
    settings.CACHES = {"default": request.param}
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def _at_once(count: int, action) -> list:
    """Run `action` in `count` threads released together; their results."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        start.wait()
        results[index] = action()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_fifty_concurrent_requests_at_a_limit_of_ten_let_exactly_ten_through(cache_backend):
    results = _at_once(
        50,
        lambda: ratelimits.allow(scope="test", values=["ann@example.org"], limit=10, window=WINDOW),
    )
    assert results.count(True) == 10


def test_concurrent_counts_are_each_different(cache_backend):
    counts = _at_once(50, lambda: ratelimits.count(scope="test", value="x", window=WINDOW))
    assert sorted(counts) == list(range(1, 51))


def test_a_refused_request_does_not_spend_another_values_allowance(cache_backend):
    for _ in range(3):
        assert ratelimits.allow(scope="test", values=["ann", "192.0.2.1"], limit=3, window=WINDOW)
    # The address is used up; asking for another email from it spends nothing of that email's.
    assert not ratelimits.allow(scope="test", values=["bob", "192.0.2.1"], limit=3, window=WINDOW)
    assert ratelimits.current(scope="test", value="bob") == 0
    assert ratelimits.current(scope="test", value="192.0.2.1") == 3


def test_a_given_back_request_frees_its_place(cache_backend):
    for _ in range(2):
        assert ratelimits.allow(scope="test", values=["ann"], limit=2, window=WINDOW)
    ratelimits.give_back(scope="test", values=["ann"])
    assert ratelimits.allow(scope="test", values=["ann"], limit=2, window=WINDOW)
    assert not ratelimits.allow(scope="test", values=["ann"], limit=2, window=WINDOW)


def test_giving_back_after_the_window_lapsed_creates_nothing(cache_backend):
    ratelimits.give_back(scope="test", values=["ann"])
    assert ratelimits.current(scope="test", value="ann") == 0
    assert cache_backend.get(ratelimits._key("test", "ann")) is None


def test_values_are_not_readable_in_the_cache(cache_backend):
    ratelimits.count(scope="test", value="ann@example.org", window=WINDOW)
    assert "ann" not in ratelimits._key("test", "ann@example.org")


def test_the_window_lapses_on_the_local_memory_cache(settings):
    settings.CACHES = {"default": LOCMEM}
    with time_machine.travel("2027-03-01 09:00 +00:00", tick=False) as traveller:
        assert ratelimits.allow(scope="test", values=["ann"], limit=1, window=WINDOW)
        assert not ratelimits.allow(scope="test", values=["ann"], limit=1, window=WINDOW)
        traveller.shift(15 * 60 + 1)
        assert ratelimits.allow(scope="test", values=["ann"], limit=1, window=WINDOW)


@needs_redis
def test_the_window_lapses_on_redis_and_the_count_always_has_one(settings):
    settings.CACHES = {"default": REDIS}
    cache = caches["default"]
    cache.clear()
    window = timedelta(seconds=1)
    assert ratelimits.allow(scope="test", values=["ann"], limit=1, window=window)
    assert not ratelimits.allow(scope="test", values=["ann"], limit=1, window=window)
    key = cache.make_and_validate_key(ratelimits._key("test", "ann"))
    client = cache._cache.get_client(key)
    assert 0 < client.pttl(key) <= 1000
    time.sleep(1.1)
    assert ratelimits.allow(scope="test", values=["ann"], limit=1, window=window)


@needs_redis
def test_a_count_left_without_an_expiry_gets_one_rather_than_locking_out_for_ever(settings):
    """Django's own incr on Redis (EXISTS, then INCR) can leave such a key behind."""
    settings.CACHES = {"default": REDIS}
    cache = caches["default"]
    cache.clear()
    key = cache.make_and_validate_key(ratelimits._key("test", "ann"))
    client = cache._cache.get_client(key, write=True)
    client.set(key, 99)  # no expiry
    ratelimits.count(scope="test", value="ann", window=WINDOW)
    assert 0 < client.pttl(key) <= WINDOW.total_seconds() * 1000


_WORKER = """
import os, sys, threading
from datetime import timedelta
import django
django.setup()
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from opencex import ratelimits
assert isinstance(caches["default"], RedisCache), caches["default"]
start = threading.Barrier(25)
allowed = []
def run():
    start.wait()
    if ratelimits.allow(scope="processes", values=["ann"], limit=10, window=timedelta(minutes=1)):
        allowed.append(1)
threads = [threading.Thread(target=run) for _ in range(25)]
[t.start() for t in threads]
[t.join() for t in threads]
print(len(allowed))
"""


@needs_redis
def test_with_redis_url_set_two_processes_share_one_limit(settings, tmp_path):
    """REDIS_URL as documented: settings.py switches to Redis, and the limit is one limit for
    every process (two processes, 25 threads each, limit 10)."""
    settings.CACHES = {"default": REDIS}
    caches["default"].clear()
    env = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "PYTHONPATH": str(ROOT / "src"),
        "OPENCEX_VAR_DIR": str(tmp_path),
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    allowed = [int(worker.communicate(timeout=120)[0].strip()) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    assert sum(allowed) == 10
    assert isinstance(caches["default"], RedisCache)
