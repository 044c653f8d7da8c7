"""One payment in progress per purpose, decided by the database: two starts for the same bill at
the same moment make one payment and one clear refusal (PostgreSQL, real threads), the
constraint itself holds on any database, and a purpose can be paid again once its last payment
is final (a declined card, a provider that could not be reached)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from opencex.payments.bills.services import start_bill_payment
from opencex.payments.models import (
    FINAL_STATUSES,
    IN_PROGRESS_STATUSES,
    DemoBill,
    Payment,
    PaymentStatus,
)
from opencex.payments.services import PaymentInProgress

IN_PROGRESS = "A payment for this council tax account number is already in progress"


def _payment(key: str, status: str, *, purpose_id: str = "42") -> Payment:
    return Payment.objects.create(
        reference=f"PAY-{key}",
        idempotency_key=key,
        provider="test",
        return_url="/done/",
        amount_pence=1234,
        description="Test payment",
        purpose="test-purpose",
        purpose_id=purpose_id,
        email="resident@example.org",
        status=status,
    )


def test_every_status_is_either_in_progress_or_final():
    assert set(IN_PROGRESS_STATUSES) | FINAL_STATUSES == set(PaymentStatus.values)
    assert not set(IN_PROGRESS_STATUSES) & FINAL_STATUSES


@pytest.mark.django_db
def test_the_database_refuses_a_second_payment_in_progress_for_one_purpose():
    _payment("first", PaymentStatus.STARTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        _payment("second", PaymentStatus.CREATED)
    # Another purpose id, or the first one final, and a new payment is allowed.
    _payment("other", PaymentStatus.CREATED, purpose_id="43")
    Payment.objects.filter(idempotency_key="first").update(status=PaymentStatus.FAILED)
    _payment("again", PaymentStatus.CREATED)
    assert Payment.objects.filter(purpose_id="42").count() == 2


@pytest.mark.django_db
def test_a_second_start_for_the_same_purpose_is_refused_and_the_same_key_still_returns(start):
    first = start(idempotency_key="first-tab")
    with pytest.raises(PaymentInProgress):
        start(idempotency_key="second-tab")
    assert start(idempotency_key="first-tab").pk == first.pk
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_a_purpose_whose_payment_was_declined_can_be_paid_again(start):
    from opencex.payments.providers import test_provider
    from opencex.payments.services import settle_payment

    first = start()
    test_provider.pay_with_card(first.provider_payment_id, "4000000000000002")
    assert settle_payment(payment=first).status == PaymentStatus.FAILED
    assert start().pk != first.pk


@pytest.mark.django_db(transaction=True)
def test_two_starts_for_one_bill_at_once_make_one_payment_and_one_refusal(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions")
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = "http://testserver"
    DemoBill.objects.create(
        kind="council_tax", reference="4001234564", description="2026/27", balance_pence=15000
    )
    barrier = threading.Barrier(2)
    started: list[int] = []
    refusals: list[ValidationError] = []
    errors: list[BaseException] = []

    def pay(key: str) -> None:
        try:
            barrier.wait(timeout=10)
            payment = start_bill_payment(
                actor=None,
                kind="council_tax",
                reference="4001234564",
                amount_pence=4550,
                email="sam@example.org",
                return_url="/pay/done/",
                idempotency_key=key,
            )
            started.append(payment.pk)
        except ValidationError as refusal:
            refusals.append(refusal)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    # Run a few rounds: a round where one thread checks after the other committed is refused by
    # the check; the others are refused by the constraint. Either way: one payment, one refusal.
    for round_ in range(5):
        # The last round's payment given up, so that this round may start one.
        Payment.objects.update(status=PaymentStatus.CANCELLED)
        started.clear()
        refusals.clear()
        threads = [threading.Thread(target=pay, args=(f"tab-{round_}-{n}",)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        assert len(started) == 1
        assert len(refusals) == 1
        assert IN_PROGRESS in str(refusals[0].message_dict["reference"])
        assert Payment.objects.exclude(status=PaymentStatus.CANCELLED).count() == 1
