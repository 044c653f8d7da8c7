"""The statutory and service deadline rules, and how a due date is worked out from them.

Most clocks count days from a date (`compute_deadline`); an emergency hazard in a council home
counts 24 clock hours from the moment the council became aware (`compute_hour_deadline`).

Two restarts are the caller's to express, by the `received` date it passes in:

* a clarification of an FOI or EIR request (FOIA s1(3), EIR reg 9) restarts the clock, so call
  `compute_deadline` again with the day the clarification arrived as `received`;
* a subject access clock starts on the latest of the request, proof of identity and any fee
  (UK GDPR Art 12A): pass `sar_clock_start(...)` as `received`.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from opencex.clocks.calendars import (
    UK_TIME_ZONE,
    DateRange,
    WorkingDayCalendar,
    uk_wide_calendar,
)
from opencex.clocks.wording import (
    count,
    day_month_year,
    long_date,
    month_year,
    ordinal,
    time_of_day,
)

_ONE_DAY = timedelta(days=1)


class DeadlineKind(StrEnum):
    """Every kind of clock; the values are what `opencex deadline KIND` accepts."""

    FOI = "foi"
    EIR = "eir"
    FOI_PIT_EXTENDED = "foi-pit-extended"
    EIR_EXTENDED = "eir-extended"
    FOI_INTERNAL_REVIEW = "foi-internal-review"
    FOI_INTERNAL_REVIEW_EXTENDED = "foi-internal-review-extended"
    SAR = "sar"
    SAR_EXTENDED = "sar-extended"
    COMPLAINT_STAGE1_ACK = "complaint-stage1-ack"
    COMPLAINT_STAGE1_RESPONSE = "complaint-stage1-response"
    COMPLAINT_STAGE2_ACK = "complaint-stage2-ack"
    COMPLAINT_STAGE2_RESPONSE = "complaint-stage2-response"
    SERVICE_STANDARD = "service-standard"
    HAZARD_EMERGENCY = "hazard-emergency"
    HAZARD_INVESTIGATION = "hazard-investigation"
    HAZARD_SUMMARY = "hazard-summary"
    HAZARD_SAFETY_WORK = "hazard-safety-work"
    HAZARD_FURTHER_WORK = "hazard-further-work"
    HOMELESSNESS_PREVENTION = "homelessness-prevention"
    HOMELESSNESS_RELIEF = "homelessness-relief"


class CalendarScope(StrEnum):
    """Which working days a rule counts: the whole UK's, or the council's own nations'."""

    UK_WIDE = "uk-wide"
    REGIONAL = "regional"


class Unit(StrEnum):
    WORKING_DAYS = "working day"
    CALENDAR_MONTHS = "calendar month"
    CALENDAR_WEEKS = "week"
    CLOCK_HOURS = "hour"
    CALENDAR_DAYS = "day"


@dataclass(frozen=True)
class Rule:
    """One clock: what must be done, by when, in which calendar, and on what authority."""

    kind: DeadlineKind
    title: str
    action: str
    calendar: CalendarScope
    unit: Unit
    amount: int | None  # None: the service's own standard, given when the deadline is computed
    citation: str
    start_event: str = "Received"
    counted_from: str = "the date of receipt"
    calendar_citation: str = ""
    max_extension_days: int = 0


_FOI_CALENDAR = "FOIA 2000 s10(6)"
_EIR_CALENDAR = "EIR 2004 reg 2(1)"
_CODES = "Housing Ombudsman Complaint Handling Code 2024; LGSCO Complaint Handling Code"
_UK, _REGIONAL = CalendarScope.UK_WIDE, CalendarScope.REGIONAL
_DAYS, _MONTHS = Unit.WORKING_DAYS, Unit.CALENDAR_MONTHS
_AWAABS_LAW = (
    "Landlord and Tenant Act 1985 s10A; Hazards in Social Housing (Prescribed Requirements) "
    "(England) Regulations 2025"
)
_BECAME_AWARE = "The council became aware"
_FIRST_SATISFIED = "The council was first satisfied"
_CONCLUDED = "Investigation concluded"

RULES: Mapping[DeadlineKind, Rule] = {
    rule.kind: rule
    for rule in (
        Rule(
            kind=DeadlineKind.FOI,
            title="Freedom of Information request",
            action="Respond",
            calendar=_UK,
            unit=_DAYS,
            amount=20,
            citation="FOIA 2000 s10(1)",
            calendar_citation=_FOI_CALENDAR,
        ),
        Rule(
            kind=DeadlineKind.FOI_PIT_EXTENDED,
            title="Freedom of Information request, extended for the public interest test",
            action="Respond",
            calendar=_UK,
            unit=_DAYS,
            amount=40,
            citation="FOIA 2000 s10(3)",
            calendar_citation=_FOI_CALENDAR,
        ),
        Rule(
            kind=DeadlineKind.EIR,
            title="Environmental information request",
            action="Respond",
            calendar=_UK,
            unit=_DAYS,
            amount=20,
            citation="EIR 2004 reg 5(2)",
            calendar_citation=_EIR_CALENDAR,
        ),
        Rule(
            kind=DeadlineKind.EIR_EXTENDED,
            title="Environmental information request, extended as complex and voluminous",
            action="Respond",
            calendar=_UK,
            unit=_DAYS,
            amount=40,
            citation="EIR 2004 reg 7(1)",
            calendar_citation=_EIR_CALENDAR,
        ),
        Rule(
            kind=DeadlineKind.FOI_INTERNAL_REVIEW,
            title="FOI internal review",
            action="Complete the review",
            calendar=_UK,
            unit=_DAYS,
            amount=20,
            citation="FOIA 2000 s45 Code of Practice",
            calendar_citation=_FOI_CALENDAR,
            start_event="Review requested",
            counted_from="receipt of the review request",
        ),
        Rule(
            kind=DeadlineKind.FOI_INTERNAL_REVIEW_EXTENDED,
            title="FOI internal review, extended in an exceptional case",
            action="Complete the review",
            calendar=_UK,
            unit=_DAYS,
            amount=40,
            citation="FOIA 2000 s45 Code of Practice",
            calendar_citation=_FOI_CALENDAR,
            start_event="Review requested",
            counted_from="receipt of the review request",
        ),
        Rule(
            kind=DeadlineKind.SAR,
            title="Subject access request",
            action="Respond",
            calendar=_REGIONAL,
            unit=_MONTHS,
            amount=1,
            citation="UK GDPR Art 12(3)",
            start_event="Clock started",
            counted_from="the day the clock started",
        ),
        Rule(
            kind=DeadlineKind.SAR_EXTENDED,
            title="Subject access request, extended as complex or numerous",
            action="Respond",
            calendar=_REGIONAL,
            unit=_MONTHS,
            amount=3,
            citation="UK GDPR Art 12(3)",
            start_event="Clock started",
            counted_from="the day the clock started",
        ),
        Rule(
            kind=DeadlineKind.COMPLAINT_STAGE1_ACK,
            title="Stage 1 complaint",
            action="Acknowledge",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=5,
            citation=f"{_CODES}: stage 1",
        ),
        Rule(
            kind=DeadlineKind.COMPLAINT_STAGE1_RESPONSE,
            title="Stage 1 complaint",
            action="Respond",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=10,
            citation=f"{_CODES}: stage 1",
            start_event="Acknowledged",
            counted_from="the acknowledgement",
            max_extension_days=10,
        ),
        Rule(
            kind=DeadlineKind.COMPLAINT_STAGE2_ACK,
            title="Stage 2 complaint",
            action="Acknowledge",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=5,
            citation=f"{_CODES}: stage 2",
            start_event="Escalation requested",
            counted_from="the escalation request",
        ),
        Rule(
            kind=DeadlineKind.COMPLAINT_STAGE2_RESPONSE,
            title="Stage 2 complaint",
            action="Respond",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=20,
            citation=f"{_CODES}: stage 2",
            start_event="Acknowledged",
            counted_from="the acknowledgement",
            max_extension_days=20,
        ),
        Rule(
            kind=DeadlineKind.SERVICE_STANDARD,
            title="Service standard",
            action="Complete the request",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=None,
            citation="the council's published service standard",
        ),
        Rule(
            kind=DeadlineKind.HAZARD_EMERGENCY,
            title="Emergency hazard in a council home",
            action="Investigate and make safe",
            calendar=_REGIONAL,  # not counted in days: 24 clock hours, every day of the year
            unit=Unit.CLOCK_HOURS,
            amount=24,
            citation=_AWAABS_LAW,
            start_event=_BECAME_AWARE,
            counted_from="the council becoming aware",
        ),
        Rule(
            kind=DeadlineKind.HAZARD_INVESTIGATION,
            title="Significant hazard in a council home",
            action="Investigate",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=10,
            citation=_AWAABS_LAW,
            start_event=_BECAME_AWARE,
            counted_from="the day the council became aware",
        ),
        Rule(
            kind=DeadlineKind.HAZARD_SUMMARY,
            title="Significant hazard in a council home",
            action="Give the tenant a written summary of the findings",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=3,
            citation=_AWAABS_LAW,
            start_event=_CONCLUDED,
            counted_from="the investigation concluding",
        ),
        Rule(
            kind=DeadlineKind.HAZARD_SAFETY_WORK,
            title="Significant hazard in a council home",
            action="Make safe",
            calendar=_REGIONAL,
            unit=_DAYS,
            amount=5,
            citation=_AWAABS_LAW,
            start_event=_CONCLUDED,
            counted_from="the investigation concluding",
        ),
        Rule(
            kind=DeadlineKind.HAZARD_FURTHER_WORK,
            title="Significant hazard in a council home, further work not possible within 5 "
            "working days",
            action="Begin the further work",
            calendar=_REGIONAL,  # not counted in working days: 12 calendar weeks
            unit=Unit.CALENDAR_WEEKS,
            amount=12,
            citation=_AWAABS_LAW,
            start_event=_CONCLUDED,
            counted_from="the investigation concluding",
        ),
        # Housing Act 1996 Part 7 as amended by the Homelessness Reduction Act 2017: a duty
        # may be ended once "the period of 56 days beginning with the day" the council was
        # first satisfied has ended. Every day counts; a date on a weekend does not move.
        Rule(
            kind=DeadlineKind.HOMELESSNESS_PREVENTION,
            title="Homelessness prevention duty",
            action="Take reasonable steps to help the applicant keep or find a home",
            calendar=_REGIONAL,  # not counted in working days: 56 calendar days
            unit=Unit.CALENDAR_DAYS,
            amount=56,
            citation="Housing Act 1996 s195(2) and s195(8)(b)",
            start_event=_FIRST_SATISFIED,
            counted_from="the day the council was first satisfied the applicant is threatened "
            "with homelessness",
        ),
        Rule(
            kind=DeadlineKind.HOMELESSNESS_RELIEF,
            title="Homelessness relief duty",
            action="Take reasonable steps to help the applicant find a home",
            calendar=_REGIONAL,  # not counted in working days: 56 calendar days
            unit=Unit.CALENDAR_DAYS,
            amount=56,
            citation="Housing Act 1996 s189B(2) and s189B(7)(b)",
            start_event=_FIRST_SATISFIED,
            counted_from="the day the council was first satisfied the applicant is homeless",
        ),
    )
}
HOUR_KINDS = frozenset(kind for kind, rule in RULES.items() if rule.unit is Unit.CLOCK_HOURS)


@dataclass(frozen=True)
class Pause:
    """The clock stopped from `start` to `end`, both days included; no `end` yet: still stopped."""

    start: date
    end: date | None
    reason: str

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"A pause cannot end ({self.end}) before it starts ({self.start}).")

    @property
    def is_open(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class Deadline:
    """A due date (and, for a clock in hours, the time on it) with the plain-English reasons for
    it, one line each. `promise` is the date as a letter or page tells it to a resident."""

    kind: DeadlineKind
    received: date
    due: date | None  # None while the clock is stopped
    explanation: tuple[str, ...]
    stopped_since: date | None = None
    due_at: datetime | None = None  # UK local time; only for a clock counted in hours

    @property
    def promise(self) -> str:
        """ "by 21:30 on Friday 25 December 2026", "by Wednesday 6 January 2027", or "" while
        the clock is stopped."""
        if self.due_at is not None:
            return f"by {time_of_day(self.due_at)} on {long_date(self.due_at.date())}"
        return f"by {long_date(self.due)}" if self.due is not None else ""


def parse_kind(value: str) -> DeadlineKind:
    """The kind named by `value`, or a ValueError that lists the valid kinds."""
    try:
        return DeadlineKind(value)
    except ValueError:
        valid = ", ".join(kind.value for kind in DeadlineKind)
        raise ValueError(f"Unknown deadline kind {value!r}; use one of: {valid}.") from None


def add_calendar_months(start: date, months: int) -> date:
    """The corresponding date `months` later, or that month's last day if it has no such date."""
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(start.day, last_day))


def sar_clock_start(
    request: date, identity_verified: date | None = None, fee_received: date | None = None
) -> date:
    """The day a subject access clock starts: the latest of the request, proof of identity and
    the fee, each where one was needed (UK GDPR Art 12A)."""
    return max(day for day in (request, identity_verified, fee_received) if day is not None)


def working_days_of(
    kind: DeadlineKind | str, *, region: WorkingDayCalendar, uk: WorkingDayCalendar | None = None
) -> WorkingDayCalendar:
    """The working days a `kind` of clock counts in: the whole UK's (FOI, EIR), the council's
    own with its closures (a service standard), or its own without them (closures never stop
    a statutory clock). `region` is the council's calendar."""
    rule = RULES[parse_kind(kind)]
    if rule.calendar is CalendarScope.UK_WIDE:
        return uk or uk_wide_calendar()
    if rule.kind is DeadlineKind.SERVICE_STANDARD:
        return region
    return region.without_closures()


def compute_deadline(
    kind: DeadlineKind | str,
    received: date,
    *,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
    standard_days: int | None = None,
    region: WorkingDayCalendar,
    uk: WorkingDayCalendar | None = None,
) -> Deadline:
    """When a `kind` of clock that started on `received` (day 0) runs out, and why.

    `region` is the council's calendar; its closure days count only for service standards.
    `extension_days` is the one extension a complaint response may have; `standard_days` the
    service standard's own number of working days.
    """
    rule = RULES[parse_kind(kind)]
    if rule.kind in HOUR_KINDS:
        raise ValueError(
            f"A {rule.kind} clock runs in hours from a moment, not from a date: "
            "use compute_hour_deadline."
        )
    amount = _amount(rule, standard_days)
    _check_extension(rule, extension_days)
    for pause in pauses:
        if pause.start < received:
            raise ValueError(
                f"A pause cannot start ({pause.start}) before the clock does ({received})."
            )
    working_days = working_days_of(rule.kind, region=region, uk=uk)

    lines = [
        f"{rule.title}: {rule.action.lower()} {_limit(rule, amount)} ({rule.citation}).",
        f"{rule.start_event} {long_date(received)}; that day is day 0.",
    ]
    if rule.unit is Unit.WORKING_DAYS:
        lines.append(_calendar_line(rule, working_days))
    stops = [
        _Stop(pause.reason, DateRange(pause.start, pause.end))
        for pause in pauses
        if pause.end is not None
    ]
    open_pauses = [pause for pause in pauses if pause.end is None]
    if open_pauses:
        since = min(pause.start for pause in open_pauses)
        lines += _stopped_lines(rule, amount, received, since, stops, open_pauses, working_days)
        return Deadline(rule.kind, received, None, tuple(lines), stopped_since=since)
    if rule.unit is Unit.WORKING_DAYS:
        due = _count_working_days(rule, received, amount, extension_days, stops, working_days)
    elif rule.unit is Unit.CALENDAR_WEEKS:
        due = _count_calendar_weeks(rule, received, amount, stops)
    elif rule.unit is Unit.CALENDAR_DAYS:
        due = _count_calendar_days(rule, received, amount, stops)
    else:
        due = _count_calendar_months(rule, received, amount, stops, working_days)
    lines += due.explanation
    lines.append(f"Due: {long_date(due.day)}.")
    return Deadline(rule.kind, received, due.day, tuple(lines))


def compute_hour_deadline(kind: DeadlineKind | str, became_aware: datetime) -> Deadline:
    """When a clock counted in hours runs out: `became_aware` (a moment with a time zone) plus
    the rule's hours of real time, told in UK local time. Every hour counts, night, weekend and
    holiday alike; across a change of the clocks the hours are real hours, so the deadline reads
    an hour later (spring) or earlier (autumn) on the clock than the moment it started."""
    rule = RULES[parse_kind(kind)]
    if rule.kind not in HOUR_KINDS:
        raise ValueError(f"A {rule.kind} clock counts days from a date: use compute_deadline.")
    if became_aware.tzinfo is None or became_aware.utcoffset() is None:
        raise ValueError(
            f"Cannot count hours from {became_aware.isoformat()}: it has no time zone."
        )
    assert rule.amount is not None  # an hour clock always has its number of hours
    # Through UTC, so a UK wall-clock time the spring change skips is put right.
    start = became_aware.astimezone(UTC).astimezone(UK_TIME_ZONE)
    due_at = (became_aware.astimezone(UTC) + timedelta(hours=rule.amount)).astimezone(UK_TIME_ZONE)
    deadline = Deadline(rule.kind, start.date(), due_at.date(), (), due_at=due_at)
    lines = [
        f"{rule.title}: {rule.action.lower()} within {count(rule.amount, rule.unit)} of "
        f"{rule.counted_from}, or offer suitable alternative accommodation within the same "
        f"{count(rule.amount, rule.unit)} ({rule.citation}).",
        f"{rule.start_event} at {time_of_day(start)} on {long_date(start.date())} (UK time).",
        "The hours run around the clock: nights, weekends, bank holidays and closure days "
        "all count.",
    ]
    change = due_at.utcoffset() - start.utcoffset()  # type: ignore[operator]
    if change > timedelta(0):
        lines.append(
            "The clocks go forward an hour in between, so the deadline reads an hour later "
            f"on the clock: still {count(rule.amount, rule.unit)} of real time."
        )
    elif change < timedelta(0):
        lines.append(
            "The clocks go back an hour in between, so the deadline reads an hour earlier "
            f"on the clock: still {count(rule.amount, rule.unit)} of real time."
        )
    lines.append(f"Due: {deadline.promise}.")
    return replace(deadline, explanation=tuple(lines))


class _Stop(NamedTuple):
    reason: str
    span: DateRange


class _Count(NamedTuple):
    day: date
    explanation: list[str]


def _amount(rule: Rule, standard_days: int | None) -> int:
    if rule.amount is None:
        if standard_days is None or standard_days < 1:
            raise ValueError(
                f"A service standard needs its number of working days (1 or more), "
                f"not {standard_days!r}."
            )
        return standard_days
    if standard_days is not None:
        raise ValueError(f"Only a service standard takes a number of days, not {rule.kind}.")
    return rule.amount


def _check_extension(rule: Rule, extension_days: int) -> None:
    if extension_days < 0:
        raise ValueError(f"An extension cannot be negative ({extension_days} days).")
    if extension_days > rule.max_extension_days:
        if rule.max_extension_days == 0:
            raise ValueError(
                f"A {rule.kind} deadline cannot be extended by days; only a complaint response can."
            )
        raise ValueError(
            f"A {rule.title.lower()} response can be extended once by up to "
            f"{rule.max_extension_days} working days, not {extension_days}."
        )


def _limit(rule: Rule, amount: int) -> str:
    if rule.unit in (Unit.CALENDAR_MONTHS, Unit.CALENDAR_WEEKS, Unit.CALENDAR_DAYS):
        return f"within {count(amount, rule.unit)} of {rule.counted_from}"
    return f"by the {ordinal(amount)} working day after {rule.counted_from}"


def _calendar_line(rule: Rule, working_days: WorkingDayCalendar) -> str:
    if rule.calendar is CalendarScope.UK_WIDE:
        return (
            "Working days are counted in the UK-wide calendar: weekends, Christmas Day, "
            "Good Friday and a bank holiday in any part of the UK do not count "
            f"({rule.calendar_citation})."
        )
    where = working_days.name
    if rule.unit is Unit.CALENDAR_MONTHS:
        return (
            "A deadline that falls on a weekend, Christmas Day, Good Friday or a bank holiday "
            f"in {where} moves to the next working day."
        )
    not_counted = ["weekends", "Christmas Day", "Good Friday", f"bank holidays in {where}"]
    if working_days.closures:
        not_counted.append("the council's closure days")
    return (
        f"Working days are counted in the {where} calendar: {', '.join(not_counted[:-1])} "
        f"and {not_counted[-1]} do not count."
    )


def _count_working_days(
    rule: Rule,
    received: date,
    amount: int,
    extension_days: int,
    stops: Sequence[_Stop],
    working_days: WorkingDayCalendar,
) -> _Count:
    lines = [_stop_line(stop, rule.unit, working_days) for stop in stops]
    spans = [stop.span for stop in stops]
    due = working_days.add_working_days(received, amount, excluded=spans)
    extended = due
    if extension_days:
        extended = working_days.add_working_days(due, extension_days, excluded=spans)
    for day, name in working_days.holidays_between(received + _ONE_DAY, extended):
        if not any(day in span for span in spans):
            lines.append(f"{name} {day_month_year(day)} skipped.")
    if extension_days:
        lines.append(
            f"Extended once by {count(extension_days, 'working day')} (at most "
            f"{rule.max_extension_days} allowed): from {long_date(due)} to {long_date(extended)}."
        )
    return _Count(extended, lines)


def _count_calendar_weeks(rule: Rule, received: date, weeks: int, stops: Sequence[_Stop]) -> _Count:
    if stops:
        raise ValueError(f"A {rule.kind} clock does not stop.")
    due = received + timedelta(weeks=weeks)
    return _Count(
        due,
        [
            f"{count(weeks, rule.unit).capitalize()} from {day_month_year(received)} is "
            f"{long_date(due)}; every day counts, whether or not it is a working day."
        ],
    )


def _count_calendar_days(rule: Rule, received: date, days: int, stops: Sequence[_Stop]) -> _Count:
    """56 days "beginning with" day 0 take in day 0 and the 55 days after it, so the period
    has ended on day 56: the first day the duty may be brought to an end on that ground."""
    if stops:
        raise ValueError(f"A {rule.kind} clock does not stop.")
    due = received + timedelta(days=days)
    last = due - _ONE_DAY
    return _Count(
        due,
        [
            f"The {count(days, rule.unit)} beginning with {day_month_year(received)} end on "
            f"{long_date(last)}; every day counts, whether or not it is a working day, and a "
            "date on a weekend or a bank holiday does not move.",
            f"From {long_date(due)} the period has ended.",
        ],
    )


def _count_calendar_months(
    rule: Rule,
    received: date,
    months: int,
    stops: Sequence[_Stop],
    working_days: WorkingDayCalendar,
) -> _Count:
    due = add_calendar_months(received, months)
    period = count(months, rule.unit).capitalize()
    if due.day == received.day:
        lines = [
            f"{period} from {day_month_year(received)} is {long_date(due)}, the corresponding date."
        ]
    else:
        lines = [
            f"{period} from {day_month_year(received)} ends in {month_year(due)}, which has no "
            f"{ordinal(received.day)}, so on its last day, {long_date(due)}."
        ]
    stopped_days: set[date] = set()
    for stop in stops:
        days = (stop.span.end - stop.span.start).days + 1
        stopped_days.update(stop.span.start + n * _ONE_DAY for n in range(days))
        lines.append(_stop_line(stop, rule.unit, working_days))
    if stopped_days:
        due += len(stopped_days) * _ONE_DAY
        overlap = " (a day in overlapping pauses counted once)" if len(stops) > 1 else ""
        lines.append(
            f"With the clock stopped for {count(len(stopped_days), 'day')} in all{overlap}, "
            f"the date moves to {long_date(due)}."
        )
    lines.append(_calendar_line(rule, working_days))
    working_day = working_days.next_working_day_on_or_after(due)
    if working_day != due:
        skipped = [
            f"{name} {day_month_year(day)}"
            for day, name in working_days.holidays_between(due, working_day)
        ]
        because = f" ({'; '.join(skipped)} skipped)" if skipped else ""
        lines.append(
            f"{long_date(due)} is not a working day in the {working_days.name} calendar, so "
            f"the deadline moves to the next working day{because}."
        )
    return _Count(working_day, lines)


def _stopped_lines(
    rule: Rule,
    amount: int,
    received: date,
    since: date,
    stops: Sequence[_Stop],
    open_pauses: Sequence[Pause],
    working_days: WorkingDayCalendar,
) -> list[str]:
    reasons = "; ".join(pause.reason for pause in open_pauses)
    lines = [_stop_line(stop, rule.unit, working_days) for stop in stops]
    lines += [
        f"The clock has been stopped since {long_date(since)} ({reasons}), so there is no "
        "due date until it restarts."
    ]
    if rule.unit is Unit.WORKING_DAYS:
        used = working_days.working_days_between(
            received, since - _ONE_DAY, excluded=[stop.span for stop in stops]
        )
        lines.append(f"{used} of the {amount} working days had passed when it stopped.")
    return lines


def _stop_line(stop: _Stop, unit: Unit, working_days: WorkingDayCalendar) -> str:
    start, end = stop.span
    if unit is Unit.CALENDAR_MONTHS:
        effect = f"{count((end - start).days + 1, 'calendar day')} added"
    else:
        removed = working_days.working_days_between(start - _ONE_DAY, end)
        effect = "no working day in it"
        if removed:
            effect = f"{count(removed, 'working day')} not counted"
    return (
        f"Clock stopped from {long_date(start)} to {long_date(end)}, both days included "
        f"({stop.reason}): {effect}."
    )
