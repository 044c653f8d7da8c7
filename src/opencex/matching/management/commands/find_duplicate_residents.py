"""`opencex find_duplicate_residents`: search every resident for records that may be the same
person and put the pairs in the review queue (`--every-day`: the nightly run)."""

from __future__ import annotations

from datetime import date, datetime

from opencex.jobs.daily import DailyJobCommand
from opencex.matching import services


class Command(DailyJobCommand):
    help = (
        "Search every resident for records that may be the same person (names with variants and "
        "typos, dates of birth, addresses and UPRNs, emails, phones) and store the pairs for the "
        "review queue. Safe to run again. With --every-day, queue a nightly job instead."
    )
    what = "The nightly search for duplicate residents"

    def run_now(self, today: date | None) -> str:
        return str(services.find_duplicate_residents())

    def schedule(self) -> datetime | None:
        return services.schedule_every_day()
