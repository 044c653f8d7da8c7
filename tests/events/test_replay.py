"""A receiver catches up from a cursor: `opencex replay_events` sends the events again with their
ids, and GET /api/v1/events serves them to a partner system's token."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.api.tokens import issue_token
from opencex.events.models import Event
from opencex.events.policies import Operator
from opencex.events.receiving import receive_once, verify
from opencex.events.services import create_subscription
from tests.events.conftest import open_a_case, subscribe
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_replay_sends_every_event_after_the_cursor_again_and_a_receiver_applies_none_twice(
    receiver, run_jobs
):
    subscription, secret = subscribe(receiver.url, ["case.created"])
    cases = [open_a_case() for _ in range(3)]
    run_jobs()
    cursor = Event.objects.get(subject_id=cases[0].reference).pk

    out = StringIO()
    call_command("replay_events", subscription=subscription.name, after=cursor, stdout=out)
    run_jobs()

    assert "2 event(s)" in out.getvalue()
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(ids) == 5
    assert ids[3:] == ids[1:3]
    applied = [
        verify(secret=secret, headers=r.headers, body=r.body)["subject"]["id"]
        for r in receiver.received
        if receive_once(receiver="test", message_id=r.headers["webhook-id"])
    ]
    assert applied == [case.reference for case in cases]


@pytest.mark.django_db
def test_replay_names_a_subscription_that_does_not_exist():
    with pytest.raises(CommandError, match="No subscription"):
        call_command("replay_events", subscription="Nobody", after=0)


@pytest.fixture
def partner_headers(db):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    partner = UserFactory(role=Role.PARTNER, full_name="Housing system")
    token = issue_token(actor=administrator, user=partner, name="Events")
    create_subscription(
        actor=Operator(because="test"),
        name="Housing",
        url="https://housing.example.org/hooks",
        topics=["case.created"],
        account=partner,
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.django_db
def test_a_partner_pulls_the_events_of_its_topics_after_a_cursor(partner_headers):
    cases = [open_a_case() for _ in range(3)]
    first = Event.objects.get(subject_id=cases[0].reference).pk

    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        page = Client().get(f"/api/v1/events?after={first}&limit=1", **partner_headers).json()
        rest = Client().get(f"/api/v1/events?after={page['next_after']}", **partner_headers).json()

    assert [e["subject"]["id"] for e in page["items"]] == [cases[1].reference]
    assert page["has_more"] is True
    assert [e["subject"]["id"] for e in rest["items"]] == [cases[2].reference]
    assert rest["has_more"] is False
    assert rest["items"][0]["type"] == "case.created"


@pytest.mark.django_db
def test_a_pull_waits_for_events_to_settle_so_a_cursor_never_skips_one(partner_headers):
    open_a_case()

    fresh = Client().get("/api/v1/events", **partner_headers).json()

    assert fresh["items"] == []
    assert fresh["next_after"] == 0


@pytest.mark.django_db
def test_a_partner_without_a_subscription_may_not_pull_events():
    partner = UserFactory(role=Role.PARTNER)
    token = issue_token(actor=UserFactory(role=Role.ADMINISTRATOR), user=partner, name="x")

    response = Client().get("/api/v1/events", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 403
    assert response.json()["errors"][0]["message"].startswith("Only a partner system")


@pytest.mark.django_db
def test_an_anonymous_caller_may_not_pull_events():
    assert Client().get("/api/v1/events").status_code == 403


@pytest.mark.django_db
def test_a_subscription_to_a_topic_we_do_not_publish_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=r"case\.exploded"):
        subscribe("https://example.org/hooks", ["case.exploded"])
