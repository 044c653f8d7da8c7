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


def test_the_processing_error_card_settles_as_error_p0050(start, told):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4000000000000119")
    payment = settle_payment(payment=payment)
    assert (payment.status, payment.failure_code) == (PaymentStatus.ERROR, FailureCode.ERROR)
    assert told.not_paid == [payment.reference]


def test_a_provider_that_cannot_be_reached_records_an_error_and_tells_the_purpose(
    start, told, settings
):
    from opencex.payments.models import Payment
    from opencex.payments.providers.base import ProviderError

    settings.OPENCEX_PAYMENT_PROVIDER = "govuk_pay"
    settings.OPENCEX_GOVUK_PAY_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with pytest.raises(ProviderError):
        start(idempotency_key="down")
    payment = Payment.objects.get(idempotency_key="down")
    assert (payment.status, payment.failure_code) == (PaymentStatus.ERROR, FailureCode.ERROR)
    assert told.not_paid == [payment.reference]


def test_a_payment_never_created_at_the_provider_is_given_up_after_the_grace(start, told):
    from opencex.payments.models import Payment

    payment = start()
    Payment.objects.filter(pk=payment.pk).update(provider_payment_id="")  # as if we crashed
    assert settle_payment(payment=payment).status == PaymentStatus.CREATED
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        payment = settle_payment(payment=payment)
    assert payment.status == PaymentStatus.ERROR
    assert told.not_paid == [payment.reference]


def test_the_same_key_for_a_different_amount_is_refused(start):
    start(idempotency_key="same")
    with pytest.raises(ValueError, match="different payment"):
        start(idempotency_key="same", amount_pence=999)


def test_an_anonymous_visitor_cannot_take_a_payment_by_phone(start):
    from django.core.exceptions import PermissionDenied

    from tests.factories import ResidentFactory

    with pytest.raises(PermissionDenied):
        start(channel="phone", card_holder_present=False, resident=ResidentFactory())


def test_online_a_payment_is_linked_only_to_the_resident_paying(start):
    from django.core.exceptions import PermissionDenied

    from opencex.accounts.models import Role
    from tests.factories import ResidentFactory, UserFactory

    someone = UserFactory(role=Role.RESIDENT)
    theirs = ResidentFactory(user=someone)
    assert start(actor=someone, resident=theirs).resident == theirs
    with pytest.raises(PermissionDenied):
        start(actor=someone, resident=ResidentFactory())
    with pytest.raises(PermissionDenied):
        start(actor=None, resident=theirs)
