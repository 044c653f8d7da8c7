"""Deliveries are signed as the Standard Webhooks spec says, and `receiving.verify` accepts
exactly what the spec accepts."""

import base64
import hashlib
import hmac
import json
import re
import time
from pathlib import Path

import pytest

from opencex.events.receiving import InvalidSignature, verify
from opencex.events.signing import key_of, new_secret, signature, signed_headers

# The spec's own example (its reference libraries' tests): this secret, id, time and body sign to
# this signature.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_specs_example_signs_to_the_specs_signature():
    assert (
        signature(secret=SPEC_SECRET, message_id=SPEC_ID, timestamp=SPEC_TIMESTAMP, body=SPEC_BODY)
        == SPEC_SIGNATURE
    )


def test_the_specs_example_verifies_at_its_own_time():
    headers = {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": SPEC_SIGNATURE,
    }

    assert verify(secret=SPEC_SECRET, headers=headers, body=SPEC_BODY, now=SPEC_TIMESTAMP) == {
        "test": 2432232314
    }


def test_a_new_secret_is_32_random_bytes_in_the_specs_form():
    secret = new_secret()

    assert secret.startswith("whsec_")
    assert len(key_of(secret)) == 32
    assert new_secret() != secret


def signed(body: bytes = b'{"id": 1}', *, at: int | None = None, secret: str = SPEC_SECRET):
    return signed_headers(
        secret=secret, message_id="evt_1", timestamp=at or int(time.time()), body=body
    )


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda h, b: (h, b + b" "), "a changed body"),
        (lambda h, b: ({**h, "webhook-id": "evt_2"}, b), "another message's id"),
        (lambda h, b: ({k: v for k, v in h.items() if k != "webhook-signature"}, b), "none"),
        (lambda h, b: ({**h, "webhook-signature": "v2," + h["webhook-signature"][3:]}, b), "v2"),
    ],
)
def test_verify_refuses_a_message_that_is_not_as_signed(change, why):
    headers, body = change(signed(), b'{"id": 1}')

    with pytest.raises(InvalidSignature):
        verify(secret=SPEC_SECRET, headers=headers, body=body)


def test_verify_refuses_a_message_signed_more_than_five_minutes_ago():
    old = int(time.time()) - 5 * 60 - 1

    with pytest.raises(InvalidSignature, match="too far"):
        verify(secret=SPEC_SECRET, headers=signed(at=old), body=b'{"id": 1}')


def test_verify_refuses_another_subscriptions_secret():
    with pytest.raises(InvalidSignature):
        verify(secret=new_secret(), headers=signed(), body=b'{"id": 1}')


def test_verify_accepts_any_one_of_several_signatures_while_a_secret_is_rotated():
    headers = signed()
    headers["webhook-signature"] = "v1,AAAA " + headers["webhook-signature"]

    assert verify(secret=SPEC_SECRET, headers=headers, body=b'{"id": 1}') == {"id": 1}


def independently_verified(secret: str, headers: dict[str, str], body: bytes) -> dict:
    """The spec's algorithm written out here, not imported: what a receiver in any language does."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed_content = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed_content, hashlib.sha256).digest()).decode()
    given = [s.split(",", 1)[1] for s in headers["webhook-signature"].split(" ")]
    assert any(hmac.compare_digest(expected, g) for g in given)
    assert abs(time.time() - int(headers["webhook-timestamp"])) <= 300
    return json.loads(body)


def test_the_worked_example_in_the_receivers_guide_is_right():
    guide = (Path(__file__).parents[2] / "docs" / "events.md").read_text()
    body = re.search(r"```\n(\{\"data\".*\})\n```", guide).group(1).encode()
    headers = {
        "webhook-id": "evt_1042",
        "webhook-timestamp": "1796638500",
        "webhook-signature": re.search(r"the signature is `(v1,[^`]+)`", guide).group(1),
    }

    assert verify(secret=SPEC_SECRET, headers=headers, body=body, now=1796638500)["id"] == 1042
