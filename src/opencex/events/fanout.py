"""The fan-out: each event not yet fanned out becomes one delivery per matching active
subscription and one job per matching in-process consumer, in one transaction with the mark
that it is done, so an event is fanned out once whatever dies when."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from opencex.events.consumers import consumers_of
from opencex.events.models import Delivery, Event, Subscription
from opencex.events.topics import matches
from opencex.jobs.queue import enqueue

BATCH = 200


def fan_out(*, batch: int = BATCH) -> int:
    """Fan out every waiting event, a batch per transaction; returns how many events."""
    total = 0
    while True:
        done = _fan_out_batch(batch)
        total += done
        if done < batch:
            return total


@transaction.atomic
def _fan_out_batch(batch: int) -> int:
    from opencex.events.tasks import deliver_event

    # SKIP LOCKED: two fan-out jobs at once take different events rather than wait or repeat.
    events = list(
        Event.objects.select_for_update(skip_locked=True)
        .filter(fanned_out_at__isnull=True)
        .order_by("pk")[:batch]
    )
    if not events:
        return 0
    subscriptions = list(Subscription.objects.filter(is_active=True))
    now = timezone.now()
    for event in events:
        for subscription in subscriptions:
            if not matches(subscription.topics, event.topic):
                continue
            delivery, created = Delivery.objects.get_or_create(
                event=event, subscription=subscription, defaults={"next_attempt_at": now}
            )
            if created:
                enqueue(deliver_event, delivery.pk)
        for consumer in consumers_of(event.topic):
            enqueue(consumer.task, event.pk)
    Event.objects.filter(pk__in=[event.pk for event in events]).update(fanned_out_at=now)
    return len(events)


def requeue_stranded(*, now=None) -> int:
    """Queue again every delivery whose job is gone: one left "delivering" past its lease whose
    job failed rather than died (the worker's lease gives back a dead worker's job by itself),
    or one waiting past its time by a lease with no job (a queue outside the database that lost
    it). A delivery queued twice is sent once: each job claims it first."""
    from opencex.events.delivery import lease
    from opencex.events.models import DeliveryStatus
    from opencex.events.tasks import deliver_event

    stale = (now or timezone.now()) - lease()
    stranded = Delivery.objects.filter(
        subscription__is_active=True, status=DeliveryStatus.DELIVERING, claimed_at__lt=stale
    ) | Delivery.objects.filter(
        subscription__is_active=True, status=DeliveryStatus.PENDING, next_attempt_at__lt=stale
    )
    count = 0
    with transaction.atomic():
        for delivery_id in stranded.values_list("pk", flat=True):
            enqueue(deliver_event, delivery_id)
            count += 1
    return count
