"""`opencex fan_out_events`: fan out any event still waiting, and queue again any delivery whose
job is gone (`fanout.requeue_stranded`). Run it from a timer every few minutes: with the
database queue it rarely finds anything (the fan-out job commits with the event, and a dead
worker's job is given back by its lease); with RQ, where jobs are queued after the commit, it
is what makes sure nothing waits for ever."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opencex.events.fanout import fan_out, requeue_stranded


class Command(BaseCommand):
    help = "Fan out every event still waiting to its subscriptions."

    def handle(self, *args: Any, **options: Any) -> None:
        fanned_out = fan_out()
        requeued = requeue_stranded()
        self.stdout.write(
            f"{fanned_out} event(s) fanned out; {requeued} stranded delivery(ies) queued again."
        )
