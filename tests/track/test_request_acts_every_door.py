"""The generic acts on a request through every door that offers each one keep the same rules and
send the same letter: pause, resume, a message to the resident, close, reopen ("it is not fixed"
on the tracking page, or an officer's status change) and withdraw.

Pause, resume, message, close and withdraw have one door each, the staff case page (a resident's
reply is the other way a wait ends: `test_reply_every_door.py`); reopening has three."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.clock import pause_clock
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, CaseKind, Channel, EventKind, PauseReason, Status
from opencex.clocks.wording import long_date
from opencex.inforights.services import ask_for_identity
from opencex.notify.models import Notification
from tests.factories import UserFactory
from tests.track.conftest import at_ten, report_missed_bin, resolve

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def request_(resident_user, missed_bin) -> Case:
    """A missed bin reported on Monday 2 March 2026 (2 working days: due Wednesday 4 March)."""
    with time_machine.travel(at_ten("2026-03-02"), tick=False):
        return report_missed_bin(resident_user, service=missed_bin)


@pytest.fixture
def waiting(request_, waste_caseworker) -> Case:
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        pause_clock(
            actor=waste_caseworker,
            case=request_,
            reason=PauseReason.CLARIFICATION,
            note="Which bin was it?",
        )
    return request_


@pytest.fixture
def resolved(request_, waste_caseworker) -> Case:
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        resolve(request_, waste_caseworker)
    return Case.objects.get(pk=request_.pk)


def _on_the_case_page(client, officer, act: str, case: Case, data: dict):
    client.force_login(officer)
    return client.post(reverse(f"staff:case-{act}", args=[case.reference]), data)


def _letters(case: Case) -> list[Notification]:
    return list(
        Notification.objects.filter(case=case)
        .exclude(template="case_received")
        .exclude(template__startswith="staff_")
        .order_by("pk")
    )


def _templates(case: Case) -> list[str]:
    return [letter.template for letter in _letters(case)]


# --- Pause --------------------------------------------------------------------------------------


def test_pausing_stops_the_clock_and_tells_the_resident_what_is_needed(
    client, request_, waste_caseworker
):
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        response = _on_the_case_page(
            client,
            waste_caseworker,
            "pause",
            request_,
            {"pause-reason": "clarification", "pause-note": "Which bin was it?"},
        )
    assert response.status_code == 302
    case = Case.objects.get(pk=request_.pk)
    assert case.status == Status.AWAITING_RESIDENT
    assert case.pauses.open().get().started_on == D("2026-03-04")
    paused = case.events.get(kind=EventKind.CLOCK_PAUSED)
    assert (paused.data["reason"], paused.data["on"]) == ("clarification", "2026-03-04")
    [letter] = _letters(case)
    assert letter.template == "case_status_changed"
    assert "We need something from you before we can carry on." in letter.body
    assert "Which bin was it?" in letter.body
    assert "Our clock is stopped until we hear from you." in letter.body


def test_a_paused_clock_cannot_be_paused_again(client, waiting, waste_caseworker):
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        response = _on_the_case_page(
            client, waste_caseworker, "pause", waiting, {"pause-reason": "clarification"}
        )
    assert response.status_code == 200
    assert "The case is already waiting for the resident." in response.content.decode()
    assert waiting.pauses.count() == 1
    assert _templates(waiting) == ["case_status_changed"]


# --- Resume -------------------------------------------------------------------------------------


def test_an_officer_resuming_sends_the_letter_a_residents_reply_sends(
    client, waiting, waste_caseworker
):
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        response = _on_the_case_page(client, waste_caseworker, "resume", waiting, {})
    assert response.status_code == 302
    case = Case.objects.get(pk=waiting.pk)
    assert (case.status, case.due_on) == (Status.IN_PROGRESS, D("2026-03-06"))
    resumed = case.events.get(kind=EventKind.CLOCK_RESUMED)
    assert resumed.data["on"] == "2026-03-05"
    assert _templates(case) == ["case_status_changed"] * 2
    assert "We have what we needed from you, so we are carrying on." in _letters(case)[-1].body
    assert long_date(D("2026-03-06")) in _letters(case)[-1].body


def test_a_running_clock_cannot_be_resumed(client, request_, waste_caseworker):
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        response = _on_the_case_page(client, waste_caseworker, "resume", request_, {})
    assert response.status_code == 200
    assert "The clock is not paused." in response.content.decode()
    assert _templates(request_) == []


def test_a_wait_for_proof_of_identity_is_ended_on_the_register_not_the_case_page(
    client, ig_officer
):
    with time_machine.travel(at_ten("2026-03-02"), tick=False):
        sar, _ = open_case(
            actor=None,
            kind=CaseKind.SAR,
            channel=Channel.WEB,
            subject="My records",
            description="Everything you hold about me.",
            contact_name="Ann Example",
            contact_email="ann@example.org",
        )
        ask_for_identity(actor=ig_officer, case=sar, note="A copy of your passport")
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        response = _on_the_case_page(client, ig_officer, "resume", sar, {})
    assert response.status_code == 200
    assert "record what arrived on the information-rights register page" in (
        response.content.decode()
    )
    assert Case.objects.get(pk=sar.pk).pauses.open().exists()


# --- A message to the resident ------------------------------------------------------------------


def test_a_message_is_on_the_timeline_and_sent_as_the_councils_letter(
    client, request_, waste_caseworker
):
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        response = _on_the_case_page(
            client, waste_caseworker, "message", request_, {"message-body": "We are on our way."}
        )
    assert response.status_code == 302
    event = request_.events.get(kind=EventKind.MESSAGE_OUT)
    assert (event.body, event.is_visible_to_resident) == ("We are on our way.", True)
    [letter] = _letters(request_)
    assert letter.template == "message_to_resident"
    assert "Oxford City Council has sent you a message about your report" in letter.body
    assert "We are on our way." in letter.body
    assert request_.reference in letter.subject


def test_a_message_with_a_standard_replys_instructions_left_in_is_not_sent(
    client, request_, waste_caseworker
):
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        response = _on_the_case_page(
            client, waste_caseworker, "message", request_, {"message-body": "[Say why] Sorry."}
        )
    assert response.status_code == 200
    assert "Replace the words in square brackets" in response.content.decode()
    assert _letters(request_) == []


def test_an_officer_who_may_only_record_replies_cannot_message_the_resident(client, request_):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        response = _on_the_case_page(
            client, officer, "message", request_, {"message-body": "We are on our way."}
        )
    assert response.status_code == 403
    assert _letters(request_) == []


# --- Close --------------------------------------------------------------------------------------


def test_closing_a_resolved_request_sends_the_closing_letter_with_the_outcome(
    client, resolved, waste_caseworker
):
    sent_before = len(_letters(resolved))
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        response = _on_the_case_page(
            client, waste_caseworker, "close", resolved, {"close-outcome": "Bin emptied"}
        )
    assert response.status_code == 302
    case = Case.objects.get(pk=resolved.pk)
    assert (case.status, case.outcome) == (Status.CLOSED, "Bin emptied")
    closed = case.events.filter(kind=EventKind.STATUS_CHANGED).latest("at", "id")
    assert closed.data == {"from": "resolved", "to": "closed"}
    letters = _letters(case)
    assert len(letters) == sent_before + 1
    assert letters[-1].template == "case_closed"
    assert "What we did: Bin emptied" in letters[-1].body
    assert "If it is not fixed, tell us" in letters[-1].body


def test_a_request_still_being_worked_on_cannot_be_closed(client, request_, waste_caseworker):
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        response = _on_the_case_page(
            client, waste_caseworker, "close", request_, {"close-outcome": "Bin emptied"}
        )
    assert response.status_code == 200
    assert Case.objects.get(pk=request_.pk).status == Status.RECEIVED
    assert _letters(request_) == []


# --- Reopen: "it is not fixed" ------------------------------------------------------------------


def _not_fixed_signed_in(client, case: Case, resident_user, officer):
    client.force_login(resident_user)
    return client.post(
        reverse("web:track-not-fixed", args=[case.reference]), {"reason": "Still full."}
    )


def _not_fixed_by_reference_and_email(client, case: Case, resident_user, officer):
    session = client.session
    session["track_grants"] = {case.reference: {"case_id": case.pk, "email": "ann@example.org"}}
    session.save()
    return client.post(
        reverse("web:track-not-fixed", args=[case.reference]), {"reason": "Still full."}
    )


def _reopened_by_an_officer(client, case: Case, resident_user, officer):
    return _on_the_case_page(
        client,
        officer,
        "status",
        case,
        {"status-to": "in_progress", "status-reason": "Still full."},
    )


REOPEN_DOORS = {
    "the tracking page, signed in": _not_fixed_signed_in,
    "the tracking page, by reference and email": _not_fixed_by_reference_and_email,
    "the case page": _reopened_by_an_officer,
}


@pytest.mark.parametrize("door", REOPEN_DOORS)
def test_reopening_gives_a_new_date_by_the_standard_from_the_reopening_day_at_every_door(
    client, resolved, resident_user, waste_caseworker, door
):
    sent_before = len(_letters(resolved))
    with time_machine.travel(at_ten("2026-03-09"), tick=False):
        response = REOPEN_DOORS[door](client, resolved, resident_user, waste_caseworker)
    assert response.status_code == 302
    case = Case.objects.get(pk=resolved.pk)
    # Reopened on Monday 9 March: 2 working days from then, not the long-past 4 March.
    assert (case.status, case.due_on) == (Status.IN_PROGRESS, D("2026-03-11"))
    reopened = case.events.filter(kind=EventKind.STATUS_CHANGED).latest("at", "id")
    assert (reopened.data["from"], reopened.data["to"]) == ("resolved", "in_progress")
    assert (reopened.body, reopened.data["due_on"]) == ("Still full.", "2026-03-11")
    letters = _letters(case)
    assert len(letters) == sent_before + 1
    assert letters[-1].template == "case_status_changed"
    assert "We are now working on" in letters[-1].body
    assert "Wednesday 11 March 2026" in letters[-1].body


@pytest.mark.parametrize("door", REOPEN_DOORS)
def test_a_request_still_open_cannot_be_reopened_at_any_door(
    client, request_, resident_user, waste_caseworker, door
):
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        _reopened_by_an_officer(client, request_, resident_user, waste_caseworker)
        client.logout()
        sent_before = len(_letters(request_))
        response = REOPEN_DOORS[door](client, request_, resident_user, waste_caseworker)
    assert response.status_code in {200, 400}
    case = Case.objects.get(pk=request_.pk)
    assert case.events.filter(kind=EventKind.STATUS_CHANGED).count() == 1
    assert len(_letters(case)) == sent_before


# --- Withdraw -----------------------------------------------------------------------------------


def test_withdrawing_a_request_stops_work_and_tells_the_resident(
    client, request_, waste_caseworker
):
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        response = _on_the_case_page(
            client,
            waste_caseworker,
            "status",
            request_,
            {"status-to": "withdrawn", "status-reason": "Ms Example rang: the bin was emptied."},
        )
    assert response.status_code == 302
    case = Case.objects.get(pk=request_.pk)
    assert case.status == Status.WITHDRAWN
    withdrawn = case.events.get(kind=EventKind.STATUS_CHANGED)
    assert (withdrawn.data["from"], withdrawn.data["to"]) == ("received", "withdrawn")
    [letter] = _letters(case)
    assert letter.template == "case_status_changed"
    assert "has been withdrawn, so we have stopped work on it." in letter.body


def test_a_resolved_request_cannot_be_withdrawn(client, resolved, waste_caseworker):
    sent_before = len(_letters(resolved))
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        response = _on_the_case_page(
            client, waste_caseworker, "status", resolved, {"status-to": "withdrawn"}
        )
    assert response.status_code == 200
    assert "This case cannot move to that status now" in response.content.decode()
    assert Case.objects.get(pk=resolved.pk).status == Status.RESOLVED
    assert len(_letters(resolved)) == sent_before
