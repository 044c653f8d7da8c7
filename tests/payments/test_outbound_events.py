"""A back office hears of a payment's final state and of each refund that went through, through
the one outbound events door (opencex.events), with no card or contact details."""

from __future__ import annotations

import pytest

from opencex.accounts.models import Role
from opencex.events.models import Event
from opencex.payments.providers import test_provider
from opencex.payments.services import refund_payment, settle_payment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _payment_events():
    return list(Event.objects.filter(subject_type="payment").order_by("id"))


def test_a_successful_payment_publishes_one_succeeded_event(start):
    payment = start(amount_pence=2200)
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    settle_payment(payment=payment)
    settle_payment(payment=payment)  # asked again: nothing new happened, nothing is published
    [event] = _payment_events()
    assert (event.topic, event.subject_id) == ("payment.succeeded", payment.reference)
    assert event.data["payment"]["amount_pence"] == 2200
    assert event.data["payment"]["status"] == "success"
    assert payment.email not in str(event.data)


def test_a_declined_payment_publishes_a_failed_event_with_its_code(start):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4000000000000002")
    settle_payment(payment=payment)
    [event] = _payment_events()
    assert event.topic == "payment.failed"
    assert event.data["payment"]["failure_code"] == "P0010"


def test_a_refund_that_went_through_is_published_with_its_amount(start):
    payment = start(amount_pence=5000)
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    settle_payment(payment=payment)
    refund_payment(
        actor=UserFactory(role=Role.TEAM_MANAGER), payment=payment, amount_pence=1500, reason="x"
    )
    topics = [e.topic for e in _payment_events()]
    assert topics == ["payment.succeeded", "payment.refunded"]
    refunded = _payment_events()[-1]
    assert refunded.data["refund"]["amount_pence"] == 1500
    assert refunded.data["payment"]["refunded_pence"] == 1500
