"""The panel sign-up form (web/panel_views.py): who they are, how to contact them, their date
of birth, where they live, and the optional questions about themselves, each with "Prefer not to
say"; a Youth Panel member under 16 also gives a parent's or carer's name and email."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencex.panels import census, questions
from opencex.panels.models import ContactBy
from opencex.people import equality
from opencex.people.phone_numbers import uk_mobile

PREFER = (questions.PREFER_NOT_TO_SAY, gettext_lazy("Prefer not to say"))


def _optional_choice(label, choices, hint="") -> forms.ChoiceField:
    field = forms.ChoiceField(label=label, help_text=hint, choices=choices, required=False)
    field.error_messages["invalid_choice"] = gettext_lazy("Select an answer from the list")
    return field


class JoinForm(forms.Form):
    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter your full name")},
    )
    contact_by = forms.ChoiceField(
        label=gettext_lazy("How should we contact you?"),
        choices=[
            (ContactBy.EMAIL, gettext_lazy("Email")),
            (ContactBy.SMS, gettext_lazy("Text message")),
        ],
        error_messages={"required": gettext_lazy("Select email or text message")},
    )
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            )
        },
    )
    phone = forms.CharField(
        label=gettext_lazy("UK mobile phone number (optional if you chose email)"),
        help_text=gettext_lazy("For example, 07700 900 982"),
        required=False,
        max_length=32,
    )
    postcode = forms.CharField(
        label=gettext_lazy("Postcode"),
        help_text=gettext_lazy("We use it only to find your ward. For example, OX4 6BX"),
        required=False,
        max_length=16,
    )
    ward = forms.ChoiceField(
        label=gettext_lazy("Ward (the area you live in)"),
        help_text=gettext_lazy("Only if we cannot find it from your postcode"),
        required=False,
    )
    tenure = _optional_choice(
        gettext_lazy("Which best describes your home? (optional)"), questions.TENURE_CHOICES
    )
    ethnic_group = _optional_choice(
        gettext_lazy("What is your ethnic group? (optional)"),
        [*questions.ETHNIC_HEADINGS.items(), PREFER],
    )
    disability = _optional_choice(
        gettext_lazy("Do you consider yourself to be disabled? (optional)"),
        equality.DISABILITY.choices,
        equality.DISABILITY.hint,
    )
    main_language = _optional_choice(
        gettext_lazy("What is your main language? (optional)"), equality.MAIN_LANGUAGE.choices
    )
    parent_name = forms.CharField(
        label=gettext_lazy("Your parent's or carer's full name"), required=False, max_length=200
    )
    parent_email = forms.EmailField(
        label=gettext_lazy("Your parent's or carer's email address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            )
        },
    )
    message = forms.CharField(
        label=gettext_lazy("Is there anything you would like to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    agrees_to_profile = forms.BooleanField(
        label=gettext_lazy(
            "I agree to the council keeping my answers about my ethnic group, disability and "
            "language to check that the panel is like the people of the city"
        ),
        required=False,
    )
    agrees_to_join = forms.BooleanField(
        label=gettext_lazy(
            "I agree to join the panel, and to the council keeping my details to ask for my views"
        ),
        required=False,
    )

    def __init__(self, *args, youth: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.youth = youth
        self.fields["ward"].choices = [
            ("", _("Select your ward")),
            *((ward, ward) for ward in census.wards()),
        ]
        self.fields["ward"].error_messages["invalid_choice"] = _(
            "Select the area you live in from the list"
        )
        if not youth:
            del self.fields["parent_name"]
            del self.fields["parent_email"]
        self.born: date | None = None
        self.date_problem = ""
        self.date_parts = {
            part: (self.data.get(f"date_of_birth-{part}", "") if self.is_bound else "").strip()
            for part in ("day", "month", "year")
        }

    def clean(self):
        cleaned = super().clean()
        parts = self.date_parts
        if not all(parts.values()):
            self.date_problem = _("Enter your date of birth")
        else:
            try:
                self.born = date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
            except ValueError:
                self.date_problem = _("Date of birth must be a real date")
        if cleaned.get("phone") and uk_mobile(cleaned["phone"]) is None:
            self.add_error("phone", _("Enter a UK mobile number, like 07700 900 982"))
        return cleaned

    def date_field(self) -> dict:
        labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
        return {
            "id_for_label": "date_of_birth-day",
            "html_name": "date_of_birth",
            "label": _("Date of birth"),
            "help_text": _("For example, 27 3 2007. We keep only your age band, not the date."),
            "errors": [self.date_problem] if self.date_problem else [],
            "error_part": "",
            "autocomplete": "bday",
            "date_boxes": [
                {
                    "id": f"date_of_birth-{part}",
                    "part": part,
                    "label": labels[part],
                    "width": 4 if part == "year" else 2,
                    "value": self.date_parts[part],
                }
                for part in ("day", "month", "year")
            ],
        }
