"""The forms of the bin collection look-up and reminders (web/bin_views.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencex.bincollections.models import ReminderChannel
from opencex.bincollections.rounds import normalised_postcode
from opencex.people.phone_numbers import uk_mobile

NOT_LISTED = "not-listed"


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label=_("Postcode"),
        help_text=_("For example, OX1 1BX"),
        max_length=16,
        error_messages={"required": _("Enter a postcode")},
    )

    def clean_postcode(self) -> str:
        written = normalised_postcode(self.cleaned_data["postcode"])
        if written is None:
            raise forms.ValidationError(_("Enter a real postcode, like OX1 1BX"))
        return written


class AddressForm(forms.Form):
    uprn = forms.ChoiceField(
        label=_("Select your address"),
        error_messages={"required": _("Select your address, or say it is not listed")},
    )

    def __init__(self, *args, addresses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uprn"].choices = [
            *((each.uprn, str(each)) for each in addresses),
            (NOT_LISTED, _("My address is not listed")),
        ]


class ReminderForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How do you want to get reminders?"),
        choices=[
            (ReminderChannel.EMAIL, _("Email")),
            (ReminderChannel.SMS, _("Text message")),
        ],
        error_messages={"required": _("Select email or text message")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("If you chose email"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    phone = forms.CharField(
        label=_("UK mobile phone number"),
        help_text=_("If you chose text message. For example, 07700 900 982"),
        required=False,
        max_length=32,
    )

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("channel")
        if (
            channel == ReminderChannel.EMAIL
            and not cleaned.get("email")
            and "email" not in self.errors
        ):
            self.add_error("email", _("Enter your email address"))
        if channel == ReminderChannel.SMS:
            phone = uk_mobile(cleaned.get("phone", ""))
            if phone is None:
                self.add_error("phone", _("Enter a UK mobile phone number, like 07700 900 982"))
            cleaned["phone"] = phone
        return cleaned

    @property
    def recipient(self) -> str:
        data = self.cleaned_data
        return data["email"].lower() if data["channel"] == ReminderChannel.EMAIL else data["phone"]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Enter the code we sent you"),
        help_text=_("It is 6 numbers"),
        max_length=12,
        error_messages={"required": _("Enter the code from the text message")},
    )
