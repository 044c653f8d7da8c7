"""gunicorn's settings for OpenCEX's web workers, from the environment.

    gunicorn -c python:opencex.server.gunicorn_conf opencex.wsgi:application

`opencex serve` runs exactly that (and the task workers beside it). Read by gunicorn's master
process, which never loads Django: this module imports nothing that does.

- OPENCEX_BIND           where to listen: `host:port`, `unix:/run/opencex/web.sock`, or several
                         separated by commas (default 127.0.0.1:8000: nginx in front)
- OPENCEX_WEB_WORKERS    worker processes (default 2 per CPU core, plus 1)
- OPENCEX_WEB_THREADS    threads per worker (default 1: sync workers; more uses gthread)
- OPENCEX_WEB_TIMEOUT    seconds a request may take before its worker is restarted (default 30)
- OPENCEX_METRICS_DIR    where the workers' request metrics are shared (default: a fresh
                         temporary directory, removed on exit)
- OPENCEX_LOG_FORMAT     `json` or `text` (default json unless OPENCEX_DEBUG is on)
- FORWARDED_ALLOW_IPS    gunicorn's own: proxies trusted for X-Forwarded-Proto (default loopback)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from opencex.server.logs import logging_config, wants_json_lines

bind = [address.strip() for address in os.environ.get("OPENCEX_BIND", "127.0.0.1:8000").split(",")]
workers = int(os.environ.get("OPENCEX_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("OPENCEX_WEB_THREADS", "1"))
timeout = int(os.environ.get("OPENCEX_WEB_TIMEOUT", "30"))
graceful_timeout = 30
# Seconds a kept-alive connection waits for its next request (gthread workers; sync workers
# close the connection after each response).
keepalive = 5
proc_name = "opencex-web"
# The workers' heartbeat files in memory, so that a slow disk cannot make them look stuck.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108
# gunicorn's run-time control socket (in the home directory) is not used: one less way in.
control_socket_disable = True
accesslog = None
errorlog = "-"
logconfig_dict = logging_config(
    json_lines=wants_json_lines(), level=os.environ.get("OPENCEX_LOG_LEVEL", "INFO")
)

# Request metrics are counted in each worker and shared through files in one directory; the
# variable must be set before a worker imports prometheus-client, so it is set here.
_metrics_dir_is_ours = "OPENCEX_METRICS_DIR" not in os.environ
METRICS_DIR = Path(
    os.environ.get("OPENCEX_METRICS_DIR") or tempfile.mkdtemp(prefix="opencex-metrics-")
)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(METRICS_DIR)


def on_starting(server: Any) -> None:
    """Counts from an earlier run would be added to this one's: start from none."""
    METRICS_DIR.mkdir(parents=True, exist_ok=True)
    for stale in METRICS_DIR.glob("*.db"):
        stale.unlink()


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Any) -> None:
    if _metrics_dir_is_ours:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
