"""The staff case page: who may see it, what it shows, and each action through its service."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases import services
from opencex.cases.models import CaseEvent, CaseKind, Channel, ClockPause, EventKind, Status
from tests.factories import ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")


@pytest.fixture
def case(team):
    """A real case, opened through the service so that it has its first timeline event."""
    opened, _ = services.open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was missed.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        resident=ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org"),
    )
    opened.team = team
    opened.save()
    return opened


@pytest.fixture
def complaint(team):
    opened, _ = services.open_case(
        actor=None,
        kind=CaseKind.COMPLAINT,
        channel=Channel.WEB,
        subject="Rude officer",
        description="I was spoken to rudely.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
    )
    opened.team = team
    opened.save()
    return opened


def url(case, action=""):
    if action:
        return reverse(f"staff:case-{action}", args=[case.reference])
    return reverse("staff:case", args=[case.reference])


def timeline(case) -> list[str]:
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


# --- Who may see what ---------------------------------------------------------------------------


def test_caseworker_sees_their_teams_case_with_summary_clock_and_timeline(client, caseworker, case):
    client.force_login(caseworker)
    response = client.get(url(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert case.reference in page
    assert "Ada Okonkwo" in page
    assert "Why it is due then" in page
    assert 'id="clock-explanation"' in page
    assert "Service request received by website" in page


def test_the_link_in_staff_emails_reaches_the_case(client, caseworker, case):
    client.force_login(caseworker)
    response = client.get(f"/staff/cases/{case.reference}")
    assert response.status_code == 301
    assert response.url == url(case)


def test_another_teams_case_is_not_found_rather_than_forbidden(client, case):
    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    client.force_login(stranger)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case, "note"), {"note-body": "x"}).status_code == 404
    assert timeline(case) == [EventKind.CREATED]


def test_a_resident_is_refused_the_case_page(client, case):
    client.force_login(UserFactory(role=Role.RESIDENT))
    assert client.get(url(case)).status_code == 403


def test_contact_centre_can_view_but_gets_no_handling_actions(client, case):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    page = client.get(url(case)).content.decode()
    assert "Add an internal note" in page  # notes and routing are theirs to do
    assert "Reassign" in page
    for handling in ("Change status", "Message the resident", "Close with an outcome"):
        assert handling not in page
    response = client.post(url(case, "close"), {"close-outcome": "Done"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_every_action_url_refuses_get(client, caseworker, case):
    client.force_login(caseworker)
    assert client.get(url(case, "note")).status_code == 405


# --- Each action goes through its service and shows on the timeline ----------------------------


def test_adding_a_note_shows_it_as_internal(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(url(case, "note"), {"note-body": "Called the crew."}, follow=True)
    page = response.content.decode()
    assert "Note added" in page
    assert "Called the crew." in page
    note = CaseEvent.objects.get(case=case, kind=EventKind.NOTE)
    assert not note.is_visible_to_resident
    assert 'govuk-tag--grey">Internal' in page


def test_messaging_the_resident_is_shown_as_sent(client, caseworker, case):
    client.force_login(caseworker)
    page = client.post(
        url(case, "message"), {"message-body": "We will come tomorrow."}, follow=True
    ).content.decode()
    assert "We will come tomorrow." in page
    assert "Sent to the resident" in page
    assert CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE_OUT).is_visible_to_resident


def test_changing_status_offers_only_allowed_targets(client, caseworker, case):
    client.force_login(caseworker)
    form = client.get(url(case)).context["forms"]["status"]
    offered = [value for value, _ in form.fields["to"].choices if value]
    assert offered == [Status.IN_PROGRESS, Status.RESOLVED, Status.WITHDRAWN]
    client.post(url(case, "status"), {"status-to": "in_progress", "status-reason": "On it"})
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert EventKind.STATUS_CHANGED in timeline(case)


def test_an_illegal_transition_is_explained_and_keeps_what_was_typed(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        url(case, "status"), {"status-to": "responded", "status-reason": "My careful words"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "This case cannot move to that status now" in page
    assert "My careful words" in page
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_a_change_the_lifecycle_refuses_is_explained_in_the_error_summary(client, caseworker, case):
    client.force_login(caseworker)
    client.post(url(case, "status"), {"status-to": "in_progress"})
    # A page opened before the change still offers to acknowledge; the lifecycle says no.
    response = client.post(url(case, "acknowledge"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "cannot become acknowledged" in page
    assert 'href="#action-acknowledge"' in page


def test_acknowledging_a_complaint_starts_its_response_clock(client, caseworker, complaint):
    client.force_login(caseworker)
    client.post(url(complaint, "acknowledge"))
    complaint.refresh_from_db()
    assert complaint.status == Status.ACKNOWLEDGED
    assert complaint.acknowledged_on is not None
    assert EventKind.ACKNOWLEDGED in timeline(complaint)


def test_pausing_offers_only_the_kinds_reasons_then_resuming(client, caseworker, case):
    client.force_login(caseworker)
    form = client.get(url(case)).context["forms"]["pause"]
    assert [value for value, _ in form.fields["reason"].choices if value] == ["clarification"]
    client.post(url(case, "pause"), {"pause-reason": "clarification", "pause-note": "Which bin?"})
    assert ClockPause.objects.filter(case=case, ended_on__isnull=True).exists()
    response = client.get(url(case))
    assert "resume" in response.context["forms"]
    assert 'govuk-tag--grey">Paused' in response.content.decode()
    client.post(url(case, "resume"))
    assert not ClockPause.objects.filter(case=case, ended_on__isnull=True).exists()
    assert timeline(case)[-2:] == [EventKind.CLOCK_PAUSED, EventKind.CLOCK_RESUMED]


def test_extending_a_complaint_needs_days_and_a_reason(client, caseworker, complaint):
    client.force_login(caseworker)
    client.post(url(complaint, "acknowledge"))
    response = client.post(url(complaint, "extend"), {"extend-reason": "Complex"})
    assert "Enter the number of working days" in response.content.decode()
    client.post(url(complaint, "extend"), {"extend-reason": "Complex", "extend-days": "10"})
    complaint.refresh_from_db()
    assert complaint.is_extended
    assert complaint.extension_days == 10
    assert EventKind.EXTENDED in timeline(complaint)


def test_extending_before_acknowledging_a_complaint_is_refused_with_the_reason(
    client, caseworker, complaint
):
    client.force_login(caseworker)
    response = client.post(
        url(complaint, "extend"), {"extend-reason": "Complex", "extend-days": "10"}
    )
    assert "Acknowledge the complaint before extending" in response.content.decode()
    assert "Complex" in response.content.decode()


def test_reassigning_to_another_officer(client, caseworker, case, team):
    colleague = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Jo Bloggs")
    client.force_login(caseworker)
    client.post(url(case, "reassign"), {"reassign-officer": colleague.pk})
    case.refresh_from_db()
    assert case.assigned_to == colleague
    assert EventKind.REASSIGNED in timeline(case)


def test_closing_needs_an_outcome(client, caseworker, case):
    client.force_login(caseworker)
    client.post(url(case, "status"), {"status-to": "resolved"})
    response = client.post(url(case, "close"), {"close-outcome": ""})
    assert "Record the outcome" in response.content.decode()
    client.post(url(case, "close"), {"close-outcome": "Bin emptied"})
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.outcome == "Bin emptied"
