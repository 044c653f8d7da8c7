"""`opencex serve`: the production server, N web workers (gunicorn) and M task workers,
supervised (see `opencex.server.supervisor`). nginx goes in front: docs/deploy.md."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from opencex.server.supervisor import Supervisor

GUNICORN_CONFIG = "python:opencex.server.gunicorn_conf"


def _default(name: str, fallback: str) -> str:
    return os.environ.get(name) or fallback


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn and run the task workers beside it, restarting a task "
        "worker that stops. Stops cleanly on SIGTERM or Ctrl+C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Without the option, gunicorn_conf reads OPENCEX_BIND and OPENCEX_WEB_WORKERS itself:
        # one place for their defaults.
        parser.add_argument(
            "--bind",
            help="host:port or unix:PATH to listen on; env OPENCEX_BIND (default 127.0.0.1:8000)",
        )
        parser.add_argument(
            "--web-workers",
            type=int,
            help="web worker processes; env OPENCEX_WEB_WORKERS (default 2 per core + 1)",
        )
        parser.add_argument(
            "--task-workers",
            type=int,
            default=int(_default("OPENCEX_TASK_WORKERS", "1")),
            help="task worker processes; env OPENCEX_TASK_WORKERS (default 1)",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_false",
            dest="collectstatic",
            help="skip `collectstatic` (when the install step has run it already)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["collectstatic"]:
            # WhiteNoise serves what this gathers; hashed names need its manifest to exist.
            call_command("collectstatic", interactive=False, verbosity=0)
        env = dict(os.environ)
        if options["bind"]:
            env["OPENCEX_BIND"] = options["bind"]
        if options["web_workers"]:
            env["OPENCEX_WEB_WORKERS"] = str(options["web_workers"])
        supervisor = Supervisor(
            web_command=[
                sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONFIG, "opencex.wsgi:application"
            ],
            task_command=[sys.executable, "-m", "opencex", "worker"],
            task_workers=options["task_workers"],
            env=env,
        )  # fmt: skip
        sys.exit(supervisor.run())
