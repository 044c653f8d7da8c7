"""A clarification emailed by the requester, through our receiving SMTP server on loopback and the
real worker: the FOI clock restarts from the day the email arrived (FOIA s1(3), RULES.md), however
late the worker reads it; only a clarification the council asked for moves the clock."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from opencex.accounts.models import Role
from opencex.cases.actions.clock import pause_clock
from opencex.cases.models import Case, EventKind, PauseReason, Status
from opencex.inforights import services as inforights
from tests.factories import TeamFactory, UserFactory
from tests.inbox.mail import compose

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")
D = dt.date.fromisoformat
REQUESTER = "Jo Bloggs <foi+request-12345-abcd1234@whatdotheyknow.com>"
SUBJECT = "Freedom of Information request - Dog fouling fines 2024"


@pytest.fixture
def ig_officer(db):
    team = TeamFactory(slug="information-governance", name="Information Governance")
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[team])


@pytest.fixture
def request_by_email(receiver, smtp_server, run_jobs):
    """The WhatDoTheyKnow request, arrived on Friday 15 August 2025."""
    receiver.arrives_at = dt.datetime(2025, 8, 15, 10, 0, tzinfo=LONDON)
    receiver.send(
        compose(
            sender=REQUESTER,
            subject=SUBJECT,
            text="How many fixed penalty notices for dog fouling did you issue in 2024?",
        )
    )
    run_jobs()
    return Case.objects.get()


def clarify(receiver, *, arrives_at: dt.datetime) -> None:
    receiver.arrives_at = arrives_at
    receiver.send(
        compose(
            sender=REQUESTER,
            subject=f"Re: {SUBJECT}",
            text="I mean the notices issued in parks only.",
        )
    )


def test_the_requests_dates_count_from_its_arrival(request_by_email):
    # RULES.md's worked date: received Friday 15 August 2025, 25 August (England) skipped.
    assert (request_by_email.received_on, request_by_email.due_on) == (
        D("2025-08-15"),
        D("2025-09-15"),
    )


def test_an_emailed_clarification_restarts_the_clock_from_the_day_it_arrived(
    request_by_email, ig_officer, receiver, run_jobs
):
    pause_clock(
        actor=ig_officer,
        case=request_by_email,
        reason=PauseReason.CLARIFICATION,
        on=D("2025-08-18"),
        note="Which places do you mean?",
    )
    # 23:30 UTC on Thursday 21 August is 00:30 on Friday 22 August in London. The worker reads it
    # long after; the clock counts from the day it arrived all the same.
    clarify(receiver, arrives_at=dt.datetime(2025, 8, 21, 23, 30, tzinfo=dt.UTC))
    run_jobs()

    case = Case.objects.get()
    assert case.status == Status.IN_PROGRESS
    assert case.received_on == D("2025-08-15")
    assert case.clock_started_on == D("2025-08-22")
    # Day 0 is Friday 22 August; 25 August (England) is skipped: the 20th working day is 22 Sep.
    assert case.due_on == D("2025-09-22")
    message = case.events.get(kind=EventKind.MESSAGE_IN)
    assert message.body.endswith("I mean the notices issued in parks only.")


def test_the_restart_is_recorded_as_the_system_reading_the_email(
    request_by_email, ig_officer, receiver, run_jobs
):
    pause_clock(
        actor=ig_officer,
        case=request_by_email,
        reason=PauseReason.CLARIFICATION,
        on=D("2025-08-18"),
    )
    clarify(receiver, arrives_at=dt.datetime(2025, 8, 22, 9, 0, tzinfo=LONDON))
    run_jobs()

    restarted = request_by_email.events.get(kind=EventKind.CLOCK_RESTARTED)
    assert restarted.actor is None
    assert restarted.data["by"] == "system"
    assert "arrived by email on Friday 22 August 2025" in restarted.data["because"]
    assert restarted.data["on"] == "2025-08-22"


def test_an_email_that_arrived_before_the_council_asked_leaves_the_clock_stopped(
    request_by_email, ig_officer, receiver, run_jobs
):
    clarify(receiver, arrives_at=dt.datetime(2025, 8, 18, 9, 0, tzinfo=LONDON))
    # The officer asks on the 19th, before the worker has read the email of the 18th.
    pause_clock(
        actor=ig_officer,
        case=request_by_email,
        reason=PauseReason.CLARIFICATION,
        on=D("2025-08-19"),
    )
    run_jobs()

    case = Case.objects.get()
    assert case.status == Status.AWAITING_RESIDENT
    assert case.pauses.get().ended_on is None
    assert case.events.filter(kind=EventKind.MESSAGE_IN).exists()


def test_an_email_while_a_fee_is_awaited_does_not_restart_the_clock(
    request_by_email, ig_officer, receiver, run_jobs
):
    inforights.issue_fees_notice(
        actor=ig_officer, case=request_by_email, amount=Decimal("40"), on=D("2025-08-18")
    )
    clarify(receiver, arrives_at=dt.datetime(2025, 8, 22, 9, 0, tzinfo=LONDON))
    run_jobs()

    case = Case.objects.get()
    assert case.status == Status.AWAITING_RESIDENT
    assert case.pauses.get(reason=PauseReason.FEES_NOTICE).ended_on is None
