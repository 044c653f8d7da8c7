"""`opencex reconcile_payments`: settle payments and refunds left unfinished by asking their
provider, and record the run; `--every-day` starts the regular run instead."""

from __future__ import annotations

from datetime import date, datetime

from opencex.jobs.daily import DailyJobCommand
from opencex.payments import reconciliation


class Command(DailyJobCommand):
    help = (
        "Ask the provider about every payment still unfinished after "
        "OPENCEX_PAYMENT_RECONCILE_AFTER_MINUTES, and every refund still submitted, and record "
        "what it says (a final state once; the purpose told once). Safe to run often. With "
        "--every-day, instead queue a job that the worker runs every 15 minutes, all day."
    )
    what = "Payment reconciliation"

    def run_now(self, today: date | None) -> str:
        run = reconciliation.reconcile_payments()
        line = (
            f"Looked at {run.looked_at} unfinished payment(s): {run.settled} settled, "
            f"{run.still_open} still open; {run.refunds_checked} refund(s) checked."
        )
        return line + (f"\nProblems:\n{run.problems}" if run.problems else "")

    def schedule(self) -> datetime | None:
        return reconciliation.schedule_regular_runs()
