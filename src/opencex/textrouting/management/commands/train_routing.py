"""`opencex train_routing`: train the routing model on the catalogue, the labelled history and
officers' corrections; `--every-day` queues the daily retraining instead."""

from __future__ import annotations

from datetime import date, datetime

from opencex.jobs.daily import DailyJobCommand
from opencex.textrouting import training
from opencex.textrouting.services import suggest_for_open_cases


class Command(DailyJobCommand):
    help = (
        "Train the routing model (free text to service and team) on the catalogue, the labelled "
        "history and officers' corrections, and make it the current version. With --every-day, "
        "queue a daily retraining instead."
    )
    what = "The daily routing retraining"

    def run_now(self, today: date | None) -> str:
        trained = training.train()
        recorded = suggest_for_open_cases()
        return (
            f"Trained {trained.version} on {trained.examples} examples over "
            f"{trained.services} services in {trained.seconds_to_train} s; suggested a service "
            f"for {recorded} open cases."
        )

    def schedule(self) -> datetime | None:
        return training.schedule_every_day()
