"""The seam for a council's own hosted payment page, proved against a fake provider on loopback:
the resident goes to a signed hosted page, the provider's callback is believed only when signed
and only prompts us to ask, and the state comes from a signed query."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlsplit

import pytest

from opencex.payments.models import PaymentStatus
from opencex.payments.providers.council_hosted import SIGNATURE_HEADER, canonical
from opencex.payments.providers.signing import is_signed_by, sign
from opencex.payments.services import settle_payment
from tests.payments.loopback import serving

pytestmark = pytest.mark.django_db
SECRET = "shared-with-the-council-provider"


class FakeCouncilProvider:
    """Knows one result per payment id; refuses a query that is not signed by us."""

    def __init__(self) -> None:
        self.results: dict[str, str] = {}
        self.queries: list[str] = []

    def __call__(self, method, path, headers, body):
        signed = f"{method} {path}\n".encode() + (body or b"{}")
        if not is_signed_by(signed, headers.get(SIGNATURE_HEADER, ""), SECRET):
            return 403, {}, b"{}"
        self.queries.append(path)
        payment_id = path.split("/")[2]
        answer = json.dumps({"result": self.results.get(payment_id, "pending"), "amount": 1234})
        return 200, {SIGNATURE_HEADER: sign(answer.encode(), SECRET)}, answer.encode()


@pytest.fixture
def council_provider(settings):
    fake = FakeCouncilProvider()
    with serving(fake) as url:
        settings.OPENCEX_PAYMENT_PROVIDER = "council_hosted"
        settings.OPENCEX_COUNCIL_PAYMENT_URL = url
        settings.OPENCEX_COUNCIL_PAYMENT_SECRET = SECRET
        yield fake


def test_the_resident_is_sent_to_the_hosted_page_with_signed_parameters(start, council_provider):
    payment = start()
    parameters = dict(parse_qsl(urlsplit(payment.next_url).query))
    signature = parameters.pop("signature")
    assert is_signed_by(canonical(parameters), signature, SECRET)
    assert parameters["amount"] == "1234"
    assert parameters["payment_id"] == payment.provider_payment_id
    assert parameters["callback_url"] == "http://testserver/payments/notifications/council_hosted/"


def test_a_signed_callback_makes_us_ask_and_the_answer_settles_it(
    start, council_provider, client, told
):
    payment = start()
    council_provider.results[payment.provider_payment_id] = "authorised"
    body = json.dumps({"payment_id": payment.provider_payment_id, "result": "authorised"}).encode()
    response = client.post(
        "/payments/notifications/council_hosted/",
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: sign(body, SECRET)},
    )
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCESS
    assert council_provider.queries == [f"/payments/{payment.provider_payment_id}"]
    assert told.paid == [payment.reference]


def test_an_unsigned_callback_is_refused_and_nothing_is_asked(start, council_provider, client):
    payment = start()
    body = json.dumps({"payment_id": payment.provider_payment_id, "result": "authorised"}).encode()
    response = client.post(
        "/payments/notifications/council_hosted/",
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: sign(body, "not-the-secret")},
    )
    assert response.status_code == 400
    assert council_provider.queries == []
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CREATED


def test_a_callback_saying_authorised_is_not_believed_when_the_provider_says_declined(
    start, council_provider, client, told
):
    payment = start()
    council_provider.results[payment.provider_payment_id] = "declined"
    body = json.dumps({"payment_id": payment.provider_payment_id, "result": "authorised"}).encode()
    client.post(
        "/payments/notifications/council_hosted/",
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: sign(body, SECRET)},
    )
    payment = settle_payment(payment=payment)
    assert (payment.status, payment.failure_code) == (PaymentStatus.FAILED, "P0010")
    assert told.paid == []
