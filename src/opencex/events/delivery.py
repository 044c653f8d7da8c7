"""Sending one delivery: claim it, POST it signed, record what the receiver said.

At least once: the claim (pending → delivering, by one conditional UPDATE) is committed before
the POST, so two jobs never send it at once; a delivery left "delivering" by a worker that died
is taken over once its lease ends and sent again with the same `webhook-id`, which a receiver
uses to apply it once. A 2xx is delivered; 410 Gone disables the subscription; anything else
(a timeout, a refused connection, a 5xx, another 4xx, a redirect) is tried again after a
back-off, and after the last attempt the delivery is a dead letter for an administrator.

Per subject (one case), deliveries to a subscription go in event order: a delivery waits while
an earlier one of the same subject to the same subscription is still to be sent. A dead letter
does not hold the later ones up."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from opencex.events.models import Delivery, DeliveryStatus, Event, Subscription
from opencex.events.signing import signed_headers
from opencex.jobs.queue import enqueue
from opencex.jobs.retries import standard_backoff

logger = logging.getLogger(__name__)

WAITING = (DeliveryStatus.PENDING, DeliveryStatus.DELIVERING)


def lease() -> timedelta:
    return timedelta(seconds=settings.OPENCEX_EVENT_DELIVERY_LEASE_SECONDS)


def body_of(event: Event) -> bytes:
    """The JSON every delivery and replay of `event` carries (the same bytes each time)."""
    envelope = {
        "id": event.pk,
        "type": event.topic,
        "timestamp": event.occurred_at,
        "subject": {"type": event.subject_type, "id": event.subject_id},
        "data": event.data,
    }
    return json.dumps(envelope, cls=DjangoJSONEncoder, sort_keys=True).encode()


def deliver(delivery_id: int) -> None:
    """The job's work for one delivery (see the module docstring)."""
    delivery = (
        Delivery.objects.select_related("event", "subscription").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.status in {DeliveryStatus.DELIVERED, DeliveryStatus.DEAD}:
        return
    if not delivery.subscription.is_active:
        return  # kept waiting: reactivating the subscription queues it again
    wait_until = _held_until(delivery)
    if wait_until is not None:
        _look_again(delivery, wait_until)
        return
    claimed_at = _claim(delivery)
    if claimed_at is None:
        return
    status, error = _post(delivery.subscription, delivery.event)
    _record(delivery, claimed_at, status, error)


def _held_until(delivery: Delivery) -> datetime | None:
    """When to look again if an earlier event of the same subject is still to be sent, or if
    another worker is sending this one now; None if it may be sent."""
    earlier = (
        Delivery.objects.filter(
            subscription_id=delivery.subscription_id,
            event__subject_type=delivery.event.subject_type,
            event__subject_id=delivery.event.subject_id,
            event_id__lt=delivery.event_id,
            status__in=WAITING,
        )
        .order_by("event_id")
        .first()
    )
    now = timezone.now()
    if earlier is not None:
        if earlier.status == DeliveryStatus.DELIVERING and earlier.claimed_at is not None:
            return max(earlier.claimed_at + lease(), now)
        return max(earlier.next_attempt_at, now) + timedelta(seconds=1)
    if delivery.status == DeliveryStatus.DELIVERING and delivery.claimed_at is not None:
        taken_over_at = delivery.claimed_at + lease()
        return taken_over_at if taken_over_at > now else None
    if delivery.next_attempt_at > now:
        return delivery.next_attempt_at
    return None


def _look_again(delivery: Delivery, at: datetime) -> None:
    from opencex.events.tasks import deliver_event

    with transaction.atomic():
        enqueue(deliver_event.using(run_after=at), delivery.pk)


def _claim(delivery: Delivery) -> datetime | None:
    now = timezone.now()
    claimable = Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=now) | Q(
        status=DeliveryStatus.DELIVERING, claimed_at__lt=now - lease()
    )
    claimed = Delivery.objects.filter(claimable, pk=delivery.pk).update(
        status=DeliveryStatus.DELIVERING, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    delivery.refresh_from_db(fields=["attempts"])
    return now


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure, not a new address: the subscription says where to send."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(subscription: Subscription, event: Event) -> tuple[int | None, str]:
    """The receiver's HTTP status (None if there was no answer) and what went wrong, if anything."""
    body = body_of(event)
    headers = signed_headers(
        secret=subscription.secret,
        message_id=event.webhook_id,
        timestamp=int(timezone.now().timestamp()),
        body=body,
    )
    headers["user-agent"] = "OpenCEX-Webhooks/1"
    # S310: the address is a subscription's, which its model accepts only as http(s).
    request = urllib.request.Request(subscription.url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=settings.OPENCEX_EVENT_DELIVERY_TIMEOUT_SECONDS) as sent:
            return sent.status, ""
    except urllib.error.HTTPError as refused:
        return refused.code, f"The receiver answered {refused.code}."
    except (urllib.error.URLError, TimeoutError, OSError) as failed:
        reason = getattr(failed, "reason", failed)
        return None, f"No answer from the receiver: {reason}"[:500]


@transaction.atomic
def _record(delivery: Delivery, claimed_at: datetime, status: int | None, error: str) -> None:
    from opencex.events.tasks import deliver_event

    mine = Delivery.objects.select_for_update().filter(
        pk=delivery.pk, status=DeliveryStatus.DELIVERING, claimed_at=claimed_at
    )
    if not mine.exists():
        return  # another worker took it over after our lease ran out: its result stands
    now = timezone.now()
    if status is not None and 200 <= status < 300:
        mine.update(
            status=DeliveryStatus.DELIVERED, delivered_at=now, last_response_status=status,
            last_error="",
        )  # fmt: skip
        return
    if status == 410:
        mine.update(
            status=DeliveryStatus.DEAD, last_response_status=status,
            last_error="410 Gone: the receiver asked for no more deliveries.",
        )  # fmt: skip
        Subscription.objects.filter(pk=delivery.subscription_id).update(
            is_active=False,
            disabled_reason=f"The receiver answered 410 Gone on {now:%Y-%m-%d %H:%M} UTC.",
        )
        logger.warning(
            "Subscription %s disabled: its receiver answered 410 Gone", delivery.subscription_id
        )
        return
    if delivery.attempts >= settings.OPENCEX_EVENT_DELIVERY_ATTEMPTS:
        mine.update(status=DeliveryStatus.DEAD, last_response_status=status, last_error=error)
        logger.error(
            "Delivery %s is a dead letter after %d attempts: %s",
            delivery.pk,
            delivery.attempts,
            error,
        )
        return
    retry_at = now + standard_backoff(delivery.attempts)
    mine.update(
        status=DeliveryStatus.PENDING, next_attempt_at=retry_at, last_response_status=status,
        last_error=error,
    )  # fmt: skip
    enqueue(deliver_event.using(run_after=retry_at), delivery.pk)
