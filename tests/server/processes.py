"""Starting `opencex serve` as an operator would, and reading its process tree from /proc."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import opencex

SOURCE = str(Path(opencex.__file__).resolve().parent.parent)


def production_env(*, var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production install (docs/deploy.md), on loopback. This checkout's
    code, whichever checkout the virtual environment was installed from."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([SOURCE, os.environ.get("PYTHONPATH", "")]),
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "OPENCEX_DEBUG": "0",
        "OPENCEX_SECRET_KEY": "serve-test-only-" + "k" * 40,
        "OPENCEX_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "OPENCEX_VAR_DIR": str(var_dir),
        "OPENCEX_LOG_FORMAT": "json",
        "DATABASE_URL": database_url,
        # nginx terminates TLS in production and sends plain HTTP to gunicorn; these tests ask
        # gunicorn directly, as nginx does, without its X-Forwarded-Proto header.
        "OPENCEX_SSL_REDIRECT": "0",
        **extra,
    }


def opencex_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "opencex", *args]


def start(args: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            opencex_command("serve", *args), env=dict(env), stdout=output, stderr=subprocess.STDOUT
        )


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc (no psutil)."""
    parents = {
        int(p.name): parent_of(int(p.name)) for p in Path("/proc").iterdir() if p.name.isdigit()
    }
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def task_workers(serve_pid: int) -> set[int]:
    """The task workers `opencex serve` started: `python -m opencex worker`."""
    return {
        pid
        for pid in descendants(serve_pid)
        if command_line(pid)[1:4] == ["-m", "opencex", "worker"]
    }


def is_running(pid: int) -> bool:
    state = Path(f"/proc/{pid}/stat")
    try:
        return state.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(condition: Callable[[], Any], *, seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"Not within {seconds} s: {what}")


def stop(process: subprocess.Popen[bytes], *, seconds: float = 60) -> int:
    """SIGTERM, as systemd stops it; if it does not stop in time, kill it and everything below."""
    below = descendants(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        for pid in [process.pid, *below]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()
        raise


class Answer:
    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)


def get(url: str, **headers: str) -> Answer:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def answers(url: str) -> bool:
    try:
        return get(url).status == 200
    except OSError:
        return False
