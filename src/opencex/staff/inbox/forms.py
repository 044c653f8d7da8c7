"""Forms for the held and unread emails screen: the case to add an email to, the kind of case to
open from it, and why it is not a request. They parse what the officer entered;
`inbox.services` makes each decision and checks the rules."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Case, CaseKind
from opencex.cases.references import reference_hint
from opencex.staff.forms import CaseReferenceField, PageForm


class AddToCaseForm(PageForm):
    reference = CaseReferenceField(
        label=_("Reference of the case"),
        help_text=reference_hint(_("For example %(reference)s."), CaseKind.FOI),
        error_messages={"required": _("Enter the reference of the case to add the email to")},
    )

    def __init__(self, *args, cases: QuerySet[Case], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].cases = cases


class OpenCaseForm(PageForm):
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


class ReadAgainForm(PageForm):
    """No questions: the button is the decision."""


class NotARequestForm(PageForm):
    reason = forms.CharField(
        label=_("Why is this email not a request?"),
        help_text=_("For example: spam, or meant for another organisation. The email is kept."),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Say why this email is not a request")},
    )
