"""The forms of the survey pages: starting a survey, and inviting a sample of a panel."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from opencex.panels.models import Panel
from opencex.staff.forms import DayField, PageForm
from opencex.surveys.loading import definition_file, definition_slugs
from opencex.surveys.models import Audience

LARGEST_SAMPLE = 10_000


def _definition_choices() -> list[tuple[str, str]]:
    """The shipped survey definitions, by their title in the page's language."""
    language = (get_language() or "en").split("-")[0]
    choices = []
    for slug in definition_slugs():
        title = definition_file(slug).get("title") or {}
        name = title.get(language) or title.get("en") or slug if isinstance(title, dict) else title
        choices.append((slug, str(name)))
    return choices


class StartSurveyForm(PageForm):
    definition = forms.ChoiceField(
        label=_("Which survey"),
        choices=_definition_choices,
        error_messages={"required": _("Choose which survey to ask")},
    )
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For staff and in the invitation, for example Residents Panel winter survey."),
        max_length=200,
        error_messages={"required": _("Enter a title")},
    )
    purpose = forms.CharField(
        label=_("Why the council asks"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why the council asks")},
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        choices=Audience.choices,
        error_messages={"required": _("Choose who the survey is for")},
    )
    opens_on = DayField(
        label=_("Opens on"),
        help_text=_("For example, 1 12 2026"),
        error_messages={
            "required": _("Enter the day the survey opens"),
            "incomplete": _("Enter the opening day's day, month and year"),
        },
    )
    closes_on = DayField(
        label=_("Closes on"),
        help_text=_("For example, 31 12 2026"),
        error_messages={
            "required": _("Enter the day the survey closes"),
            "incomplete": _("Enter the closing day's day, month and year"),
        },
    )
    is_anonymous = forms.TypedChoiceField(
        label=_("Anonymous"),
        choices=[
            ("yes", _("Yes: a response keeps no link to the person asked")),
            ("no", _("No: keep the invitation with each response")),
        ],
        coerce=lambda value: value == "yes",
        initial="yes",
        error_messages={"required": _("Choose whether the survey is anonymous")},
    )

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error(
                "closes_on", _("The closing day must be the same as or after the opening day")
            )
        return cleaned


class InviteSampleForm(PageForm):
    panel = forms.ModelChoiceField(
        label=_("Which panel"),
        queryset=Panel.objects.order_by("name"),
        empty_label=None,
        error_messages={"required": _("Choose which panel to ask")},
    )
    size = forms.IntegerField(
        label=_("Sample size"),
        help_text=_(
            "How many active members to invite, shared between age bands, wards and tenures "
            "in proportion."
        ),
        min_value=1,
        max_value=LARGEST_SAMPLE,
        error_messages={
            "required": _("Enter how many members to invite"),
            "invalid": _("Enter the sample size as a whole number, for example 200"),
            "min_value": _("The sample size must be 1 or more"),
            "max_value": _("The sample size must be %(limit_value)s or fewer"),
        },
    )
