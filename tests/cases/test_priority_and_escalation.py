"""Setting a case's priority and escalating a complaint to stage 2: who may, with what reason,
and what the timeline and the resident get."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases import resident_actions
from opencex.cases.actions import opening
from opencex.cases.actions.routing import set_priority
from opencex.cases.actions.status import record_status_change
from opencex.cases.errors import CaseError
from opencex.cases.models import CaseEvent, CaseKind, Channel, EventKind, Priority, Status
from opencex.cases.policies import ReferenceGrant
from opencex.complaints.services import escalate_to_stage_two
from opencex.notify.models import Notification
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(slug="complaints-and-feedback", name="Complaints and feedback")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team])


def open_case(team, kind=CaseKind.SERVICE_REQUEST):
    case, _ = opening.open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject="Missed bins again",
        description="Third time this month.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
    )
    case.team = team
    case.save()
    return case


# --- Priority -----------------------------------------------------------------------------------


def test_raising_the_priority_records_the_change_and_reason_for_staff_only(team, caseworker):
    case = open_case(team)

    set_priority(
        actor=caseworker, case=case, priority=Priority.URGENT, reason="No heating, baby at home"
    )

    case.refresh_from_db()
    assert case.priority == Priority.URGENT
    event = CaseEvent.objects.get(case=case, kind=EventKind.PRIORITY_CHANGED)
    assert event.summary == "Priority normal → urgent"
    assert event.body == "No heating, baby at home"
    assert not event.is_visible_to_resident


def test_a_priority_change_needs_a_reason(team, caseworker):
    case = open_case(team)
    with pytest.raises(CaseError, match="Give the reason"):
        set_priority(actor=caseworker, case=case, priority=Priority.HIGH, reason="")


def test_setting_the_priority_the_case_already_has_is_refused(team, caseworker):
    case = open_case(team)
    with pytest.raises(CaseError, match="already normal priority"):
        set_priority(actor=caseworker, case=case, priority=Priority.NORMAL, reason="x")


def test_a_priority_that_does_not_exist_is_refused(team, caseworker):
    case = open_case(team)
    with pytest.raises(CaseError, match="Choose normal, high or urgent"):
        set_priority(actor=caseworker, case=case, priority=7, reason="x")


def test_the_contact_centre_may_set_priority_when_routing(team):
    case = open_case(team)
    set_priority(
        actor=UserFactory(role=Role.CONTACT_CENTRE), case=case, priority=1, reason="Elderly"
    )
    case.refresh_from_db()
    assert case.priority == Priority.HIGH


def test_a_caseworker_from_another_team_may_not_set_priority(team):
    case = open_case(team)
    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        set_priority(actor=stranger, case=case, priority=Priority.HIGH, reason="x")


# --- Escalation ---------------------------------------------------------------------------------


def test_an_officer_escalating_records_it_for_the_resident_and_tells_them(team, caseworker):
    complaint = open_case(team, CaseKind.COMPLAINT)

    escalate_to_stage_two(
        actor=caseworker, case=complaint, reason="The resident is unhappy with the apology"
    )

    complaint.refresh_from_db()
    assert (complaint.stage, complaint.status) == (2, Status.RECEIVED)
    event = CaseEvent.objects.get(case=complaint, kind=EventKind.ESCALATED)
    assert event.is_visible_to_resident
    assert event.actor == caseworker
    assert Notification.objects.filter(case=complaint, template="complaint_escalated").exists()


def test_escalation_needs_a_reason(team, caseworker):
    complaint = open_case(team, CaseKind.COMPLAINT)
    with pytest.raises(CaseError, match="Say why"):
        escalate_to_stage_two(actor=caseworker, case=complaint, reason="  ")


def test_a_stage_two_complaint_cannot_be_escalated_again(team, caseworker):
    complaint = open_case(team, CaseKind.COMPLAINT)
    escalate_to_stage_two(actor=caseworker, case=complaint, reason="Unhappy")
    with pytest.raises(CaseError, match="Only a stage 1 complaint"):
        escalate_to_stage_two(actor=caseworker, case=complaint, reason="Still unhappy")


def test_the_contact_centre_may_not_escalate_a_complaint_for_the_resident(team):
    complaint = open_case(team, CaseKind.COMPLAINT)
    with pytest.raises(PermissionDenied):
        escalate_to_stage_two(
            actor=UserFactory(role=Role.CONTACT_CENTRE), case=complaint, reason="Unhappy"
        )


def test_an_officer_escalating_has_acted_on_a_new_reply(team, caseworker):
    complaint = open_case(team, CaseKind.COMPLAINT)
    resident_actions.reply(
        actor=None,
        grant=ReferenceGrant(case_id=complaint.pk, email="ada@example.org"),
        case=complaint,
        body="I want this looked at again.",
    )
    escalate_to_stage_two(actor=caseworker, case=complaint, reason="Resident asked")
    complaint.refresh_from_db()
    assert complaint.new_reply_at is None


def test_a_resident_holding_a_reference_grant_may_ask_for_stage_two(team, caseworker):
    complaint = open_case(team, CaseKind.COMPLAINT)
    complaint.status = Status.ACKNOWLEDGED
    complaint.save()
    record_status_change(actor=caseworker, case=complaint, to=Status.RESPONDED)

    escalate_to_stage_two(
        actor=None,
        case=complaint,
        reason="Nothing has changed",
        grant=ReferenceGrant(case_id=complaint.pk, email="ada@example.org"),
    )

    event = CaseEvent.objects.get(case=complaint, kind=EventKind.ESCALATED)
    assert event.data["by"] == "reference_and_email"


def test_a_grant_for_another_email_may_not_escalate(team):
    complaint = open_case(team, CaseKind.COMPLAINT)
    with pytest.raises(PermissionDenied):
        escalate_to_stage_two(
            actor=None,
            case=complaint,
            reason="Nothing has changed",
            grant=ReferenceGrant(case_id=complaint.pk, email="someone@example.org"),
        )
