"""/api/v1/measures: the headline measures and their values per month, quarter or year with the
target that applied, for Power BI and similar tools.

Who may read what: the measures the council publishes on its performance page may be read by
anyone, without a token (they are public already). The others need a caller who may read the
reports (`insight.policies.can_view_reports`): an API token issued to a team manager's,
information-governance officer's or administrator's account, or their signed-in session.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils import timezone
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from opencex.api.auth import actor_of
from opencex.api.errors import FieldError
from opencex.api.schemas import ErrorsOut
from opencex.insight.granularity import Granularity, last_periods, periods_between
from opencex.insight.measures import Measure, all_measures, measure_for
from opencex.insight.periods import Period
from opencex.insight.policies import can_view_reports
from opencex.insight.scorecard import Reading, trend

router = Router(tags=["measures"])

# Enough for ten years of months; a longer run is one request per decade.
MOST_PERIODS = 120
# Without a report reader's token the feed covers at most 3 years a request (the default of
# `by=year`): anyone may call it, and each period is a reading of the records.
PUBLIC_MOST_MONTHS = 36
DEFAULT_COUNT = {"month": 12, "quarter": 4, "year": 3}


class MeasureOut(Schema):
    key: str
    name: str
    definition: str
    unit: str = Field(description="percent (0 to 100), count, average or seconds")
    higher_is_better: bool
    is_publishable: bool = Field(description="Shown on the public performance page.")


class MeasureListOut(Schema):
    items: list[MeasureOut]


class ValueOut(Schema):
    start: date
    end: date
    is_complete: bool = Field(description="False for the period still running (counted to today).")
    value: float | None = Field(
        description="None when there was nothing to count, or too few to publish a rate."
    )
    too_few: bool = Field(
        description="A rate of fewer than 10 things: no value (and, without a token, no counts)."
    )
    numerator: int | None
    denominator: int | None
    target: float | None
    target_met: bool | None


class MeasureValuesOut(Schema):
    measure: MeasureOut
    by: str
    items: list[ValueOut]


class ValueFilters(Schema):
    from_: date | None = Field(
        None, alias="from", description="The first day to cover (YYYY-MM-DD)."
    )
    to: date | None = Field(None, description="The last day to cover (YYYY-MM-DD).")
    by: Granularity = Field(Granularity.MONTH, description="month, quarter or year")


def _may_read(actor, measure: Measure) -> bool:
    return measure.is_publishable or can_view_reports(actor)


def _described(measure: Measure) -> dict:
    # The feed is in English, whatever language the website last served on this thread.
    with override("en"):
        return {
            "key": measure.key,
            "name": str(measure.name),
            "definition": str(measure.definition),
            "unit": measure.unit,
            "higher_is_better": measure.higher_is_better,
            "is_publishable": measure.is_publishable,
        }


@router.get(
    "",
    response={200: MeasureListOut, (400, 401): ErrorsOut},
    operation_id="list_measures",
    summary="The headline measures, with their definitions",
    description=(
        "Without a token: the measures published on the performance page. With the token or "
        "session of someone who may read the council's reports: every measure."
    ),
)
def list_measures(request):
    actor = actor_of(request)
    return {"items": [_described(m) for m in all_measures() if _may_read(actor, m)]}


@router.get(
    "/{key}",
    response={200: MeasureValuesOut, (400, 401, 403, 404, 422): ErrorsOut},
    operation_id="get_measure_values",
    summary="One measure's values per period, with the target that applied",
    description=(
        "Values for each whole month, quarter or year (`by`) from the one holding `from` to the "
        "one holding `to` (at most 120 periods, and 3 years without a token; periods after today "
        "are left out and the current one is counted to today). Without `from` and `to`: the "
        "last 12 whole months (4 quarters, 3 years). Rates are percentages (0 to 100), with the "
        "counts they are made of."
    ),
)
def get_measure_values(request, key: str, filters: Query[ValueFilters]):
    unknown = sorted(set(request.GET) - {"from", "to", "by"})
    if unknown:
        raise FieldError(unknown[0], f"Remove '{unknown[0]}': it is not a filter of this measure")
    measure = measure_for(key)
    if measure is None:
        raise Http404("There is no measure with this key.")
    if not _may_read(actor_of(request), measure):
        raise HttpError(
            403, "This measure is not published: send the API token of someone who reads reports."
        )
    today = timezone.localdate()
    periods = _periods(filters, today)
    reads_reports = can_view_reports(actor_of(request))
    if not reads_reports and _months_spanned(periods) > PUBLIC_MOST_MONTHS:
        raise FieldError(
            "from",
            f"Without a report reader's token, ask for {PUBLIC_MOST_MONTHS // 12} years "
            "or less at a time",
        )
    return {
        "measure": _described(measure),
        "by": filters.by.value,
        "items": [_item(r, today, reads_reports) for r in trend(measure, periods)],
    }


def _item(r: Reading, today: date, reads_reports: bool) -> dict:
    """One period's value; a rate of too few things (`MIN_DENOMINATOR`) has none, and without a
    report reader's token its counts are null too (the columns stay, for Power BI)."""
    shows_counts = reads_reports or not r.actual.too_few
    return {
        "start": r.period.start,
        "end": r.period.end,
        "is_complete": r.period.end < today,
        "value": None if r.actual.too_few else r.actual.value,
        "too_few": r.actual.too_few,
        "numerator": r.actual.numerator if shows_counts else None,
        "denominator": r.actual.denominator if shows_counts else None,
        "target": float(r.target.value) if r.target else None,
        "target_met": None if r.actual.too_few else r.is_met,
    }


def _months_spanned(periods: list[Period]) -> int:
    first, last = periods[0].start, periods[-1].end
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _periods(filters: ValueFilters, today: date) -> list[Period]:
    if filters.from_ is None and filters.to is None:
        return last_periods(filters.by, today, DEFAULT_COUNT[filters.by])
    if filters.from_ is None:
        raise FieldError("from", "Enter the first day to cover, as YYYY-MM-DD")
    if filters.from_ > today:
        raise FieldError("from", "The first day must be today or in the past")
    end = filters.to or today
    if end < filters.from_:
        raise FieldError("to", "The last day must be the same as or after the first day")
    periods = periods_between(filters.by, filters.from_, min(end, today))
    if len(periods) > MOST_PERIODS:
        raise FieldError(None, f"Ask for {MOST_PERIODS} periods or fewer at a time")
    # The running period is counted up to today, not into the future.
    return [Period(p.start, min(p.end, today)) for p in periods]
