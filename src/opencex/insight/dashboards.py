"""The figures on the managers' dashboards: volumes of cases and contacts by channel, service,
team and over time, when they arrive (hour by weekday), the backlog of open cases by age, and
open cases against their clocks by team.

Every figure is counted by the database with grouped aggregates (one query per dashboard, two
where cases and contacts are both counted), never by a Python loop over cases, so the dashboards
stay quick with millions of cases. On PostgreSQL the volumes read the daily rollups (`rollups`,
kept equal to the rows by triggers) and add up days, not rows. Contacts are those resolved
without a case (a call that opened a case is counted once, as the case), as in demand by channel
on the reports page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import cast

from django.db.models import Count, Expression, F, FilteredRelation, Q, QuerySet, Sum
from django.db.models.functions import (
    ExtractHour,
    ExtractIsoWeekDay,
    TruncDate,
    TruncMonth,
    TruncWeek,
)
from django.utils import timezone

from opencex.cases.clock import clock_calendar
from opencex.cases.models import Case, CaseKind, pause_is_open
from opencex.cases.selectors import ClockStatus, clock_conditions
from opencex.catalogue.models import Service, ServiceArea, Team
from opencex.clocks.calendars import WorkingDayCalendar
from opencex.contacts.models import Contact, Outcome
from opencex.council.calendar import council_calendar
from opencex.insight import rollups
from opencex.insight.granularity import Granularity, add_months, start_of
from opencex.insight.models import CasesReceivedDay, CasesReceivedHour, ContactsDay, ContactsHour
from opencex.insight.periods import Period
from opencex.insight.selectors import cases_received, contacts_without_a_case

BUCKETS = ("day", "week", "month")
DIMENSIONS = ("channel", "service", "team")
# The ageing bands, in the council's working days since the case was received: under 5, 5 to 9,
# 10 to 19, 20 and over.
AGE_BANDS = (5, 10, 20)
CLOCK_STATUSES = (
    ClockStatus.ON_TRACK,
    ClockStatus.DUE_SOON,
    ClockStatus.OVERDUE,
    ClockStatus.PAUSED,
)


@dataclass(frozen=True)
class Filters:
    """What the manager narrowed the dashboards to; `period` applies to what was received."""

    period: Period
    today: date
    service_area: ServiceArea | None = None
    team: Team | None = None
    channel: str = ""

    def cases(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if self.service_area is not None:
            cases = cases.filter(service__service_area=self.service_area)
        if self.team is not None:
            cases = cases.filter(team=self.team)
        if self.channel:
            cases = cases.filter(channel=self.channel)
        return cases

    def contacts(self, contacts: QuerySet[Contact]) -> QuerySet[Contact]:
        """A contact has no team of its own: it is its service's team's."""
        if self.service_area is not None:
            contacts = contacts.filter(service__service_area=self.service_area)
        if self.team is not None:
            contacts = contacts.filter(service__team=self.team)
        if self.channel:
            contacts = contacts.filter(channel=self.channel)
        return contacts

    def cases_received(self) -> QuerySet[Case]:
        return self.cases(cases_received(self.period))

    def contacts_received(self) -> QuerySet[Contact]:
        return self.contacts(contacts_without_a_case(self.period))

    def open_cases(self) -> QuerySet[Case]:
        return self.cases(Case.objects.open())

    def case_days(self) -> QuerySet[CasesReceivedDay]:
        """The rollup of the cases `cases_received` counts, narrowed the same way."""
        return self._narrowed_cases(CasesReceivedDay.objects.filter(cases__gt=0))

    def case_hours(self) -> QuerySet[CasesReceivedHour]:
        """The same cases by the weekday and hour they came in."""
        return self._narrowed_cases(CasesReceivedHour.objects.filter(cases__gt=0))

    def contact_days(self) -> QuerySet[ContactsDay]:
        """The rollup of the contacts `contacts_received` counts, narrowed the same way."""
        days = ContactsDay.objects.filter(contacts__gt=0).exclude(outcome=Outcome.CASE_OPENED)
        return self._narrowed_contacts(days)

    def contact_hours(self) -> QuerySet[ContactsHour]:
        """The same contacts by the weekday and hour they were logged (that rollup holds only
        contacts resolved without a case)."""
        return self._narrowed_contacts(ContactsHour.objects.filter(contacts__gt=0))

    def _narrowed_cases(self, days: QuerySet) -> QuerySet:
        days = days.filter(day__range=(self.period.start, self.period.end))
        if self.service_area is not None:
            days = days.filter(service_id__in=self._services(service_area=self.service_area))
        if self.team is not None:
            days = days.filter(team_id=self.team.pk)
        if self.channel:
            days = days.filter(channel=self.channel)
        return days

    def _narrowed_contacts(self, days: QuerySet) -> QuerySet:
        days = days.filter(day__range=(self.period.start, self.period.end))
        if self.service_area is not None:
            days = days.filter(service_id__in=self._services(service_area=self.service_area))
        if self.team is not None:
            days = days.filter(service_id__in=self._services(team=self.team))
        if self.channel:
            days = days.filter(channel=self.channel)
        return days

    @staticmethod
    def _services(**narrowed) -> QuerySet:
        return Service.objects.filter(**narrowed).values("pk")


def _grouped(rows: QuerySet, *fields: str) -> dict:
    """{the fields' values (one, or a tuple of several): how many rows}."""
    counted = rows.order_by().values(*fields).annotate(n=Count("pk"))
    if len(fields) == 1:
        return {row[fields[0]]: row["n"] for row in counted}
    return {tuple(row[name] for name in fields): row["n"] for row in counted}


# Volumes by channel, service or team


@dataclass(frozen=True)
class Volume:
    key: str | int | None  # the channel's value, the service's or team's id; None: not recorded
    name: str  # the service's title or team's name; the channel's value for a channel
    cases: int
    contacts: int

    @property
    def total(self) -> int:
        return self.cases + self.contacts


_CASE_GROUPS = {
    "channel": ("channel", None),
    "service": ("service_id", "service__title"),
    "team": ("team_id", "team__name"),
}
_CONTACT_GROUPS = {
    "channel": ("channel", None),
    "service": ("service_id", "service__title"),
    "team": ("service__team_id", "service__team__name"),
}


def volumes_by(filters: Filters, dimension: str) -> list[Volume]:
    """Cases received and contacts resolved without a case in the period, for each channel,
    service or team that had any, most first (the one not recorded last)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"No volumes by {dimension!r}; choose one of {', '.join(DIMENSIONS)}.")
    if rollups.in_use():
        return _volumes_by_from_rollups(filters, dimension)
    names: dict = {}
    counts: dict = {}
    for rows, groups, position in (
        (filters.cases_received(), _CASE_GROUPS, 0),
        (filters.contacts_received(), _CONTACT_GROUPS, 1),
    ):
        key, name = groups[dimension]
        fields = (key, name) if name else (key,)
        for row in rows.order_by().values(*fields).annotate(n=Count("pk")):
            names[row[key]] = row[name] if name else row[key]
            counts.setdefault(row[key], [0, 0])[position] = row["n"]
    volumes = [Volume(key, names[key] or "", *counts[key]) for key in counts]
    return sorted(volumes, key=lambda v: (v.key is None, -v.total, str(v.name).casefold()))


def _summed(days: QuerySet, field: str, count: str) -> dict:
    """{the rollup's `field` value: the sum of its `count` column}, groups of nothing left out
    (a "none" service or team is stored as 0 in a rollup: None here, as on the rows)."""
    summed = days.order_by().values(field).annotate(n=Sum(count))
    return {(row[field] or None) if field.endswith("_id") else row[field]: row["n"]
            for row in summed if row["n"]}  # fmt: skip


def _volumes_by_from_rollups(filters: Filters, dimension: str) -> list[Volume]:
    """`volumes_by` from the daily rollups: the same counts, a year in a few thousand rows."""
    case_field = {"channel": "channel", "service": "service_id", "team": "team_id"}[dimension]
    cases = _summed(filters.case_days(), case_field, "cases")
    contact_field = "channel" if dimension == "channel" else "service_id"
    contacts = _summed(filters.contact_days(), contact_field, "contacts")
    if dimension == "team":  # a contact is its service's team's
        team_of = dict(Service.objects.filter(pk__in=list(contacts)).values_list("pk", "team_id"))
        by_team: dict = {}
        for service_id, n in contacts.items():
            team = team_of.get(service_id) if service_id is not None else None
            by_team[team] = by_team.get(team, 0) + n
        contacts = by_team
    keys = set(cases) | set(contacts)
    if dimension == "channel":
        names = {key: key for key in keys}
    else:
        model = Service if dimension == "service" else Team
        label = "title" if dimension == "service" else "name"
        names = dict(model.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", label))
    volumes = [
        Volume(key, names.get(key) or "", cases.get(key, 0), contacts.get(key, 0)) for key in keys
    ]
    return sorted(volumes, key=lambda v: (v.key is None, -v.total, str(v.name).casefold()))


# Volumes over time


@dataclass(frozen=True)
class Bucket:
    starts_on: date  # the day, the Monday of the week, or the first of the month
    cases: int
    contacts: int

    @property
    def total(self) -> int:
        return self.cases + self.contacts


def bucket_start(day: date, bucket: str) -> date:
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return start_of(Granularity.MONTH, day)
    return day


def _next_bucket(day: date, bucket: str) -> date:
    if bucket == "week":
        return day + timedelta(weeks=1)
    if bucket == "month":
        return add_months(day, 1)
    return day + timedelta(days=1)


def _as_date(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def volumes_over_time(filters: Filters, bucket: str = "week") -> list[Bucket]:
    """Cases received and contacts resolved without a case in each day, week (from Monday) or
    month of the period, in London time; a bucket with none is shown as 0. The first and last
    buckets hold only the period's days."""
    if bucket not in BUCKETS:
        raise ValueError(f"No bucket {bucket!r}; choose one of {', '.join(BUCKETS)}.")
    if rollups.in_use():
        cases: dict[date, int] = {}
        contacts: dict[date, int] = {}
        for days, count, into in (
            (filters.case_days(), "cases", cases),
            (filters.contact_days(), "contacts", contacts),
        ):
            for day, n in _summed(days, "day", count).items():
                start = bucket_start(day, bucket)
                into[start] = into.get(start, 0) + n
        return _buckets(filters.period, bucket, cases, contacts)
    london = timezone.get_default_timezone()
    contact_day = TruncDate("at", tzinfo=london)
    case_bucket: Expression | F
    contact_bucket: Expression
    if bucket == "day":
        case_bucket, contact_bucket = F("received_on"), contact_day
    else:
        trunc = TruncWeek if bucket == "week" else TruncMonth
        case_bucket, contact_bucket = trunc("received_on"), trunc(contact_day)
    cases = _grouped(filters.cases_received().annotate(bucket=case_bucket), "bucket")
    contacts = _grouped(filters.contacts_received().annotate(bucket=contact_bucket), "bucket")
    cases = {_as_date(key): n for key, n in cases.items()}
    contacts = {_as_date(key): n for key, n in contacts.items()}
    return _buckets(filters.period, bucket, cases, contacts)


def _buckets(period: Period, bucket: str, cases: dict, contacts: dict) -> list[Bucket]:
    """Every bucket of the period in order, 0 where nothing arrived."""
    buckets = []
    day = bucket_start(period.start, bucket)
    while day <= period.end:
        buckets.append(Bucket(day, cases.get(day, 0), contacts.get(day, 0)))
        day = _next_bucket(day, bucket)
    return buckets


# Hour by weekday


@dataclass(frozen=True)
class ArrivalTimes:
    """How many cases and contacts arrived in each hour (0 to 23, London time) of each weekday
    (1 Monday to 7 Sunday)."""

    counts: dict[tuple[int, int], int]

    def at(self, weekday: int, hour: int) -> int:
        return self.counts.get((weekday, hour), 0)

    def on(self, weekday: int) -> int:
        return sum(self.at(weekday, hour) for hour in range(24))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def arrival_times(filters: Filters) -> ArrivalTimes:
    """Cases received (by the moment they were received) and contacts resolved without a case
    (by the moment they were logged) in the period, by weekday and hour."""
    counts: dict[tuple[int, int], int] = {}
    if rollups.in_use():
        for hours, count in (
            (filters.case_hours(), "cases"),
            (filters.contact_hours(), "contacts"),
        ):
            summed = hours.order_by().values("weekday", "hour").annotate(n=Sum(count))
            for row in summed:
                key = (row["weekday"], row["hour"])
                counts[key] = counts.get(key, 0) + row["n"]
        return ArrivalTimes({key: n for key, n in counts.items() if n})
    london = timezone.get_default_timezone()
    for rows, moment in (
        (filters.cases_received(), "received_at"),
        (filters.contacts_received(), "at"),
    ):
        timed = rows.annotate(
            weekday=ExtractIsoWeekDay(moment, tzinfo=london),
            hour=ExtractHour(moment, tzinfo=london),
        )
        for key, n in _grouped(timed, "weekday", "hour").items():
            counts[key] = counts.get(key, 0) + n
    return ArrivalTimes(counts)


# The backlog by age


def received_on_or_before(
    today: date, working_days: int, calendar: WorkingDayCalendar | None = None
) -> date:
    """The latest day a case can have been received and be `working_days` old or more on
    `today`, counting the working days of `calendar` (by default the council's) after the day
    it was received up to today."""
    calendar = calendar or council_calendar()
    day, counted = today, 0
    while counted < working_days:
        if calendar.is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    return day


def _clock_calendars() -> list[tuple[Q, WorkingDayCalendar]]:
    """The cases of each working-day calendar a clock counts in (the whole UK's for FOI and
    EIR, the council's with or without its closures for the others), as a filter each: a case's
    calendar follows from its kind (and whether it is a hazard report), so the database can
    group by it without reading each case's clock."""
    calendars: dict[WorkingDayCalendar, Q] = {}
    for kind in CaseKind.values:
        for is_hazard in (False, True):
            calendar = clock_calendar(kind, is_hazard=is_hazard)
            these = Q(kind=kind) & (~Q(hazard_class="") if is_hazard else Q(hazard_class=""))
            calendars[calendar] = calendars[calendar] | these if calendar in calendars else these
    return [(cases, calendar) for calendar, cases in calendars.items()]


@dataclass(frozen=True)
class Ageing:
    team_id: int | None  # None: no team
    team: str
    bands: tuple[int, ...]  # open cases in each band of AGE_BANDS, youngest first

    @property
    def open_cases(self) -> int:
        return sum(self.bands)


def backlog_by_age(filters: Filters) -> list[Ageing]:
    """Open cases today for each team, in bands of age counted in the working days of the
    case's own clock (the whole UK's bank holidays for FOI and EIR; the council's nations', with
    its closures for a service standard and without for a statutory clock) since the case was
    received: under 5, 5 to 9, 10 to 19, 20 and over. The bands are worked out as dates once per
    calendar (three at most), so the database only compares each case's kind and received
    date: no case is read in Python."""
    calendars = _clock_calendars()
    younger_than: list[Q] = []  # for each band's lowest age, the cases younger than it
    for days in AGE_BANDS:
        under = Q()
        for cases, calendar in calendars:
            under |= cases & Q(received_on__gt=received_on_or_before(filters.today, days, calendar))
        younger_than.append(under)
    bands = {"band_0": Count("pk", filter=younger_than[0])}
    for index, (younger, older) in enumerate(pairwise(younger_than), start=1):
        bands[f"band_{index}"] = Count("pk", filter=~younger & older)
    bands[f"band_{len(AGE_BANDS)}"] = Count("pk", filter=~younger_than[-1])
    rows = filters.open_cases().order_by().values("team_id", "team__name").annotate(**bands)
    ageing = [
        Ageing(
            row["team_id"],
            row["team__name"] or "",
            tuple(
                cast(int, dict(row)[f"band_{index}"])  # dict(): the band names are made above
                for index in range(len(AGE_BANDS) + 1)
            ),
        )
        for row in rows
    ]
    return sorted(ageing, key=lambda row: (row.team_id is None, row.team.casefold()))


# Open cases against their clocks


@dataclass(frozen=True)
class ClockStanding:
    team_id: int | None
    team: str
    counts: dict[str, int]  # ClockStatus value: open cases

    def of(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def open_cases(self) -> int:
        return sum(self.counts.values())


def clocks_by_team(filters: Filters) -> list[ClockStanding]:
    """Open cases today for each team by the status of their clock: on track, due soon,
    overdue or paused. The statuses are the queues' own (`cases.selectors.clock_conditions`), so
    these figures agree with every queue and the overdue report. As in `count_open_cases`, the
    open pause is joined once (a case has at most one) rather than looked up per case, which
    keeps PostgreSQL from compiling the query (it took 0.8 s for 20,000 open cases that way)."""
    clock = clock_conditions(filters.today, paused=Q(open_pause__isnull=False))
    rows = (
        filters.open_cases()
        .alias(open_pause=FilteredRelation("pauses", condition=pause_is_open("pauses__")))
        .order_by()
        .values("team_id", "team__name")
        .annotate(**{status.value: Count("pk", filter=clock[status]) for status in CLOCK_STATUSES})
    )
    standings = [
        ClockStanding(
            row["team_id"],
            row["team__name"] or "",
            {
                status.value: cast(int, dict(row)[status.value])  # the statuses are made above
                for status in CLOCK_STATUSES
                if dict(row)[status.value]
            },
        )
        for row in rows
    ]
    return sorted(standings, key=lambda row: (row.team_id is None, row.team.casefold()))
