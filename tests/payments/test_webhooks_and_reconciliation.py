"""Notifications and reconciliation only prompt us to ask the provider: a webhook that arrives
before the resident returns settles the payment once; a forged one changes nothing; a payment
left unfinished is settled by reconciliation, and every run is recorded."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from opencex.payments.models import (
    FailureCode,
    PaymentEvent,
    PaymentStatus,
    ReconciliationRun,
)
from opencex.payments.providers import test_provider
from opencex.payments.providers.signing import sign
from opencex.payments.reconciliation import reconcile_payments
from opencex.payments.services import settle_payment


@pytest.mark.django_db(transaction=True)
def test_a_webhook_arriving_before_the_resident_returns_settles_once(
    live_server, settings, told, start, run_jobs, client
):
    payment = start()
    settings.OPENCEX_SITE_URL = live_server.url
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    run_jobs()  # the provider's job posts its signed webhook to our endpoint on the live server
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCESS
    assert told.paid == [payment.reference]
    # Now the resident comes back: the payment is already final, the purpose is not told again.
    settle_payment(payment=payment)
    assert told.paid == [payment.reference]
    changes = PaymentEvent.objects.filter(payment=payment, kind="status_changed")
    assert list(changes.values_list("to_status", flat=True)) == ["success"]


@pytest.mark.django_db
def test_a_webhook_with_a_wrong_signature_is_refused(client, start, told):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    body = json.dumps({"resource_id": payment.provider_payment_id}).encode()
    response = client.post(
        "/payments/notifications/test/",
        body,
        content_type="application/json",
        headers={"Pay-Signature": sign(body, "a-guess")},
    )
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CREATED
    assert told.paid == []


@pytest.mark.django_db
def test_a_signed_webhook_is_idempotent_and_needs_no_csrf_token(start, told):
    from django.test import Client

    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4000000000000002")
    body = test_provider.webhook_body(test_provider.TestProviderSession.objects.get())
    strict = Client(enforce_csrf_checks=True)
    for _ in range(3):
        response = strict.post(
            "/payments/notifications/test/",
            body,
            content_type="application/json",
            headers={"Pay-Signature": sign(body, test_provider.signing_secret())},
        )
        assert response.status_code == 200
    assert told.not_paid == [payment.reference]


@pytest.mark.django_db
def test_a_webhook_saying_success_is_not_believed_over_the_provider(client, start, told):
    """A correctly signed message is still only a prompt: the state comes from asking."""
    payment = start()
    session = test_provider.TestProviderSession.objects.get()
    session.state = "success"  # what the message will claim
    body = test_provider.webhook_body(session)
    client.post(
        "/payments/notifications/test/",
        body,
        content_type="application/json",
        headers={"Pay-Signature": sign(body, test_provider.signing_secret())},
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CREATED
    assert told.paid == []


@pytest.mark.django_db
def test_reconciliation_settles_a_payment_paid_but_never_returned_from(start, told):
    payment = start()
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    run = reconcile_payments()  # too soon: the return page and webhook get their chance first
    assert (run.looked_at, run.settled) == (0, 0)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        run = reconcile_payments()
    assert (run.looked_at, run.settled, run.still_open) == (1, 1, 0)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCESS
    assert told.paid == [payment.reference]
    assert ReconciliationRun.objects.count() == 2


@pytest.mark.django_db
def test_reconciliation_expires_an_abandoned_payment_and_tells_its_purpose(start, told):
    payment = start()
    test_provider.open_session(payment.provider_payment_id)
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        assert reconcile_payments().still_open == 1  # within the provider's 90 minutes
    with time_machine.travel(timezone.now() + timedelta(minutes=91)):
        assert reconcile_payments().settled == 1
    payment.refresh_from_db()
    assert (payment.status, payment.failure_code) == (PaymentStatus.FAILED, FailureCode.EXPIRED)
    assert told.not_paid == [payment.reference]


@pytest.mark.django_db
def test_the_command_reports_the_run(start, capsys):
    payment = start()
    test_provider.cancel(payment.provider_payment_id)
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        call_command("reconcile_payments")
    assert "Looked at 1 unfinished payment(s): 1 settled, 0 still open" in capsys.readouterr().out


@pytest.mark.django_db
def test_starting_the_regular_run_twice_queues_it_once(capsys):
    call_command("reconcile_payments", every_day=True)
    call_command("reconcile_payments", every_day=True)
    out = capsys.readouterr().out
    assert "Payment reconciliation: first run at" in out
    assert "Payment reconciliation: already scheduled." in out
