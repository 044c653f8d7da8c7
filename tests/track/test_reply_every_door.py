"""A resident's reply through every door that takes one (the tracking page signed in or by
reference and email, an email reply, an officer recording a call) is received by the one
`receive_clarification`: their message on the case and, when the council was waiting for their
clarification, the clock running again from the day they replied, with the same timeline event
and the same letter."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.clock import pause_clock
from opencex.cases.models import Case, EventKind, PauseReason, Status
from opencex.clocks.wording import long_date
from opencex.inbox.reading import read_inbound_email
from opencex.inbox.services import receive_email
from opencex.notify.models import Notification
from tests.factories import UserFactory
from tests.inbox.mail import compose
from tests.track.conftest import at_ten, report_missed_bin

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
REPLY = "It is the green bin, by the gate."


@pytest.fixture
def request_(resident_user, missed_bin) -> Case:
    """A missed bin reported on Monday 2 March 2026 (2 working days), signed in."""
    with time_machine.travel(at_ten("2026-03-02"), tick=False):
        return report_missed_bin(resident_user, service=missed_bin)


@pytest.fixture
def waiting(request_, waste_caseworker) -> Case:
    """The same request, waiting for the resident's clarification from Wednesday 4 March."""
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        pause_clock(
            actor=waste_caseworker,
            case=request_,
            reason=PauseReason.CLARIFICATION,
            note="Which bin was it?",
        )
    return request_


def _signed_in(client, case: Case, resident_user, **_) -> None:
    client.force_login(resident_user)
    response = client.post(reverse("web:track-reply", args=[case.reference]), {"message": REPLY})
    assert response.status_code == 302


def _by_reference_and_email(client, case: Case, resident_user, **_) -> None:
    session = client.session
    session["track_grants"] = {case.reference: {"case_id": case.pk, "email": "ann@example.org"}}
    session.save()
    response = client.post(reverse("web:track-reply", args=[case.reference]), {"message": REPLY})
    assert response.status_code == 302


def _by_email(client, case: Case, resident_user, *, replied_on: str) -> None:
    raw = compose(
        to="customerservices@oxford.gov.uk",
        sender="Ann Example <ann@example.org>",
        subject=f"Re: News about your request {case.reference}",
        text=REPLY,
    ).as_bytes()
    inbound, _ = receive_email(
        raw=raw, mailbox="customerservices@oxford.gov.uk", received_at=at_ten(replied_on)
    )
    read_inbound_email(inbound_email_id=inbound.pk)


def _logged_by_an_officer(client, case: Case, resident_user, *, replied_on: str) -> None:
    # A contact-centre officer takes the call: they may record it, not handle the case.
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    day = D(replied_on)
    response = client.post(
        reverse("staff:case-log-reply", args=[case.reference]),
        {
            "log-reply-channel": "phone",
            "log-reply-day": str(day.day),
            "log-reply-month": str(day.month),
            "log-reply-year": str(day.year),
            "log-reply-body": REPLY,
        },
    )
    assert response.status_code == 302


DOORS = {
    "the tracking page, signed in": _signed_in,
    "the tracking page, by reference and email": _by_reference_and_email,
    "an email reply": _by_email,
    "an officer recording a phone call": _logged_by_an_officer,
}
# The doors through which a reply given earlier is recorded later, dated the day it was given.
LATER_DOORS = ("an email reply", "an officer recording a phone call")


def _letters(case: Case) -> list[Notification]:
    return list(
        Notification.objects.filter(case=case)
        .exclude(template="case_received")
        .exclude(template__startswith="staff_")
        .order_by("pk")
    )


def _assert_running_again_from(case: Case, day: str) -> Case:
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.IN_PROGRESS
    assert not case.pauses.open().exists()
    assert case.pauses.get().ended_on == D(day)
    resumed = case.events.get(kind=EventKind.CLOCK_RESUMED)
    assert resumed.data["on"] == day
    assert resumed.data["due_on"] == case.due_on.isoformat()
    assert case.events.get(kind=EventKind.MESSAGE_IN).body.endswith(REPLY)
    assert case.new_reply_at is not None  # new for the officer handling it, whoever recorded it
    letters = _letters(case)
    assert [letter.template for letter in letters] == ["case_status_changed"] * 2
    assert "We have what we needed from you, so we are carrying on." in letters[-1].body
    assert long_date(case.due_on) in letters[-1].body
    return case


@pytest.mark.parametrize("door", DOORS)
def test_a_reply_to_a_request_for_clarification_resumes_the_clock_at_every_door(
    client, waiting, resident_user, door
):
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        DOORS[door](client, waiting, resident_user, replied_on="2026-03-05")
    case = _assert_running_again_from(waiting, "2026-03-05")
    # Due Wednesday 4 March; paused Wednesday and Thursday (both ends count): Friday 6 March.
    assert case.due_on == D("2026-03-06")


@pytest.mark.parametrize("door", LATER_DOORS)
def test_a_reply_recorded_days_later_resumes_the_clock_from_the_day_it_was_given(
    client, waiting, resident_user, door
):
    with time_machine.travel(at_ten("2026-03-09"), tick=False):
        DOORS[door](client, waiting, resident_user, replied_on="2026-03-05")
    case = _assert_running_again_from(waiting, "2026-03-05")
    assert case.due_on == D("2026-03-06")


@pytest.mark.parametrize("door", DOORS)
def test_a_reply_when_nobody_asked_for_anything_leaves_the_clock_as_it_was_at_every_door(
    client, request_, resident_user, door
):
    due_on = request_.due_on
    with time_machine.travel(at_ten("2026-03-03"), tick=False):
        DOORS[door](client, request_, resident_user, replied_on="2026-03-03")
    case = Case.objects.get(pk=request_.pk)
    assert (case.status, case.due_on) == (Status.RECEIVED, due_on)
    assert case.events.filter(kind=EventKind.MESSAGE_IN).count() == 1
    assert not case.events.filter(kind=EventKind.CLOCK_RESUMED).exists()
    assert _letters(case) == []


def _log(client, case: Case, day: str):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    day_, month, year = day.split(" ")
    return client.post(
        reverse("staff:case-log-reply", args=[case.reference]),
        {
            "log-reply-channel": "letter",
            "log-reply-day": day_,
            "log-reply-month": month,
            "log-reply-year": year,
            "log-reply-body": REPLY,
        },
    )


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("6 3 2026", "The day the resident replied cannot be in the future."),
        ("3 3 2026", "We asked the resident for clarification on Wednesday 4 March 2026"),
        ("31 2 2026", "Enter a real date, for example 27 3 2026"),
        ("5  2026", "Enter the day the resident replied, with a day, month and year"),
    ],
    ids=["in the future", "before we asked", "not a date", "without a month"],
)
def test_an_officer_cannot_date_a_reply_on_a_day_it_could_not_have_been_given(
    client, waiting, day, error
):
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        response = _log(client, waiting, day)
    assert response.status_code == 200
    assert error in response.content.decode()
    case = Case.objects.get(pk=waiting.pk)
    assert case.status == Status.AWAITING_RESIDENT
    assert not case.events.filter(kind=EventKind.MESSAGE_IN).exists()
    assert [letter.template for letter in _letters(case)] == ["case_status_changed"]


def test_an_officer_recording_a_reply_without_a_day_dates_it_today(client, waiting):
    with time_machine.travel(at_ten("2026-03-05"), tick=False):
        response = _log(client, waiting, "  ")
    assert response.status_code == 302
    message = Case.objects.get(pk=waiting.pk).events.get(kind=EventKind.MESSAGE_IN)
    assert message.data["given_on"] == "2026-03-05"
    _assert_running_again_from(waiting, "2026-03-05")
