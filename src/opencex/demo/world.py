"""What every case's story is told against: today, the calendar, the council, its people."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from opencex.accounts.models import User
from opencex.cases.models import CaseKind
from opencex.cases.references import new_reference
from opencex.cases.routing import team_for
from opencex.catalogue.models import Service, Team
from opencex.clocks.calendars import WorkingDayCalendar
from opencex.council.profile import CouncilProfile
from opencex.demo.config import DemoCouncil
from opencex.demo.people import Population
from opencex.demo.staff import DemoStaff
from opencex.people.models import Resident

K = CaseKind
LONDON = ZoneInfo("Europe/London")
ONE_DAY = timedelta(days=1)


@dataclass
class World:
    """The shared context of the generator: one random stream, one `now`, and who is who."""

    rng: random.Random
    now: datetime
    today: date
    calendar: WorkingDayCalendar
    profile: CouncilProfile
    council: DemoCouncil
    staff: DemoStaff
    population: Population
    demo_resident: Resident
    references: set[str] = field(default_factory=set)
    teams: dict[tuple[str, int | None], Team | None] = field(default_factory=dict)
    due_dates: dict[tuple, date | None] = field(default_factory=dict)

    def team_for(self, kind: str, service: Service | None) -> Team | None:
        """The team `cases.routing` gives a new case, asked once per kind and service."""
        key = (kind, service.pk if service else None)
        if key not in self.teams:
            self.teams[key] = team_for(kind=kind, service=service)
        return self.teams[key]

    def working_day(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n=0: `day` itself, or the next working day)."""
        if n <= 0:
            return self.calendar.next_working_day_on_or_after(day)
        return self.calendar.add_working_days(day, n)

    def officer(self, team: Team | None, *, other_than: User | None = None) -> User | None:
        if team is None:
            return None
        choices = [u for u in self.staff.officers_by_team.get(team.pk, ()) if u != other_than]
        return self.rng.choice(choices) if choices else None

    def senior_officer(self, team: Team | None, *, other_than: User | None) -> User | None:
        """Who takes a stage 2 complaint: a manager of the team or, if it has none, of the
        complaints team; failing that another officer; never the stage 1 officer."""
        feedback = self.team_for(K.COMPLAINT, None)
        for candidates in (
            self.staff.managers_by_team.get(team.pk, ()) if team else (),
            self.staff.managers_by_team.get(feedback.pk, ()) if feedback else (),
        ):
            managers = [u for u in candidates if u != other_than]
            if managers:
                return self.rng.choice(managers)
        return self.officer(team, other_than=other_than)

    def reference(self, kind: str) -> str:
        reference = new_reference(kind)
        while reference in self.references:
            reference = new_reference(kind)
        self.references.add(reference)
        return reference
