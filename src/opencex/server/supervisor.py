"""Keeps the web server and the task workers running: the process `opencex serve` is.

The web server (gunicorn's master) looks after its own workers. A task worker that exits or is
killed is started again after a pause that doubles with each quick failure (1 s, 2 s, 4 s ... up
to a minute; back to 1 s once one has run for a minute), so that a worker failing at start, e.g.
with the database down, does not spin. If gunicorn's master itself stops, everything stops with
an error, for systemd to restart the whole. SIGTERM or SIGINT stops everything cleanly: each
process is asked to stop (a task worker finishes its task, gunicorn its requests) and killed
only if it has not within the grace period."""

from __future__ import annotations

import dataclasses
import logging
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from types import FrameType

logger = logging.getLogger(__name__)

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0
# A worker that ran this long before it stopped was healthy: its next restart is quick again.
HEALTHY_RUN = 60.0
POLL_EVERY = 0.2


@dataclasses.dataclass
class Child:
    name: str
    command: Sequence[str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    quick_failures: int = 0
    start_at: float = 0.0  # when to (re)start it, if it is not running

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None


class Supervisor:
    def __init__(
        self,
        *,
        web_command: Sequence[str],
        task_command: Sequence[str],
        task_workers: int,
        env: Mapping[str, str],
        grace_seconds: float = 35.0,
    ) -> None:
        self.env = dict(env)
        self.grace_seconds = grace_seconds
        self.web = Child("web", web_command)
        self.task_workers = [
            Child(f"task-worker-{number}", task_command) for number in range(1, task_workers + 1)
        ]
        self.stop_signal: int | None = None

    def run(self) -> int:
        """Runs until asked to stop (exit status 0) or until the web server stops (1)."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._ask_to_stop)
        for child in [self.web, *self.task_workers]:
            self._start(child)
        status = 0
        while self.stop_signal is None:
            if self.web.process is not None and self.web.process.poll() is not None:
                logger.error(
                    "The web server stopped (exit status %s): stopping everything",
                    self.web.process.returncode,
                )
                status = 1
                break
            for child in self.task_workers:
                self._look_after(child)
            time.sleep(POLL_EVERY)
        if self.stop_signal is not None:
            logger.info("Received %s: stopping", signal.Signals(self.stop_signal).name)
        self._stop_all()
        return status

    def _ask_to_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stop_signal = signum

    def _start(self, child: Child) -> None:
        # Its own process group: a Ctrl+C in the terminal reaches only the supervisor, which
        # then stops each child once, in order.
        child.process = subprocess.Popen(child.command, env=self.env, process_group=0)  # noqa: S603
        child.started_at = time.monotonic()
        logger.info("Started %s (pid %s)", child.name, child.pid, extra={"child": child.name})

    def _look_after(self, child: Child) -> None:
        now = time.monotonic()
        if child.process is None:
            if now >= child.start_at:
                self._start(child)
            return
        returncode = child.process.poll()
        if returncode is None:
            return
        ran_for = now - child.started_at
        child.quick_failures = 0 if ran_for >= HEALTHY_RUN else child.quick_failures + 1
        pause = min(FIRST_PAUSE * 2 ** max(child.quick_failures - 1, 0), LONGEST_PAUSE)
        how = (
            f"was killed by {signal.Signals(-returncode).name}"
            if returncode < 0
            else (f"exited with status {returncode}")
        )
        logger.warning(
            "%s (pid %s) %s after %.0f s: starting it again in %.0f s",
            child.name,
            child.pid,
            how,
            ran_for,
            pause,
            extra={"child": child.name, "exit_status": returncode},
        )
        child.process = None
        child.start_at = now + pause

    def _stop_all(self) -> None:
        running = [
            c for c in [*self.task_workers, self.web] if c.process and c.process.poll() is None
        ]
        for child in running:
            assert child.process is not None
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.grace_seconds
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                logger.warning(
                    "%s (pid %s) did not stop in time: killing it", child.name, child.pid
                )
                child.process.kill()
                child.process.wait()
        logger.info("Stopped")
