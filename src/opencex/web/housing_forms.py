"""The forms of the tenant portal's pages (`housing_views`): picking a room, an item and a
problem, reporting a repair, and choosing a time for a repair visit, with how a visit's time
reads (`visit_time`) and how a choice reaches the GOV.UK radios partial (`as_radios`). They only
parse; `housing.services` decides."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opencex.dates_in_language import clock_time, long_date

PHOTO_HELP = gettext_lazy("A JPG, PNG, GIF or HEIC photo, or a PDF, smaller than 10MB.")


class PickForm(forms.Form):
    choice = forms.ChoiceField(widget=forms.RadioSelect)

    def __init__(self, *args, label: str, options, required_message: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["choice"])
        field.label = label
        field.choices = options
        field.error_messages["required"] = required_message
        field.error_messages["invalid_choice"] = required_message


class ReportForm(forms.Form):
    description = forms.CharField(
        label=gettext_lazy("Describe the problem"),
        help_text=gettext_lazy("Say what you can see and how long it has been like this."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Describe the problem"),
            "max_length": gettext_lazy("Describe the problem in 2000 characters or fewer"),
        },
    )
    photo = forms.FileField(
        label=gettext_lazy("Add a photo (optional)"), help_text=PHOTO_HELP, required=False
    )
    tenancy = forms.CharField(widget=forms.HiddenInput)
    submission = forms.CharField(widget=forms.HiddenInput)


class SlotForm(forms.Form):
    slot = forms.ChoiceField(
        label=gettext_lazy("Choose a time for our visit"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Select a time for our visit"),
            "invalid_choice": gettext_lazy("Select one of the times shown"),
        },
    )

    def __init__(self, *args, slots, **kwargs) -> None:
        """`slots`: the visit times on offer (`housing.services.open_slots`)."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["slot"]).choices = [
            (str(slot.pk), visit_time(slot)) for slot in slots
        ]


def visit_time(slot) -> str:
    """The visit's day and hours: "Monday 14 December 2026, 8am to midday"."""
    starts, ends = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return gettext_lazy("%(day)s, %(start)s to %(end)s") % {
        "day": long_date(starts),
        "start": clock_time(starts),
        "end": clock_time(ends),
    }


def as_radios(bound: forms.BoundField) -> dict[str, Any]:
    """A choice field as the GOV.UK radios partial expects it."""
    return {
        "id_for_label": bound.id_for_label or f"id_{bound.name}",
        "html_name": bound.html_name,
        "label": bound.label,
        "help_text": bound.help_text,
        "errors": bound.errors,
        "value": bound.value() or "",
        "options": [
            {"value": value, "label": label}
            for value, label in bound.field.widget.choices  # the field's, set with them
        ],
    }
