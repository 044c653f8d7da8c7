"""Forms for the information-rights register pages: each parses what an officer entered; the
inforights service it is posted to checks the rules (exemptions, dates, who may)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Case, CaseKind, Channel, Status
from opencex.cases.selectors import ClockStatus
from opencex.inforights.legislation import citable_for
from opencex.inforights.models import Decision, IcoOutcome
from opencex.inforights.selectors import ALL_STATUSES, UNDECIDED, RegisterFilters
from opencex.inforights.services import LAW_OF_KIND, Flag
from opencex.staff.forms import DayField, PageForm

INFORMATION_KINDS = [CaseKind.FOI, CaseKind.EIR, CaseKind.SAR, CaseKind.FOI_INTERNAL_REVIEW]


def field_slug(code: str) -> str:
    """An exemption code as it can appear in a field name and an HTML id."""
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def _optional_day(label: str) -> DayField:
    return DayField(label=label, required=False, help_text=_("Leave empty for today"))


class RegisterFilterForm(PageForm):
    """The GET form above the register; anything it does not recognise is ignored."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any")), *((k.value, k.label) for k in INFORMATION_KINDS)],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open")), (ALL_STATUSES, _("Any")), *Status.choices],
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("Any")), (UNDECIDED, _("Not decided yet")), *Decision.choices],
    )
    clock = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[("", _("Any")), *(c for c in ClockStatus.choices if c[0] != ClockStatus.FINISHED)],
    )

    def filters(self) -> RegisterFilters:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return RegisterFilters(**{name: value for name, value in cleaned.items() if value})


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.Select,  # drawn as GOV.UK radios; Select keeps the first radio's id plain
        error_messages={"required": _("Select the decision")},
    )
    exemptions = forms.MultipleChoiceField(
        label=_("Exemptions or exceptions relied on"),
        required=False,
        widget=forms.SelectMultiple,  # drawn as GOV.UK checkboxes
    )
    reasons = forms.CharField(
        label=_("Response to the requester"),
        help_text=_("What you are releasing, or why not. It is emailed to them with their rights."),
        widget=forms.Textarea,
        error_messages={"required": _("Write the response to the requester")},
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.citable = citable_for(LAW_OF_KIND.get(CaseKind(case.kind)))
        self.fields["exemptions"].choices = [(item.code, item.label) for item in self.citable]
        if not self.citable:
            del self.fields["exemptions"]
        for item in self.citable:
            if item.needs_public_interest:
                self.fields[f"pi_{field_slug(item.code)}"] = forms.CharField(
                    label=_("Public interest reasoning for %(provision)s")
                    % {"provision": item.provision},
                    required=False,
                    widget=forms.Textarea,
                )

    def public_interest(self) -> dict[str, str]:
        return {
            item.code: self.cleaned_data.get(f"pi_{field_slug(item.code)}", "")
            for item in self.citable
            if item.needs_public_interest
        }

    def options(self):
        """Each citable exemption with whether it is ticked and its reasoning field, if any."""
        chosen = set(self["exemptions"].value() or []) if "exemptions" in self.fields else set()
        for index, item in enumerate(self.citable, start=1):
            name = f"pi_{field_slug(item.code)}"
            yield {
                "item": item,
                "index": index,
                "checked": item.code in chosen,
                "reasoning": self[name] if name in self.fields else None,
            }


class FeesNoticeForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Fee, in pounds"),
        min_value=0.01,
        max_digits=8,
        decimal_places=2,
        error_messages={
            "required": _("Enter the fee, in pounds"),
            "invalid": _("Enter the fee as a number, like 25.50"),
            "min_value": _("Enter the fee, in pounds, more than £0"),
        },
    )
    on = _optional_day(_("Date the notice was given"))


class FeePaidForm(forms.Form):
    on = _optional_day(_("Date the fee arrived"))


class IdentityNeededForm(forms.Form):
    note = forms.CharField(
        label=_("What proof you asked for (optional)"), required=False, max_length=300
    )


class IdentityVerifiedForm(forms.Form):
    evidence = forms.CharField(
        label=_("How did they prove who they are?"),
        help_text=_("For example, passport seen at the Town Hall"),
        max_length=200,
        error_messages={"required": _("Say how the requester proved who they are")},
    )
    on = _optional_day(_("Date the proof arrived"))


class ExtensionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension"),
        help_text=_("The requester is told this by email."),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for the extension")},
    )


class FlagForm(forms.Form):
    flag = forms.ChoiceField(
        label=_("What is this request?"),
        choices=Flag.CHOICES,
        widget=forms.Select,
        error_messages={"required": _("Select what the request is")},
    )
    other_reference = forms.CharField(
        label=_("Reference of the earlier request (for a duplicate or repeat)"),
        required=False,
        max_length=40,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("It may have to be explained to the Information Commissioner."),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason")},
    )


class InternalReviewForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the requester unhappy with the decision?"),
        widget=forms.Textarea,
        error_messages={"required": _("Say why the requester is unhappy with the decision")},
    )
    channel = forms.ChoiceField(
        label=_("How did they ask?"),
        choices=[(c.value, c.label) for c in (Channel.EMAIL, Channel.LETTER, Channel.WEB)],
        widget=forms.Select,
    )
    on = _optional_day(_("Date the review request arrived"))


class IcoComplaintForm(forms.Form):
    ico_reference = forms.CharField(
        label=_("ICO case reference"),
        max_length=40,
        error_messages={"required": _("Enter the ICO's case reference")},
    )
    received_on = DayField(
        label=_("Date the ICO told us"),
        error_messages={"required": _("Enter the date the ICO told us")},
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=IcoOutcome.choices)


class ExportForm(forms.Form):
    case = forms.ChoiceField(label=_("Which subject access request is this for?"), required=False)

    def __init__(self, *args, requests, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.requests = {case.reference: case for case in requests}
        self.fields["case"].choices = [
            ("", _("None")),
            *((ref, f"{ref}: {case.subject}") for ref, case in self.requests.items()),
        ]
