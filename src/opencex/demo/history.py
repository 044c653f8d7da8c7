"""A synthetic two-year history of cases, each with a timeline that matches its status.

Each case is planned (`planning`: kind, channel, service, who, when), then told as a story
(`lifecycles`, `stories`): the steps `cases.actions` would take, in date order, on an unsaved
case, up to today. The cases, pauses and events are then written in bulk; the services themselves
are not called because they would send thousands of messages to made-up people.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, OuterRef, Subquery

from opencex.cases.models import Case, CaseEvent, ClockPause
from opencex.clocks.calendars import WorkingDayCalendar
from opencex.clocks.calendars import received_on as date_of_receipt
from opencex.council.profile import CouncilProfile
from opencex.demo.config import DemoCouncil
from opencex.demo.lifecycles import tell
from opencex.demo.people import Population
from opencex.demo.planning import Planner
from opencex.demo.staff import DemoStaff
from opencex.demo.stories import Story
from opencex.demo.world import World
from opencex.people.models import Resident

BATCH = 2000


@dataclass
class History:
    cases: list[Case]
    pause_count: int = 0
    event_count: int = 0


def make_history(
    *,
    rng: random.Random,
    now: datetime,
    cases: int,
    profile: CouncilProfile,
    council: DemoCouncil,
    staff: DemoStaff,
    population: Population,
    demo_resident: Resident,
    calendar: WorkingDayCalendar,
) -> History:
    world = World(
        rng=rng,
        now=now,
        today=date_of_receipt(now),
        calendar=calendar,
        profile=profile,
        council=council,
        staff=staff,
        population=population,
        demo_resident=demo_resident,
        references=set(Case.objects.values_list("reference", flat=True)),
    )
    planner = Planner(world)
    plans = planner.plan(cases)
    stories = [tell(world, plan) for plan in plans]
    history = History(cases=[])
    _save(stories, history)
    reviews = [tell(world, plan) for plan in planner.internal_reviews([s.case for s in stories])]
    _save(reviews, history)
    _date_the_rows(history.cases)
    return history


def _save(stories: Sequence[Story], history: History) -> None:
    cases = Case.objects.bulk_create([s.case for s in stories], batch_size=BATCH)
    pauses, events = [], []
    for story in stories:
        for pause in story.pauses:
            pause.case = story.case
            pauses.append(pause)
        for event in story.events:
            event.case = story.case
            events.append(event)
    ClockPause.objects.bulk_create(pauses, batch_size=BATCH)
    CaseEvent.objects.bulk_create(events, batch_size=BATCH)
    history.cases += cases
    history.pause_count += len(pauses)
    history.event_count += len(events)


def _date_the_rows(cases: list[Case]) -> None:
    """Give the cases the creation and update times they would have had (bulk_create stamps
    them with now)."""
    if not cases:
        return
    last_event = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-at").values("at")[:1]
    ids = [case.pk for case in cases]
    Case.objects.filter(pk__gte=min(ids), pk__lte=max(ids)).update(
        created_at=F("received_at"), updated_at=Subquery(last_event)
    )
