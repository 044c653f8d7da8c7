"""What the staff workspace's forms share: ids that are the field names, and a case reference
that must be one of the cases the officer may see."""

from __future__ import annotations

from typing import Any

from django import forms
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
