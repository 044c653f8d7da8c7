"""Every case change publishes an event in the transaction that makes it: a change that rolls
back publishes nothing, and one that commits cannot lose its event."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role
from opencex.cases.actions.core import System
from opencex.cases.actions.messages import add_note
from opencex.cases.actions.routing import set_priority
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import CaseEvent, Priority, Status
from opencex.cases.workflow import TransitionNotAllowed
from opencex.events.models import Event
from opencex.events.services import publish
from tests.events.conftest import open_a_case
from tests.factories import PropertyFactory, UserFactory

pytestmark = pytest.mark.django_db


def events_of(case) -> list[Event]:
    return list(Event.objects.filter(subject_type="case", subject_id=case.reference))


def officer_for(case):
    return UserFactory(role=Role.CASEWORKER, teams=[case.team])


def test_opening_a_case_publishes_case_created_with_ids_not_personal_details():
    case = open_a_case(property=PropertyFactory(uprn="100120001234"))

    [event] = events_of(case)
    assert event.topic == "case.created"
    assert event.data["case"]["reference"] == case.reference
    assert event.data["case"]["service"] == case.service.slug
    assert event.data["case"]["property_uprn"] == "100120001234"
    assert event.data["change"]["channel"] == "web"
    published = str(event.data)
    assert case.contact_email not in published
    assert case.contact_name not in published
    assert "07700" not in published
    assert "fence" not in published


def open_a_case_then_fail() -> None:
    with transaction.atomic():
        open_a_case()
        raise RuntimeError("the change fails after the case and its event were written")


def test_a_case_change_that_rolls_back_publishes_nothing():
    with pytest.raises(RuntimeError):
        open_a_case_then_fail()

    assert Event.objects.count() == 0
    assert CaseEvent.objects.count() == 0


def test_each_timeline_event_publishes_one_event_in_its_order():
    case = open_a_case()
    officer = officer_for(case)

    change_status(actor=officer, case=case, to=Status.IN_PROGRESS)
    set_priority(actor=officer, case=case, priority=Priority.HIGH, reason="Elderly resident")
    add_note(actor=officer, case=case, body="Called the resident: gate code 1234.")
    change_status(actor=officer, case=case, to=Status.RESOLVED)
    close_case(actor=officer, case=case, outcome="Fence mended.")

    timeline = list(CaseEvent.objects.filter(case=case).order_by("id"))
    events = events_of(case)
    assert [e.data["timeline_event_id"] for e in events] == [t.pk for t in timeline]
    assert [e.topic for e in events] == [
        "case.created",
        "case.status_changed",
        "case.priority_changed",
        "case.note_added",
        "case.status_changed",
        "case.closed",
    ]
    assert events[1].data["change"] == {
        "from": "received",
        "to": "in_progress",
        "due_on": case.due_on.isoformat(),
    }
    assert "1234" not in str(events[3].data)
    assert events[-1].data["case"]["status"] == Status.CLOSED


def test_a_refused_change_publishes_nothing():
    case = open_a_case()

    with pytest.raises(TransitionNotAllowed, match="Close the case with an outcome"):
        change_status(actor=officer_for(case), case=case, to=Status.CLOSED)

    assert [e.topic for e in events_of(case)] == ["case.created"]


def test_a_system_change_says_so_in_its_event():
    case = open_a_case()

    change_status(
        actor=System(because="fee unpaid for three months"), case=case, to=Status.RESOLVED
    )

    event = events_of(case)[-1]
    assert event.data["change"]["by"] == "system"
    assert "because" not in event.data["change"]


def test_one_fan_out_job_is_queued_per_transaction_however_many_events():
    DBTaskResult.objects.all().delete()
    with transaction.atomic():
        for n in range(3):
            publish(topic="booking.confirmed", subject_type="booking", subject_id=str(n), data={})

    assert Event.objects.count() == 3
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "opencex.events.tasks.fan_out_events"
    ]


def test_a_topic_not_in_the_list_is_refused():
    with pytest.raises(ValueError, match="Unknown topic"):
        publish(topic="case.exploded", subject_type="case", subject_id="X", data={})


def test_event_ids_only_grow():
    first = publish(topic="payment.succeeded", subject_type="payment", subject_id="1", data={})
    second = publish(topic="payment.refunded", subject_type="payment", subject_id="1", data={})

    assert second.pk > first.pk


def test_every_kind_of_timeline_event_has_a_topic_or_is_said_not_to_be_published():
    from opencex.cases.models import EventKind
    from opencex.cases.outbound import NOT_PUBLISHED, TOPIC_OF_KIND
    from opencex.events.topics import CASE_TOPICS

    assert set(TOPIC_OF_KIND) | NOT_PUBLISHED == set(EventKind)
    assert set(TOPIC_OF_KIND.values()) | {"case.closed"} == set(CASE_TOPICS)
