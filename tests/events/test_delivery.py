"""Each event is POSTed, signed, to every matching subscription by the real worker; failures are
retried with back-off and then dead-lettered; 410 Gone disables; a delivery a dead worker left
is sent again (at least once), and a receiver that honours ids applies it once."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role
from opencex.cases.actions.status import change_status
from opencex.cases.models import Status
from opencex.events.delivery import body_of
from opencex.events.fanout import fan_out
from opencex.events.models import Delivery, DeliveryStatus, Event
from opencex.events.receiving import receive_once, verify
from opencex.events.services import retry_delivery
from opencex.events.tasks import deliver_event
from opencex.jobs.queue import enqueue
from tests.events.conftest import open_a_case, subscribe
from tests.events.test_signing import independently_verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _quick_deliveries(settings):
    settings.OPENCEX_EVENT_DELIVERY_TIMEOUT_SECONDS = 1
    settings.OPENCEX_EVENT_DELIVERY_ATTEMPTS = 3


def the_delivery() -> Delivery:
    return Delivery.objects.select_related("event", "subscription").get()


def test_a_new_case_is_posted_signed_to_a_subscription_of_its_topic(receiver, run_jobs):
    _, secret = subscribe(receiver.url, ["case.created"])
    case = open_a_case()

    run_jobs()

    [request] = receiver.received
    payload = independently_verified(secret, request.headers, request.body)
    event = Event.objects.get()
    assert request.headers["webhook-id"] == f"evt_{event.pk}"
    assert payload["id"] == event.pk
    assert payload["type"] == "case.created"
    assert payload["subject"] == {"type": "case", "id": case.reference}
    assert payload["data"]["case"]["reference"] == case.reference
    assert the_delivery().status == DeliveryStatus.DELIVERED


def test_a_subscription_gets_only_its_topics(receiver, run_jobs):
    subscribe(receiver.url, ["case.closed", "booking.*"])
    open_a_case()

    run_jobs()

    assert receiver.received == []
    assert not Delivery.objects.exists()


def test_a_failed_delivery_is_tried_again_after_a_back_off_with_the_same_id(receiver, run_jobs):
    subscribe(receiver.url, ["case.*"])
    receiver.answers = [503]
    open_a_case()

    run_jobs()

    delivery = the_delivery()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert delivery.last_response_status == 503
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.run_after == delivery.next_attempt_at
    assert (
        timedelta(seconds=29) < delivery.next_attempt_at - timezone.now() <= timedelta(seconds=30)
    )

    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        run_jobs()

    assert the_delivery().status == DeliveryStatus.DELIVERED
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body


def test_a_receiver_that_does_not_answer_in_time_is_tried_again(receiver, run_jobs):
    subscribe(receiver.url, ["case.created"])
    receiver.delay = 1.5
    open_a_case()

    run_jobs()

    delivery = the_delivery()
    assert delivery.status == DeliveryStatus.PENDING
    assert "No answer" in delivery.last_error


def test_after_the_last_attempt_a_delivery_is_a_dead_letter_an_administrator_can_send_again(
    receiver, run_jobs
):
    subscribe(receiver.url, ["case.created"])
    receiver.answers = [500, 500, 500]
    open_a_case()

    run_jobs()
    for _ in range(2):
        with time_machine.travel(the_delivery().next_attempt_at + timedelta(seconds=1)):
            run_jobs()

    dead = the_delivery()
    assert dead.status == DeliveryStatus.DEAD
    assert dead.attempts == 3
    assert len(receiver.received) == 3
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()

    retry_delivery(actor=UserFactory(role=Role.ADMINISTRATOR), delivery=dead)
    run_jobs()

    assert the_delivery().status == DeliveryStatus.DELIVERED
    assert len(receiver.received) == 4


def test_only_an_administrator_may_send_a_dead_letter_again(receiver, run_jobs):
    subscribe(receiver.url, ["case.created"])
    open_a_case()
    run_jobs()

    with pytest.raises(PermissionDenied, match="administrators"):
        retry_delivery(actor=UserFactory(role=Role.TEAM_MANAGER), delivery=the_delivery())


def test_410_gone_disables_the_subscription_and_nothing_more_is_sent(receiver, run_jobs):
    subscription, _ = subscribe(receiver.url, ["case.*"])
    receiver.answers = [410]
    case = open_a_case()
    run_jobs()

    change_status(
        actor=UserFactory(role=Role.CASEWORKER, teams=[case.team]), case=case, to=Status.IN_PROGRESS
    )
    run_jobs()

    subscription.refresh_from_db()
    assert not subscription.is_active
    assert "410 Gone" in subscription.disabled_reason
    assert len(receiver.received) == 1
    assert the_delivery().status == DeliveryStatus.DEAD


def test_a_delivery_left_by_a_worker_that_died_is_sent_again_and_applied_once(
    receiver, run_jobs, settings
):
    _, secret = subscribe(receiver.url, ["case.created"])
    open_a_case()
    run_jobs()
    # The worker POSTed it (the receiver has it) and died before recording the answer.
    Delivery.objects.update(
        status=DeliveryStatus.DELIVERING,
        claimed_at=timezone.now()
        - timedelta(seconds=settings.OPENCEX_EVENT_DELIVERY_LEASE_SECONDS + 1),
    )
    # The jobs worker gives its task back to the queue when its heartbeat stops.
    enqueue(deliver_event, the_delivery().pk)
    run_jobs()

    assert the_delivery().status == DeliveryStatus.DELIVERED
    assert len(receiver.received) == 2
    applied = []
    for request in receiver.received:
        payload = verify(secret=secret, headers=request.headers, body=request.body)
        if receive_once(receiver="test", message_id=request.headers["webhook-id"]):
            applied.append(payload["id"])
    assert applied == [Event.objects.get().pk]


def test_a_delivery_another_worker_is_sending_is_not_sent_twice_at_once(receiver, run_jobs):
    subscribe(receiver.url, ["case.created"])
    open_a_case()
    fan_out()
    DBTaskResult.objects.all().delete()
    Delivery.objects.update(status=DeliveryStatus.DELIVERING, claimed_at=timezone.now(), attempts=1)
    enqueue(deliver_event, the_delivery().pk)
    run_jobs()

    assert receiver.received == []
    look_again = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert look_again.run_after > timezone.now()


def test_a_later_event_of_a_case_waits_for_an_earlier_one_still_to_be_delivered(receiver, run_jobs):
    subscribe(receiver.url, ["case.*"])
    receiver.answers = [503]
    case = open_a_case()
    change_status(
        actor=UserFactory(role=Role.CASEWORKER, teams=[case.team]), case=case, to=Status.IN_PROGRESS
    )

    run_jobs()

    assert [r.headers["webhook-id"] for r in receiver.received] == [
        f"evt_{Event.objects.first().pk}"
    ]
    first_retry = Delivery.objects.order_by("event_id").first().next_attempt_at
    with time_machine.travel(first_retry + timedelta(seconds=2)):
        run_jobs()

    topics = [verify_type(r) for r in receiver.received]
    assert topics == ["case.created", "case.created", "case.status_changed"]


def verify_type(request) -> str:
    return json.loads(request.body)["type"]


def test_the_body_is_the_same_bytes_on_every_delivery(receiver, run_jobs):
    subscribe(receiver.url, ["case.created"])
    open_a_case()
    run_jobs()

    assert receiver.received[0].body == body_of(Event.objects.get())


def test_a_delivery_whose_job_failed_mid_way_is_queued_again_by_the_sweep(
    receiver, run_jobs, settings
):
    subscribe(receiver.url, ["case.created"])
    open_a_case()
    fan_out()
    DBTaskResult.objects.all().delete()  # the job failed (its row is no longer READY)
    Delivery.objects.update(
        status=DeliveryStatus.DELIVERING,
        claimed_at=timezone.now()
        - timedelta(seconds=settings.OPENCEX_EVENT_DELIVERY_LEASE_SECONDS + 1),
    )

    out = StringIO()
    call_command("fan_out_events", stdout=out)
    run_jobs()

    assert "1 stranded delivery(ies) queued again" in out.getvalue()
    assert the_delivery().status == DeliveryStatus.DELIVERED
    assert len(receiver.received) == 1
