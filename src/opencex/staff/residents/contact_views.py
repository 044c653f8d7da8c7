"""Logging a contact resolved there and then: two clicks from the resident's page."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opencex.cases.models import Channel
from opencex.catalogue.models import Service
from opencex.contacts import lines, policies, signposting, triage
from opencex.contacts.models import Outcome
from opencex.contacts.services import OFFICER_CHANNELS, ContactError, log_contact
from opencex.people import policies as people_policies
from opencex.people.models import Resident
from opencex.staff.access import staff_only

# An officer at a desk, a larder or on one phone line logs many contacts in a row: remember where.
LAST_CHANNEL_KEY = "staff:last-contact-channel"
LAST_PLACE_KEY = "staff:last-contact-place"
LAST_LINE_KEY = "staff:last-contact-line"
# Opening a case happens by filling in a form for the resident, which records its own channel.
LOGGABLE_OUTCOMES = [Outcome.RESOLVED, Outcome.SIGNPOSTED]
FIND_PARTNERS = "find-partners"
# log_contact names the free text; the directory list comes first on the page, so point there.
ERROR_FIELDS = {"signposted_to": "signposted_service"}


class ContactForm(forms.Form):
    channel = forms.ChoiceField(
        label=gettext_lazy("How did they contact us?"),
        choices=[(channel.value, channel.label) for channel in OFFICER_CHANNELS],
    )
    phone_line = forms.ChoiceField(
        label=gettext_lazy("Which line did they call? (for phone calls)"), required=False
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
    need = forms.CharField(
        label=gettext_lazy("Find a partner by need"),
        help_text=gettext_lazy("For example, food, debt, benefits or housing"),
        required=False,
        max_length=100,
    )
    signposted_service = forms.ChoiceField(
        label=gettext_lazy("Signposted to (from the partner directory)"), required=False
    )
    signposted_to = forms.CharField(
        label=gettext_lazy("Or an organisation not in the directory"),
        help_text=gettext_lazy("For example, a local church group"),
        required=False,
        max_length=200,
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"), required=False, widget=forms.Textarea
    )

    def __init__(self, *args, partners: signposting.Choices | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone_line"].choices = lines.phone_line_choices()
        self.fields["place"].choices = [("", ""), *lines.place_choices()]
        self.fields["signposted_service"].choices = [
            ("", ""),
            *(partners if partners is not None else signposting.directory_choices()),
        ]
        self.fields["channel"].error_messages["required"] = _(
            "Select how the resident contacted us"
        )
        self.fields["outcome"].error_messages["required"] = _("Select what happened")
        for question in triage.questions():
            self.fields[f"triage_{question.id}"] = forms.ChoiceField(
                label=question.ask,
                help_text=_("If yes: %(advice)s") % {"advice": question.if_yes},
                choices=[("yes", _("Yes")), ("no", _("No"))],
                required=False,
            )

    @property
    def triage_fields(self):
        return [self[f"triage_{question.id}"] for question in triage.questions()]

    def triage_answers(self) -> dict[str, bool | None]:
        answers = {}
        for question in triage.questions():
            value = self.cleaned_data.get(f"triage_{question.id}")
            answers[question.id] = {"yes": True, "no": False}.get(value)
        return answers

    def clean_signposted_service(self):
        chosen = self.cleaned_data["signposted_service"]
        return signposting.active_entry(chosen) if chosen else None


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
            "phone_line": request.session.get(LAST_LINE_KEY, lines.main_phone_line()),
            "place": request.session.get(LAST_PLACE_KEY, ""),
            "outcome": Outcome.RESOLVED,
        }
        return _render(request, ContactForm(initial=initial), resident)
    if request.POST.get("action") == FIND_PARTNERS:
        return _find_partners(request, resident)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _render(request, form, resident)
    data = form.cleaned_data
    try:
        contact = log_contact(
            actor=request.user,
            resident=resident,
            property=_current_property(resident),
            channel=data["channel"],
            place=data["place"],
            phone_line=data["phone_line"],
            service=data["service"],
            outcome=data["outcome"],
            signposted_to=data["signposted_to"],
            signposted_service=data["signposted_service"],
            note=data["note"],
            triage_answers=form.triage_answers(),
        )
    except ContactError as error:
        for field, message in error.errors.items():
            form.add_error(ERROR_FIELDS.get(field, field), message)
        return _render(request, form, resident)
    request.session[LAST_CHANNEL_KEY] = data["channel"]
    request.session[LAST_PLACE_KEY] = data["place"]
    if data["phone_line"]:
        request.session[LAST_LINE_KEY] = data["phone_line"]
    messages.success(request, _("Contact logged"))
    if resident is None:
        return redirect("staff:find-resident")
    if triage.leads_to(
        contact.triage_answers, triage.TriageOutcome.SUPPORT_NEED_TO_RECORD
    ) and people_policies.can_record_sensitive_information(request.user, resident):
        # The script's next step, whatever the call's most urgent outcome: record the need, if
        # the resident agrees.
        record = reverse("staff:record-support-need", args=[resident.pk])
        return redirect(f"{record}?{urlencode({'contact': contact.pk})}")
    return redirect("staff:resident", resident_id=resident.pk)


def _find_partners(request: HttpRequest, resident: Resident | None) -> HttpResponse:
    """The officer searched the directory by need: the same form, nothing logged yet, the list
    starting with the entries that meet the need."""
    need = request.POST.get("need", "").strip()
    matches = signposting.matching_choices(need) if need else []
    form = ContactForm(
        initial=request.POST.dict(), partners=[*matches, *signposting.directory_choices()]
    )
    if need and not matches:
        notice = _("No directory entries match “%(need)s”. Choose from the whole list.")
    elif need:
        notice = _("Directory entries for “%(need)s” are listed first.")
    else:
        notice = _("Enter a need to search the directory, or choose from the whole list.")
    return _render(request, form, resident, notice=notice % {"need": need})


def _current_property(resident: Resident | None):
    """The resident's address when they have exactly one, so the property page shows it."""
    if resident is None:
        return None
    current = list(resident.occupancies.filter(ended_on__isnull=True)[:2])
    return current[0].property if len(current) == 1 else None


def _render(
    request: HttpRequest, form: ContactForm, resident: Resident | None, *, notice: str = ""
) -> HttpResponse:
    return render(
        request,
        "staff/contacts/new.html",
        {"form": form, "resident": resident, "notice": notice},
    )
