"""The staff case page: who may see it, what it shows, and each action through its service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases import resident_actions
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.routing import set_priority
from opencex.cases.models import CaseEvent, CaseKind, Channel, ClockPause, EventKind, Status
from opencex.cases.policies import ReferenceGrant
from opencex.notify.models import Notification
from opencex.people.services import record_sensitive_information
from tests.factories import ResidentFactory, StandardReplyFactory, TeamFactory, UserFactory

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
    opened, _ = open_case(
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
    opened, _ = open_case(
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


# --- Standard replies ---------------------------------------------------------------------------


def test_choosing_a_standard_reply_fills_in_the_message_to_edit(client, caseworker, case):
    reply = StandardReplyFactory(name="Passed on", body="Dear {name}, {officer} has {reference}.")
    client.force_login(caseworker)

    response = client.get(url(case), {"reply": reply.pk})

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["forms"]["message"]["body"].value() == (
        f"Dear Ada Okonkwo, Sam Okafor has {case.reference}."
    )
    assert f"Dear Ada Okonkwo, Sam Okafor has {case.reference}.</textarea>" in page
    assert '<details class="govuk-details" id="action-message" open>' in page
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_OUT).exists()


def test_the_standard_replies_offered_suit_the_kind_of_case(client, caseworker, case):
    StandardReplyFactory(name="For FOI only", case_kinds=[CaseKind.FOI])
    client.force_login(caseworker)
    page = client.get(url(case)).content.decode()
    assert "Start from a standard reply" in page
    assert "We need more information" in page
    assert "For FOI only" not in page


def test_using_a_standard_reply_without_choosing_one_is_an_error(client, caseworker, case):
    client.force_login(caseworker)
    page = client.get(url(case), {"reply": ""}).content.decode()
    assert "govuk-error-summary" in page
    assert '<a href="#reply">Choose a standard reply</a>' in page
    assert "<title>Error:" in page


def test_a_standard_reply_with_an_unknown_placeholder_is_explained_not_a_crash(
    client, caseworker, case
):
    # Written straight to the database, as an old reply might be, past the admin's check.
    reply = StandardReplyFactory(name="Broken", body="Hello {first_name}")
    client.force_login(caseworker)
    response = client.get(url(case), {"reply": reply.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "{first_name} cannot be filled in" in page


def test_a_message_still_holding_a_standard_replys_instruction_is_refused(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        url(case, "message"), {"message-body": "Please tell us [Write what you need to know]"}
    )
    assert "Replace the words in square brackets" in response.content.decode()
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_OUT).exists()


def test_a_message_started_from_a_standard_reply_is_sent_to_the_resident(client, caseworker, case):
    client.force_login(caseworker)
    client.post(url(case, "message"), {"message-body": "We have passed this to the team."})
    message = Notification.objects.get(case=case, template="message_to_resident")
    assert "We have passed this to the team." in message.body


# --- Replies coming back ------------------------------------------------------------------------


def test_a_reply_from_the_resident_is_shown_as_new_until_the_officer_acts(client, caseworker, case):
    resident_actions.reply(
        actor=None,
        grant=ReferenceGrant(case_id=case.pk, email="ada@example.org"),
        case=case,
        body="It was the green bin.",
    )
    client.force_login(caseworker)
    page = client.get(url(case)).content.decode()
    assert "New reply from the resident" in page
    assert 'govuk-tag--red">New' in page

    client.post(url(case, "message"), {"message-body": "Thank you."})
    page = client.get(url(case)).content.decode()
    assert "New reply from the resident" not in page
    assert "Reply from the resident" in page  # still marked on the timeline


def test_recording_a_reply_taken_by_phone(client, case):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    client.post(
        url(case, "log-reply"), {"log-reply-channel": "phone", "log-reply-body": "Green bin."}
    )
    event = CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE_IN)
    assert (event.body, event.data["channel"]) == ("Green bin.", "phone")


def test_recording_a_reply_without_saying_how_it_came_is_an_error(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(url(case, "log-reply"), {"log-reply-body": "Green bin."})
    page = response.content.decode()
    assert '<a href="#log-reply-channel">Choose how the resident replied</a>' in page
    assert "Green bin." in page
    assert not CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_IN).exists()


# --- Linked cases and duplicates ----------------------------------------------------------------


def another_case(team, email="bo@example.org"):
    opened, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bins missed on Cowley Road",
        description="The whole street was missed.",
        contact_name="Bo Li",
        contact_email=email,
    )
    opened.team = team
    opened.save()
    return opened


def test_linking_a_related_case_shows_it_on_both_case_pages(client, caseworker, case, team):
    other = another_case(team)
    client.force_login(caseworker)
    client.post(url(case, "link"), {"link-reference": other.reference, "link-reason": "Street"})
    for this, that in ((case, other), (other, case)):
        page = client.get(url(this)).content.decode()
        assert "Linked cases" in page
        assert f'href="{url(that)}"' in page


def test_linking_an_unknown_reference_is_explained_and_keeps_what_was_typed(
    client, caseworker, case
):
    client.force_login(caseworker)
    response = client.post(
        url(case, "link"), {"link-reference": "SR-NONE-NONE", "link-reason": "Same street"}
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "No case with the reference SR-NONE-NONE was found" in page
    assert 'value="Same street"' in page


def test_closing_as_a_duplicate_shows_the_original_on_the_case(client, caseworker, case, team):
    original = another_case(team)
    client.force_login(caseworker)
    response = client.post(
        url(case, "duplicate"),
        {"duplicate-reference": original.reference, "duplicate-reason": "Same street"},
        follow=True,
    )
    page = response.content.decode()
    assert "Case closed as a duplicate" in page
    assert f"Duplicate of {original.reference}" in page
    assert f'href="{url(original)}"' in page
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_closing_as_a_duplicate_without_a_reason_is_an_error(client, caseworker, case, team):
    original = another_case(team)
    client.force_login(caseworker)
    response = client.post(url(case, "duplicate"), {"duplicate-reference": original.reference})
    page = response.content.decode()
    assert '<a href="#duplicate-reason">Say why this case is a duplicate</a>' in page
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


# --- Escalation and priority --------------------------------------------------------------------


def test_escalating_a_complaint_from_the_case_page(client, caseworker, complaint):
    client.force_login(caseworker)
    assert "escalate" in client.get(url(complaint)).context["forms"]
    client.post(url(complaint, "escalate"), {"escalate-reason": "Unhappy with the reply"})
    complaint.refresh_from_db()
    assert complaint.stage == 2
    assert "escalate" not in client.get(url(complaint)).context["forms"]


def test_escalating_without_a_reason_is_an_error(client, caseworker, complaint):
    client.force_login(caseworker)
    page = client.post(url(complaint, "escalate"), {"escalate-reason": ""}).content.decode()
    assert "Say why the resident is unhappy with the stage 1 reply" in page
    complaint.refresh_from_db()
    assert complaint.stage == 1


def test_a_service_request_is_not_offered_escalation(client, caseworker, case):
    client.force_login(caseworker)
    assert "escalate" not in client.get(url(case)).context["forms"]


def test_changing_the_priority_from_the_case_page(client, caseworker, case):
    client.force_login(caseworker)
    form = client.get(url(case)).context["forms"]["priority"]
    assert [label for _, label in form.fields["priority"].choices] == ["Normal", "High", "Urgent"]
    client.post(url(case, "priority"), {"priority-priority": "2", "priority-reason": "No heating"})
    case.refresh_from_db()
    assert case.priority == 2
    assert EventKind.PRIORITY_CHANGED in timeline(case)


def test_changing_to_the_same_priority_is_explained(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        url(case, "priority"), {"priority-priority": "0", "priority-reason": "Check"}
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "already normal priority" in page


def test_the_contact_centre_may_change_priority_but_not_link_or_close_as_duplicate(client, case):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    offered = client.get(url(case)).context["forms"]
    assert "priority" in offered
    assert "link" not in offered
    assert "duplicate" not in offered
    assert client.post(url(case, "link"), {"link-reference": "SR-X"}).status_code == 403


# --- Triage first -------------------------------------------------------------------------------


def test_a_vulnerable_residents_case_has_a_triage_banner_without_the_details(
    client, caseworker, team
):
    resident = ResidentFactory(full_name="Ada Okonkwo")
    record_sensitive_information(
        actor=UserFactory(role=Role.ADMINISTRATOR),
        resident=resident,
        category="physical_health",
        details="Uses a wheelchair; heart condition",
        purpose="Triage repairs",
        lawful_basis="Art. 9(2)(g)",
        review_on=dt.date(2027, 1, 1),
    )
    opened, _ = open_case(
        actor=caseworker,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Damp and mould",
        description="Black mould in the bedroom.",
        contact_name="Ada Okonkwo",
        resident=resident,
    )
    opened.team = team
    opened.save()
    client.force_login(caseworker)
    page = client.get(url(opened)).content.decode()
    assert 'id="triage-banner"' in page
    assert "This resident may need extra support." in page
    assert "wheelchair" not in page
    assert "Physical health" not in page


def test_an_urgent_case_has_a_triage_banner(client, caseworker, case):
    set_priority(actor=caseworker, case=case, priority=2, reason="No heating")
    client.force_login(caseworker)
    page = client.get(url(case)).content.decode()
    assert "Urgent priority: deal with this case before all other work." in page


def test_a_normal_case_has_no_triage_banner(client, caseworker, case):
    client.force_login(caseworker)
    assert 'id="triage-banner"' not in client.get(url(case)).content.decode()


@pytest.mark.parametrize("kind", [CaseKind.COMPLAINT, CaseKind.FOI, CaseKind.SAR])
def test_a_complaint_or_information_request_is_not_marked_responded_by_change_status(
    client, team, kind
):
    administrator = UserFactory(role=Role.ADMINISTRATOR, teams=[team])
    opened, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject="A request",
        description="Please answer.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
    )
    client.force_login(administrator)

    response = client.post(url(opened, "status"), {"status-to": "responded", "status-reason": ""})

    assert "This case cannot move to that status now" in response.content.decode()
    opened.refresh_from_db()
    assert opened.status != Status.RESPONDED
