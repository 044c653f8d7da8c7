"""The forms of the you said, we did pages: recording a change, linking feedback, withdrawing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencex.catalogue.models import Service, ServiceArea
from opencex.yousaidwedid.models import SourceKind

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
LINKABLE_KINDS = [(kind.value, kind.label) for kind in SourceKind]


class ChangeForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        help_text=_("What changed, in a few words. For example, More benches in South Park."),
        max_length=200,
        error_messages={"required": _("Enter a title")},
    )
    you_said = forms.CharField(
        label=_("You said"),
        help_text=_(
            "What residents told us, in your own words: never a resident's name or their words "
            "copied."
        ),
        widget=forms.Textarea,
        error_messages={"required": _("Enter what residents said")},
    )
    we_did = forms.CharField(
        label=_("We did"),
        help_text=_("What we changed because of it."),
        widget=forms.Textarea,
        error_messages={"required": _("Enter what we did")},
    )
    service_area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.order_by("name"),
        empty_label=_("Choose a service area"),
        error_messages={"required": _("Choose a service area")},
    )
    service = forms.ModelChoiceField(
        label=_("Service (optional)"),
        queryset=Service.objects.order_by("title"),
        required=False,
        empty_label=_("No one service"),
    )
    made_on = forms.DateField(
        label=_("Date the change was made"),
        help_text=_("For example, 20/11/2026."),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Enter the date the change was made"),
            "invalid": _("Enter the date as day/month/year, for example 20/11/2026"),
        },
    )


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of feedback"),
        choices=LINKABLE_KINDS,
        error_messages={"required": _("Choose the kind of feedback")},
    )
    reference = forms.CharField(
        label=_("Reference"),
        help_text=_(
            "A comment's or complaint's case reference; for a rating, the reference of the case "
            "rated or the rating's number; for page feedback, its number; for a survey answer, "
            "the response's number and the question, like 12:improve_comment."
        ),
        max_length=40,
        error_messages={"required": _("Enter the reference")},
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        max_length=500,
        error_messages={"required": _("Enter why the change is withdrawn")},
    )
