"""The equality and reach page's period: a whole quarter or a whole financial year (April to
March) that has ended, never dates of one's choosing. With any two ranges one could take the
figures for 1 to 31 March from those for 1 to 30 March and find the one resident of 31 March;
whole periods that do not overlap but by containing one another leave no day on its own."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils.dates import MONTHS  # the month names, translated by Django
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.insight.periods import Period

QUARTERS = 8
YEARS = 3


def _months_later(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def whole_periods(today: date) -> list[tuple[str, str, Period]]:
    """The last 8 quarters and the last 3 financial years that have ended by `today`, latest
    first: (value, words, period)."""
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    found = []
    for back in range(1, QUARTERS + 1):
        start = _months_later(this_quarter, -3 * back)
        end = _months_later(start, 3) - timedelta(days=1)
        words = _("%(first)s to %(last)s %(year)s") % {
            "first": MONTHS[start.month],
            "last": MONTHS[end.month],
            "year": end.year,
        }
        found.append((f"q{start:%Y-%m}", words, Period(start, end)))
    this_year = today.year if today.month >= 4 else today.year - 1
    for back in range(1, YEARS + 1):
        start = date(this_year - back, 4, 1)
        end = date(this_year - back + 1, 3, 31)
        words = _("Financial year April %(start)s to March %(end)s") % {
            "start": start.year,
            "end": end.year,
        }
        found.append((f"fy{start.year}", words, Period(start, end)))
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
