"""The local test provider: for the demo and the tests, no real money moves.

It plays the outside system. Its own record (`TestProviderSession`) is kept apart from our
`Payment`, its hosted card page (web/test_payment_provider_views.py) accepts GOV.UK Pay's test
card numbers, and it walks GOV.UK Pay's states: success, declined, cancelled by the resident,
expired (a session not finished in time is failed P0020 when it is next asked), and a signed
webhook sent by a job, which may well arrive before the resident is back on our return page."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Mapping
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opencex.jobs.queue import enqueue
from opencex.jobs.retries import task_with_retries
from opencex.payments.models import (
    FailureCode,
    PaymentStatus,
    RefundStatus,
    TestProviderRefund,
    TestProviderSession,
)
from opencex.payments.providers.base import (
    BadSignature,
    CreatedPayment,
    NewPayment,
    PaymentState,
    ProviderError,
    RefundState,
)
from opencex.payments.providers.signing import is_signed_by, sign

NAME = "test"
State = TestProviderSession.State

# GOV.UK Pay's published test cards (docs.payments.service.gov.uk/testing_govuk_pay): what each
# does here, as there.
SUCCEEDS = "success"
DECLINED = "declined"
ERROR = "error"
TEST_CARDS: dict[str, tuple[str, str]] = {
    "4444333322221111": (SUCCEEDS, "Visa, succeeds"),
    "4242424242424242": (SUCCEEDS, "Visa, succeeds"),
    "5555555555554444": (SUCCEEDS, "Mastercard, succeeds"),
    "4000000000000002": (DECLINED, "Declined"),
    "4000000000000069": (DECLINED, "Declined: card expired"),
    "4000000000000127": (DECLINED, "Declined: incorrect security code"),
    "4000000000000119": (ERROR, "Processing error"),
}
FINAL_STATES = {State.SUCCESS, State.FAILED, State.CANCELLED, State.ERROR}
MESSAGES: dict[str, str] = {
    FailureCode.DECLINED: "Payment method rejected",
    FailureCode.EXPIRED: "Payment expired",
    FailureCode.CANCELLED_BY_USER: "Payment was cancelled by the user",
    FailureCode.ERROR: "Payment provider returned an error",
}


def session_minutes() -> int:
    # GOV.UK Pay gives a resident 90 minutes to finish a payment.
    return int(getattr(settings, "OPENCEX_TEST_PAYMENT_PROVIDER_SESSION_MINUTES", 90))


def refunds_settle_later() -> bool:
    """GOV.UK Pay answers a refund "submitted" and settles it later (success, or error). With
    OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS = "later" the test provider does the same: its refund
    stays submitted until its own record is changed (`settle_refund_at_provider`)."""
    return getattr(settings, "OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS", "at_once") == "later"


def settle_refund_at_provider(provider_refund_id: str, state: str) -> None:
    """The provider's side: a refund it accepted ends "success" or "error" (the money comes back
    to the payment when it fails, as at GOV.UK Pay)."""
    with transaction.atomic():
        refund = TestProviderRefund.objects.select_for_update().get(pk=provider_refund_id)
        if state == RefundStatus.ERROR and refund.state != RefundStatus.ERROR:
            session = TestProviderSession.objects.select_for_update().get(pk=refund.session_id)
            session.refunded_pence -= refund.amount_pence
            session.save(update_fields=["refunded_pence"])
        refund.state = state
        refund.save(update_fields=["state"])


def signing_secret() -> str:
    configured = getattr(settings, "OPENCEX_TEST_PAYMENT_PROVIDER_SECRET", "")
    return configured or hashlib.sha256(f"test-provider:{settings.SECRET_KEY}".encode()).hexdigest()


def _site_url(path: str) -> str:
    return str(settings.OPENCEX_SITE_URL).rstrip("/") + path


class TestProvider:
    """The adapter our services talk to, exactly as they talk to GOV.UK Pay."""

    __test__ = False
    name = NAME

    def create_payment(self, payment: NewPayment, *, idempotency_key: str) -> CreatedPayment:
        now = timezone.now()
        session = TestProviderSession.objects.create(
            id=secrets.token_hex(13),
            amount_pence=payment.amount_pence,
            reference=payment.reference,
            description=payment.description,
            return_url=payment.return_url,
            email=payment.email,
            moto=payment.moto,
            created_at=now,
            expires_at=now + timedelta(minutes=session_minutes()),
        )
        return CreatedPayment(
            provider_payment_id=session.id,
            next_url=_site_url(reverse("test-payment-provider", args=[session.id])),
            status=PaymentStatus.CREATED,
        )

    def get_state(self, provider_payment_id: str) -> PaymentState:
        session = expire_if_overdue(_session(provider_payment_id))
        return PaymentState(
            status=session.state,
            code=session.code,
            message=MESSAGES.get(session.code, ""),
            amount_pence=session.amount_pence,
            card_last_digits=session.card_last_digits,
        )

    def refund(
        self, provider_payment_id: str, *, amount_pence: int, refund_amount_available: int
    ) -> RefundState:
        with transaction.atomic():
            session = TestProviderSession.objects.select_for_update().get(pk=provider_payment_id)
            available = session.amount_pence - session.refunded_pence
            if session.state != State.SUCCESS or amount_pence > available:
                raise ProviderError("The test provider refused the refund (amount not available).")
            if refund_amount_available != available:
                # GOV.UK Pay answers 412 when our idea of what is left differs from its own.
                raise ProviderError("The refund amount available does not match.")
            session.refunded_pence += amount_pence
            session.save(update_fields=["refunded_pence"])
            refund = TestProviderRefund.objects.create(
                id=secrets.token_hex(13),
                session=session,
                amount_pence=amount_pence,
                created_at=timezone.now(),
                state=RefundStatus.SUBMITTED if refunds_settle_later() else RefundStatus.SUCCESS,
            )
        return RefundState(refund.id, refund.state, amount_pence)

    def get_refund(self, provider_payment_id: str, provider_refund_id: str) -> RefundState:
        refund = TestProviderRefund.objects.get(
            pk=provider_refund_id, session_id=provider_payment_id
        )
        return RefundState(refund.id, refund.state, refund.amount_pence)

    def read_notification(self, body: bytes, headers: Mapping[str, str]) -> str:
        if not is_signed_by(body, headers.get("Pay-Signature", ""), signing_secret()):
            raise BadSignature("The test provider's signature does not match.")
        return str(json.loads(body)["resource_id"])


def _session(session_id: str) -> TestProviderSession:
    try:
        return TestProviderSession.objects.get(pk=session_id)
    except TestProviderSession.DoesNotExist:
        raise ProviderError(f"The test provider has no payment {session_id}") from None


# --- what the hosted card page does (the outside system's side) ---


def open_session(session_id: str) -> TestProviderSession:
    """The resident has arrived on the card page: created becomes started."""
    with transaction.atomic():
        session = TestProviderSession.objects.select_for_update().get(pk=session_id)
        session = expire_if_overdue(session)
        if session.state == State.CREATED:
            session.state = State.STARTED
            session.save(update_fields=["state"])
    return session


def expire_if_overdue(session: TestProviderSession) -> TestProviderSession:
    """A session not finished within its time is failed, P0020, when anyone next looks."""
    if session.state in FINAL_STATES or timezone.now() < session.expires_at:
        return session
    with transaction.atomic():
        locked = TestProviderSession.objects.select_for_update().get(pk=session.pk)
        if locked.state not in FINAL_STATES:
            _finish(locked, State.FAILED, FailureCode.EXPIRED, notify=False)
    return locked


def pay_with_card(session_id: str, card_number: str) -> TestProviderSession:
    """Take the card number a resident typed; what happens is the test card's outcome. An unknown
    number is declined, as a real card the test system does not know would be."""
    outcome, _ = TEST_CARDS.get("".join(card_number.split()), (DECLINED, ""))
    with transaction.atomic():
        session = expire_if_overdue(
            TestProviderSession.objects.select_for_update().get(pk=session_id)
        )
        if session.state in FINAL_STATES:
            return session
        session.card_last_digits = "".join(card_number.split())[-4:]
        if outcome == SUCCEEDS:
            _finish(session, State.SUCCESS, "")
        elif outcome == ERROR:
            _finish(session, State.ERROR, FailureCode.ERROR)
        else:
            _finish(session, State.FAILED, FailureCode.DECLINED)
    return session


def cancel(session_id: str) -> TestProviderSession:
    """The resident chose "Cancel payment"."""
    with transaction.atomic():
        session = expire_if_overdue(
            TestProviderSession.objects.select_for_update().get(pk=session_id)
        )
        if session.state not in FINAL_STATES:
            _finish(session, State.CANCELLED, FailureCode.CANCELLED_BY_USER)
    return session


def _finish(session: TestProviderSession, state: str, code: str, *, notify: bool = True) -> None:
    session.state = state
    session.code = code
    session.finished_at = timezone.now()
    session.save(update_fields=["state", "code", "finished_at", "card_last_digits"])
    if notify:
        # GOV.UK Pay sends its webhook on its own clock; ours goes through the job queue on commit.
        enqueue(send_webhook, session.id)


def webhook_body(session: TestProviderSession) -> bytes:
    """A notification in GOV.UK Pay's webhook shape."""
    events: dict[str, str] = {
        State.SUCCESS: "card_payment_succeeded",
        State.FAILED: "card_payment_failed",
        State.CANCELLED: "card_payment_cancelled",
    }
    event = events.get(session.state, "card_payment_errored")
    return json.dumps(
        {
            "webhook_message_id": secrets.token_hex(10),
            "created_date": timezone.now().isoformat(),
            "resource_id": session.id,
            "resource_type": "payment",
            "event_type": event,
            "resource": {
                "payment_id": session.id,
                "amount": session.amount_pence,
                "reference": session.reference,
                "state": {"status": session.state, "finished": True, "code": session.code},
            },
        }
    ).encode()


@task_with_retries(max_attempts=5)
def send_webhook(session_id: str, *, attempt: int = 1) -> int:
    """POST the signed notification to our webhook endpoint (retried by the queue on failure)."""
    body = webhook_body(TestProviderSession.objects.get(pk=session_id))
    response = requests.post(
        _site_url(reverse("payment-webhook", args=[NAME])),
        data=body,
        headers={"Content-Type": "application/json", "Pay-Signature": sign(body, signing_secret())},
        timeout=10,
    )
    response.raise_for_status()
    return response.status_code
