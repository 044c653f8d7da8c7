"""`opencex forecast_completion`: rebuild the completion forecasts and warn residents early."""

from __future__ import annotations

from datetime import date, datetime

from opencex.forecasts import early_warnings
from opencex.jobs.daily import DailyJobCommand


class Command(DailyJobCommand):
    help = (
        "Rebuild each service's completion forecast from its recent requests, then warn the "
        "residents whose request is likely to take longer than its date (once per date, so "
        "safe to run often). With --every-day, queue the daily job the worker runs instead."
    )
    what = "The completion forecasts and early warnings"

    def run_now(self, today: date | None) -> str:
        return early_warnings.run_today(today)

    def schedule(self) -> datetime | None:
        return early_warnings.schedule_every_day()
