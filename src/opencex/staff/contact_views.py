"""Logging a contact resolved there and then: two clicks from the resident's page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opencex.cases.models import Channel
from opencex.catalogue.models import Service
from opencex.contacts import policies
from opencex.contacts.models import Outcome
from opencex.contacts.services import (
    OFFICER_CHANNELS,
    ContactError,
    log_contact,
    place_choices,
)
from opencex.people.models import Resident
from opencex.staff.access import staff_only

# An officer at a desk or a larder logs many contacts in a row: remember where they are.
LAST_CHANNEL_KEY = "staff:last-contact-channel"
LAST_PLACE_KEY = "staff:last-contact-place"
# Opening a case happens by filling in a form for the resident, which records its own channel.
LOGGABLE_OUTCOMES = [Outcome.RESOLVED, Outcome.SIGNPOSTED]


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("How did they contact us?"),
        choices=[(channel.value, channel.label) for channel in OFFICER_CHANNELS],
    )
    place = forms.ChoiceField(
        label=gettext_lazy("Where (for face to face or outreach)"), required=False
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("What was it about? (optional)"),
        queryset=Service.objects.order_by("title"),
        required=False,
        empty_label="",
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("What happened?"),
        choices=[(outcome.value, outcome.label) for outcome in LOGGABLE_OUTCOMES],
    )
    signposted_to = forms.CharField(
        label=gettext_lazy("Signposted to"),
        help_text=gettext_lazy("For example, Citizens Advice Oxfordshire"),
        required=False,
        max_length=200,
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [("", ""), *place_choices()]
        self.fields["channel"].error_messages["required"] = _(
            "Select how the resident contacted us"
        )
        self.fields["outcome"].error_messages["required"] = _("Select what happened")


@staff_only
@require_http_methods(["GET", "POST"])
def new_contact(request: HttpRequest, resident_id: int | None = None) -> HttpResponse:
    """Log a contact for a resident, or (without resident_id) for a caller who gave no name."""
    if not policies.can_log_contact(request.user):
        raise PermissionDenied
    resident = get_object_or_404(Resident, pk=resident_id) if resident_id else None
    if request.method == "GET":
        initial = {
            "channel": request.session.get(LAST_CHANNEL_KEY, Channel.PHONE),
            "place": request.session.get(LAST_PLACE_KEY, ""),
            "outcome": Outcome.RESOLVED,
        }
        return _render(request, ContactForm(initial=initial), resident)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _render(request, form, resident)
    data = form.cleaned_data
    try:
        log_contact(
            actor=request.user,
            resident=resident,
            property=_current_property(resident),
            channel=data["channel"],
            place=data["place"],
            service=data["service"],
            outcome=data["outcome"],
            signposted_to=data["signposted_to"],
            note=data["note"],
        )
    except ContactError as error:
        for field, message in error.errors.items():
            form.add_error(field, message)
        return _render(request, form, resident)
    request.session[LAST_CHANNEL_KEY] = data["channel"]
    request.session[LAST_PLACE_KEY] = data["place"]
    messages.success(request, _("Contact logged"))
    if resident is None:
        return redirect("staff:find-resident")
    return redirect("staff:resident", resident_id=resident.pk)


def _current_property(resident: Resident | None):
    """The resident's address when they have exactly one, so the property page shows it."""
    if resident is None:
        return None
    current = list(resident.occupancies.filter(ended_on__isnull=True)[:2])
    return current[0].property if len(current) == 1 else None


def _render(request: HttpRequest, form: ContactForm, resident: Resident | None) -> HttpResponse:
    return render(request, "staff/contacts/new.html", {"form": form, "resident": resident})
