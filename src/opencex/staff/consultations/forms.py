"""The forms of the consultation pages: the plan, the horizon scan's filters, a reason to go
ahead despite a finding, the equality check, and the results."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from opencex.catalogue.models import ServiceArea, Team, Topic
from opencex.consultations.equality import GROUP_NAMES
from opencex.consultations.models import Audience, Method
from opencex.panels.models import Panel
from opencex.staff.forms import DayField, PageForm
from opencex.yousaidwedid.models import Change


def _ward_choices() -> list[tuple[str, str]]:
    return [(ward, ward) for ward in settings.COUNCIL_PROFILE.wards]


class PlanForm(PageForm):
    title = forms.CharField(
        label=_("Title"),
        help_text=_("What residents will see, for example Parking in Cowley: have your say."),
        max_length=200,
        error_messages={"required": _("Enter a title")},
    )
    topic = forms.CharField(
        label=_("What it asks about"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what the consultation asks about")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        help_text=_(
            "The topics it is about: other consultations on them are checked for duplicates."
        ),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service_area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.order_by("name"),
        empty_label=_("Choose a service area"),
        error_messages={"required": _("Choose a service area")},
    )
    team = forms.ModelChoiceField(
        label=_("Owning team"),
        queryset=Team.objects.order_by("name"),
        empty_label=_("Choose a team"),
        error_messages={"required": _("Choose the owning team")},
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        choices=Audience.choices,
        error_messages={"required": _("Choose who the consultation is for")},
    )
    panel = forms.ModelChoiceField(
        label=_("Which panel"),
        help_text=_("Only when it is for one of the council's panels."),
        queryset=Panel.objects.order_by("name"),
        required=False,
        empty_label=_("Not for a panel"),
    )
    wards = forms.MultipleChoiceField(
        label=_("Wards"),
        help_text=_("Choose none for the whole city."),
        choices=_ward_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    methods = forms.MultipleChoiceField(
        label=_("Ways to take part"),
        choices=Method.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way to take part")},
    )
    starts_on = DayField(
        label=_("Start date"),
        help_text=_("For example, 9 2 2027"),
        error_messages={
            "required": _("Enter the start date"),
            "incomplete": _("Enter the start date's day, month and year"),
        },
    )
    ends_on = DayField(
        label=_("End date"),
        help_text=_("For example, 9 3 2027"),
        error_messages={
            "required": _("Enter the end date"),
            "incomplete": _("Enter the end date's day, month and year"),
        },
    )
    is_statutory = forms.BooleanField(label=_("The law requires this consultation"), required=False)
    how_to_take_part = forms.CharField(
        label=_("How to take part"),
        help_text=_(
            "What residents read on the website: the survey's address, events, how to ask "
            "for paper."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must be the same as or after the start date"))
        if cleaned.get("audience") == Audience.PANEL and not cleaned.get("panel"):
            self.add_error("panel", _("Choose which of the council's panels is asked"))
        area, team = cleaned.get("service_area"), cleaned.get("team")
        if area and team and team.service_area_id != area.pk:
            self.add_error("team", _("Choose a team in the service area"))
        return cleaned


class ScanForm(PageForm):
    start = DayField(label=_("From"), required=False)
    months = forms.TypedChoiceField(
        label=_("For"),
        choices=[(1, _("1 month")), (3, _("3 months")), (6, _("6 months")), (12, _("12 months"))],
        coerce=int,
        required=False,
        empty_value=3,
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("Any audience")), *Audience.choices],
        required=False,
    )
    ward = forms.ChoiceField(label=_("Ward"), required=False)
    service_area = forms.ChoiceField(label=_("Service area"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", _("Any ward")), *_ward_choices()]
        self.fields["service_area"].choices = [
            ("", _("Any service area")),
            *ServiceArea.objects.order_by("name").values_list("slug", "name"),
        ]


class ReasonForm(PageForm):
    reason = forms.CharField(
        label=_("Why go ahead"),
        help_text=_(
            "For example, agreed with the other team to share events; or a different question."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Enter why the consultation should go ahead")},
    )


class EqualityForm(PageForm):
    """One answer per group; a group likely missed must have one."""

    def __init__(self, *args, checks=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.checks = list(checks)
        for check in self.checks:
            self.fields[check.group] = forms.CharField(
                label=GROUP_NAMES.get(check.group, check.group),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=check.likely_missed,
                initial=check.how_reached,
                max_length=2000,
                error_messages={
                    "required": _("Say how the plan reaches %(group)s")
                    % {"group": str(GROUP_NAMES.get(check.group, check.group)).lower()}
                },
            )

    def rows(self):
        return [(check, self[check.group]) for check in self.checks]


class OutcomeForm(PageForm):
    responses = forms.IntegerField(
        label=_("Number of responses"),
        min_value=0,
        error_messages={
            "required": _("Enter the number of responses"),
            "invalid": _("Enter the number of responses as a whole number"),
            "min_value": _("Enter the number of responses, 0 or more"),
        },
    )
    themes = forms.CharField(
        label=_("What people told us: the key themes"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the key themes")},
    )
    decision = forms.CharField(
        label=_("The decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the decision")},
    )
    decided_by = forms.CharField(
        label=_("Who made the decision"),
        help_text=_("For example, the Cabinet, or the Head of Housing under delegated powers."),
        max_length=200,
        error_messages={"required": _("Enter who made the decision")},
    )
    decided_on = DayField(
        label=_("Date of the decision"),
        error_messages={
            "required": _("Enter the date of the decision"),
            "incomplete": _("Enter the decision date's day, month and year"),
        },
    )
    changes = forms.ModelMultipleChoiceField(
        label=_("You said, we did changes that came of it"),
        queryset=Change.objects.order_by("-made_on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
