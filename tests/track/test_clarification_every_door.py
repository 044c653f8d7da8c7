"""A requester's clarification through every door (the tracking page, an email reply, an officer
recording a call) is received by the one `receive_clarification`: their message on the case, and
the FOI clock restarted from the day the reply arrived, with the same timeline event and the same
message to them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.clock import pause_clock
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, CaseKind, Channel, EventKind, PauseReason, Status
from opencex.inbox.reading import read_inbound_email
from opencex.inbox.services import receive_email
from opencex.notify.models import Notification
from tests.cases.conftest import at_ten
from tests.factories import TeamFactory, UserFactory
from tests.inbox.mail import compose

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def waiting_foi(db) -> Case:
    """An FOI request received on Monday 2 March 2026, waiting for clarification from the 4th."""
    team = TeamFactory(slug="information-governance", name="Information Governance")
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[team])
    with time_machine.travel(at_ten("2026-03-02"), tick=False):
        case, _ = open_case(
            actor=None,
            kind=CaseKind.FOI,
            channel=Channel.WEB,
            subject="Agency staff spending",
            description="What did you spend on agency staff?",
            contact_name="Ann Example",
            contact_email="ann@example.org",
        )
    with time_machine.travel(at_ten("2026-03-04"), tick=False):
        pause_clock(actor=officer, case=case, reason=PauseReason.CLARIFICATION, note="Which year?")
    return case


def _by_tracking_page(client, case: Case) -> None:
    session = client.session
    session["track_grants"] = {case.reference: {"case_id": case.pk, "email": "ann@example.org"}}
    session.save()
    response = client.post(
        reverse("web:track-reply", args=[case.reference]), {"message": "2024, please."}
    )
    assert response.status_code == 302


def _by_email(client, case: Case) -> None:
    raw = compose(
        sender="Ann Example <ann@example.org>",
        subject=f"Re: Your request {case.reference}",
        text="2024, please.",
    ).as_bytes()
    inbound, _ = receive_email(
        raw=raw, mailbox="foi@oxford.gov.uk", received_at=at_ten("2026-03-09")
    )
    read_inbound_email(inbound_email_id=inbound.pk)


def _logged_by_an_officer(client, case: Case) -> None:
    # A contact-centre officer records the requester's call of Monday 9 March.
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = client.post(
        reverse("staff:case-log-reply", args=[case.reference]),
        {
            "log-reply-channel": "phone",
            "log-reply-day": "9",
            "log-reply-month": "3",
            "log-reply-year": "2026",
            "log-reply-body": "2024, please.",
        },
    )
    assert response.status_code == 302


DOORS = {
    "the tracking page": _by_tracking_page,
    "an email reply": _by_email,
    "an officer recording a phone call": _logged_by_an_officer,
}


@pytest.mark.parametrize("door", DOORS)
def test_a_clarification_restarts_the_foi_clock_from_the_day_it_arrived_at_every_door(
    client, waiting_foi, door
):
    # The email arrived, and the call was made, on Monday 9 March; both are recorded on the 11th.
    with time_machine.travel(at_ten("2026-03-09" if door == "the tracking page" else "2026-03-11")):
        DOORS[door](client, waiting_foi)
    case = Case.objects.get(pk=waiting_foi.pk)
    assert case.status == Status.IN_PROGRESS
    assert case.clock_started_on == D("2026-03-09")
    # 20 UK working days from day 0, 9 March: Good Friday (3 April) and Easter Monday skipped.
    assert case.due_on == D("2026-04-09")
    restarted = case.events.get(kind=EventKind.CLOCK_RESTARTED)
    assert restarted.data["on"] == "2026-03-09"
    message = case.events.get(kind=EventKind.MESSAGE_IN)
    assert "2024, please." in message.body
    assert case.new_reply_at is not None
    assert list(
        Notification.objects.filter(case=case)
        .exclude(template="case_received")
        .exclude(template__startswith="staff_")
        .values_list("template", flat=True)
        .order_by("pk")
    ) == ["case_status_changed", "case_status_changed"]  # asked, then the clock running again
