"""Every new case, whatever its door, is read once: the events outbox's `case.created` consumer."""

from __future__ import annotations

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.aigovernance.models import Suggestion
from opencex.cases.models import Channel, Priority
from opencex.cues.services import look_for_cues_in_event
from opencex.events.models import Event
from tests.cues.conftest import WINTER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("channel", "role"),
    [(Channel.WEB, None), (Channel.EMAIL, Role.CASEWORKER), (Channel.PARTNER_API, Role.PARTNER)],
)
def test_a_new_case_by_any_door_is_read_for_cues_by_the_job(open_with, run_jobs, channel, role):
    actor = UserFactory(role=role) if role else None
    with time_machine.travel(WINTER, tick=False):
        case = open_with("Radiators stone cold, boiler broken", channel=channel, actor=actor)
    run_jobs()
    case.refresh_from_db()
    assert case.priority == Priority.HIGH
    assert Suggestion.objects.get(subject_id=case.pk).reasons == ["no_heating"]


def test_an_event_read_again_is_applied_once(open_with):
    case = open_with("There is a smell of gas")
    event = Event.objects.get(topic="case.created", subject_id=case.reference)
    look_for_cues_in_event(event_id=event.pk)
    look_for_cues_in_event(event_id=event.pk)
    assert Suggestion.objects.filter(subject_id=case.pk).count() == 1
