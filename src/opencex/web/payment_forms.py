"""The forms of the citizen pay-by-reference journey."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opencex.languages import in_current_language
from opencex.payments.money import pounds_to_pence


class ChooseBillForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to pay?"),
        error_messages={
            "required": _("Select what you want to pay"),
            "invalid_choice": _("Select what you want to pay"),
        },
    )

    def __init__(self, *args, bills=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (bill.kind, in_current_language(bill.name)) for bill in bills
        ]

    def radios(self) -> dict:
        """The field as the GOV.UK radios partial expects it."""
        bound = self["kind"]
        return {
            "id_for_label": bound.id_for_label,
            "html_name": bound.html_name,
            "label": bound.label,
            "help_text": "",
            "errors": bound.errors,
            "value": bound.value() or "",
            "options": [{"value": value, "label": label} for value, label in bound.field.choices],
        }


class ReferenceForm(forms.Form):
    reference = forms.CharField(max_length=40, required=False)

    def __init__(self, *args, bill, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reference"]
        field.label = _("What is your %(name)s?") % {
            "name": in_current_language(bill.reference_name)
        }
        field.help_text = in_current_language(bill.format_hint)


class AmountForm(forms.Form):
    amount = forms.CharField(
        label=_("How much do you want to pay?"),
        max_length=20,
        error_messages={"required": _("Enter the amount you want to pay")},
    )

    def clean_amount(self) -> int:
        return pounds_to_pence(self.cleaned_data["amount"])


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We will show your receipt reference on screen. Give an email address so "
            "the payment provider can send you a confirmation."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
