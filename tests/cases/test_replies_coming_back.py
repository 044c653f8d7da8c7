"""A resident's reply comes back: the case shows it as new until an officer handling it acts, and
the officer (or, with none, the team) is told by email; the clock rules still hold."""

from __future__ import annotations

import pytest

from opencex.accounts.models import Role
from opencex.cases import resident_actions
from opencex.cases.actions.clock import pause_clock
from opencex.cases.actions.messages import add_note, receive_message, send_message
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.routing import reassign_case
from opencex.cases.actions.status import change_status
from opencex.cases.models import CaseKind, Channel, EventKind, PauseReason, Status
from opencex.cases.policies import ReferenceGrant
from opencex.notify.models import Notification
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def caseworker(team):
    return UserFactory(
        role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor", email="sam@oxford.gov.uk"
    )


@pytest.fixture
def case(team):
    opened, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was missed.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
    )
    opened.team = team
    opened.save()
    return opened


def grant_for(case) -> ReferenceGrant:
    return ReferenceGrant(case_id=case.pk, email="ada@example.org")


def resident_replies(case, body="It was the green bin."):
    return resident_actions.reply(actor=None, grant=grant_for(case), case=case, body=body)


def staff_emails(template="staff_resident_replied") -> list[str]:
    return sorted(
        Notification.objects.filter(template=template).values_list("recipient", flat=True)
    )


def test_a_residents_reply_marks_the_case_as_having_a_new_reply(case):
    event = resident_replies(case)
    case.refresh_from_db()
    assert case.new_reply_at == event.at
    assert event.kind == EventKind.MESSAGE_IN


@pytest.mark.django_db(transaction=True)
def test_the_assigned_officer_is_emailed_when_the_resident_replies(
    case, caseworker, smtp_server, run_jobs
):
    reassign_case(actor=caseworker, case=case, officer=caseworker)
    run_jobs()
    smtp_server.messages.clear()

    resident_replies(case)
    run_jobs()

    staff_messages = [m for m in smtp_server.messages if m["To"] == "sam@oxford.gov.uk"]
    [message] = staff_messages
    assert message["Subject"] == f"New reply from the resident on case {case.reference}"
    body = message.get_content()
    assert "Hello Sam Okafor," in body
    assert "is assigned to you" in body
    assert f"/staff/cases/{case.reference}" in body
    assert "It was the green bin." not in body  # the reply itself is read in the workspace


def test_with_no_officer_the_officers_in_the_team_who_handle_it_are_told(case, team, caseworker):
    UserFactory(role=Role.TEAM_MANAGER, teams=[team], email="lee@oxford.gov.uk")
    UserFactory(role=Role.CONTACT_CENTRE, teams=[team], email="desk@oxford.gov.uk")
    UserFactory(role=Role.CASEWORKER, teams=[team], email="gone@oxford.gov.uk", is_active=False)

    resident_replies(case)

    assert staff_emails() == ["lee@oxford.gov.uk", "sam@oxford.gov.uk"]
    message = Notification.objects.filter(template="staff_resident_replied").first()
    assert "is with your team and not yet assigned to an officer" in message.body


def test_only_the_assigned_officer_is_told_when_there_is_one(case, team, caseworker):
    UserFactory(role=Role.CASEWORKER, teams=[team], email="jo@oxford.gov.uk")
    reassign_case(actor=caseworker, case=case, officer=caseworker)

    resident_replies(case)

    assert staff_emails() == ["sam@oxford.gov.uk"]


def test_a_reply_logged_by_the_contact_centre_tells_the_officer_and_keeps_the_channel(
    case, caseworker
):
    reassign_case(actor=caseworker, case=case, officer=caseworker)
    desk = UserFactory(role=Role.CONTACT_CENTRE)

    event = receive_message(
        actor=desk, case=case, body="She called: green bin.", channel=Channel.PHONE
    )

    assert event.summary == "Message from the resident (phone)"
    assert event.actor == desk
    case.refresh_from_db()
    assert case.new_reply_at is not None
    assert staff_emails() == ["sam@oxford.gov.uk"]


def test_the_assigned_officer_logging_a_reply_is_not_told_and_it_is_not_new(case, caseworker):
    reassign_case(actor=caseworker, case=case, officer=caseworker)

    receive_message(actor=caseworker, case=case, body="Called: green bin.", channel=Channel.PHONE)

    case.refresh_from_db()
    assert case.new_reply_at is None
    assert staff_emails() == []


def test_sending_a_message_means_the_officer_has_acted_on_the_reply(case, caseworker):
    resident_replies(case)
    send_message(actor=caseworker, case=case, body="Thank you, we will come tomorrow.")
    case.refresh_from_db()
    assert case.new_reply_at is None


def test_a_note_by_an_officer_handling_the_case_means_they_have_read_the_reply(case, caseworker):
    resident_replies(case)
    add_note(actor=caseworker, case=case, body="No answer needed.")
    case.refresh_from_db()
    assert case.new_reply_at is None


def test_a_note_by_the_contact_centre_leaves_the_reply_new(case):
    resident_replies(case)
    add_note(actor=UserFactory(role=Role.CONTACT_CENTRE), case=case, body="Called back")
    case.refresh_from_db()
    assert case.new_reply_at is not None


def test_a_status_change_by_an_officer_means_they_have_acted(case, caseworker):
    resident_replies(case)
    change_status(actor=caseworker, case=case, to=Status.IN_PROGRESS)
    case.refresh_from_db()
    assert case.new_reply_at is None


def test_reassigning_leaves_the_reply_new_for_the_next_officer(case, team, caseworker):
    resident_replies(case)
    reassign_case(actor=caseworker, case=case, officer=caseworker)
    case.refresh_from_db()
    assert case.new_reply_at is not None


def test_a_reply_to_a_clarification_still_resumes_the_clock_and_stays_new(case, caseworker):
    pause_clock(actor=caseworker, case=case, reason=PauseReason.CLARIFICATION)

    resident_replies(case, "The green one, by the gate.")

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert not case.pauses.filter(ended_on__isnull=True).exists()
    assert case.new_reply_at is not None  # the resident resumed the clock, not an officer
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds[-2:] == [EventKind.MESSAGE_IN, EventKind.CLOCK_RESUMED]
