"""Living through a lost database connection: which errors mean the connection (not the query)
failed, how to drop the broken connection, and how long to wait before trying again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

# A dropped or terminated connection (PostgreSQL's pg_terminate_backend, a restart, a failover)
# shows as OperationalError on the query that meets it and InterfaceError on the next one;
# SQLite's "database is locked" is an OperationalError too, and waiting cures it as well.
CONNECTION_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)

T = TypeVar("T")


class Backoff:
    """Capped exponential back-off: 0.5 s, 1 s, 2 s, ... up to `cap` seconds; `reset()` after a
    success. Capped so that a worker notices the database's return within `cap` seconds."""

    def __init__(self, *, first: float = 0.5, cap: float = 10.0) -> None:
        self.first = first
        self.cap = cap
        self.next_delay = first

    def reset(self) -> None:
        self.next_delay = self.first

    def wait(self) -> float:
        delay = self.next_delay
        time.sleep(delay)
        self.next_delay = min(delay * 2, self.cap)
        return delay


def drop_database_connections() -> None:
    """Close every database connection of this thread, quietly: they may be broken already.
    Django opens a fresh one on the next query."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue  # the transaction's owner must see the error and roll back first
        try:
            connection.close()
        except Exception:
            connection.connection = None


def in_transaction() -> bool:
    return any(c.in_atomic_block for c in connections.all(initialized_only=True))


def write_surely(write: Callable[[], T], *, what: str, patience: float = 120.0) -> T:
    """Run `write` (one short statement outside a transaction), reconnecting and trying again with
    back-off while the database is unreachable, for up to `patience` seconds.

    For a write that records something that already happened outside (a message the provider
    accepted): losing it would make us do the outside thing again. Inside a transaction it cannot
    reconnect, so it raises at once and leaves the retry to whoever owns the transaction."""
    backoff = Backoff()
    deadline = time.monotonic() + patience
    while True:
        try:
            return write()
        except CONNECTION_ERRORS as error:
            if in_transaction() or time.monotonic() >= deadline:
                raise
            logger.warning("Could not record %s (%s); reconnecting to try again", what, error)
            drop_database_connections()
            backoff.wait()
