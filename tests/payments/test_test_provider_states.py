"""The local test provider walks GOV.UK Pay's states, and settling records each once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from opencex.payments.models import FailureCode, PaymentEvent, PaymentStatus
from opencex.payments.providers import test_provider
from opencex.payments.services import settle_payment

pytestmark = pytest.mark.django_db


def test_a_new_payment_sends_the_resident_to_the_test_providers_card_page(start):
    payment = start()
    assert payment.status == PaymentStatus.CREATED
    assert (
        payment.next_url
        == f"http://testserver/test-payment-provider/{payment.provider_payment_id}/"
    )
    assert payment.reference.startswith("PAY-")


def test_the_success_card_settles_as_paid_and_tells_the_purpose_once(start, told):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4444 3333 2222 1111")
    settle_payment(payment=payment)
    settle_payment(payment=payment)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCESS
    assert payment.card_last_digits == "1111"
    assert payment.settled_at is not None
    assert told.paid == [payment.reference]
    assert told.not_paid == []


def test_the_declined_card_settles_as_failed_p0010(start, told):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4000000000000002")
    payment = settle_payment(payment=payment)
    assert (payment.status, payment.failure_code) == (PaymentStatus.FAILED, FailureCode.DECLINED)
    assert told.not_paid == [payment.reference]


def test_cancelling_on_the_card_page_settles_as_cancelled_p0030(start, told):
    payment = start()
    test_provider.cancel(payment.provider_payment_id)
    payment = settle_payment(payment=payment)
    assert (payment.status, payment.failure_code) == (
        PaymentStatus.CANCELLED,
        FailureCode.CANCELLED_BY_USER,
    )
    assert told.not_paid == [payment.reference]


def test_a_payment_left_past_its_session_time_expires_p0020_when_asked(start, told):
    payment = start()
    test_provider.open_session(payment.provider_payment_id)
    assert settle_payment(payment=payment).status == PaymentStatus.STARTED
    with time_machine.travel(timezone.now() + timedelta(minutes=91)):
        payment = settle_payment(payment=payment)
    assert (payment.status, payment.failure_code) == (PaymentStatus.FAILED, FailureCode.EXPIRED)
    assert told.not_paid == [payment.reference]


def test_every_state_change_is_in_the_append_only_audit(start):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    settle_payment(payment=payment)
    events = list(PaymentEvent.objects.filter(payment=payment))
    assert [(e.kind, e.to_status) for e in events] == [
        ("started", "created"),
        ("status_changed", "success"),
    ]
    with pytest.raises(TypeError):
        events[0].delete()


def test_the_same_idempotency_key_returns_the_same_payment(start):
    first = start(idempotency_key="double-click")
    second = start(idempotency_key="double-click")
    assert first.pk == second.pk
    assert test_provider.TestProviderSession.objects.count() == 1
