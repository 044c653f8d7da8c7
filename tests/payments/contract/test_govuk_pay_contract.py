"""The GOV.UK Pay adapter against GOV.UK Pay's published OpenAPI document (vendored subset, see
SOURCE.md): a local server checks every request the adapter sends against the spec (path,
method, bearer key, Idempotency-Key, body schema, no field the spec does not name) and answers
with bodies that are themselves checked against the spec's response schemas; the tests check
the adapter reads those bodies correctly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema_rs
import pytest

from opencex.payments.providers.base import BadSignature, NewPayment, ProviderError
from opencex.payments.providers.govuk_pay import GovUkPay
from opencex.payments.providers.signing import sign
from tests.payments.loopback import serving

SPEC = json.loads((Path(__file__).parent / "govuk_pay_publicapi_subset.json").read_text())
API_KEY = "api_test_0123456789abcdefghijklmnopqrstuvwxyz"


def schema(ref: str) -> dict:
    return {"$ref": ref, "components": SPEC["components"]}


def check(instance: object, ref: str) -> None:
    errors = [
        e.message for e in jsonschema_rs.Draft202012Validator(schema(ref)).iter_errors(instance)
    ]
    assert errors == [], f"{ref}: {errors}"


def operation(method: str, path: str) -> tuple[str, dict, dict]:
    """The spec's operation for this request, with its path parameters."""
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$"
        match = re.match(pattern, path)
        if match and method.lower() in item:
            return template, item[method.lower()], match.groupdict()
    raise AssertionError(f"{method} {path} is not in GOV.UK Pay's API")


class SpecServer:
    """Plays GOV.UK Pay: checks each request against the spec, answers from `answers`."""

    def __init__(self, answers: dict[str, tuple[int, dict]]) -> None:
        self.answers = answers
        self.requests: list[tuple[str, str, dict, dict | None]] = []

    def __call__(self, method, path, headers, body):
        template, op, _ = operation(method, path)
        assert headers.get("Authorization") == f"Bearer {API_KEY}"
        sent = json.loads(body) if body else None
        for parameter in op.get("parameters", []):
            if parameter["in"] == "header" and parameter["name"] in headers:
                assert re.match(parameter["schema"]["pattern"], headers[parameter["name"]])
        if "requestBody" in op:
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            check(sent, ref)
            named = SPEC["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
            assert set(sent) <= set(named), (
                f"fields the spec does not name: {set(sent) - set(named)}"
            )
        self.requests.append((method, template, headers, sent))
        status, answer = self.answers[f"{method} {template}"]
        response_schema = op["responses"][str(status)]["content"]["application/json"]["schema"]
        check(answer, response_schema["$ref"])
        return status, {"Content-Type": "application/json"}, json.dumps(answer).encode()


CREATED = {
    "amount": 3350,
    "description": "Council tax 1234567890",
    "reference": "1234567890",
    "language": "en",
    "email": "sam@example.org",
    "moto": True,
    "metadata": {"opencex_reference": "PAY-7KQM-3XHD"},
    "payment_id": "hu20sqlact5260q2nanm0q8u93",
    "payment_provider": "sandbox",
    "created_date": "2026-12-05T10:00:00.000Z",
    "state": {"status": "created", "finished": False},
    "return_url": "https://council.example/pay/return/PAY-7KQM-3XHD/",
    "_links": {
        "self": {
            "href": "https://publicapi.example/v1/payments/hu20sqlact5260q2nanm0q8u93",
            "method": "GET",
        },
        "next_url": {"href": "https://card.payments.service.gov.uk/secure/abc", "method": "GET"},
    },
}


def answering(**answers):
    return SpecServer(
        {
            "POST /v1/payments": (201, CREATED),
            **{key.replace("_", " ", 1): value for key, value in answers.items()},
        }
    )


def test_creating_a_payment_sends_what_the_spec_asks_and_reads_the_next_url():
    server = answering()
    with serving(server) as url:
        created = GovUkPay(base_url=url, api_key=API_KEY).create_payment(
            NewPayment(
                amount_pence=3350,
                reference="1234567890",
                description="Council tax 1234567890",
                return_url="https://council.example/pay/return/PAY-7KQM-3XHD/",
                email="sam@example.org",
                moto=True,
                metadata={"opencex_reference": "PAY-7KQM-3XHD", "purpose": "council_tax"},
            ),
            idempotency_key="payment:abc_123",
        )
    assert created.provider_payment_id == "hu20sqlact5260q2nanm0q8u93"
    assert created.next_url == "https://card.payments.service.gov.uk/secure/abc"
    assert created.status == "created"
    (_, _, headers, sent) = server.requests[0]
    assert headers["Idempotency-Key"] == "payment-abc-123"
    assert sent["moto"] is True
    assert sent["amount"] == 3350
    assert sent["language"] == "en"


def test_getting_a_successful_payment_reads_its_state_and_card():
    paid = CREATED | {
        "state": {"status": "success", "finished": True},
        "card_details": {"last_digits_card_number": "1111", "card_brand": "Visa"},
    }
    server = SpecServer({"GET /v1/payments/{paymentId}": (200, paid)})
    with serving(server) as url:
        state = GovUkPay(base_url=url, api_key=API_KEY).get_state("hu20sqlact5260q2nanm0q8u93")
    assert (state.status, state.code, state.amount_pence, state.card_last_digits) == (
        "success",
        "",
        3350,
        "1111",
    )


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        ("failed", "P0010", "Payment method rejected"),
        ("failed", "P0020", "Payment expired"),
        ("cancelled", "P0030", "Payment was cancelled by the user"),
        ("cancelled", "P0040", "Payment was cancelled by your service"),
        ("error", "P0050", "Payment provider returned an error"),
    ],
)
def test_getting_an_unsuccessful_payment_reads_its_code(status, code, message):
    failed = CREATED | {
        "state": {"status": status, "finished": True, "code": code, "message": message}
    }
    server = SpecServer({"GET /v1/payments/{paymentId}": (200, failed)})
    with serving(server) as url:
        state = GovUkPay(base_url=url, api_key=API_KEY).get_state("hu20sqlact5260q2nanm0q8u93")
    assert (state.status, state.code, state.message) == (status, code, message)


def test_a_refund_sends_the_amount_available_and_reads_the_refund():
    refund = {
        "refund_id": "act4c33g40j3edfmi8jknab84x",
        "payment_id": "hu20sqlact5260q2nanm0q8u93",
        "amount": 1000,
        "status": "submitted",
        "created_date": "2026-12-05T11:00:00.000Z",
    }
    server = SpecServer(
        {
            "POST /v1/payments/{paymentId}/refunds": (200, refund),
            "GET /v1/payments/{paymentId}/refunds/{refundId}": (
                200,
                refund | {"status": "success"},
            ),
        }
    )
    with serving(server) as url:
        pay = GovUkPay(base_url=url, api_key=API_KEY)
        submitted = pay.refund(
            "hu20sqlact5260q2nanm0q8u93", amount_pence=1000, refund_amount_available=3350
        )
        done = pay.get_refund("hu20sqlact5260q2nanm0q8u93", submitted.provider_refund_id)
    assert (submitted.provider_refund_id, submitted.status, submitted.amount_pence) == (
        "act4c33g40j3edfmi8jknab84x",
        "submitted",
        1000,
    )
    assert done.status == "success"
    assert server.requests[0][3] == {"amount": 1000, "refund_amount_available": 3350}


def test_a_refused_refund_is_a_provider_error():
    def handle(method, path, headers, body):
        return 412, {"Content-Type": "application/json"}, b"{}"

    with serving(handle) as url, pytest.raises(ProviderError, match="412"):
        GovUkPay(base_url=url, api_key=API_KEY).refund(
            "hu20sqlact5260q2nanm0q8u93", amount_pence=1000, refund_amount_available=999
        )


def test_a_webhook_is_read_only_with_the_right_pay_signature(settings):
    settings.OPENCEX_GOVUK_PAY_WEBHOOK_SECRET = "webhook_secret_abc"
    body = json.dumps(
        {
            "webhook_message_id": "123abc",
            "api_version": 1,
            "created_date": "2026-12-05T10:00:00.000Z",
            "resource_id": "hu20sqlact5260q2nanm0q8u93",
            "resource_type": "payment",
            "event_type": "card_payment_succeeded",
            "resource": CREATED,
        }
    ).encode()
    pay = GovUkPay(base_url="http://unused", api_key=API_KEY)
    good = {"Pay-Signature": sign(body, "webhook_secret_abc")}
    assert pay.read_notification(body, good) == "hu20sqlact5260q2nanm0q8u93"
    with pytest.raises(BadSignature):
        pay.read_notification(body, {"Pay-Signature": sign(body, "someone_else")})
    with pytest.raises(BadSignature):
        pay.read_notification(body.replace(b"succeeded", b"failed"), good)
