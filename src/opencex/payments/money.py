"""Money as residents and officers write it (pounds and pence) and as we keep it (pence): the one
formatter (`pounds`, also the `|pounds` template filter) and the one parser (`pounds_to_pence`)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_POUNDS = re.compile(r"^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


def pounds_to_pence(text: str) -> int:
    """'£1,234.5' -> 123450; a ValidationError in GOV.UK words for anything else."""
    cleaned = text.strip()
    if not _POUNDS.match(cleaned):
        raise ValidationError(_("Enter an amount in pounds and pence, like 45.50"))
    return int(Decimal(cleaned.lstrip("£").strip().replace(",", "")) * 100)


def pounds(pence: int | None) -> str:
    """12345 -> '123.45' (with thousands separators); '' for no amount."""
    # Decimal, not float: exact for any number of pence.
    return "" if pence is None else f"{Decimal(pence) / 100:,.2f}"
