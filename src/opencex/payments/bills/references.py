"""Checking a bill reference as a resident typed it: the format and the check digit the council
profile names, with the GOV.UK error message that says what is wrong, before any payment."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from opencex.council.profile import PayableBill
from opencex.languages import in_current_language
from opencex.payments.bills.check_digits import has_valid_check_digit


def payable_bills() -> tuple[PayableBill, ...]:
    return settings.COUNCIL_PROFILE.payments.bills


def payable_bill(kind: str) -> PayableBill | None:
    return settings.COUNCIL_PROFILE.payments.bill(kind)


def normalise(text: str) -> str:
    """As a reference is written on the bill: spaces and hyphens out, letters in capitals."""
    return re.sub(r"[\s-]+", "", text).upper()


def check_reference(bill: PayableBill, text: str) -> str:
    """The reference, normalised, or a ValidationError saying what is wrong with it."""
    reference = normalise(text)
    name = in_current_language(bill.reference_name)
    if not reference:
        raise ValidationError(_("Enter your %(name)s") % {"name": name}, code="required")
    if not re.fullmatch(bill.pattern, reference):
        raise ValidationError(
            _("Enter your %(name)s in the right format, like %(example)s")
            % {"name": name, "example": bill.example},
            code="format",
        )
    if not has_valid_check_digit(reference, bill.check_digit):
        raise ValidationError(
            _("Check your %(name)s: one of the numbers is wrong") % {"name": name},
            code="check_digit",
        )
    return reference
