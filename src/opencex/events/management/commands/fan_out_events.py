"""`opencex fan_out_events`: fan out any event still waiting, now. Only needed with a queue
outside the database (RQ), where the fan-out job is queued after the commit and can be lost
with the process; with the database queue it is committed with the event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opencex.events.fanout import fan_out


class Command(BaseCommand):
    help = "Fan out every event still waiting to its subscriptions."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{fan_out()} event(s) fanned out.")
