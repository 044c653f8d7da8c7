"""The forms of the pay-by-reference journey (citizen site and the staff workspace share them)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

_POUNDS = re.compile(r"^£?\s*(\d{1,3}(,\d{3})*|\d+)(\.\d{1,2})?$")


def pounds_to_pence(text: str) -> int:
    """'£1,234.5' -> 123450; a ValidationError in GOV.UK words for anything else."""
    cleaned = text.strip()
    if not _POUNDS.match(cleaned):
        raise forms.ValidationError(_("Enter an amount in pounds and pence, like 45.50"))
    try:
        amount = Decimal(cleaned.lstrip("£").strip().replace(",", ""))
    except InvalidOperation:
        raise forms.ValidationError(_("Enter an amount in pounds and pence, like 45.50")) from None
    return int(amount * 100)


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
        self.fields["kind"].choices = [(bill.kind, bill.name) for bill in bills]

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
        field.label = _("What is your %(name)s?") % {"name": bill.reference_name}
        field.help_text = bill.format_hint


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
