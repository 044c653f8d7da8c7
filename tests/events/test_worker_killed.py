"""A worker killed while its POST is in flight: the delivery is sent again by another worker (at
least once), with the same id, so a receiver that honours ids applies it once. Real worker
processes, killed with SIGKILL, on PostgreSQL (the processes share the test database)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from opencex.events.models import Delivery, DeliveryStatus
from opencex.events.receiving import receive_once, verify
from tests.events.conftest import open_a_case, subscribe

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the worker processes share the test database",
    ),
]

BIN = Path(sys.executable).parent


def worker_environment() -> dict[str, str]:
    database = connection.settings_dict
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(Path("src").resolve()), os.environ.get("PYTHONPATH", "")]
        ),
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "OPENCEX_LOG_LEVEL": "ERROR",
        "OPENCEX_TASK_LEASE_SECONDS": "1",
        "OPENCEX_EVENT_DELIVERY_TIMEOUT_SECONDS": "5",
        "OPENCEX_EVENT_DELIVERY_LEASE_SECONDS": "6",
    }


def start_worker() -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "opencex"), "worker", "--no-reload", "--interval", "0.2", "--verbosity", "0"],
        env=worker_environment(),
        stdout=subprocess.DEVNULL,
    )


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_delivery_in_flight_when_its_worker_is_killed_is_delivered_and_applied_once(receiver):
    _, secret = subscribe(receiver.url, ["case.created"])
    receiver.delays = [4.0]  # the first POST is held open: the worker is killed meanwhile
    first = start_worker()
    second = None
    try:
        open_a_case()
        assert wait_for(lambda: len(receiver.received) == 1, 30), "the first POST never came"
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert Delivery.objects.get().status == DeliveryStatus.DELIVERING

        second = start_worker()
        assert wait_for(lambda: Delivery.objects.get().status == DeliveryStatus.DELIVERED, 40), (
            "the delivery was never taken over"
        )
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=10)

    assert len(receiver.received) == 2
    ids = {request.headers["webhook-id"] for request in receiver.received}
    assert len(ids) == 1
    applied = [
        verify(secret=secret, headers=r.headers, body=r.body)["id"]
        for r in receiver.received
        if receive_once(receiver="test", message_id=r.headers["webhook-id"])
    ]
    assert len(applied) == 1
