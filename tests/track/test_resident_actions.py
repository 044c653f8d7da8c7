"""What a resident does from the request page: reply, reply to a clarification, "it is not
fixed"; signed in (through cases.actions) or by reference and email (with its own audit)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from opencex.cases import resident_actions
from opencex.cases.actions.clock import pause_clock
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import close_case
from opencex.cases.models import CaseKind, Channel, EventKind, PauseReason, Status
from opencex.cases.policies import ReferenceGrant
from opencex.clocks.calendars import uk_wide_calendar
from opencex.council.calendar import council_calendar
from tests.track.conftest import report_missed_bin, resolve

pytestmark = pytest.mark.django_db


def reply(client, case, message):
    return client.post(reverse("web:track-reply", args=[case.reference]), {"message": message})


def test_a_signed_in_resident_reply_adds_a_message_event(client, resident_user, missed_bin):
    case = report_missed_bin(resident_user, service=missed_bin)
    client.force_login(resident_user)

    response = reply(client, case, "It was the green bin, not the blue one.")

    assert response.status_code == 302
    event = case.events.get(kind=EventKind.MESSAGE_IN)
    assert event.actor == resident_user
    assert event.is_visible_to_resident
    assert event.body == "It was the green bin, not the blue one."


def test_a_reply_by_reference_and_email_is_audited_with_how_they_proved_it(client, missed_bin):
    case = report_missed_bin(service=missed_bin)
    client.post(reverse("web:track"), {"reference": case.reference, "email": "ann@example.org"})

    reply(client, case, "The bin is by the gate.")

    event = case.events.get(kind=EventKind.MESSAGE_IN)
    assert event.actor is None
    assert event.data["by"] == "reference_and_email"
    assert event.data["email"] == "ann@example.org"


def test_an_empty_reply_shows_the_error_and_keeps_nothing(client, resident_user, missed_bin):
    case = report_missed_bin(resident_user, service=missed_bin)
    client.force_login(resident_user)

    response = reply(client, case, "   ")

    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_message"' in page
    assert not case.events.filter(kind=EventKind.MESSAGE_IN).exists()


def test_a_reply_to_a_clarification_resumes_a_service_request_clock(
    resident_user, missed_bin, waste_caseworker
):
    today = timezone.localdate()
    calendar = council_calendar()
    paused_on = today - dt.timedelta(days=7)
    case = report_missed_bin(
        resident_user,
        service=missed_bin,
        received_at=timezone.now() - dt.timedelta(days=9),
    )
    pause_clock(actor=waste_caseworker, case=case, reason=PauseReason.CLARIFICATION, on=paused_on)

    resident_actions.reply(actor=resident_user, grant=None, case=case, body="Green bin.")

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.pauses.get().ended_on == today
    # Stopping pause: the days from the pause to the reply (both included) do not count.
    excluded = [(paused_on, today)]
    assert case.due_on == calendar.add_working_days(case.received_on, 2, excluded=excluded)
    assert case.events.filter(kind=EventKind.CLOCK_RESUMED).exists()


def test_a_reply_by_reference_to_an_foi_clarification_restarts_the_clock(
    client, contact_officer, ig_officer
):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Spending on bins",
        description="How much did you spend?",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        received_at=timezone.now() - dt.timedelta(days=10),
    )
    pause_clock(
        actor=ig_officer,
        case=case,
        reason=PauseReason.CLARIFICATION,
        on=timezone.localdate() - dt.timedelta(days=5),
    )
    client.post(reverse("web:track"), {"reference": case.reference, "email": "ann@example.org"})

    reply(client, case, "I mean the 2024/25 financial year.")

    case.refresh_from_db()
    today = timezone.localdate()
    assert case.clock_started_on == today
    assert case.due_on == uk_wide_calendar().add_working_days(today, 20)
    restarted = case.events.get(kind=EventKind.CLOCK_RESTARTED)
    assert restarted.data["by"] == "reference_and_email"


def test_it_is_not_fixed_reopens_the_request_and_keeps_its_history(
    client, resident_user, missed_bin, waste_caseworker
):
    case = resolve(report_missed_bin(resident_user, service=missed_bin), waste_caseworker)
    close_case(actor=waste_caseworker, case=case, outcome="Collected on Tuesday.")
    events_before = case.events.count()
    client.force_login(resident_user)

    response = client.post(
        reverse("web:track-not-fixed", args=[case.reference]),
        {"reason": "The bin is still full."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.closed_at is None
    assert case.events.count() == events_before + 1
    reopened = case.events.latest("at", "id")
    assert (reopened.data["from"], reopened.data["to"]) == (Status.CLOSED, Status.IN_PROGRESS)
    assert reopened.actor == resident_user
    assert reopened.body == "The bin is still full."
    page = client.get(reverse("web:track-case", args=[case.reference])).content.decode()
    assert "You told us it is not fixed" in page
    assert "We finished your request" in page


def test_it_is_not_fixed_by_reference_and_email(client, missed_bin, waste_caseworker):
    case = resolve(report_missed_bin(service=missed_bin), waste_caseworker)
    client.post(reverse("web:track"), {"reference": case.reference, "email": "ann@example.org"})

    client.post(reverse("web:track-not-fixed", args=[case.reference]), {"reason": "Still full."})

    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.events.latest("at", "id").data["by"] == "reference_and_email"


def test_an_open_request_cannot_be_called_not_fixed(client, resident_user, missed_bin):
    case = report_missed_bin(resident_user, service=missed_bin)
    client.force_login(resident_user)

    response = client.post(
        reverse("web:track-not-fixed", args=[case.reference]), {"reason": "Still full."}
    )

    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_a_grant_for_one_case_cannot_act_on_another(missed_bin):
    first = report_missed_bin(service=missed_bin)
    second = report_missed_bin(service=missed_bin)
    grant = ReferenceGrant(case_id=first.pk, email="ann@example.org")

    with pytest.raises(PermissionDenied):
        resident_actions.reply(actor=None, grant=grant, case=second, body="Hello")
