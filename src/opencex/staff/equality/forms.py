"""The equality and reach page's period: a whole quarter or a whole financial year (April to
March) that has ended, never dates of one's choosing. With any two ranges one could take the
figures for 1 to 31 March from those for 1 to 30 March and find the one resident of 31 March;
whole periods that do not overlap but by containing one another leave no day on its own."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.insight.granularity import Granularity, last_periods, period_name, year_name
from opencex.insight.periods import Period

QUARTERS = 8
YEARS = 3


def whole_periods(today: date) -> list[tuple[str, str, Period]]:
    """The last 8 quarters and the last 3 reporting years (the financial year, April to March)
    that have ended by `today`, latest first: (value, words, period). Their bounds are
    insight.granularity's, as everywhere."""
    found = []
    for quarter in reversed(last_periods(Granularity.QUARTER, today, QUARTERS)):
        found.append((f"q{quarter.start:%Y-%m}", period_name(quarter), quarter))
    for year in reversed(last_periods(Granularity.YEAR, today, YEARS)):
        words = _("Financial year April %(start)s to March %(end)s") % {
            "start": year.start.year,
            "end": year.end.year,
        }
        if year.start.month != 4:  # a council whose year is not the financial year
            words = _("Year %(name)s") % {"name": year_name(year)}
        found.append((f"fy{year.start.year}", words, year))
    return found


class WholePeriodChoice:
    def __init__(self, period: Period):
        self.period = period


class WholePeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        help_text=gettext_lazy(
            "A whole quarter or financial year that has ended: figures for dates of your own "
            "choosing could be taken from one another to find one resident."
        ),
        error_messages={
            "invalid_choice": gettext_lazy("Select a quarter or a financial year from the list"),
            "required": gettext_lazy("Select a quarter or a financial year from the list"),
        },
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {value: period for value, _words, period in whole_periods(today)}
        self.fields["period"].choices = [(v, w) for v, w, _p in whole_periods(today)]

    @property
    def latest(self) -> str:
        return next(iter(self.periods))

    def choice(self) -> WholePeriodChoice | None:
        if not self.is_valid():
            return None
        return WholePeriodChoice(self.periods[self.cleaned_data["period"]])
