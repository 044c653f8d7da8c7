"""What the tracking page shows about complaints: a complaint's stage, our decision, asking for
stage 2 and the ombudsman after the final response; on a request where the resident sounds
unhappy, the offer to make a complaint about it. Used by track_views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from opencex.cases.models import Case, CaseKind, Status
from opencex.complaints import policies as complaint_policies
from opencex.complaints.models import Complaint
from opencex.complaints.selectors import ombudsman_for_case, possible_complaint, stage_responses

TEXT_MAX_LENGTH = 5000


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why are you unhappy with our stage 1 response?"),
        help_text=gettext_lazy(
            "Tell us what you think we got wrong and what you would like us to do."
        ),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Tell us why you are unhappy with our stage 1 response"),
            "max_length": gettext_lazy("Your answer must be 5000 characters or fewer"),
        },
    )


class ComplainForm(forms.Form):
    what_happened = forms.CharField(
        label=gettext_lazy("What happened?"),
        help_text=gettext_lazy("We have copied what you told us. Change it or add to it."),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Tell us what happened"),
            "max_length": gettext_lazy("Your answer must be 5000 characters or fewer"),
        },
    )
    put_right = forms.CharField(
        label=gettext_lazy("What would you like us to do to put it right?"),
        max_length=3000,
        widget=forms.Textarea,
        error_messages={
            "required": gettext_lazy("Tell us what you would like us to do"),
            "max_length": gettext_lazy("Your answer must be 3000 characters or fewer"),
        },
    )


def raised_complaint(case: Case) -> Case | None:
    """The complaint the resident already made about this request, if any."""
    complaint = Complaint.objects.filter(raised_from=case).select_related("case").first()
    return complaint.case if complaint else None


def words_to_start_from(case: Case) -> str:
    """What the resident wrote that sounds unhappy (else their request), to start a complaint."""
    found = possible_complaint(case)
    return found.words if found else case.description


def complaint_context(case: Case, *, escalate_form: EscalateForm | None = None) -> dict[str, Any]:
    """The tracking page's complaint parts for `case`."""
    if case.kind != CaseKind.COMPLAINT:
        raised = raised_complaint(case)
        sounds_unhappy = raised is None and case.status != Status.WITHDRAWN
        return {
            "raised_complaint": raised,
            "offer_complaint": sounds_unhappy and possible_complaint(case) is not None,
        }
    responses = list(stage_responses(case))
    is_final = any(response.is_final for response in responses)
    return {
        "complaint_stage": case.stage,
        "stage_responses": responses,
        "can_escalate": complaint_policies.may_escalate_now(case, timezone.localdate()),
        "escalate_form": escalate_form or EscalateForm(),
        "ombudsman": ombudsman_for_case(case) if is_final else None,
    }
