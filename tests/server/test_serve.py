"""`opencex serve` started for real, as systemd starts it: a page, static files, health,
readiness and metrics answer; a killed task worker is replaced; SIGTERM stops everything.

Each test starts its own server on a free loopback port and is bounded in time. On SQLite the
server gets a fresh migrated file; when DATABASE_URL is PostgreSQL, the test database."""

from __future__ import annotations

import json
import re
import signal
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import free_port
from tests.server import processes
from tests.server.processes import get, wait_for

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

TOKEN = "serve-test-scrape-token-0123456789"


def database_url_for_the_server(tmp_path: Path, env: dict[str, str]) -> str:
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        # pytest-django's test database, migrated; the test is transactional, so the server's
        # writes are its own and are flushed afterwards.
        return (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        )
    url = f"sqlite:///{tmp_path / 'opencex.sqlite3'}"
    subprocess.run(
        processes.opencex_command("migrate", "--noinput", "-v", "0"),
        env={**env, "DATABASE_URL": url},
        check=True,
        timeout=180,
    )
    return url


@pytest.mark.usefixtures("transactional_db")
def test_serve_answers_and_replaces_a_killed_task_worker(tmp_path, smtp_server):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = processes.production_env(
        var_dir=tmp_path,
        database_url="",
        OPENCEX_EMAIL_HOST=smtp_server.host,
        OPENCEX_EMAIL_PORT=str(smtp_server.port),
        OPENCEX_METRICS_TOKEN=TOKEN,
    )
    env["DATABASE_URL"] = database_url_for_the_server(tmp_path, env)
    log = tmp_path / "serve.log"
    server = processes.start(
        ["--bind", f"127.0.0.1:{port}", "--web-workers", "2", "--task-workers", "2"], env, log
    )
    try:
        wait_for(lambda: processes.answers(f"{base}/health/live"), seconds=120, what="liveness")

        home = get(f"{base}/")
        assert home.status == 200
        request_id = home.headers["X-Request-ID"]
        stylesheet = re.search(rb'href="(/static/build/opencex\.[0-9a-f]{12}\.css)"', home.body)
        assert stylesheet, "the page links its stylesheet by its hashed name"
        css = get(base + stylesheet[1].decode(), **{"Accept-Encoding": "gzip"})
        assert css.status == 200
        assert css.headers["Content-Encoding"] == "gzip"
        assert "immutable" in css.headers["Cache-Control"]

        ready = get(f"{base}/health/ready")
        assert (ready.status, ready.json()["status"]) == (200, "ok")
        assert set(ready.json()["checks"]) == {"database", "cache", "task_queue", "mail"}

        for _ in range(6):  # spread over both web workers
            assert get(f"{base}/health/live").status == 200
        # In production no network is allowed unless configured: nginx's requests come from
        # loopback too. The token is the way in.
        assert get(f"{base}/metrics").status == 403
        metrics = get(f"{base}/metrics", Authorization=f"Bearer {TOKEN}")
        assert metrics.status == 200
        live = rb'opencex_http_requests_total\{method="GET",status="200",view="server:liveness"\}'
        live_count = re.search(live + rb" (\S+)", metrics.body)
        assert live_count
        assert float(live_count[1]) >= 7  # counted by every worker, added up
        assert (
            b'opencex_http_requests_total{method="GET",status="200",view="web:home"}'
            in metrics.body
        )
        assert b"opencex_tasks_running" in metrics.body

        workers = wait_for(
            lambda: len(found := processes.task_workers(server.pid)) == 2 and found,
            seconds=30,
            what="two task workers",
        )
        killed = min(workers)
        processes.os.kill(killed, signal.SIGKILL)
        replaced = wait_for(
            lambda: (
                (now := processes.task_workers(server.pid))
                and len(now) == 2
                and killed not in now
                and now
            ),
            seconds=30,
            what="the killed task worker replaced",
        )
        everything = [server.pid, *processes.descendants(server.pid)]
    finally:
        status = processes.stop(server)

    assert status == 0
    assert not [pid for pid in everything if processes.is_running(pid)]
    assert replaced - workers  # a new process, not the old one
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    [home_line] = [line for line in lines if line.get("request_id") == request_id]
    assert home_line["logger"] == "opencex.access"
    assert (home_line["path"], home_line["status"], home_line["view"]) == ("/", 200, "web:home")
    assert any(
        line["logger"] == "opencex.server.supervisor" and "killed by SIGKILL" in line["message"]
        for line in lines
    )


def test_readiness_fails_while_the_database_is_unreachable(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    nothing_listens = free_port()
    env = processes.production_env(
        var_dir=tmp_path,
        database_url=f"postgres://opencex:s3cret-pass@127.0.0.1:{nothing_listens}/opencex",
    )
    server = processes.start(
        [
            "--bind",
            f"127.0.0.1:{port}",
            "--web-workers",
            "1",
            "--task-workers",
            "0",
            "--no-collectstatic",
        ],
        env,
        tmp_path / "serve.log",
    )
    try:
        wait_for(lambda: processes.answers(f"{base}/health/live"), seconds=120, what="liveness")
        ready = get(f"{base}/health/ready")
    finally:
        status = processes.stop(server)

    assert ready.status == 503
    body = ready.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == {
        "status": "unavailable",
        "error": "Unavailable: the database did not answer",
    }
    assert body["checks"]["task_queue"]["status"] == "unavailable"
    assert body["checks"]["cache"] == {"status": "ok"}
    assert b"s3cret-pass" not in ready.body
    assert str(nothing_listens).encode() not in ready.body
    assert status == 0
