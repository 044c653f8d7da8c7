"""The form for setting a target: it parses what was typed; `insight.targets.set_target` holds
the rules and says what is wrong, and the view puts its message on the right field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.insight.granularity import Granularity
from opencex.insight.measures import all_measures
from opencex.staff.forms import DayField


def _measure_choices() -> list[tuple[str, str]]:
    """Read each time the form is made: apps register their measures when they are ready."""
    return [("", _("Select a measure"))] + [
        (measure.key, str(measure.name)) for measure in all_measures()
    ]


class TargetForm(forms.Form):
    measure = forms.ChoiceField(
        label=gettext_lazy("Measure"),
        choices=_measure_choices,
        error_messages={
            "required": gettext_lazy("Select a measure"),
            "invalid_choice": gettext_lazy("Select a measure from the list"),
        },
    )
    granularity = forms.ChoiceField(
        label=gettext_lazy("The target is for each"),
        choices=Granularity.choices,
        error_messages={
            "required": gettext_lazy("Select whether the target is for a month, quarter or year"),
            "invalid_choice": gettext_lazy(
                "Select whether the target is for a month, quarter or year"
            ),
        },
    )
    value = forms.CharField(
        label=gettext_lazy("Target"),
        help_text=gettext_lazy("A percentage for a rate, for example 95 or 92.5"),
        max_length=20,
        error_messages={"required": gettext_lazy("Enter the target")},
    )
    applies_from = DayField(
        label=gettext_lazy("Starts from"),
        error_messages={
            "required": gettext_lazy(
                "Enter the date the target starts from, with a day, month and year"
            ),
            "incomplete": gettext_lazy(
                "Enter the date the target starts from, with a day, month and year"
            ),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Why this target"),
        help_text=gettext_lazy("For example the plan or the decision it comes from"),
        max_length=500,
        required=False,
        widget=forms.Textarea,
    )
