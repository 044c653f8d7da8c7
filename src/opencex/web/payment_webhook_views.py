"""Providers' notifications: a signed webhook (GOV.UK Pay, the test provider) or a signed callback
(a council's hosted page). Each only prompts us to ask the provider: it calls `settle_payment`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from opencex.payments.models import Payment
from opencex.payments.providers import ADAPTERS, provider_named
from opencex.payments.providers.base import BadSignature, ProviderError
from opencex.payments.services import settle_payment


@csrf_exempt  # the provider's signature, not a browser's cookie, proves where it came from
@require_POST
def payment_webhook(request: HttpRequest, provider: str) -> HttpResponse:
    if provider not in ADAPTERS:
        return HttpResponse(status=404)
    try:
        provider_payment_id = provider_named(provider).read_notification(
            request.body, request.headers
        )
    except (BadSignature, ValueError, KeyError):
        return HttpResponseBadRequest("Bad signature or body")
    payment = Payment.objects.filter(
        provider=provider, provider_payment_id=provider_payment_id
    ).first()
    if payment is not None:
        try:
            settle_payment(payment=payment)
        except ProviderError:
            # We could not ask: a 5xx makes the provider send it again later.
            return HttpResponse(status=503)
    # Unknown payments are answered 200 too: the provider must not keep retrying them.
    return HttpResponse(status=200)
