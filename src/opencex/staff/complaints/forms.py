"""Forms for the complaint, compliment and comment pages: each parses what an officer entered;
the service it goes to checks the rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opencex.accounts.models import User
from opencex.catalogue.models import Service, Team
from opencex.clocks.rules import RULES, DeadlineKind
from opencex.complaints.letters import ResponseLetter
from opencex.complaints.models import Outcome
from opencex.feedback.models import CommentTheme
from opencex.staff.forms import PageForm

# The officer's parts of a stage response letter (ResponseLetter without its stage), and what the
# response records besides.
_LETTER_PARTS = (
    "outcome",
    "complaint_as_understood",
    "decision_and_reasons",
    "apology",
    "remedy_action",
    "remedy_amount",
    "still_to_do",
)
_RESPONSE_EXTRAS = ("lesson_learned", "lesson_service", "about_service")
_LONGEST_EXTENSION = RULES[DeadlineKind.COMPLAINT_STAGE2_RESPONSE].max_extension_days


def council_services() -> QuerySet[Service]:
    return Service.objects.live().provided_by_council().order_by("title")


class AcknowledgeForm(PageForm):
    pass


class RespondForm(PageForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Outcome.choices,
        error_messages={"required": _("Choose upheld, partly upheld or not upheld")},
    )
    about_service = forms.ModelChoiceField(
        label=_("Service complained about"),
        help_text=_("This decides which ombudsman the resident can go to."),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Not about one service"),
    )
    complaint_as_understood = forms.CharField(
        label=_("The complaint as you understand it"),
        widget=forms.Textarea,
        error_messages={"required": _("Write the complaint as you understand it")},
    )
    decision_and_reasons = forms.CharField(
        label=_("Your decision and the reasons for it"),
        widget=forms.Textarea,
        error_messages={"required": _("Write your decision and the reasons for it")},
    )
    apology = forms.BooleanField(label=_("We apologise"), required=False)
    remedy_action = forms.CharField(
        label=_("What we did or will do to put it right (optional)"),
        widget=forms.Textarea,
        required=False,
    )
    remedy_amount = forms.DecimalField(
        label=_("Payment to the resident, in pounds (optional)"),
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        required=False,
        error_messages={
            "invalid": _("Enter the payment as an amount in pounds, like 50 or 25.50"),
            "min_value": _("The payment cannot be less than £0"),
        },
    )
    still_to_do = forms.CharField(
        label=_("What is still to be done (optional)"), widget=forms.Textarea, required=False
    )
    lesson_learned = forms.CharField(
        label=_("Lesson learned (optional)"),
        help_text=_("What the service will do differently. Staff only; not sent to the resident."),
        widget=forms.Textarea,
        required=False,
    )
    lesson_service = forms.ModelChoiceField(
        label=_("Service the lesson is for"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Choose a service"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("about_service", "lesson_service"):
            self.fields[name].queryset = council_services()
            self.fields[name].label_from_instance = lambda service: service.title

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("lesson_learned", "").strip() and cleaned.get("lesson_service") is None:
            self.add_error("lesson_service", _("Choose the service the lesson learned is for"))
        return cleaned

    def response(self) -> dict[str, Any]:
        """What `complaints.services.record_complaint_response` is given: the letter's parts,
        the lesson learned and the service complained about."""
        data = self.cleaned_data
        return {name: data[name] for name in (*_LETTER_PARTS, *_RESPONSE_EXTRAS)}

    def letter(self, stage: int) -> ResponseLetter:
        return ResponseLetter(
            stage=stage, **{name: self.cleaned_data[name] for name in _LETTER_PARTS}
        )


class ExtendForm(PageForm):
    days = forms.IntegerField(
        label=_("Extra working days"),
        help_text=_("Up to 10 at stage 1, up to 20 at stage 2. Only one extension per stage."),
        min_value=1,
        max_value=_LONGEST_EXTENSION,
        error_messages={
            "required": _("Enter how many working days you need"),
            "invalid": _("Enter the working days as a whole number, like 5"),
            "min_value": _("Enter 1 or more working days"),
            "max_value": _("Enter %(limit_value)s working days or fewer"),
        },
    )
    reason = forms.CharField(
        label=_("Why you need more time"),
        help_text=_("The resident is told this, with the ombudsman's contact details."),
        widget=forms.Textarea,
        error_messages={"required": _("Say why you need more time")},
    )


class EscalateForm(PageForm):
    reason = forms.CharField(
        label=_("Why the resident is unhappy with the stage 1 response"),
        widget=forms.Textarea,
        error_messages={"required": _("Say why the resident is unhappy with stage 1")},
    )


class PassOnComplimentForm(PageForm):
    officer = forms.ModelChoiceField(
        label=_("Officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No one officer"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.order_by("name"),
        required=False,
        empty_label=_("No team"),
    )
    words = forms.CharField(
        label=_("What the resident said"),
        help_text=_("Passed on as written here. Take out anything personal about the resident."),
        widget=forms.Textarea,
        error_messages={"required": _("Write what the resident said")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.active_staff().order_by("full_name")
        self.fields["officer"].label_from_instance = lambda user: user.full_name

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and cleaned.get("officer") is None and cleaned.get("team") is None:
            self.add_error("officer", _("Choose the officer or the team the compliment is for"))
        return cleaned


class ThemeCommentForm(PageForm):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=CommentTheme.objects.filter(is_active=True).order_by("name"),
        empty_label=_("Choose a theme"),
        error_messages={"required": _("Choose a theme")},
    )
    service = forms.ModelChoiceField(
        label=_("Service it is about"),
        help_text=_("The teams for this service will see the comment."),
        queryset=Service.objects.none(),
        empty_label=_("Choose a service"),
        error_messages={"required": _("Choose the service the comment is about")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = council_services()
        self.fields["service"].label_from_instance = lambda service: service.title
