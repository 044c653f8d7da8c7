"""Refunds: partial and full, never more than was paid (a locked check and a database
constraint), at an officer's discretion only by finance roles, as a purpose's rules give by the
system with the rule named; each audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from opencex.accounts.models import Role
from opencex.payments.models import (
    Payment,
    PaymentEvent,
    Refund,
    RefundStatus,
    TestProviderSession,
)
from opencex.payments.providers import test_provider
from opencex.payments.services import refund_for_purpose, refund_payment, settle_payment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(start):
    payment = start(amount_pence=5000)
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    return settle_payment(payment=payment)


@pytest.fixture
def finance():
    return UserFactory(role=Role.TEAM_MANAGER)


def test_a_partial_refund_then_the_rest(paid, finance):
    first = refund_payment(actor=finance, payment=paid, amount_pence=2000, reason="Overpaid")
    assert first.status == RefundStatus.SUCCESS
    second = refund_payment(actor=finance, payment=paid, amount_pence=3000, reason="Cancelled")
    assert second.status == RefundStatus.SUCCESS
    paid.refresh_from_db()
    assert (paid.refunded_pence, paid.refundable_pence) == (5000, 0)
    assert TestProviderSession.objects.get().refunded_pence == 5000


def test_refunding_more_than_is_left_is_refused_with_what_is_left(paid, finance):
    refund_payment(actor=finance, payment=paid, amount_pence=4000, reason="Overpaid")
    with pytest.raises(ValidationError) as refused:
        refund_payment(actor=finance, payment=paid, amount_pence=1001, reason="Again")
    assert refused.value.message_dict == {"amount": ["The refund must be £10.00 or less"]}
    paid.refresh_from_db()
    assert paid.refunded_pence == 4000


def test_the_database_refuses_refunds_beyond_the_amount_whatever_the_code(paid):
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=paid.pk).update(refunded_pence=5001)


def test_an_unpaid_payment_cannot_be_refunded(start, finance):
    payment = start()
    with pytest.raises(ValidationError):
        refund_payment(actor=finance, payment=payment, amount_pence=100, reason="No")


def test_a_refund_needs_a_reason(paid, finance):
    with pytest.raises(ValidationError) as refused:
        refund_payment(actor=finance, payment=paid, amount_pence=100, reason="  ")
    assert "reason" in refused.value.message_dict


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT])
def test_only_finance_roles_may_refund(paid, role):
    with pytest.raises(PermissionDenied):
        refund_payment(actor=UserFactory(role=role), payment=paid, amount_pence=100, reason="x")
    paid.refresh_from_db()
    assert paid.refunded_pence == 0


def test_a_refund_the_provider_refuses_gives_its_amount_back(paid, finance):
    # The provider's own record says less is left than we think: it refuses, as GOV.UK Pay
    # answers 412, and our reservation is given back.
    TestProviderSession.objects.update(refunded_pence=4900)
    refund = refund_payment(actor=finance, payment=paid, amount_pence=500, reason="Overpaid")
    assert refund.status == RefundStatus.ERROR
    paid.refresh_from_db()
    assert paid.refunded_pence == 0


def test_every_refund_is_audited_with_who_and_why(paid, finance):
    refund_payment(actor=finance, payment=paid, amount_pence=1000, reason="Duplicate payment")
    events = PaymentEvent.objects.filter(payment=paid, kind__startswith="refund")
    assert [(e.kind, e.to_status, e.actor_id) for e in events] == [
        ("refund_requested", "submitted", finance.pk),
        ("refund_status_changed", "success", None),
    ]
    assert "Duplicate payment" in events[0].detail


# --- the refund a purpose's own rules give (refund_for_purpose): the system's door ---


def test_the_rules_door_refunds_with_no_officer_and_says_which_rule(paid):
    refund = refund_for_purpose(
        payment=paid, amount_pence=1500, reason="Cancelled", because="the rules of booking BK-1"
    )
    assert (refund.status, refund.requested_by, refund.because) == (
        RefundStatus.SUCCESS,
        None,
        "the rules of booking BK-1",
    )
    paid.refresh_from_db()
    assert paid.refunded_pence == 1500
    assert TestProviderSession.objects.get().refunded_pence == 1500
    asked = PaymentEvent.objects.get(payment=paid, kind="refund_requested")
    assert (asked.actor_id, asked.because) == (None, "the rules of booking BK-1")


def test_the_rules_door_refuses_more_than_is_left(paid, finance):
    refund_payment(actor=finance, payment=paid, amount_pence=4000, reason="Overpaid")
    with pytest.raises(ValidationError) as refused:
        refund_for_purpose(payment=paid, amount_pence=1001, reason="Cancelled", because="rules")
    assert refused.value.message_dict == {"amount": ["The refund must be £10.00 or less"]}
    paid.refresh_from_db()
    assert paid.refunded_pence == 4000
    assert Refund.objects.count() == 1


def test_the_rules_door_refuses_an_unpaid_payment(start):
    payment = start()
    with pytest.raises(ValidationError):
        refund_for_purpose(payment=payment, amount_pence=100, reason="No", because="rules")


def test_the_rules_door_must_say_which_rule(paid):
    with pytest.raises(ValueError, match="because"):
        refund_for_purpose(payment=paid, amount_pence=100, reason="Cancelled", because="  ")
    assert not Refund.objects.exists()


def test_a_refund_the_provider_refuses_through_the_rules_door_gives_its_amount_back(paid):
    TestProviderSession.objects.update(refunded_pence=4900)
    refund = refund_for_purpose(payment=paid, amount_pence=500, reason="Moved", because="rules")
    assert refund.status == RefundStatus.ERROR
    paid.refresh_from_db()
    assert paid.refunded_pence == 0


def test_the_database_refuses_a_refund_with_neither_an_officer_nor_a_rule(paid):
    with pytest.raises(IntegrityError), transaction.atomic():
        Refund.objects.create(payment=paid, amount_pence=100, reason="Nobody asked")
