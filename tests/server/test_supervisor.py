"""The supervisor alone, with stand-in processes (no Django), so that back-off and stopping
are tried in seconds."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading

import pytest

from tests.server import processes

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]
FAILS_AT_ONCE = [sys.executable, "-c", "raise SystemExit(3)"]


def supervise(web: list[str], task: list[str], task_workers: int) -> subprocess.Popen[str]:
    script = textwrap.dedent(f"""
        import logging, os, sys
        from opencex.server.supervisor import Supervisor
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
        sys.exit(Supervisor(web_command={web!r}, task_command={task!r},
                            task_workers={task_workers}, env=os.environ, grace_seconds=5).run())
    """)
    return subprocess.Popen(
        [sys.executable, "-c", script],
        env={**processes.production_env(var_dir=processes.Path("."), database_url="")},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.parametrize("stop_with", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_supervisor_and_every_process_it_started(stop_with):
    supervisor = supervise(SLEEPER, SLEEPER, task_workers=2)
    try:
        started = processes.wait_for(
            lambda: len(found := processes.descendants(supervisor.pid)) == 3 and found,
            seconds=20,
            what="the web server and two task workers",
        )
        supervisor.send_signal(stop_with)
        status = supervisor.wait(timeout=20)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
    output = supervisor.stdout.read() if supervisor.stdout else ""

    assert status == 0
    assert not [pid for pid in started if processes.is_running(pid)]
    assert f"Received {stop_with.name}: stopping" in output


def test_a_task_worker_that_keeps_failing_is_restarted_ever_more_slowly():
    supervisor = supervise(SLEEPER, FAILS_AT_ONCE, task_workers=1)
    watchdog = threading.Timer(40, supervisor.kill)  # bounds the test if the line never comes
    watchdog.start()
    lines: list[str] = []
    try:
        assert supervisor.stdout is not None
        for line in supervisor.stdout:
            lines.append(line)
            if "starting it again in 4 s" in line:
                break
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=20)
    finally:
        watchdog.cancel()
    output = "".join(lines)

    # Pauses of 1, 2 then 4 seconds: three starts by the third failure, not dozens.
    assert output.count("Started task-worker-1") == 3
    pauses = [
        line.rsplit("starting it again in ", 1)[1].strip() for line in lines if "again in" in line
    ]
    assert pauses == ["1 s", "2 s", "4 s"]
    assert "task-worker-1" in output
    assert "exited with status 3" in output


def test_the_supervisor_stops_everything_with_an_error_when_the_web_server_stops():
    supervisor = supervise([sys.executable, "-c", "import time; time.sleep(2)"], SLEEPER, 1)
    status = supervisor.wait(timeout=30)
    output = supervisor.stdout.read() if supervisor.stdout else ""

    assert status == 1
    assert "The web server stopped (exit status 0): stopping everything" in output
