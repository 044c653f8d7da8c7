"""Submissions through the API while the task worker is killed and restarted and the database cuts
every connection: afterwards each accepted submission exists once, each acknowledgement arrived
once, and nothing is stuck. Loopback only, bounded in time (about a minute).

The parts are real and separate, as in production: the app under gunicorn, `opencex worker`
processes, an SMTP server, all on the test's PostgreSQL database. PostgreSQL only: the other
processes must reach the test database, and pg_terminate_backend is how a database drops its
connections (SQLite's test database lives in this process's memory).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role
from opencex.api.tokens import issue_token
from opencex.cases.models import Case
from opencex.notify.models import Notification, NotificationStatus
from tests.conftest import SmtpServer, free_port
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: other processes share the test database",
    ),
]

SUBMISSIONS = 300
CLIENTS = 6
WORKER_KILLS = 4
# A round of faults (a worker killed, every connection cut) this often: often enough that all of
# them fall within the submissions, which take under 4 s on a quiet machine.
FAULT_EVERY_SECONDS = 0.5
TASK_LEASE_SECONDS = 2
SEND_LEASE_SECONDS = 4
SETTLE_SECONDS = 45
BIN = Path(sys.executable).parent


def environment(smtp: SmtpServer) -> dict[str, str]:
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
        "OPENCEX_DEBUG": "0",
        "OPENCEX_SECRET_KEY": "fault-test-secret-key-not-for-any-deployment",
        "OPENCEX_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no proxy in front to end TLS, so no redirect to https.
        "OPENCEX_SSL_REDIRECT": "0",
        "OPENCEX_LOG_LEVEL": "WARNING",
        "OPENCEX_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPENCEX_EMAIL_HOST": smtp.host,
        "OPENCEX_EMAIL_PORT": str(smtp.port),
        "OPENCEX_EMAIL_ADAPTER": "smtp",
        "OPENCEX_TASK_LEASE_SECONDS": str(TASK_LEASE_SECONDS),
        "OPENCEX_NOTIFICATION_SEND_LEASE_SECONDS": str(SEND_LEASE_SECONDS),
    }


def start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "opencex"), "worker", "--no-reload", "--interval", "0.2", "--verbosity", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
    )


def start_app(env: dict[str, str], port: int) -> subprocess.Popen:
    app = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "opencex.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/services", timeout=10)
            return app
        except OSError:  # refused while starting, or too slow to answer yet
            time.sleep(0.2)
    stop(app)
    raise RuntimeError("the app server did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def submit(port: int, token: str, number: int) -> str:
    """POST one case, retrying with the same Idempotency-Key through server errors and dropped
    connections, as a careful partner system would; return the case's reference."""
    key = str(uuid.uuid4())
    body = json.dumps(
        {
            "kind": "service_request",
            "subject": f"Bin not emptied ({number})",
            "description": "My green bin was not emptied on Monday.",
            "contact": {"name": "Ada Resident", "email": f"resident{number}@example.org"},
        }
    ).encode()
    for _ in range(30):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/cases",
            data=body,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
                return json.loads(response.read())["reference"]
        except urllib.error.HTTPError as error:
            if error.code < 500:
                raise
        except OSError:  # refused, reset or timed out (URLError is one)
            pass
        time.sleep(0.3)
    raise RuntimeError(f"submission {number} was never accepted")


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def cut_every_connection(*, but: int) -> int:
    """Terminate every connection to the test database: the app's and the workers', not this
    test's own (`but`, and the one this runs on)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> %s",
            [but],
        )
        return cursor.fetchone()[0]


def test_every_submission_is_kept_once_and_acknowledged_once_while_workers_die(smtp_server):
    env = environment(smtp_server)
    port = free_port()
    partner = UserFactory(role=Role.PARTNER, full_name="Repairs app")
    token = issue_token(actor=UserFactory(role=Role.ADMINISTRATOR), user=partner, name="Faults")
    workers = [start_worker(env), start_worker(env)]
    try:
        app = start_app(env, port)
    except Exception:
        for worker in workers:
            stop(worker)
        raise
    done = threading.Event()
    faults = Counter()
    ours = backend_pid()

    def make_trouble() -> None:
        try:
            cause_faults()
        finally:
            connection.close()

    def cause_faults() -> None:
        while not done.wait(FAULT_EVERY_SECONDS):
            if faults["worker killed"] < WORKER_KILLS:
                victim = workers.pop(0)
                victim.send_signal(signal.SIGKILL)
                victim.wait()
                faults["worker killed"] += 1
                workers.append(start_worker(env))
            faults["connections cut"] += cut_every_connection(but=ours)
            faults["rounds"] += 1

    started = time.monotonic()
    trouble = threading.Thread(target=make_trouble, daemon=True)
    trouble.start()
    try:
        with ThreadPoolExecutor(CLIENTS) as clients:
            references = list(clients.map(lambda n: submit(port, token, n), range(SUBMISSIONS)))
        submitted = time.monotonic() - started
        # Every kill happens, even if the submissions were quicker: the queue is still draining.
        kills_due = time.monotonic() + WORKER_KILLS * FAULT_EVERY_SECONDS * 4
        while faults["worker killed"] < WORKER_KILLS and time.monotonic() < kills_due:
            time.sleep(0.1)
        done.set()
        trouble.join()

        deadline = time.monotonic() + SETTLE_SECONDS
        while time.monotonic() < deadline and (
            Notification.objects.unfinished().exists()
            or DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()
            or DBTaskResult.objects.ready().exists()
        ):
            time.sleep(0.5)
    finally:
        done.set()
        for process in [app, *workers]:
            stop(process)

    # The faults happened (a test whose faults fell after its work would prove nothing).
    assert faults["worker killed"] == WORKER_KILLS
    assert faults["connections cut"] > 0

    # Every accepted submission exists, once.
    assert len(set(references)) == SUBMISSIONS
    assert Case.objects.filter(reference__in=references).count() == SUBMISSIONS
    assert Case.objects.count() == SUBMISSIONS

    # Every acknowledgement was sent, and arrived once (twice only where a worker died between
    # the relay accepting it and our recording it, which the row then says).
    notifications = list(Notification.objects.filter(case__reference__in=references))
    assert len(notifications) == SUBMISSIONS
    assert Counter(n.status for n in notifications) == {NotificationStatus.SENT: SUBMISSIONS}
    arrived = Counter(str(message["Message-ID"]) for message in smtp_server.messages)
    # The Message-ID each row recorded (the subprocesses sign them with their own secret key).
    copies = {n.pk: arrived[n.provider_reference] for n in notifications}
    resent = {n.pk for n in notifications if n.unconfirmed_sends}
    wrong = {pk: copies[pk] for pk in copies if pk not in resent and copies[pk] != 1}
    assert wrong == {}, f"notification: copies arrived ({len(wrong)} wrong; faults {dict(faults)})"
    assert all(copies[pk] in (1, 2) for pk in resent)
    assert sum(arrived.values()) == sum(copies.values())

    # No task is stuck: none running, none waiting past its time.
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()
    assert not DBTaskResult.objects.ready().exists()

    reclaimed = sum(
        1 for task in DBTaskResult.objects.only("worker_ids") if len(task.worker_ids) > 1
    )
    print(
        f"\n{SUBMISSIONS} submissions in {submitted:.1f}s under {dict(faults)}; "
        f"{reclaimed} tasks claimed more than once; {len(resent)} acknowledgements resent after "
        f"a lost outcome, {sum(1 for c in copies.values() if c == 2)} of them arrived twice"
    )
