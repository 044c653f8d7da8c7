"""How fast the notification worker drains its queue, against a real SMTP server on loopback.

Queues N rendered emails (Notification rows and their send jobs, as `notify_resident` writes
them), starts an SMTP server on 127.0.0.1 that counts what arrives, runs `opencex worker --batch`
as a separate process on the same database until the queue is empty, and prints messages per
second. In the same run, the baseline: the same N messages sent with bare smtplib over one
connection to the same server, the fastest the server can take them.

Run:  .venv/bin/python bench/notifications.py [-n 1000] [--database-url postgres://...]
          [--workers 1] [--src other/src]
Default database: a fresh SQLite file in a temporary directory. A PostgreSQL URL names a database
that is created (or emptied) for the run. `--src` runs the worker from another checkout's source
(e.g. the code before a change) against the same queue, to compare.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_databases import fresh_database

ROOT = Path(__file__).resolve().parent.parent
# The `opencex` console script beside this Python; PYTHONPATH decides which source it runs.
OPENCEX_SCRIPT = str(Path(sys.executable).parent / "opencex")


class CountingSmtpHandler:
    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.arrival_times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.message_ids.append(str(message["Message-ID"]))
            self.arrival_times.append(time.perf_counter())
        return "250 Message accepted for delivery"


def commits_so_far(database_url: str) -> int | None:
    """PostgreSQL's count of committed transactions in the bench database (pg_stat_database is
    updated within a moment of each transaction's end), or None on SQLite."""
    if not database_url.startswith("postgres"):
        return None
    import psycopg

    time.sleep(0.6)  # statistics are flushed to pg_stat_database at most every 500 ms
    with psycopg.connect(database_url, autocommit=True) as db:
        db.execute("SELECT pg_stat_clear_snapshot()")
        row = db.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
        ).fetchone()
    return int(row[0]) if row else None


def environment(database_url: str, smtp_port: int, src: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(src),
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "DATABASE_URL": database_url,
        "OPENCEX_DEBUG": "0",
        "OPENCEX_SECRET_KEY": "bench-only-secret-key-not-for-any-deployment",
        "OPENCEX_LOG_LEVEL": "WARNING",
        "OPENCEX_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPENCEX_EMAIL_HOST": "127.0.0.1",
        "OPENCEX_EMAIL_PORT": str(smtp_port),
        "OPENCEX_EMAIL_ADAPTER": "smtp",
    }


def queue_notifications(count: int) -> list[bytes]:
    """Write `count` notifications and their jobs; return each as the bytes SMTP would carry."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.db import transaction

    from opencex.jobs.queue import enqueue
    from opencex.notify.models import Notification, NotificationChannel
    from opencex.notify.tasks import send_notification

    body = (
        "Dear resident,\n\nWe have received your request and will reply by 12 March.\n\n"
        "Track it at http://127.0.0.1:8000/track/SR-ABCD-EFGH\n\nOxford City Council\n"
    )
    with transaction.atomic():
        rows = Notification.objects.bulk_create(
            Notification(
                channel=NotificationChannel.EMAIL,
                recipient=f"resident{i}@example.org",
                template="case_received",
                subject=f"We have received your request (SR-BENCH-{i:05d})",
                body=body,
                adapter="smtp",
            )
            for i in range(count)
        )
        for row in rows:
            enqueue(send_notification, row.pk)
    return [
        EmailMessage(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, [row.recipient])
        .message()
        .as_bytes()
        for row in rows
    ]


def raw_smtplib(port: int, messages: list[bytes], sender: str) -> float:
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as connection:
        for i, message in enumerate(messages):
            connection.sendmail(sender, [f"resident{i}@example.org"], message)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument(
        "--profile", type=Path, help="Run the (first) worker under cProfile, writing stats here."
    )
    arguments = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    database_url = arguments.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    if database_url.startswith("postgres"):
        fresh_database(database_url)

    from aiosmtpd.controller import Controller

    handler = CountingSmtpHandler()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()

    env = environment(database_url, port, arguments.src.resolve())
    os.environ.update(env)
    sys.path.insert(0, str(arguments.src.resolve()))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    messages = queue_notifications(arguments.count)

    baseline = raw_smtplib(port, messages, settings.DEFAULT_FROM_EMAIL)
    handler.message_ids.clear()
    handler.arrival_times.clear()

    commits_before = commits_so_far(database_url)
    started = time.perf_counter()
    cpu_before = os.times()
    command = [
        "worker",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0",
        "--verbosity",
        "0",
    ]
    profile = ["-m", "cProfile", "-o", str(arguments.profile)] if arguments.profile else []
    workers = [
        subprocess.Popen(
            [sys.executable, *(profile if i == 0 else []), OPENCEX_SCRIPT, *command],
            env=env,
            cwd=ROOT,
        )
        for i in range(arguments.workers)
    ]
    for worker in workers:
        worker.wait()
    elapsed = time.perf_counter() - started
    cpu_after = os.times()
    worker_cpu = (cpu_after.children_user + cpu_after.children_system) - (
        cpu_before.children_user + cpu_before.children_system
    )
    controller.stop()
    commits_after = commits_so_far(database_url)

    arrived = len(handler.message_ids)
    distinct = len(set(handler.message_ids))
    rate = arrived / elapsed
    raw_rate = len(messages) / baseline
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    print(
        f"{arguments.count} notifications, {arguments.workers} worker(s), {database}, "
        f"worker code from {arguments.src}"
    )
    print(
        f"  worker:          {elapsed:6.2f} s  {rate:8.1f} messages/s  "
        f"(worker CPU {worker_cpu:.2f} s = {100 * worker_cpu / elapsed:.0f}% of one core, "
        f"{1000 * worker_cpu / max(arrived, 1):.1f} ms per message)"
    )
    if arrived > 1:
        # Without the worker's start-up (Django, imports, first connections: about a second,
        # which is most of a short run): first to last message received.
        steady = (arrived - 1) / (handler.arrival_times[-1] - handler.arrival_times[0])
        print(f"  worker once started: {steady:8.1f} messages/s  (first to last arrival)")
    if commits_before is not None and commits_after is not None:
        # Includes the worker's start, its heartbeats and a few of this script's own reads.
        commits = commits_after - commits_before
        print(f"  commits: {commits} ({commits / max(arrived, 1):.2f} per message)")
    print(f"  baseline smtplib:{baseline:6.2f} s  {raw_rate:8.1f} messages/s  (one connection)")
    print(f"  ratio worker/baseline: {rate / raw_rate:.2f}")
    if arrived > 1:
        print(f"  ratio worker once started/baseline: {steady / raw_rate:.2f}")
    print(f"  arrived {arrived}, distinct Message-IDs {distinct}")


if __name__ == "__main__":
    main()
