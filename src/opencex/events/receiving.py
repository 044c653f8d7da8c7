"""The receiver's side, for our own adapters, our tests, and any Python receiver to copy:
verify a delivery's signature, then apply each message once.

    payload = verify(secret=SECRET, headers=request.headers, body=request.body)
    with transaction.atomic():
        if receive_once(receiver="housing", message_id=request.headers["webhook-id"]):
            apply(payload)          # in the same transaction as the mark

A message is delivered at least once (a retry after a lost response, a replay); the mark and
the change it brings commit together, so a second delivery of the same `webhook-id` finds the
mark and changes nothing, and a change that rolled back left no mark to stop its retry."""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from opencex.events.models import ReceivedMessage
from opencex.events.signing import signature

TOLERANCE_SECONDS = 5 * 60


class InvalidSignature(Exception):
    """The message is not from the sender, was changed, or is too old or too new to trust."""


def verify(
    *,
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> Any:
    """The parsed body of a genuine message, or `InvalidSignature`. The timestamp must be within
    `tolerance` seconds of now (a captured message cannot be replayed later), and one of the
    space-separated `v1,` signatures must match in constant time."""
    lower = {name.lower(): value for name, value in headers.items()}
    message_id = lower.get("webhook-id", "")
    stamp = lower.get("webhook-timestamp", "")
    given = lower.get("webhook-signature", "")
    if not (message_id and stamp and given):
        raise InvalidSignature("The webhook-id, webhook-timestamp or webhook-signature is missing.")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise InvalidSignature("The webhook-timestamp is not a number of seconds.") from None
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise InvalidSignature("The webhook-timestamp is too far from now.")
    expected = signature(secret=secret, message_id=message_id, timestamp=timestamp, body=body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in given.split(" ")):
        raise InvalidSignature("No signature matches.")
    return json.loads(body)


def receive_once(*, receiver: str, message_id: str) -> bool:
    """Mark `message_id` applied by `receiver`: True the first time, False if it already was.
    Call it inside the transaction that applies the message."""
    try:
        with transaction.atomic():
            ReceivedMessage.objects.create(receiver=receiver, message_id=message_id)
    except IntegrityError:
        return False
    return True
