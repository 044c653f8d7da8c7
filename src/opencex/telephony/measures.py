"""The contact centre's telephony figures as headline measures (`insight.measures`), so that
managers set targets for them and the public performance page shows them: the general lines only,
the vulnerable residents line apart as everywhere in this app (`selectors.overall_figures`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from opencex.insight.measures import (
    Measure,
    MeasureValue,
    Unit,
    read_once_per_period,
    register,
)
from opencex.insight.periods import Period
from opencex.telephony import selectors

# The four measures are made from the one reading of the period's figures.
overall_figures = read_once_per_period(selectors.overall_figures)


def _answered(period: Period) -> MeasureValue:
    figures = overall_figures(period)
    return MeasureValue.rate(figures.answered, figures.offered)


def _abandoned(period: Period) -> MeasureValue:
    figures = overall_figures(period)
    return MeasureValue.rate(figures.abandoned, figures.offered)


def _service_level(period: Period) -> MeasureValue:
    figures = overall_figures(period)
    return MeasureValue.rate(figures.answered_in_target, figures.offered)


def _speed_of_answer(period: Period) -> MeasureValue:
    waited = overall_figures(period).average_speed_of_answer
    return MeasureValue(waited.total / waited.count if waited.count else None)


MEASURES = (
    Measure(
        key="calls-answered",
        name=_("Calls answered"),
        definition=_(
            "Of the calls to the council's general phone lines in the period, the share an "
            "officer answered. The vulnerable residents line is counted apart."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=True,
        value=_answered,
    ),
    Measure(
        key="calls-abandoned",
        name=_("Calls abandoned"),
        definition=_(
            "Of the calls to the council's general phone lines in the period, the share where "
            "the caller hung up before an officer answered."
        ),
        unit=Unit.PERCENT,
        higher_is_better=False,
        is_publishable=False,
        value=_abandoned,
    ),
    Measure(
        key="calls-answered-in-target",
        name=_("Calls answered within the line's target time"),
        definition=_(
            "Of the calls offered on the general lines, the share answered within each line's "
            "target (set per line, for example 60 seconds); a call abandoned counts against it."
        ),
        unit=Unit.PERCENT,
        higher_is_better=True,
        is_publishable=False,
        value=_service_level,
    ),
    Measure(
        key="average-speed-of-answer",
        name=_("Average wait for an answered call"),
        definition=_(
            "The seconds an answered call on the general lines waited before an officer "
            "answered, on average."
        ),
        unit=Unit.SECONDS,
        higher_is_better=False,
        is_publishable=False,
        value=_speed_of_answer,
    ),
)


def register_measures() -> None:
    for measure in MEASURES:
        register(measure)
