"""The doors of the events app: publish an event, and administer subscriptions and deliveries.

`publish` is the stable interface other apps call (cases through `cases.timeline`; bookings and
payments likewise). It writes one row, in the caller's transaction: the event commits with the
change it tells of, or not at all. The fan-out to subscriptions happens in a task."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opencex.events import policies
from opencex.events.models import Delivery, DeliveryStatus, Event, Subscription
from opencex.events.signing import new_secret
from opencex.events.topics import TOPICS, matches, unknown_patterns
from opencex.jobs.queue import enqueue


def publish(
    *,
    topic: str,
    subject_type: str,
    subject_id: str,
    data: dict[str, Any],
    occurred_at: datetime | None = None,
) -> Event:
    """Record that `topic` happened to `subject_type`/`subject_id`, in the caller's transaction.

    Call it inside the transaction that makes the change, after the subject's row is locked, so
    that events of one subject get ids in the order they happened. `data` is the payload a
    receiver gets (docs/events.md): ids and the fields a back office needs, never free text,
    contact details or special-category data. One INSERT, plus the fan-out job for the first
    event of a transaction; deliveries are made by that job."""
    if topic not in TOPICS:
        raise ValueError(f"Unknown topic {topic!r}: add it to opencex.events.topics first.")
    event = Event.objects.create(
        topic=topic,
        subject_type=subject_type,
        subject_id=str(subject_id),
        data=data,
        occurred_at=occurred_at or timezone.now(),
    )
    _schedule_fan_out()
    return event


def _fan_out_scheduled() -> None:
    """A marker among the transaction's on-commit callbacks: the fan-out job is already queued in
    it. It does nothing when it runs; a rollback discards it with the job."""


def _schedule_fan_out() -> None:
    from opencex.events.tasks import fan_out_events

    connection = transaction.get_connection()
    if connection.in_atomic_block:
        if any(func is _fan_out_scheduled for _, func, _ in connection.run_on_commit):
            return
        transaction.on_commit(_fan_out_scheduled)
    enqueue(fan_out_events)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Only administrators may manage event subscriptions.")


def checked_topics(topics: list[str]) -> list[str]:
    """The topics cleaned, or a `ValidationError` naming any that no event has."""
    cleaned = [t.strip() for t in topics if t.strip()]
    if not cleaned:
        raise ValidationError({"topics": "Name at least one topic, or * for every topic."})
    unknown = unknown_patterns(cleaned)
    if unknown:
        raise ValidationError({"topics": f"No event has the topic {', '.join(unknown)}."})
    return cleaned


@transaction.atomic
def create_subscription(
    *, actor, name: str, url: str, topics: list[str], account=None
) -> tuple[Subscription, str]:
    """Subscribe a back office's `url` to `topics`. Returns the subscription and its secret,
    which the caller shows once: it is not shown again."""
    _require(policies.can_administer_subscriptions(actor))
    subscription = Subscription(
        name=name, url=url, topics=checked_topics(topics), secret=new_secret(), account=account
    )
    subscription.full_clean()
    subscription.save()
    return subscription, subscription.secret


@transaction.atomic
def update_subscription(*, actor, subscription: Subscription) -> Subscription:
    """Save an administrator's edits; reactivating a subscription sends what waited for it."""
    _require(policies.can_administer_subscriptions(actor))
    subscription.topics = checked_topics(list(subscription.topics))
    was_active = (
        Subscription.objects.select_for_update().filter(pk=subscription.pk, is_active=True).exists()
    )
    if subscription.is_active:
        subscription.disabled_reason = ""
    subscription.save()
    if subscription.is_active and not was_active:
        _send_waiting(subscription)
    return subscription


@transaction.atomic
def rotate_secret(*, actor, subscription: Subscription) -> str:
    """A new secret, shown once; deliveries from now on are signed with it."""
    _require(policies.can_administer_subscriptions(actor))
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.secret = new_secret()
    subscription.save(update_fields=["secret"])
    return subscription.secret


def _send_waiting(subscription: Subscription) -> None:
    from opencex.events.tasks import deliver_event

    waiting = subscription.deliveries.filter(status=DeliveryStatus.PENDING)
    waiting.update(next_attempt_at=timezone.now())
    for delivery_id in waiting.values_list("pk", flat=True):
        enqueue(deliver_event, delivery_id)


@transaction.atomic
def retry_delivery(*, actor, delivery: Delivery) -> Delivery:
    """Send a dead letter again from its first attempt (after the receiver is mended)."""
    from opencex.events.tasks import deliver_event

    _require(policies.can_administer_subscriptions(actor))
    delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != DeliveryStatus.DEAD:
        return delivery
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.last_error = ""
    delivery.save()
    enqueue(deliver_event, delivery.pk)
    return delivery


@transaction.atomic
def replay_events(*, actor, subscription: Subscription, after: int) -> int:
    """Send `subscription` every matching event with an id above `after` again, from its first
    attempt, with the same `webhook-id` as before (a receiver that honours ids applies nothing
    twice). Returns how many deliveries were queued."""
    from opencex.events.tasks import deliver_event

    _require(policies.can_administer_subscriptions(actor))
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if not subscription.is_active:
        raise ValidationError("Reactivate the subscription before replaying events to it.")
    now = timezone.now()
    queued = 0
    events = Event.objects.filter(pk__gt=after, fanned_out_at__isnull=False).order_by("pk")
    for event in events.iterator():
        if not matches(subscription.topics, event.topic):
            continue
        delivery, created = Delivery.objects.get_or_create(
            event=event, subscription=subscription, defaults={"next_attempt_at": now}
        )
        if not created:
            if delivery.status == DeliveryStatus.DELIVERING:
                continue  # being sent now: that is the replay
            delivery.status = DeliveryStatus.PENDING
            delivery.attempts = 0
            delivery.next_attempt_at = now
            delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        enqueue(deliver_event, delivery.pk)
        queued += 1
    return queued
