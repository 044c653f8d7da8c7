"""Forms for the staff side of the disclosure log: finding a request to prepare, editing and
publishing a draft, withdrawing an entry, and looking for released answers at intake. They parse
what the officer entered; `disclosure.services` makes each change and checks the rules."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Attachment, Case, CaseKind
from opencex.cases.references import reference_hint
from opencex.catalogue.models import ServiceArea
from opencex.disclosure.models import Decision
from opencex.staff.forms import CaseReferenceField, PageForm

PUBLISH = "publish"
SAVE = "save"


class PrepareForm(PageForm):
    reference = CaseReferenceField(
        label=_("Reference of the FOI or EIR request"),
        help_text=reference_hint(_("For example %(reference)s."), CaseKind.FOI),
        error_messages={
            "required": _("Enter the reference of the request"),
            "unknown": _("You have no request with the reference %(reference)s"),
        },
    )

    def __init__(self, *args, cases: QuerySet[Case], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].cases = cases


class DraftForm(PageForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the title")},
    )
    request_text = forms.CharField(
        label=_("The request, as it will be published"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the request")},
    )
    response_text = forms.CharField(
        label=_("Our response, as it will be published"),
        widget=forms.Textarea,
        error_messages={"required": _("Enter the response")},
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        error_messages={"required": _("Select the decision")},
    )
    service_area = forms.ModelChoiceField(
        label=_("Service area"),
        help_text=_("Residents filter the log by it"),
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        empty_label=_("Choose a service area"),
        to_field_name="slug",
    )
    attachments = forms.MultipleChoiceField(
        label=_("Files to publish"),
        help_text=_(
            "Only text-based files the council added are offered, never the requester's own. "
            "Tick each file you have read through and found free of personal data."
        ),
        required=False,
    )
    confirmed = forms.BooleanField(
        label=_("I have checked this contains no personal data"),
        required=False,
    )

    def __init__(self, *args, offered: QuerySet[Attachment], action: str = SAVE, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action = action
        self.offered = {str(attachment.pk): attachment for attachment in offered}
        self.fields["attachments"].choices = [
            (pk, attachment.original_name) for pk, attachment in self.offered.items()
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.action == PUBLISH:
            if not cleaned.get("service_area") and "service_area" not in self.errors:
                self.add_error("service_area", _("Choose the service area the request is about"))
            if not cleaned.get("confirmed"):
                self.add_error(
                    "confirmed", _("Confirm that you have checked this contains no personal data")
                )
        return cleaned

    def chosen_files(self) -> list[Attachment]:
        return [self.offered[pk] for pk in self.cleaned_data.get("attachments", [])]


class WithdrawForm(PageForm):
    reason = forms.CharField(
        label=_("Why is it being withdrawn?"),
        help_text=_("For the audit trail: the public page only says it was removed"),
        widget=forms.Textarea,
        error_messages={"required": _("Say why the entry is being withdrawn")},
    )


class SimilarForm(PageForm):
    text = forms.CharField(
        label=_("What the request asks for"),
        help_text=_("Paste the request: we look for released answers that share its words"),
        widget=forms.Textarea,
        required=False,
        max_length=10_000,
    )
