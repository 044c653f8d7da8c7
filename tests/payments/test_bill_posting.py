"""A bill payment is posted to the bills system by a job after the payment's transaction, with
the payment's reference as its idempotency key: a bills system that is down never fails the
webhook or the return page, the job tries again, and finally shows the payment to finance. The
same bill cannot be paid twice at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role
from opencex.payments.bills.purposes import ATTEMPTS, post_to_bills_system_job
from opencex.payments.bills.services import start_bill_payment
from opencex.payments.bills.system import DemoBills
from opencex.payments.models import BillPosting, DemoBill, Payment, PaymentStatus
from opencex.payments.providers import test_provider
from opencex.payments.services import settle_payment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SUCCEEDS = "4444333322221111"


class BillsSystemDown(DemoBills):
    """The council's bills system, unreachable (an outside system's failure, not ours)."""

    def record_payment(self, kind, reference, amount_pence, receipt):
        raise ConnectionError("The revenues system did not answer")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.OPENCEX_SITE_URL = "http://testserver"
    settings.OPENCEX_PAYMENT_PROVIDER = "test"


@pytest.fixture
def council_tax():
    return DemoBill.objects.create(
        kind="council_tax", reference="4001234564", description="2026/27", balance_pence=15000
    )


def start(key: str, amount: int = 4550) -> Payment:
    return start_bill_payment(
        actor=None,
        kind="council_tax",
        reference="4001234564",
        amount_pence=amount,
        email="sam@example.org",
        return_url="/pay/return/x/",
        idempotency_key=key,
    )


def pay(payment: Payment) -> Payment:
    test_provider.pay_with_card(payment.provider_payment_id, SUCCEEDS)
    return settle_payment(payment=payment)


def _posting_jobs():
    return DBTaskResult.objects.filter(task_path=post_to_bills_system_job.module_path)


def test_settling_a_paid_bill_queues_its_post_and_a_down_bills_system_fails_only_the_job(
    council_tax, settings, client
):
    settings.OPENCEX_BILLS_SYSTEM = f"{__name__}.BillsSystemDown"
    payment = pay(start("a"))
    assert payment.status == PaymentStatus.SUCCESS  # the settlement did not fail with it
    assert _posting_jobs().get().args_kwargs["kwargs"] == {"payment_id": payment.pk}
    with pytest.raises(ConnectionError):
        post_to_bills_system_job.call(payment_id=payment.pk)
    posting = BillPosting.objects.get()
    assert (posting.posted_at, posting.attempts, posting.gave_up) == (None, 1, False)
    assert "did not answer" in posting.last_error
    assert _posting_jobs().filter(args_kwargs__kwargs__attempt=2).exists()  # tried again later

    with pytest.raises(ConnectionError):
        post_to_bills_system_job.call(payment_id=payment.pk, attempt=ATTEMPTS)
    client.force_login(UserFactory(role=Role.TEAM_MANAGER))
    page = client.get("/staff/payments/").content.decode()
    assert "Payments not posted to the bills system" in page
    assert payment.reference in page

    settings.OPENCEX_BILLS_SYSTEM = "opencex.payments.bills.system.DemoBills"
    assert post_to_bills_system_job.call(payment_id=payment.pk) is True
    council_tax.refresh_from_db()
    assert council_tax.paid_pence == 4550
    assert "Payments not posted" not in client.get("/staff/payments/").content.decode()


def test_a_post_whose_answer_was_lost_is_posted_once_by_its_receipt(council_tax):
    payment = pay(start("a"))
    DemoBills().record_payment("council_tax", "4001234564", 4550, payment.reference)
    assert post_to_bills_system_job.call(payment_id=payment.pk) is True
    council_tax.refresh_from_db()
    assert (council_tax.balance_pence, council_tax.paid_pence) == (15000 - 4550, 4550)


def test_a_second_payment_for_a_bill_being_paid_is_refused_with_what_to_do(council_tax):
    first = start("tab-1")
    with pytest.raises(ValidationError) as refused:
        start("tab-2")
    assert refused.value.message_dict == {
        "reference": [
            "A payment for this council tax account number is already in progress. Try again "
            "in 90 minutes, or phone us if you need to pay now"
        ]
    }
    assert start("tab-1").pk == first.pk  # the same attempt again is the same payment
    pay(first)
    with pytest.raises(ValidationError):
        start("tab-3")  # paid, but not yet on the bill's balance
    post_to_bills_system_job.call(payment_id=first.pk)
    assert start("tab-4").pk != first.pk  # the balance shows it: another payment may start
    assert Payment.objects.count() == 2


def test_after_a_failed_payment_the_bill_may_be_paid_again(council_tax):
    failed = start("tab-1")
    test_provider.pay_with_card(failed.provider_payment_id, "4000000000000002")
    settle_payment(payment=failed)
    assert start("tab-2").pk != failed.pk
