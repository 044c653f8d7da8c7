"""Staff pages for a resident's support needs (vulnerability, health, disability): record one
with its lawful basis and consent, review it (still needed, or changed), remove it; and the list
of reviews due for the officer's teams. The rules and the audit are people.services'."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opencex.contacts.services import note_support_need_recorded
from opencex.people import policies
from opencex.people import services as people_services
from opencex.people.models import (
    ConsentHow,
    LawfulBasis,
    PublicInterestCondition,
    Resident,
    SensitiveCategory,
)
from opencex.staff.access import staff_only
from opencex.staff.forms import DayField

REVIEW_PURPOSE = "Reviewing a support need"
YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


def _review_date_field() -> DayField:
    return DayField(
        label=gettext_lazy("Review by"),
        help_text=gettext_lazy("Within a year. For example, 27 3 2027"),
        required=False,
    )


class SupportNeedForm(forms.Form):
    category = forms.ChoiceField(
        label=gettext_lazy("Kind of support need"),
        choices=SensitiveCategory.choices,
        error_messages={"required": gettext_lazy("Select the kind of support need")},
    )
    details = forms.CharField(
        label=gettext_lazy("What officers need to know to help"),
        help_text=gettext_lazy(
            "Only what helps us serve them, for example “uses a wheelchair: ground-floor "
            "appointments”. No diagnosis or history."
        ),
        widget=forms.Textarea,
        required=False,
        max_length=people_services.DETAILS_MAX_LENGTH,
    )
    purpose = forms.CharField(
        label=gettext_lazy("Why the council needs to hold it"),
        help_text=gettext_lazy("For example, to give priority to repairs that affect their health"),
        required=False,
        max_length=300,
    )
    consent_given = forms.ChoiceField(
        label=gettext_lazy("Has the resident agreed to us recording this?"),
        choices=YES_NO,
        error_messages={"required": gettext_lazy("Select whether the resident agreed")},
    )
    consent_how = forms.ChoiceField(
        label=gettext_lazy("How did they agree? (if they agreed)"),
        choices=ConsentHow.choices,
        required=False,
    )
    basis = forms.ChoiceField(
        label=gettext_lazy("Lawful basis"),
        choices=LawfulBasis.choices,
        required=False,
    )
    basis_condition = forms.ChoiceField(
        label=gettext_lazy("Condition (for substantial public interest)"),
        choices=[("", ""), *PublicInterestCondition.choices],
        required=False,
    )
    basis_reason = forms.CharField(
        label=gettext_lazy("Why we hold it without their consent (if they did not agree)"),
        widget=forms.Textarea,
        required=False,
    )
    review_on = _review_date_field()
    team = forms.ChoiceField(label=gettext_lazy("Team that holds and reviews it"), required=False)
    # The call whose triage led here, if any (its outcome then says the need was recorded).
    contact = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(team.pk): team for team in teams}
        self.fields["team"].choices = [("", ""), *((k, t.name) for k, t in self.teams.items())]


@staff_only
@require_http_methods(["GET", "POST"])
def record_support_need(request: HttpRequest, resident_id: int) -> HttpResponse:
    resident = get_object_or_404(Resident, pk=resident_id)
    actor = request.user
    if not policies.can_record_sensitive_information(actor, resident):
        raise PermissionDenied
    teams = list(actor.teams.order_by("name"))
    if request.method == "GET":
        contact = request.GET.get("contact", "")
        initial = {
            "team": str(teams[0].pk) if teams else "",
            "contact": contact if contact.isdigit() else "",
        }
        form = SupportNeedForm(initial=initial, teams=teams)
        return _render_record(request, resident, form)
    form = SupportNeedForm(request.POST, teams=teams)
    if not form.is_valid():
        return _render_record(request, resident, form, status=400)
    data = form.cleaned_data
    try:
        people_services.record_support_need(
            actor=actor,
            resident=resident,
            category=data["category"],
            details=data["details"],
            purpose=data["purpose"],
            basis=data["basis"],
            basis_condition=data["basis_condition"],
            basis_reason=data["basis_reason"],
            consent_given=data["consent_given"] == "yes",
            consent_how=data["consent_how"],
            review_on=data["review_on"],
            team=form.teams.get(data["team"]),
        )
    except people_services.SupportNeedError as error:
        for field, message in error.errors.items():
            form.add_error(field, message)
        return _render_record(request, resident, form, status=400)
    if data["contact"]:
        # Recorded from the call whose triage led here: the call now says it was recorded.
        note_support_need_recorded(actor=actor, contact_number=data["contact"], resident=resident)
    messages.success(request, _("Support need recorded"))
    return redirect("staff:resident", resident_id=resident.pk)


def _render_record(request, resident, form, status: int = 200) -> HttpResponse:
    return render(
        request,
        "staff/residents/support_need_new.html",
        {"resident": resident, "form": form},
        status=status,
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What did you check with the resident?"),
        widget=forms.Textarea,
        required=False,
    )
    details = forms.CharField(
        label=gettext_lazy("What officers need to know to help"),
        help_text=gettext_lazy("Change this only if it has changed."),
        widget=forms.Textarea,
        required=False,
        max_length=people_services.DETAILS_MAX_LENGTH,
    )
    review_on = _review_date_field()


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it being removed?"),
        help_text=gettext_lazy(
            "For example, no longer needed, or the resident withdrew their consent. The details "
            "are erased; the removal and this reason are kept in the log."
        ),
        widget=forms.Textarea,
        required=False,
    )


def _entry_to_review(actor, resident: Resident, number: int):
    """The support need `number`, if this officer may read it: another team's entry is not
    found, even by an officer whose team holds one of the resident's others."""
    if not policies.can_view_sensitive_information(actor, resident):
        raise PermissionDenied
    held = people_services.read_sensitive_information(
        actor=actor, resident=resident, purpose=REVIEW_PURPOSE
    )
    for entry in held:
        if entry.pk == number:
            return entry
    raise Http404


@staff_only
@require_http_methods(["GET", "POST"])
def review_support_need(request: HttpRequest, resident_id: int, number: int) -> HttpResponse:
    resident = get_object_or_404(Resident, pk=resident_id)
    entry = _entry_to_review(request.user, resident, number)
    if request.method == "GET":
        form = ReviewForm(initial={"details": entry.details})
        return _render_review(request, resident, entry, form)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            people_services.review_support_need(
                actor=request.user,
                information=entry,
                note=data["note"],
                review_on=data["review_on"],
                details=data["details"] or entry.details,
            )
        except people_services.SupportNeedError as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Review recorded"))
            return redirect("staff:resident", resident_id=resident.pk)
    return _render_review(request, resident, entry, form, status=400)


def _render_review(request, resident, entry, form, status: int = 200) -> HttpResponse:
    return render(
        request,
        "staff/residents/support_need_review.html",
        {
            "resident": resident,
            "entry": entry,
            "form": form,
            "remove_form": RemoveForm(),
            "today": timezone.localdate(),
        },
        status=status,
    )


@staff_only
@require_http_methods(["POST"])
def remove_support_need(request: HttpRequest, resident_id: int, number: int) -> HttpResponse:
    resident = get_object_or_404(Resident, pk=resident_id)
    entry = _entry_to_review(request.user, resident, number)
    form = RemoveForm(request.POST)
    if form.is_valid():
        try:
            people_services.remove_support_need(
                actor=request.user, information=entry, reason=form.cleaned_data["reason"]
            )
        except people_services.SupportNeedError as error:
            for field, message in error.errors.items():
                form.add_error("reason" if field == "reason" else None, message)
        else:
            messages.success(request, _("Support need removed and its details erased"))
            return redirect("staff:resident", resident_id=resident.pk)
    return render(
        request,
        "staff/residents/support_need_review.html",
        {
            "resident": resident,
            "entry": entry,
            "form": ReviewForm(initial={"details": entry.details}),
            "remove_form": form,
            "today": timezone.localdate(),
        },
        status=400,
    )


@staff_only
def reviews_due(request: HttpRequest) -> HttpResponse:
    """The support needs due for review within two weeks, held by the officer's teams or
    recorded by them (every one for information governance); overdue first, flagged."""
    if not policies.can_see_reviews_due(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    return render(
        request,
        "staff/residents/reviews_due.html",
        {
            "reviews": people_services.reviews_due(actor=request.user, today=today),
            "notice_days": people_services.REVIEW_NOTICE_DAYS,
        },
    )
