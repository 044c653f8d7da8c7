"""Refunds that must not be made twice or lost: a finance form submitted twice refunds once, a
refund we have no provider answer for is reported (never sent again by itself), an answer an
adapter cannot read is a ProviderError (the reservation given back), and the day's CSV lists
the day's refunds beside its payments."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.payments.models import Payment, Refund, RefundStatus, TestProviderSession
from opencex.payments.providers import govuk_pay, test_provider
from opencex.payments.providers.base import ProviderError
from opencex.payments.providers.council_hosted import SIGNATURE_HEADER, CouncilHostedPage
from opencex.payments.providers.signing import sign
from opencex.payments.reconciliation import reconcile_payments
from opencex.payments.services import (
    record_unanswered_refund,
    refund_payment,
    reserve_refund_for_purpose,
    send_refund,
    settle_payment,
)
from tests.factories import UserFactory
from tests.payments.loopback import serving

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
WEDNESDAY_NOON = datetime(2026, 3, 11, 12, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(WEDNESDAY_NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def paid(start):
    payment = start(amount_pence=5000)
    test_provider.pay_with_card(payment.provider_payment_id, "4444333322221111")
    return settle_payment(payment=payment)


@pytest.fixture
def finance():
    return UserFactory(role=Role.TEAM_MANAGER)


def test_the_same_refund_key_refunds_once_and_the_key_with_another_amount_is_refused(paid, finance):
    first = refund_payment(
        actor=finance, payment=paid, amount_pence=1000, reason="Overpaid", idempotency_key="k1"
    )
    again = refund_payment(
        actor=finance, payment=paid, amount_pence=1000, reason="Overpaid", idempotency_key="k1"
    )
    assert again.pk == first.pk
    with pytest.raises(ValidationError) as refused:
        refund_payment(
            actor=finance, payment=paid, amount_pence=1200, reason="Overpaid", idempotency_key="k1"
        )
    assert "already used for a refund of £10.00" in str(refused.value)
    paid.refresh_from_db()
    assert (paid.refunded_pence, Refund.objects.count()) == (1000, 1)
    assert TestProviderSession.objects.get().refunded_pence == 1000


def test_a_refund_never_sent_is_reported_by_reconciliation_and_on_the_finance_page_not_resent(
    paid, client, clock
):
    # The worker reserved the refund and was killed before it asked the provider.
    with transaction.atomic():
        reserve_refund_for_purpose(
            payment=paid, amount_pence=2000, reason="Cancelled", because="the rules"
        )
    clock.shift(timedelta(minutes=6))
    run = reconcile_payments()
    assert f"of 2000p on {paid.reference}: no answer from the provider" in run.problems
    assert TestProviderSession.objects.get().refunded_pence == 0  # never sent again by itself
    assert Refund.objects.get().status == RefundStatus.SUBMITTED
    client.force_login(UserFactory(role=Role.TEAM_MANAGER))
    page = client.get("/staff/payments/").content.decode()
    assert "Refunds the provider has not answered" in page
    assert paid.reference in page


def test_an_answer_the_test_provider_cannot_give_leaves_the_refund_reported_not_lost(paid, clock):
    with transaction.atomic():
        refund = reserve_refund_for_purpose(
            payment=paid, amount_pence=2000, reason="Cancelled", because="the rules"
        )
    TestProviderSession.objects.all().delete()  # the provider's side is gone: not a ProviderError
    with pytest.raises(TestProviderSession.DoesNotExist):
        send_refund(refund=refund)
    clock.shift(timedelta(minutes=6))
    assert "no answer from the provider" in reconcile_payments().problems


def test_govuk_pays_refund_answer_without_an_id_is_a_provider_error():
    with pytest.raises(ProviderError):
        govuk_pay._refund({"status": "submitted", "amount": 100})


def test_the_council_providers_unsigned_or_unreadable_refund_answer_is_a_provider_error(
    paid, settings
):
    answers = iter([b"not json", b'{"status": "done"}'])

    def provider(method, path, headers, body):
        answer = next(answers)
        return 200, {SIGNATURE_HEADER: sign(answer, "s3cret")}, answer

    with serving(provider) as url:
        page = CouncilHostedPage(base_url=url, secret="s3cret")
        with pytest.raises(ProviderError):
            page.refund("p1", amount_pence=100, refund_amount_available=5000)
        with pytest.raises(ProviderError):
            page.refund("p1", amount_pence=100, refund_amount_available=5000)

    def unsigned(method, path, headers, body):
        return 200, {}, json.dumps({"refund_id": "r1", "status": "done"}).encode()

    with serving(unsigned) as url, pytest.raises(ProviderError):
        CouncilHostedPage(base_url=url, secret="s3cret").refund(
            "p1", amount_pence=100, refund_amount_available=5000
        )


def test_the_days_csv_lists_a_refund_made_today_on_last_weeks_payment(
    start, finance, client, clock
):
    last_week = start(amount_pence=5000)
    test_provider.pay_with_card(last_week.provider_payment_id, "4444333322221111")
    settle_payment(payment=last_week)
    clock.shift(timedelta(days=7))
    refund = refund_payment(actor=finance, payment=last_week, amount_pence=1500, reason="Sorry")
    today = timezone.localdate().isoformat()
    client.force_login(finance)
    response = client.get(f"/staff/payments/reconciliation.csv?day={today}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["row"], r["our_reference"], r["status"], r["amount_pence"]) for r in rows] == [
        ("refund", last_week.reference, "success", "1500")
    ]
    assert rows[0]["settled_at"].startswith(today)
    assert rows[0]["provider_refund_id"] == refund.provider_refund_id
    assert rows[0]["taken_by"] == finance.email
    assert Payment.objects.get().refunded_pence == 1500


def test_finance_records_an_unanswered_refund_as_never_made_and_the_money_is_refundable_again(
    paid, client, clock
):
    with transaction.atomic():
        refund = reserve_refund_for_purpose(
            payment=paid, amount_pence=2000, reason="Cancelled", because="the rules"
        )
    manager = UserFactory(role=Role.TEAM_MANAGER)
    client.force_login(manager)
    page_url = f"/staff/payments/{paid.reference}/"
    assert "A refund the provider has not answered" in client.get(page_url).content.decode()
    url = f"/staff/payments/{paid.reference}/refunds/{refund.pk}/checked/"
    unanswered = client.post(url, {})
    assert unanswered.status_code == 400
    assert "Select what the payment provider shows" in unanswered.content.decode()
    no_id = client.post(url, {"outcome": "made"})
    assert "Enter the refund&#x27;s ID from the payment provider" in no_id.content.decode()

    assert client.post(url, {"outcome": "not_made"}).status_code == 302
    refund.refresh_from_db()
    paid.refresh_from_db()
    assert (refund.status, paid.refunded_pence) == (RefundStatus.ERROR, 0)
    assert refund.events.get(to_status=RefundStatus.ERROR).actor == manager
    assert "A refund the provider has not answered" not in client.get(page_url).content.decode()
    again = client.post(url, {"outcome": "made", "provider_refund_id": "r1"})
    assert "already has an answer" in again.content.decode()


def test_finance_records_an_unanswered_refund_the_provider_made(paid, finance):
    with transaction.atomic():
        refund = reserve_refund_for_purpose(
            payment=paid, amount_pence=2000, reason="Cancelled", because="the rules"
        )
    made = record_unanswered_refund(
        actor=finance, refund=refund, made=True, provider_refund_id=" abc123 "
    )
    assert (made.status, made.provider_refund_id) == (RefundStatus.SUCCESS, "abc123")
    paid.refresh_from_db()
    assert paid.refunded_pence == 2000
