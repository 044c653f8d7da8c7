"""Reassigning a case through every door that offers it (the case page, one case; the queue's bulk
reassignment, many) is the one `reassign_case`: the same timeline event, no letter to the
resident, and the same rule that stage 2 of a complaint never goes to whoever handled stage 1."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import Case, EventKind
from opencex.complaints.services import (
    acknowledge_complaint,
    escalate_to_stage_two,
    record_complaint_response,
)
from opencex.notify.models import Notification
from tests.complaints.conftest import at_ten, complain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
STAGE_TWO_RULE = "A stage 2 complaint must be handled by someone other than the stage 1 officer."


@pytest.fixture(autouse=True)
def _pinned_day():
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        yield


@pytest.fixture
def manager(complaints_team):
    return UserFactory(role=Role.TEAM_MANAGER, full_name="Rosa Diaz", teams=[complaints_team])


@pytest.fixture
def complaint(complaints_service):
    with time_machine.travel(at_ten("2026-03-02"), tick=False):
        return complain(service=complaints_service)


@pytest.fixture
def stage_two(complaint, handler) -> Case:
    """The complaint answered at stage 1 by `handler`, then escalated by the resident."""
    acknowledge_complaint(actor=handler, case=complaint)
    record_complaint_response(
        actor=handler,
        case=complaint,
        outcome="not_upheld",
        complaint_as_understood="Your bin was missed.",
        decision_and_reasons="The crew found the bin behind a locked gate.",
    )
    escalate_to_stage_two(actor=handler, case=complaint, reason="Unhappy")
    return Case.objects.get(pk=complaint.pk)


def _on_the_case_page(client, manager, case: Case, officer):
    client.force_login(manager)
    return client.post(
        reverse("staff:case-reassign", args=[case.reference]),
        {"reassign-officer": officer.pk, "reassign-reason": "Back from leave"},
    )


def _in_the_queue(client, manager, case: Case, officer):
    client.force_login(manager)
    return client.post(
        reverse("staff:queues-reassign"),
        {
            "bulk-cases": [case.reference],
            "bulk-officer": officer.pk,
            "bulk-reason": "Back from leave",
        },
        follow=True,
    )


DOORS = {"the case page": _on_the_case_page, "the queue's bulk reassignment": _in_the_queue}


def _resident_letters(case: Case) -> list[str]:
    return list(
        Notification.objects.filter(case=case)
        .exclude(template__startswith="staff_")
        .values_list("template", flat=True)
    )


@pytest.mark.parametrize("door", DOORS)
def test_reassigning_records_who_has_the_case_and_writes_to_nobody_at_every_door(
    client, manager, complaint, second_handler, door
):
    letters = _resident_letters(complaint)
    response = DOORS[door](client, manager, complaint, second_handler)
    assert response.status_code in {200, 302}
    case = Case.objects.get(pk=complaint.pk)
    assert case.assigned_to == second_handler
    event = case.events.get(kind=EventKind.REASSIGNED)
    assert (event.actor, event.body, event.is_visible_to_resident) == (
        manager,
        "Back from leave",
        False,
    )
    assert event.data["officer"] == second_handler.pk
    assert _resident_letters(case) == letters


@pytest.mark.parametrize("door", DOORS)
def test_stage_two_never_goes_to_the_stage_one_handler_at_any_door(
    client, manager, stage_two, handler, door
):
    reassigned = stage_two.events.filter(kind=EventKind.REASSIGNED).count()
    response = DOORS[door](client, manager, stage_two, handler)
    assert STAGE_TWO_RULE in response.content.decode()
    case = Case.objects.get(pk=stage_two.pk)
    assert case.assigned_to is None
    assert case.events.filter(kind=EventKind.REASSIGNED).count() == reassigned


@pytest.mark.parametrize("door", DOORS)
def test_stage_two_goes_to_another_officer_at_every_door(
    client, manager, stage_two, second_handler, door
):
    DOORS[door](client, manager, stage_two, second_handler)
    assert Case.objects.get(pk=stage_two.pk).assigned_to == second_handler
