"""Forms for the held and unread emails screen: the case to add an email to, the kind of case to
open from it, and why it is not a request. They parse what the officer entered;
`inbox.services` makes each decision and checks the rules."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Case, CaseKind
from opencex.cases.references import normalise_reference, reference_hint


class AddToCaseForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the case"),
        help_text=reference_hint(_("For example %(reference)s."), CaseKind.FOI),
        max_length=32,
        error_messages={"required": _("Enter the reference of the case to add the email to")},
    )

    def __init__(self, *args, cases: QuerySet[Case], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cases = cases

    def clean_reference(self) -> Case:
        reference = normalise_reference(self.cleaned_data["reference"])
        # A case the officer may not see gets the same answer as one that does not exist, so the
        # form does not reveal which references are in use.
        case = self.cases.filter(reference=reference).first()
        if case is None:
            raise forms.ValidationError(
                _("There is no case with the reference %(reference)s"),
                params={"reference": reference},
            )
        return case


class OpenCaseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of case is it?"),
        error_messages={
            "required": _("Select the kind of case to open"),
            "invalid_choice": _("Select the kind of case to open"),
        },
    )

    def __init__(self, *args, kinds: list[CaseKind], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]


class ReadAgainForm(forms.Form):
    """No questions: the button is the decision."""


class NotARequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this email not a request?"),
        help_text=_("For example: spam, or meant for another organisation. The email is kept."),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Say why this email is not a request")},
    )
