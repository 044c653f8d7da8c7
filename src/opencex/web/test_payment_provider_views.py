"""The local test provider's hosted card page: it stands in for GOV.UK Pay's, so that the demo
and the browser tests walk a real payment journey. No real money moves; every page says so."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex.payments.checks import test_provider_pages_served
from opencex.payments.models import TestProviderSession
from opencex.payments.money import pounds
from opencex.payments.providers import test_provider


def _posted(request: HttpRequest):
    """The form data of a POST (even an empty one, so that it is checked), else None."""
    return request.POST if request.method == "POST" else None


class CardForm(forms.Form):
    card_number = forms.CharField(
        label=_("Card number"),
        max_length=23,
        error_messages={"required": _("Enter a card number")},
    )

    def clean_card_number(self) -> str:
        digits = "".join(self.cleaned_data["card_number"].split())
        if not digits.isdigit() or not 12 <= len(digits) <= 19:
            raise forms.ValidationError(_("Enter a card number that is 12 to 19 digits long"))
        return digits


def _session(session_id: str) -> TestProviderSession:
    # Served only while new payments go to the test provider (or a staging site allows it): a
    # live site never shows a page that "takes" a test card (payments.checks).
    if not test_provider_pages_served():
        raise Http404
    try:
        return test_provider.open_session(session_id)
    except TestProviderSession.DoesNotExist:
        raise Http404 from None


@never_cache
@require_http_methods(["GET", "POST"])
def card_page(request: HttpRequest, session_id: str) -> HttpResponse:
    session = _session(session_id)
    if session.state in test_provider.FINAL_STATES:
        return render(request, "web/test_payment_provider/finished.html", {"session": session})
    form = CardForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        session = test_provider.pay_with_card(session.id, form.cleaned_data["card_number"])
        return redirect(session.return_url)
    return render(
        request,
        "web/test_payment_provider/card.html",
        {
            "session": session,
            "form": form,
            "test_cards": test_provider.TEST_CARDS.items(),
            "amount": pounds(session.amount_pence),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_page(request: HttpRequest, session_id: str) -> HttpResponse:
    """GET asks to confirm (a link works without JavaScript); POST cancels and goes back."""
    session = _session(session_id)
    if request.method == "POST":
        session = test_provider.cancel(session.id)
        return redirect(session.return_url)
    return render(request, "web/test_payment_provider/cancel.html", {"session": session})
