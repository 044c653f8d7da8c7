"""The council's headline measures: each a named figure for a period, with its definition in
plain words, its unit, which way is better and whether it may be published on the public
performance page.

Extending the registry
----------------------
Another app adds a measure by building a `Measure` and passing it to `register` once, when
Django starts (an app config's `ready()`), for example::

    from opencex.insight.measures import Measure, MeasureValue, Unit, register

    def _answered_within_a_minute(period):
        answered, within = calls_answered(period)  # the app's own selector
        return MeasureValue.rate(within, answered)

    register(Measure(
        key="calls-answered-within-60-seconds",
        name=gettext_lazy("Calls answered within 60 seconds"),
        definition=gettext_lazy("Of the calls answered in the period, the share answered ..."),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_answered_within_a_minute,
    ))

- `key` is a slug, unique across the registry (`register` refuses a second one with the same key);
  it is what targets, the staff page's anchors and the JSON feed's URLs use, so never rename it.
- `value(period)` counts from the database for a `Period` (whole days, London time) and returns
  a `MeasureValue`: for a rate, `MeasureValue.rate(part, whole)` (the value is a percentage, 0 to
  100, and the numerator and denominator are kept); for a count, an average or a duration in
  seconds, `MeasureValue(value)`. When there is nothing to count, the value is None, never 0.
- Several measures worked out from one figure (the telephony app's four from its overall call
  figures) wrap the reading of that figure in `read_once_per_period`: a page that reads its
  measures inside `readings_together()` then reads it once per period, not once per measure.
- `is_publishable` puts the measure on the public `/performance/` page and lets the JSON feed
  give it to anyone; the others are for report readers only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import CaseKind, Channel
from opencex.insight import complaints, information_requests, selectors
from opencex.insight.periods import Period


class Unit(models.TextChoices):
    PERCENT = "percent", _("Percentage")
    COUNT = "count", _("Count")
    AVERAGE = "average", _("Average")
    SECONDS = "seconds", _("Seconds")


# A rate of fewer than this many (one rating: 0% or 100%) says nothing about a service and may
# point at the few people behind it: the public page and the feed do not publish it.
MIN_DENOMINATOR = 10
# The decimal places a value of each unit is shown with (insight.scorecard.shown); whether a
# target is met is judged at the same precision.
SHOWN_PLACES = {Unit.PERCENT: 1, Unit.COUNT: 0, Unit.SECONDS: 0, Unit.AVERAGE: 1}


@dataclass(frozen=True)
class MeasureValue:
    """A measure's value for one period; for a rate, also the count it is a share of."""

    value: float | None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def too_few(self) -> bool:
        """A rate of 1 to MIN_DENOMINATOR - 1 things: too few to publish (0 is nothing to count)."""
        return self.denominator is not None and 0 < self.denominator < MIN_DENOMINATOR

    @classmethod
    def rate(cls, part: int, whole: int) -> MeasureValue:
        """`part` as a percentage of `whole`; no value when `whole` is 0."""
        return cls(part / whole * 100 if whole else None, part, whole)


@dataclass(frozen=True)
class Measure:
    key: str
    name: str | Promise
    definition: str | Promise
    unit: str
    higher_is_better: bool
    is_publishable: bool
    value: Callable[[Period], MeasureValue]

    def displayed(self, value: float) -> float:
        """`value` as the pages show it: rounded to the unit's places (SHOWN_PLACES)."""
        return round(value, SHOWN_PLACES[Unit(self.unit)])

    def is_met(self, actual: float | None, target: Decimal | float | None) -> bool | None:
        """Whether `actual` reaches `target` in the better direction; None if either is missing.
        The value is compared as shown: 89.96% reads "90.0%" and meets a target of 90, since a
        page may not say "90.0%" and "not met" against 90 side by side."""
        if actual is None or target is None:
            return None
        shown = self.displayed(actual)
        if self.higher_is_better:
            return shown >= float(target)
        return shown <= float(target)


_Figure = TypeVar("_Figure")
_SHARED: ContextVar[dict[tuple[str, Period], Any] | None] = ContextVar(
    "insight_readings_together", default=None
)


@contextmanager
def readings_together() -> Iterator[None]:
    """Within this block, a figure read through `read_once_per_period` is read once per period
    and shared by every measure made from it; outside it, each reading asks the database (the
    figures must not go stale between requests). A block inside another shares the outer one."""
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def read_once_per_period(
    read: Callable[[Period], _Figure],
) -> Callable[[Period], _Figure]:
    """`read(period)`, shared inside `readings_together()` (see the module's docstring)."""
    name = f"{read.__module__}.{read.__qualname__}"

    @functools.wraps(read)
    def shared(period: Period) -> _Figure:
        found = _SHARED.get()
        if found is None:
            return read(period)
        if (name, period) not in found:
            found[(name, period)] = read(period)
        return found[(name, period)]

    return shared


_REGISTRY: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    """Add `measure` to the registry (see the module's docstring); its key must be new."""
    if measure.key in _REGISTRY:
        raise ValueError(f"A measure with the key {measure.key!r} is registered already.")
    _REGISTRY[measure.key] = measure
    return measure


def all_measures() -> list[Measure]:
    """Every registered measure, in the order they were registered."""
    return list(_REGISTRY.values())


def publishable_measures() -> list[Measure]:
    return [measure for measure in _REGISTRY.values() if measure.is_publishable]


def measure_for(key: str) -> Measure | None:
    return _REGISTRY.get(key)


# The council's own measures, from the report selectors


def _foi_in_time(period: Period) -> MeasureValue:
    figures = information_requests.foi_answered_in_time(period)
    return MeasureValue.rate(figures.in_time, figures.judged)


def _request_in_time(kind: str) -> Callable[[Period], MeasureValue]:
    def value(period: Period) -> MeasureValue:
        total = next(
            row
            for row in information_requests.information_requests(period)
            if row.kind == kind and row.is_total
        )
        return MeasureValue.rate(total.in_time, total.answered - total.without_due_date)

    return value


def _complaint_stage_in_time(stage: int) -> Callable[[Period], MeasureValue]:
    def value(period: Period) -> MeasureValue:
        total = next(
            row
            for row in complaints.complaints_by_stage(period)
            if row.stage == stage and row.is_total
        )
        return MeasureValue.rate(total.in_time, total.responded - total.without_due_date)

    return value


def _first_contact_resolution(period: Period) -> MeasureValue:
    total = selectors.first_contact_resolution(period)[-1]
    return MeasureValue.rate(total.resolved, total.contacts)


def _repeat_contact(period: Period) -> MeasureValue:
    total = selectors.repeat_contact(period)[-1]
    return MeasureValue.rate(total.repeats, total.contacts)


def _cases_in_time(period: Period) -> MeasureValue:
    total = selectors.cases_by_kind(period)[-1]
    return MeasureValue.rate(total.in_time, total.finished - total.without_due_date)


def _satisfied(channel: str) -> Callable[[Period], MeasureValue]:
    """The share of ratings that were satisfied, for `channel` ("" for every channel)."""

    def value(period: Period) -> MeasureValue:
        row = next((row for row in selectors.satisfaction(period) if row.channel == channel), None)
        return MeasureValue.rate(row.satisfied, row.ratings) if row else MeasureValue(None, 0, 0)

    return value


def _digital_share(period: Period) -> MeasureValue:
    mix = selectors.channel_shift(period).current
    return MeasureValue.rate(mix.self_service, mix.self_service + mix.assisted)


for _measure in (
    Measure(
        key="foi-in-time",
        name=_("Freedom of Information requests answered in time"),
        definition=_(
            "Of the Freedom of Information requests answered in the period, the share answered "
            "on or before their legal deadline (20 working days, or later where the law allows "
            "the clock to stop or be extended)."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_foi_in_time,
    ),
    Measure(
        key="eir-in-time",
        name=_("Environmental information requests answered in time"),
        definition=_(
            "Of the requests under the Environmental Information Regulations answered in the "
            "period, the share answered on or before their deadline."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_request_in_time(CaseKind.EIR),
    ),
    Measure(
        key="sar-in-time",
        name=_("Subject access requests answered in time"),
        definition=_(
            "Of the requests for people's own personal information answered in the period, the "
            "share answered on or before their deadline (one month, or longer where extended)."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_request_in_time(CaseKind.SAR),
    ),
    Measure(
        key="complaints-stage-1-in-time",
        name=_("Stage 1 complaints answered in time"),
        definition=_(
            "Of the responses to complaints at stage 1 sent in the period, the share sent on or "
            "before the stage's deadline."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_complaint_stage_in_time(1),
    ),
    Measure(
        key="complaints-stage-2-in-time",
        name=_("Stage 2 complaints answered in time"),
        definition=_(
            "Of the responses to complaints at stage 2 (reviews of a stage 1 answer) sent in "
            "the period, the share sent on or before the stage's deadline."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_complaint_stage_in_time(2),
    ),
    Measure(
        key="first-contact-resolution",
        name=_("Resolved at first contact"),
        definition=_(
            "Of the calls, visits and messages our officers logged in the period, the share "
            "resolved or signposted there and then, without opening a case."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_first_contact_resolution,
    ),
    Measure(
        key="repeat-contact",
        name=_("Repeat contact"),
        definition=_(
            "Of the cases and contacts in the period from a known resident about a service, the "
            "share that came within 7 days of an earlier one from the same resident about the "
            "same service."
        ),
        unit=Unit.PERCENT,
        higher_is_better=False,
        is_publishable=False,
        value=_repeat_contact,
    ),
    Measure(
        key="cases-in-time",
        name=_("Cases finished in time"),
        definition=_(
            "Of the cases of every kind answered or closed in the period that had a due date, "
            "the share finished on or before it."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_cases_in_time,
    ),
    Measure(
        key="satisfaction",
        name=_("Residents satisfied"),
        definition=_(
            "Of the ratings residents gave in the period, the share that were satisfied or very "
            "satisfied (4 or 5 out of 5)."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_satisfied(""),
    ),
    Measure(
        key="satisfaction-web",
        name=_("Residents satisfied: website"),
        definition=_(
            "Of the ratings residents gave in the period for a case they started on the website, "
            "the share that were satisfied or very satisfied (4 or 5 out of 5)."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_satisfied(Channel.WEB),
    ),
    Measure(
        key="satisfaction-phone",
        name=_("Residents satisfied: phone"),
        definition=_(
            "Of the ratings residents gave in the period for a case they started by phoning the "
            "contact centre, the share that were satisfied or very satisfied (4 or 5 out of 5)."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_satisfied(Channel.PHONE),
    ),
    Measure(
        key="satisfaction-face-to-face",
        name=_("Residents satisfied: face to face"),
        definition=_(
            "Of the ratings residents gave in the period for a case they started at a council "
            "desk, the share that were satisfied or very satisfied (4 or 5 out of 5)."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_satisfied(Channel.FACE_TO_FACE),
    ),
    Measure(
        key="digital-share",
        name=_("Requests made online"),
        definition=_(
            "Of the requests residents made in the period on the website or through an officer "
            "(phone, face to face, email, letter or outreach), the share made on the website."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_digital_share,
    ),
):
    register(_measure)
