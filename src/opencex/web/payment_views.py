"""Pay for something with a reference: choose what to pay, the reference (checked before any
payment), the amount where the bill does not say, an email address, the provider's card page,
then the return page, which asks the provider (`settle_payment`) and shows the receipt.

The journey's state is in the session; its id is the payment's idempotency key, so a double
submit or a reload never starts a second payment. Pages only parse, call
`payments.bills.services` or `payments.services`, and render."""

from __future__ import annotations

import contextlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex import ratelimits
from opencex.clientaddress import client_address
from opencex.payments import policies
from opencex.payments.bills import services as bills
from opencex.payments.bills.references import payable_bill, payable_bills
from opencex.payments.models import Payment
from opencex.payments.money import pounds
from opencex.payments.providers.base import ProviderError
from opencex.payments.services import settle_payment
from opencex.web.payment_forms import AmountForm, ChooseBillForm, EmailForm, ReferenceForm

JOURNEY = "pay-by-reference"
LOOKUPS_PER_HOUR = 30  # reference look-ups per address: slows anyone trying references
STARTS_PER_HOUR = 10  # payments started per address
WINDOW = timedelta(hours=1)


def _posted(request: HttpRequest):
    """The form data of a POST (even an empty one, so that it is checked), else None."""
    return request.POST if request.method == "POST" else None


def online_route(service) -> str | None:
    """Where a resident pays online for this catalogue service, or None if it is not paid here.
    The profile's `[payments]` names the services each kind of bill belongs to."""
    for bill in payable_bills():
        if service.slug in bill.services:
            return reverse("pay-reference", args=[bill.kind])
    return None


def _journey(request: HttpRequest, kind: str) -> dict:
    journey = request.session.get(JOURNEY) or {}
    return journey if journey.get("kind") == kind else {}


def _save(request: HttpRequest, journey: dict) -> None:
    request.session[JOURNEY] = journey


def _bill_or_404(kind: str):
    bill = payable_bill(kind)
    if bill is None:
        raise Http404
    return bill


def _too_many(request: HttpRequest, scope: str, limit: int) -> HttpResponse | None:
    if ratelimits.allow(scope=scope, values=[client_address(request)], limit=limit, window=WINDOW):
        return None
    return render(request, "web/payments/too_many.html", status=429)


def _add_errors(form, error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


@never_cache
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    form = ChooseBillForm(_posted(request), bills=payable_bills())
    if request.method == "POST" and form.is_valid():
        return redirect("pay-reference", kind=form.cleaned_data["kind"])
    return render(
        request, "web/payments/choose.html", {"form": form}, status=400 if form.errors else 200
    )


@never_cache
@require_http_methods(["GET", "POST"])
def reference(request: HttpRequest, kind: str) -> HttpResponse:
    bill = _bill_or_404(kind)
    journey = _journey(request, kind)
    form = ReferenceForm(
        _posted(request), bill=bill, initial={"reference": journey.get("reference", "")}
    )
    if request.method == "POST" and form.is_valid():
        refused = _too_many(request, "pay-reference", LOOKUPS_PER_HOUR)
        if refused:
            return refused
        try:
            checked = bills.check_bill(kind=kind, reference=form.cleaned_data["reference"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _save(
                request,
                {
                    "kind": kind,
                    "reference": checked.reference,
                    "amount_pence": None
                    if checked.resident_says_amount
                    else checked.amount_due_pence,
                    "due_pence": checked.amount_due_pence,
                    "id": secrets.token_urlsafe(16),
                },
            )
            if checked.resident_says_amount:
                return redirect("pay-amount", kind=kind)
            return redirect("pay-email", kind=kind)
    return render(
        request,
        "web/payments/reference.html",
        {"form": form, "bill": bill},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def amount(request: HttpRequest, kind: str) -> HttpResponse:
    bill = _bill_or_404(kind)
    journey = _journey(request, kind)
    if not journey:
        return redirect("pay-reference", kind=kind)
    initial = {}
    if journey.get("amount_pence"):
        initial["amount"] = pounds(journey["amount_pence"])
    form = AmountForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            checked = bills.check_bill(kind=kind, reference=journey["reference"])
            pence = bills.check_amount(checked, form.cleaned_data["amount"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            _save(request, journey | {"amount_pence": pence, "id": secrets.token_urlsafe(16)})
            return redirect("pay-email", kind=kind)
    return render(
        request,
        "web/payments/amount.html",
        {"form": form, "bill": bill, "journey": journey, "due": pounds(journey.get("due_pence"))},
        status=400 if form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def email(request: HttpRequest, kind: str) -> HttpResponse:
    """Check what is being paid, give an email address, and go to the provider."""
    bill = _bill_or_404(kind)
    journey = _journey(request, kind)
    if not journey or not journey.get("amount_pence"):
        return redirect("pay-reference", kind=kind)
    resident_email = getattr(getattr(request.user, "resident", None), "email", "")
    form = EmailForm(_posted(request), initial={"email": journey.get("email", resident_email)})
    if request.method == "POST" and form.is_valid():
        journey = _fresh_attempt(journey)
        _save(request, journey | {"email": form.cleaned_data["email"]})
        existing = Payment.objects.filter(idempotency_key=_key(journey)).first()
        if existing is not None:  # a double click or the back button: the same payment
            if existing.is_final or not existing.next_url:
                return redirect("pay-return", journey_id=journey["id"])
            return redirect(existing.next_url)
        refused = _too_many(request, "pay-start", STARTS_PER_HOUR)
        if refused:
            return refused
        try:
            payment = bills.start_bill_payment(
                actor=request.user,
                kind=kind,
                reference=journey["reference"],
                amount_pence=journey["amount_pence"],
                email=form.cleaned_data["email"],
                return_url=reverse("pay-return", args=[journey["id"]]),
                idempotency_key=_key(journey),
                resident=_signed_in_resident(request),
            )
        except ValidationError as error:
            _add_errors(form, error)
        except ProviderError:
            return render(request, "web/payments/unavailable.html", {"bill": bill}, status=503)
        else:
            if payment.is_final:
                return redirect("pay-return", journey_id=journey["id"])
            return redirect(payment.next_url)
    return render(
        request,
        "web/payments/email.html",
        {
            "form": form,
            "bill": bill,
            "journey": journey,
            "amount": pounds(journey["amount_pence"]),
            "change_amount": bill.amount_from == "resident",
        },
        status=400 if form.errors else 200,
    )


@never_cache
def returned(request: HttpRequest, journey_id: str) -> HttpResponse:
    """Where the provider sends the resident back. What we show comes from asking the provider,
    never from the address the resident arrived at."""
    payment = Payment.objects.filter(idempotency_key=f"bill-{journey_id}").first()
    if payment is None:
        raise Http404
    # If the provider cannot be asked now, the page says "not yet known"; reconciliation settles it.
    with contextlib.suppress(ProviderError):
        payment = settle_payment(payment=payment)
    bill = payable_bill(payment.purpose)
    return render(
        request,
        "web/payments/returned.html",
        {
            "payment": payment,
            "bill": bill,
            "amount": pounds(payment.amount_pence),
            "journey_id": journey_id,
        },
    )


@never_cache
def your_payments(request: HttpRequest) -> HttpResponse:
    """A signed-in resident's own payments, newest first."""
    if not (request.user.is_authenticated and getattr(request.user, "role", "") == "resident"):
        return redirect("web:sign-in")
    payments = policies.payments_of_resident(request.user).order_by("-created_at")[:100]
    return render(request, "web/payments/yours.html", {"payments": payments})


def _fresh_attempt(journey: dict) -> dict:
    """The same attempt again (a double click, the back button) keeps its key; once its payment
    has failed or been cancelled, trying again is a new attempt with a new key."""
    existing = Payment.objects.filter(idempotency_key=_key(journey)).first()
    if existing is not None and existing.is_final and not existing.is_paid:
        return journey | {"id": secrets.token_urlsafe(16)}
    return journey


def _key(journey: dict) -> str:
    return f"bill-{journey['id']}"


def _signed_in_resident(request: HttpRequest):
    user = request.user
    if user.is_authenticated and getattr(user, "role", "") == "resident":
        return getattr(user, "resident", None)
    return None
