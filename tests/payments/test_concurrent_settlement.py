"""Two settlements at the same moment (the webhook and the return page) run on_paid once: the
row lock lets one record the final state and the other find it recorded. PostgreSQL only:
SQLite has no row locks to test."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from opencex.payments import purposes
from opencex.payments.models import PaymentStatus
from opencex.payments.providers import test_provider
from opencex.payments.services import settle_payment

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_settlements_at_once_tell_the_purpose_once(start, told):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks")
    # A slow on_paid, so that the second settlement arrives while the first is inside it: without
    # the row lock both would find the payment unfinished and both would run it.
    paid: list[str] = []

    def slowly_paid(payment) -> None:
        time.sleep(0.5)
        paid.append(payment.reference)

    purposes.register_purpose("test-purpose", on_paid=slowly_paid, on_not_paid=told.on_not_paid)
    barrier = threading.Barrier(2)
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    errors: list[BaseException] = []

    def settle() -> None:
        try:
            barrier.wait(timeout=10)
            settle_payment(payment=type(payment).objects.get(pk=payment.pk))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=settle) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCESS
    assert paid == [payment.reference]
