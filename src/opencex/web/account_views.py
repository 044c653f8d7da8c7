"""Residents' accounts on the citizen site: sign in by emailed link, sign out, "Your requests"."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex.accounts.models import Role
from opencex.accounts.sign_in_links import (
    LINK_LIFETIME,
    LinkRefused,
    check_sign_in_link,
    request_sign_in_link,
    use_sign_in_link,
)
from opencex.cases.actions.joining import join_cases_to_account
from opencex.cases.policies import visible_cases
from opencex.clientaddress import client_address
from opencex.people.communication import AccessibleFormat, interpreter_language_choices
from opencex.people.models import ContactChannel
from opencex.people.services import PreferenceError, update_contact_preferences
from opencex.web import track_views

SENT_TO_KEY = "sign_in_link_sent_to"
AFTER_SIGN_IN_KEY = "after_sign_in"  # a page that sent the resident to sign in (booking)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy("We will email you a link to sign in. You do not need a password."),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Enter your email address"),
            "invalid": gettext_lazy(
                "Enter an email address in the correct format, like name@example.com"
            ),
        },
    )


def is_signed_in_resident(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.role == Role.RESIDENT


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if is_signed_in_resident(request):
        return redirect("web:your-requests")
    form = SignInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if request_sign_in_link(email=email, ip_address=client_address(request)):
            request.session[SENT_TO_KEY] = email
            return redirect("web:sign-in-sent")
        form.add_error(
            "email", _("You have asked for too many links. Wait 15 minutes, then try again.")
        )
        status = 429
    return render(request, "web/account/sign_in.html", {"form": form}, status=status)


@never_cache
def sign_in_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/account/check_email.html",
        {
            "email": request.session.get(SENT_TO_KEY, ""),
            "minutes": int(LINK_LIFETIME.total_seconds() // 60),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_with_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email. Opening it shows one button: a POST signs in, so a mail
    scanner that follows links cannot use up the single-use link before the resident does."""
    try:
        if request.method == "POST":
            used = use_sign_in_link(token)
            login(request, used.user, backend=MODEL_BACKEND)
            # The link proved the address: cases sent from it without an account join them.
            join_cases_to_account(actor=used.user, proven_email=used.email)
            request.session.pop(SENT_TO_KEY, None)
            if used.reference:
                # Asked for from the tracking page: open that case, past its guess limit.
                return track_views.open_case_from_link(request, used.reference, used.email)
            after = request.session.pop(AFTER_SIGN_IN_KEY, "")  # bookings: back to booking
            if url_has_allowed_host_and_scheme(after, allowed_hosts=None):
                return redirect(after)
            return redirect("web:your-requests")
        check_sign_in_link(token)
    except LinkRefused as refusal:
        return render(
            request, "web/account/link_refused.html", {"reason": refusal.reason.value}, status=410
        )
    return render(request, "web/account/use_link.html")


@never_cache
@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.success(request, _("You have signed out."))
        return redirect("web:sign-in")
    if not request.user.is_authenticated:
        return redirect("web:sign-in")
    return render(request, "web/account/sign_out.html")


@never_cache
def your_requests(request: HttpRequest) -> HttpResponse:
    if not is_signed_in_resident(request):
        return redirect("web:sign-in")
    cases = visible_cases(request.user).select_related("service").order_by("-received_at")
    from opencex.web.booking_views import resident_bookings

    return render(
        request,
        "web/account/your_requests.html",
        {"cases": cases, "bookings": resident_bookings(request.user)},
    )


class PreferencesForm(forms.Form):
    preferred_channel = forms.ChoiceField(
        label=gettext_lazy("How would you like us to contact you?"),
        choices=ContactChannel.choices,
        error_messages={"required": gettext_lazy("Select how you would like us to contact you")},
    )
    consents = forms.MultipleChoiceField(
        label=gettext_lazy("We may send you"),
        help_text=gettext_lazy("Select all that apply."),
        choices=[("email", gettext_lazy("Emails")), ("sms", gettext_lazy("Text messages"))],
        required=False,
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobile phone number (for text messages)"),
        max_length=32,
        required=False,
    )
    preferred_language = forms.ChoiceField(
        label=gettext_lazy("Which language would you like?"),
        choices=settings.LANGUAGES,
        error_messages={"required": gettext_lazy("Select a language")},
    )
    accessible_format = forms.ChoiceField(
        label=gettext_lazy("Do you need information in another format?"),
        choices=[("", gettext_lazy("No")), *AccessibleFormat.choices],
        required=False,
    )
    interpreter_language = forms.ChoiceField(
        label=gettext_lazy("Do you need an interpreter? If so, in which language?"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = [
            ("", _("I do not need an interpreter")),
            *interpreter_language_choices(),
        ]
        self.fields["accessible_format"].error_messages["invalid_choice"] = _(
            "Select a format from the list"
        )
        self.fields["interpreter_language"].error_messages["invalid_choice"] = _(
            "Select a language from the list"
        )


def _choices(bound: forms.BoundField) -> dict:
    """A choice field as the GOV.UK radios/checkboxes partials expect it."""
    return {
        "id_for_label": bound.id_for_label or f"id_{bound.name}",
        "html_name": bound.html_name,
        "label": bound.label,
        "help_text": bound.help_text,
        "errors": bound.errors,
        "value": bound.value()
        or ([] if isinstance(bound.field, forms.MultipleChoiceField) else ""),
        "options": [{"value": value, "label": label} for value, label in bound.field.choices],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """The resident chooses how we contact them and in which language."""
    resident = getattr(request.user, "resident", None) if is_signed_in_resident(request) else None
    if resident is None:
        return redirect("web:sign-in")
    initial = {
        "preferred_channel": resident.preferred_channel,
        "consents": [
            c
            for c, on in (("email", resident.consents_to_email), ("sms", resident.consents_to_sms))
            if on
        ],
        "phone": resident.phone,
        "preferred_language": resident.preferred_language,
        "accessible_format": resident.accessible_format,
        "interpreter_language": resident.interpreter_language,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_contact_preferences(
                actor=request.user,
                resident=resident,
                preferred_channel=data["preferred_channel"],
                preferred_language=data["preferred_language"],
                consents_to_email="email" in data["consents"],
                consents_to_sms="sms" in data["consents"],
                phone=data["phone"],
                accessible_format=data["accessible_format"],
                interpreter_language=data["interpreter_language"],
            )
        except PreferenceError as problem:
            form.add_error(problem.field, str(problem))
        else:
            messages.success(request, _("Your contact preferences have been saved."))
            return redirect("web:preferences")
    return render(
        request,
        "web/account/preferences.html",
        {
            "form": form,
            "channel": _choices(form["preferred_channel"]),
            "consents": _choices(form["consents"]),
            "language": _choices(form["preferred_language"]),
            "accessible_format": _choices(form["accessible_format"]),
        },
    )
