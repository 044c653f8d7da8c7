"""Fixtures every app's tests can use: a real SMTP server on loopback and the real task worker."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import signal
import socket
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command

# `OPENCEX_TEST_TODAY=2026-12-24 make test` runs the whole suite as if it were that day (noon in
# London, the clock ticking on from there), to prove no test depends on the real date: CI runs
# the clock, reminder and journey tests once more on 24 December. A test that needs a particular
# day pins it itself with `time_machine.travel`, which takes precedence.
_TODAY = os.environ.get("OPENCEX_TEST_TODAY", "").strip()
_traveller: time_machine.travel | None = None


def pytest_configure(config) -> None:
    global _traveller
    if _TODAY:
        day = dt.date.fromisoformat(_TODAY)
        noon = dt.datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/London"))
        _traveller = time_machine.travel(noon, tick=True)
        _traveller.start()


def pytest_unconfigure(config) -> None:
    if _traveller is not None:
        _traveller.stop()


def pytest_report_header(config) -> str | None:
    return f"the clock is set to {_TODAY} (OPENCEX_TEST_TODAY)" if _TODAY else None


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories give every account a password; production's slow hasher would dominate the
    suite's time without testing anything of ours (sign-in tests work the same with MD5)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _page_language_does_not_outlive_its_test():
    """Django's LocaleMiddleware activates a page's language in the thread and never takes it
    back: without this, a test that views a page in Arabic leaves the next test's service calls
    (their errors, a booking's dates) in Arabic."""
    yield
    from django.utils import translation

    translation.deactivate()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that keeps every message it receives, parsed."""

    def __init__(self, port: int) -> None:
        self.host = "127.0.0.1"
        self.port = port
        self.messages: list[EmailMessage] = []
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self._controller = Controller(self, hostname=self.host, port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """A running SMTP server that Django's mail goes to; `.messages` holds what arrived.

    `.stop()` and `.start()` take it down and bring it back on the same port, to test outages.
    """
    server = SmtpServer(free_port())
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def run_jobs(transactional_db) -> Callable[..., None]:
    """Run every job that is due through the real database worker, then return.

    The worker commits and reads on its own terms, so a test that runs jobs needs a real
    transactional database (on PostgreSQL a test transaction would hide its work from the
    worker): asking for this fixture makes the test transactional.

    `run_jobs()` runs django-tasks-db's `db_worker` in batch mode on every queue;
    `run_jobs(command="worker", max_tasks=1)` runs another worker command with other options.
    The worker sets its own signal handlers for a graceful shutdown; they are put back after each
    run so that Ctrl+C still stops pytest.
    """

    def run(*, command: str = "db_worker", **options) -> None:
        options = {
            "batch": True,
            "interval": 0,
            "reload": False,
            "startup_delay": False,
            **({"queue_name": "*"} if command == "db_worker" else {}),
            **options,
        }
        handled = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
        previous = {signum: signal.getsignal(signum) for signum in handled}
        try:
            call_command(command, **options)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    return run
