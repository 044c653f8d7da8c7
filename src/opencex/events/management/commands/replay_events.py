"""`opencex replay_events --subscription NAME --after CURSOR`: send a subscription every matching
event after the cursor again (a receiver that lost its data, or was down past the retries)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opencex.events.models import Subscription
from opencex.events.policies import Operator
from opencex.events.services import replay_events


class Command(BaseCommand):
    help = "Send a subscription every matching event after a cursor (an event id) again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--subscription", required=True, help="The subscription's name.")
        parser.add_argument("--after", type=int, default=0, help="The last event id it has.")

    def handle(self, *args: Any, **options: Any) -> None:
        subscription = Subscription.objects.filter(name=options["subscription"]).first()
        if subscription is None:
            raise CommandError(f"No subscription is called {options['subscription']!r}.")
        queued = replay_events(
            actor=Operator(because="opencex replay_events"),
            subscription=subscription,
            after=options["after"],
        )
        self.stdout.write(
            f"{queued} event(s) after {options['after']} queued for {subscription.name}."
        )
