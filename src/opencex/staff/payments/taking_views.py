"""An officer takes a payment for a named resident, on the phone (card holder not present:
GOV.UK Pay's `moto`) or at the desk, through the same door as the citizen journey
(`bills.services.start_bill_payment`); the payment is logged as an assisted-digital contact."""

from __future__ import annotations

import contextlib
import secrets

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opencex.contacts import lines
from opencex.languages import in_current_language
from opencex.payments import policies
from opencex.payments.bills import services as bills
from opencex.payments.bills.references import payable_bills
from opencex.payments.models import Payment, PaymentChannel
from opencex.payments.money import pounds_to_pence
from opencex.payments.providers.base import ProviderError
from opencex.payments.services import settle_payment
from opencex.people.models import Resident
from opencex.staff.access import staff_only


class TakePaymentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are they paying?"),
        error_messages={"required": _("Select what they are paying")},
    )
    reference = forms.CharField(label=_("Reference from their bill or notice"), max_length=40)
    amount = forms.CharField(
        label=_("Amount (only where they choose how much)"), required=False, max_length=20
    )
    channel = forms.ChoiceField(
        label=_("How are they paying?"),
        choices=[
            (PaymentChannel.PHONE, _("On the phone: I will type their card details")),
            (PaymentChannel.FACE_TO_FACE, _("At the desk: they type their card details")),
        ],
        error_messages={"required": _("Select how they are paying")},
    )
    place = forms.ChoiceField(label=_("Where (for payments at the desk)"), required=False)
    email = forms.EmailField(
        label=_("Email address for their confirmation (optional)"), required=False
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (bill.kind, in_current_language(bill.name)) for bill in payable_bills()
        ]
        self.fields["place"].choices = [("", ""), *lines.place_choices()]
        self.fields["reference"].error_messages["required"] = _("Enter the reference")

    def clean_amount(self) -> int | None:
        text = self.cleaned_data["amount"].strip()
        return pounds_to_pence(text) if text else None


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@staff_only
@never_cache
@require_http_methods(["GET", "POST"])
def take_payment(request: HttpRequest, resident_id: int) -> HttpResponse:
    if not policies.can_take_payment_for_resident(request.user):
        raise PermissionDenied
    resident = get_object_or_404(Resident, pk=resident_id)
    # The token is made when the form is drawn, so the same form sent twice is the same payment.
    form = TakePaymentForm(
        _posted(request), initial={"email": resident.email, "token": secrets.token_urlsafe(16)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        existing = Payment.objects.filter(idempotency_key=f"staff-{data['token']}").first()
        if existing is not None:
            return redirect(
                existing.next_url or reverse("staff:payment-return", args=[data["token"]])
            )
        try:
            payment = bills.start_bill_payment(
                actor=request.user,
                kind=data["kind"],
                reference=data["reference"],
                amount_pence=data["amount"],
                email=data["email"],
                return_url=reverse("staff:payment-return", args=[data["token"]]),
                idempotency_key=f"staff-{data['token']}",
                channel=data["channel"],
                resident=resident,
                card_holder_present=data["channel"] != PaymentChannel.PHONE,
                place=data["place"],
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)
        except ProviderError:
            form.add_error(None, _("The payment provider cannot be reached. Try again shortly."))
        else:
            return redirect(payment.next_url)
    return render(
        request,
        "staff/payments/take.html",
        {"form": form, "resident": resident},
        status=400 if form.errors else 200,
    )


@staff_only
@never_cache
def returned(request: HttpRequest, token: str) -> HttpResponse:
    """The provider sends the officer back here: settle by asking, then show the payment."""
    if not policies.can_take_payment_for_resident(request.user):
        raise PermissionDenied
    payment = Payment.objects.filter(idempotency_key=f"staff-{token}").first()
    if payment is None:
        raise Http404
    # If the provider cannot be asked now, the payment page says its state is not yet known.
    with contextlib.suppress(ProviderError):
        settle_payment(payment=payment)
    return redirect("staff:payment", payment_reference=payment.reference)
