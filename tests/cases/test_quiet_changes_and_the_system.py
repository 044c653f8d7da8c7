"""Changes whose caller sends its own message (`notify=False`), the note that says what a paused
case needs, and the `System` acting by itself: allowed only where a service names it, recorded on
the timeline as the system with why."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from opencex.cases.actions.clock import (
    extend_deadline,
    pause_clock,
    record_extension,
    record_pause,
    resume_clock,
)
from opencex.cases.actions.core import System
from opencex.cases.actions.messages import receive_message, send_message
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status, close_case, record_status_change
from opencex.cases.models import CaseKind, Channel, EventKind, PauseReason, Status
from opencex.cases.workflow import TransitionNotAllowed
from opencex.notify.models import Notification
from tests.cases.conftest import at_ten

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


@pytest.fixture
def foi(contact_officer, ig_team):
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.FOI,
        channel=Channel.LETTER,
        subject="Agency staff spending",
        description="What did the council spend on agency staff in 2024?",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        received_at=at_ten("2025-08-15"),
    )
    return case


def messages_after_opening(case) -> list[str]:
    return list(
        Notification.objects.filter(case=case)
        .exclude(template="case_received")
        .values_list("template", flat=True)
    )


def test_a_status_change_the_caller_announces_itself_sends_no_message(ig_officer, foi):
    record_status_change(actor=ig_officer, case=foi, to=Status.RESPONDED, notify=False)
    assert messages_after_opening(foi) == []


def test_a_status_change_tells_the_resident_by_default(ig_officer, foi):
    record_status_change(actor=ig_officer, case=foi, to=Status.RESPONDED)
    assert messages_after_opening(foi) == ["case_status_changed"]


def test_a_pause_the_caller_announces_itself_sends_no_message(ig_officer, foi):
    record_pause(
        actor=ig_officer, case=foi, reason=PauseReason.FEES_NOTICE, on=D("2025-08-18"), notify=False
    )
    assert messages_after_opening(foi) == []


def test_the_extension_step_sends_no_message_of_its_own(ig_officer, foi):
    record_extension(actor=ig_officer, case=foi, reason="Public interest")
    assert messages_after_opening(foi) == []


def test_asking_for_clarification_emails_the_resident_what_is_needed(
    ig_officer, foi, smtp_server, run_jobs
):
    run_jobs()  # the acknowledgement
    smtp_server.messages.clear()

    pause_clock(
        actor=ig_officer,
        case=foi,
        reason=PauseReason.CLARIFICATION,
        on=D("2025-08-18"),
        note="Do you mean agency social workers only, or all agency staff?",
    )
    run_jobs()

    [email] = smtp_server.messages
    assert email["To"] == "ann@example.org"
    assert "Do you mean agency social workers only" in email.get_content()


def test_the_system_may_withdraw_a_case_and_the_timeline_says_so(ig_officer, foi):
    record_pause(
        actor=ig_officer, case=foi, reason=PauseReason.FEES_NOTICE, on=D("2025-08-18"), notify=False
    )
    change_status(
        actor=System(because="the fee was not paid within three months"),
        case=foi,
        to=Status.WITHDRAWN,
        notify=False,
    )

    foi.refresh_from_db()
    assert foi.status == Status.WITHDRAWN
    event = foi.events.filter(kind=EventKind.STATUS_CHANGED).get()
    assert event.actor is None
    assert event.data["by"] == "system"
    assert event.data["because"] == "the fee was not paid within three months"


def test_the_system_may_only_make_a_move_the_staff_lifecycle_allows(foi):
    with pytest.raises(TransitionNotAllowed):
        change_status(actor=System(because="a test"), case=foi, to=Status.RESOLVED)


def test_the_system_restarts_a_clock_on_the_day_the_clarification_arrived(ig_officer, foi):
    pause_clock(actor=ig_officer, case=foi, reason=PauseReason.CLARIFICATION, on=D("2025-08-18"))
    resume_clock(
        actor=System(because="the clarification arrived by email"),
        case=foi,
        on=D("2025-08-22"),
    )

    foi.refresh_from_db()
    # Day 0 is Friday 22 August; 25 August (England) is skipped: the 20th working day is 22 Sep.
    assert (foi.clock_started_on, foi.due_on) == (D("2025-08-22"), D("2025-09-22"))
    event = foi.events.get(kind=EventKind.CLOCK_RESTARTED)
    assert (event.actor, event.data["by"]) == (None, "system")


def test_the_system_acting_does_not_mark_a_new_reply_as_read(ig_officer, foi):
    pause_clock(actor=ig_officer, case=foi, reason=PauseReason.CLARIFICATION, on=D("2025-08-18"))
    receive_message(actor=ig_officer, case=foi, body="Only social workers, please.")
    resume_clock(
        actor=System(because="the clarification arrived by email"),
        case=foi,
        on=D("2025-08-22"),
    )
    foi.refresh_from_db()
    assert foi.new_reply_at is not None


@pytest.mark.parametrize(
    "action",
    [
        lambda system, case: pause_clock(actor=system, case=case, reason=PauseReason.CLARIFICATION),
        lambda system, case: extend_deadline(actor=system, case=case, reason="x"),
        lambda system, case: close_case(actor=system, case=case, outcome="x"),
        lambda system, case: send_message(actor=system, case=case, body="x"),
    ],
    ids=["pause", "extend", "close", "message"],
)
def test_the_system_is_refused_by_every_other_service(foi, action):
    with pytest.raises(PermissionDenied):
        action(System(because="a test"), foi)
