"""Open cases past their due date on a given day, by kind of case and team: the backlog a
manager chases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min

from opencex.cases.models import CaseKind
from opencex.cases.selectors import ClockStatus, cases_with_clock_status
from opencex.insight.selectors import kind_label


@dataclass(frozen=True)
class Overdue:
    kind: str  # "" for every kind together
    stage: int | None
    team: str  # "" for no team, or for every team together
    cases: int
    oldest_due_on: date | None
    is_total: bool = False

    @property
    def label(self) -> str:
        return kind_label(self.kind, self.stage)


def overdue_now(today: date) -> list[Overdue]:
    """Cases still open on `today` whose due date has passed, for each kind (complaints by
    stage) and team, then all together: the queues' own overdue (`ClockStatus.OVERDUE`), so a
    clock counted in hours is overdue from its hour. A case whose clock is stopped has no due
    date until it runs again, so it is never overdue."""
    rows = (
        cases_with_clock_status(ClockStatus.OVERDUE, today)
        .order_by()
        .values("kind", "stage", "team__name")
        .annotate(cases=Count("pk"), oldest_due_on=Min("due_on"))
    )
    kinds = list(CaseKind.values)
    overdue = [
        Overdue(row["kind"], row["stage"], row["team__name"] or "", row["cases"],
                row["oldest_due_on"])
        for row in rows
    ]  # fmt: skip
    overdue.sort(
        key=lambda row: (kinds.index(row.kind), row.stage or 0, not row.team, row.team.casefold())
    )
    oldest = min((row.oldest_due_on for row in overdue if row.oldest_due_on), default=None)
    total = Overdue("", None, "", sum(row.cases for row in overdue), oldest, is_total=True)
    return [*overdue, total]
