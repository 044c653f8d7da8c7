"""Each complaint act through every door that offers it (the staff case page, the complaint page,
the resident's tracking page) keeps the same rules and sends the same letter."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from opencex.cases.models import Case, EventKind, Status
from opencex.cases.policies import ReferenceGrant
from opencex.complaints.services import (
    acknowledge_complaint,
    escalate_to_stage_two,
    record_complaint_response,
)
from opencex.notify.models import Notification
from tests.complaints.conftest import at_ten, complain

pytestmark = pytest.mark.django_db

STAFF_DOORS = {
    "the case page": "staff:case-{act}",
    "the complaint page": "staff:complaint-{act}",
}
ACKNOWLEDGED_ON = "2026-03-03"


@pytest.fixture(autouse=True)
def _pinned_day():
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        yield


@pytest.fixture
def complaint(complaints_service):
    with time_machine.travel(at_ten("2026-03-02"), tick=False):
        return complain(service=complaints_service)


def _letters(case: Case) -> list[str]:
    return list(
        Notification.objects.filter(case=case)
        .exclude(template="case_received")
        .order_by("pk")
        .values_list("template", flat=True)
    )


def _post(client, officer, door: str, act: str, case: Case, data: dict):
    client.force_login(officer)
    return client.post(reverse(STAFF_DOORS[door].format(act=act), args=[case.reference]), data)


def _responded(case: Case, officer) -> Case:
    acknowledge_complaint(actor=officer, case=case)
    record_complaint_response(
        actor=officer,
        case=case,
        outcome="not_upheld",
        complaint_as_understood="Your bin was missed.",
        decision_and_reasons="The crew found the bin behind a locked gate.",
    )
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("door", STAFF_DOORS)
def test_acknowledging_a_complaint_starts_its_response_clock_at_every_door(
    client, handler, complaint, door
):
    response = _post(client, handler, door, "acknowledge", complaint, {})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    assert str(complaint.acknowledged_on) == "2026-03-04"
    assert _letters(complaint) == ["case_status_changed"]


@pytest.mark.parametrize("door", STAFF_DOORS)
def test_extending_a_complaint_sends_the_extension_letter_with_the_ombudsman_at_every_door(
    client, handler, complaint, door
):
    acknowledge_complaint(actor=handler, case=complaint)
    prefix = "extend-"
    data = {f"{prefix}reason": "We need a site visit", f"{prefix}days": "10"}
    response = _post(client, handler, door, "extend", complaint, data)
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.is_extended, complaint.extension_days) == (True, 10)
    assert _letters(complaint) == ["case_status_changed", "complaint_extended"]
    letter = Notification.objects.filter(case=complaint, template="complaint_extended").get()
    assert "Ombudsman" in letter.body


@pytest.mark.parametrize("door", STAFF_DOORS)
def test_a_stage_one_extension_beyond_ten_working_days_is_refused_at_every_door(
    client, handler, complaint, door
):
    acknowledge_complaint(actor=handler, case=complaint)
    data = {"extend-reason": "We need a site visit", "extend-days": "15"}
    response = _post(client, handler, door, "extend", complaint, data)
    assert response.status_code in {200, 400}
    assert "1 to 10 working days" in response.content.decode()
    complaint.refresh_from_db()
    assert not complaint.is_extended


@pytest.mark.parametrize("door", STAFF_DOORS)
def test_escalating_sends_the_stage_two_letter_and_frees_the_case_at_every_staff_door(
    client, handler, complaint, door
):
    complaint = _responded(complaint, handler)
    response = _post(client, handler, door, "escalate", complaint, {"escalate-reason": "Unhappy"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.assigned_to, complaint.stage1_handled_by) == (
        2,
        None,
        handler,
    )
    assert _letters(complaint)[-1] == "complaint_escalated"


def test_the_resident_asking_for_stage_two_on_the_tracking_page_gets_the_same_letter(
    client, handler, complaint
):
    complaint = _responded(complaint, handler)
    session = client.session
    session["track_grants"] = {
        complaint.reference: {"case_id": complaint.pk, "email": "ann@example.org"}
    }
    session.save()
    response = client.post(
        reverse("web:track-escalate", args=[complaint.reference]), {"reason": "Unhappy"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.stage == 2
    assert _letters(complaint)[-1] == "complaint_escalated"
    event = complaint.events.get(kind=EventKind.ESCALATED)
    assert event.data["by"] == "reference_and_email"


@pytest.mark.parametrize("door", STAFF_DOORS)
def test_the_stage_one_responder_cannot_acknowledge_stage_two_at_any_door(
    client, handler, second_handler, complaint, door
):
    complaint = _responded(complaint, handler)
    escalate_to_stage_two(
        actor=None,
        case=complaint,
        reason="Unhappy",
        grant=ReferenceGrant(case_id=complaint.pk, email="ann@example.org"),
    )
    response = _post(client, handler, door, "acknowledge", complaint, {})
    assert response.status_code in {400, 403}
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    response = _post(client, second_handler, door, "acknowledge", complaint, {})
    assert response.status_code == 302


def test_the_stage_one_responder_cannot_message_or_close_stage_two_from_the_case_page(
    client, handler, complaint
):
    """Who answered stage 1 (not only its assigned officer) does not handle stage 2 at all."""
    complaint = _responded(complaint, handler)
    complaint.assigned_to = None  # a colleague covered: the responder was never assigned
    complaint.save()
    escalate_to_stage_two(actor=handler, case=complaint, reason="Unhappy")
    for act, data in [("message", {"message-body": "Hello"}), ("note", {"note-body": "Read"})]:
        response = _post(client, handler, "the case page", act, complaint, data)
        assert response.status_code == (403 if act == "message" else 302), act


def test_change_status_never_marks_a_complaint_responded(client, handler, complaint):
    acknowledge_complaint(actor=handler, case=complaint)
    response = _post(
        client, handler, "the case page", "status", complaint, {"status-to": "responded"}
    )
    assert response.status_code in {200, 400}
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
