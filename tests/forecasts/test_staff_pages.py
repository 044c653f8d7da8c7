"""What officers see: the prediction on the case page, "Likely late" in the queue, with the
queue's queries the same for 3 cases as for 30."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import Status
from tests.factories import CaseFactory, ServiceFactory, TeamFactory, UserFactory
from tests.forecasts.conftest import SLOWING, forecast_for

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MONDAY = dt.date(2026, 12, 7)
WEDNESDAY = dt.datetime(2026, 12, 9, 10, tzinfo=LONDON)
LIKELY_LATE = '<strong class="govuk-tag govuk-tag--orange">Likely late</strong>'


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def officer(client, team):
    """A caseworker of the team, signed in when the test asks (after it has travelled in time:
    a staff session lapses when idle)."""
    user = UserFactory(role=Role.CASEWORKER, teams=[team])
    return lambda: client.force_login(user)


def requests(team, n: int, *, service=None):
    service = service or ServiceFactory(team=team, standard_days=3)
    forecast_for(service, SLOWING, MONDAY)
    return CaseFactory.create_batch(
        n,
        team=team,
        service=service,
        status=Status.IN_PROGRESS,
        received_at=dt.datetime(2026, 12, 7, 9, tzinfo=LONDON),
        received_on=MONDAY,
        due_on=dt.date(2026, 12, 10),
    )


@time_machine.travel(WEDNESDAY)
def test_the_case_page_shows_the_likely_date_the_interval_and_the_chance(client, officer, team):
    officer()
    [case] = requests(team, 1)
    page = client.get(reverse("staff:case", args=[case.reference])).content.decode()
    assert "Likely done by <strong>15 Dec 2026</strong> (between 10 Dec and 15 Dec)" in page
    assert "40% chance by the due date, 10 Dec." in page
    assert LIKELY_LATE in page
    assert "From 20 requests for this service" in page


@time_machine.travel(WEDNESDAY)
def test_the_case_page_says_when_there_is_not_enough_history(client, officer, team):
    officer()
    case = CaseFactory(team=team, service=ServiceFactory(team=team), status=Status.IN_PROGRESS)
    page = client.get(reverse("staff:case", args=[case.reference])).content.decode()
    assert "Not enough history to predict" in page


@time_machine.travel(WEDNESDAY)
def test_the_queue_tags_likely_late_requests_without_a_query_per_case(client, officer, team):
    officer()

    def queries_for_the_queue() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("staff:queues"), {"queue": "waste"})
        assert response.status_code == 200
        return len(queries)

    requests(team, 3)
    with_three = queries_for_the_queue()
    requests(team, 27)
    assert queries_for_the_queue() == with_three
    page = client.get(reverse("staff:queues"), {"queue": "waste"}).content.decode()
    assert page.count(LIKELY_LATE) == 30


@time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=LONDON))
def test_the_queue_does_not_tag_a_request_likely_on_time(client, officer, team):
    officer()
    requests(team, 2)
    page = client.get(reverse("staff:queues"), {"queue": "waste"}).content.decode()
    assert LIKELY_LATE not in page
