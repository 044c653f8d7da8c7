"""What the staff workspace's forms share: ids that are the field names, a case reference that
must be one of the cases the officer may see, and a date in the GOV.UK day, month and year boxes
(`DayField`, drawn by `staff/_date_input.html`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Case
from opencex.cases.references import normalise_reference


class PageForm(forms.Form):
    """Ids are the field names with the form's prefix ("respond-outcome"), unique on the page
    and short enough for the GOV.UK error summary's links."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class CaseReferenceField(forms.CharField):
    """A reference typed by an officer, cleaned to the case it names among `cases` (set by the
    form, from the cases the officer may see). A case the officer may not see gets the same answer
    as one that does not exist, so the form does not reveal which references are in use."""

    default_error_messages = {
        "unknown": _("There is no case with the reference %(reference)s"),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)
        self.cases: QuerySet[Case] = Case.objects.none()

    def clean(self, value: Any) -> Case | None:
        text = super().clean(value)
        if not text:
            return None
        reference = normalise_reference(text)
        case = self.cases.filter(reference=reference).first()
        if case is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"reference": reference}
            )
        return case


class DayMonthYear(forms.MultiWidget):
    """The GOV.UK date input's three boxes, posted as <name>-day, <name>-month, <name>-year."""

    def __init__(self) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else ["", "", ""]


class DayBoundField(forms.BoundField):
    @property
    def id_for_label(self) -> str:
        """The day box, where a label or the error summary's link takes the officer."""
        return f"{self.html_name}-day"


# The years a date typed into the boxes may fall in: wide enough for any record the council
# keeps or plans, narrow enough that date arithmetic on it (a horizon scan's months, a deadline's
# working days) cannot run past the calendar's end (year 9999) and fail.
FIRST_YEAR = 1900
LAST_YEAR = 2100


class DayField(forms.MultiValueField):
    """A date in the GOV.UK day, month and year boxes, in FIRST_YEAR..LAST_YEAR."""

    widget = DayMonthYear
    bound_field_class = DayBoundField

    def __init__(self, **kwargs) -> None:
        number = {"invalid": _("Enter the date in numbers, for example 9 2 2026")}
        fields = (
            forms.IntegerField(error_messages=number),
            forms.IntegerField(error_messages=number),
            forms.IntegerField(error_messages=number),
        )
        kwargs.setdefault("error_messages", {"incomplete": _("Enter the day, month and year")})
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(part in (None, "") for part in data_list):
            return None
        day, month, year = data_list
        if isinstance(year, int) and not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                _("Year must be between %(first)s and %(last)s"),
                code="year_out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        try:
            return date(year, month, day)
        except (
            TypeError,
            ValueError,
            OverflowError,
        ):  # OverflowError: a year too large for a C long
            raise ValidationError(_("Enter a real date, for example 9 2 2026")) from None
