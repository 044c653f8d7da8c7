"""/api/v1/measures: the list with definitions, one measure's values per period with the target,
who may read which measure, and the errors for bad dates."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from opencex.accounts.models import Role
from opencex.api.tokens import issue_token
from opencex.cases.models import CaseKind, Status
from opencex.insight.measures import all_measures, publishable_measures
from opencex.insight.targets import set_target
from tests.api.conftest import field_errors
from tests.factories import CaseFactory, UserFactory
from tests.insight.conftest import london

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_measures():
    # Measures of ended periods are cached for some minutes; each test counts its own records.
    cache.clear()
    yield
    cache.clear()


URL = "/api/v1/measures"
D = dt.date


@pytest.fixture(autouse=True)
def _mid_april_2026():
    with time_machine.travel(dt.datetime(2026, 4, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def manager():
    return UserFactory(role=Role.TEAM_MANAGER, password=None)


@pytest.fixture
def manager_token(manager):
    administrator = UserFactory(role=Role.ADMINISTRATOR, password=None)
    return {"Authorization": f"Bearer {issue_token(actor=administrator, user=manager, name='BI')}"}


def _foi(on: dt.date, due: dt.date, times: int = 1):
    # A rate of fewer than MIN_DENOMINATOR (10) requests is not published: figures use 10 each.
    CaseFactory.create_batch(
        times,
        kind=CaseKind.FOI,
        received_at=london(2026, 1, 5),
        responded_on=on,
        due_on=due,
        status=Status.RESPONDED,
    )


def test_anyone_lists_the_published_measures_with_their_definitions():
    response = Client().get(URL)

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["key"] for item in items] == [m.key for m in publishable_measures()]
    foi = items[0]
    assert foi["key"] == "foi-in-time"
    assert foi["unit"] == "percent"
    assert foi["higher_is_better"] is True
    assert foi["definition"].startswith("Of the Freedom of Information requests")


def test_a_report_reader_with_a_token_lists_every_measure(manager_token):
    response = Client().get(URL, headers=manager_token)

    assert [item["key"] for item in response.json()["items"]] == [m.key for m in all_measures()]


def test_values_per_month_with_the_target_that_applied(manager):
    set_target(actor=manager, measure_key="foi-in-time", granularity="month",
               applies_from=D(2026, 2, 1), value="75", reason="Plan")  # fmt: skip
    _foi(D(2026, 1, 5), D(2026, 1, 6), 10)
    _foi(D(2026, 2, 3), D(2026, 2, 2), 5)
    _foi(D(2026, 2, 4), D(2026, 2, 5), 5)
    _foi(D(2026, 3, 4), D(2026, 3, 5), 10)

    response = Client().get(f"{URL}/foi-in-time", {"from": "2026-01-10", "to": "2026-03-31"})

    assert response.status_code == 200
    body = response.json()
    assert body["by"] == "month"
    assert body["measure"]["key"] == "foi-in-time"
    assert [
        (i["start"], i["end"], i["value"], i["numerator"], i["denominator"]) for i in body["items"]
    ] == [
        ("2026-01-01", "2026-01-31", 100.0, 10, 10),
        ("2026-02-01", "2026-02-28", 50.0, 5, 10),
        ("2026-03-01", "2026-03-31", 100.0, 10, 10),
    ]
    assert [(i["target"], i["target_met"]) for i in body["items"]] == [
        (None, None),
        (75.0, False),
        (75.0, True),
    ]
    assert all(item["is_complete"] for item in body["items"])


def test_by_quarter_counts_the_running_quarter_to_today():
    _foi(D(2026, 3, 4), D(2026, 3, 5), 10)
    _foi(D(2026, 4, 2), D(2026, 4, 1), 10)

    body = (
        Client()
        .get(f"{URL}/foi-in-time", {"from": "2026-01-01", "to": "2026-06-30", "by": "quarter"})
        .json()
    )

    assert [(i["start"], i["end"], i["value"], i["is_complete"]) for i in body["items"]] == [
        ("2026-01-01", "2026-03-31", 100.0, True),
        ("2026-04-01", "2026-04-15", 0.0, False),
    ]


def test_a_rate_of_fewer_than_10_has_no_value_and_without_a_token_no_counts(manager_token):
    _foi(D(2026, 2, 3), D(2026, 2, 2), 1)  # February: 1 late, 0%
    _foi(D(2026, 3, 4), D(2026, 3, 5), 9)  # March: 9 of 9, 100%
    query = {"from": "2026-02-01", "to": "2026-03-31"}

    public = Client().get(f"{URL}/foi-in-time", query).json()["items"]
    assert [(i["value"], i["too_few"], i["numerator"], i["denominator"]) for i in public] == [
        (None, True, None, None),
        (None, True, None, None),
    ]
    staff = Client().get(f"{URL}/foi-in-time", query, headers=manager_token).json()["items"]
    assert [(i["value"], i["too_few"], i["numerator"], i["denominator"]) for i in staff] == [
        (None, True, 0, 1),
        (None, True, 9, 9),
    ]


def test_without_dates_the_last_12_whole_months():
    items = Client().get(f"{URL}/foi-in-time").json()["items"]

    assert len(items) == 12
    assert (items[0]["start"], items[-1]["end"]) == ("2025-04-01", "2026-03-31")
    assert all(item["value"] is None for item in items)


def test_an_unpublished_measure_needs_a_report_readers_token(manager_token):
    refused = Client().get(f"{URL}/repeat-contact")
    resident = UserFactory(role=Role.RESIDENT)
    as_resident = Client()
    as_resident.force_login(resident)

    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert as_resident.get(f"{URL}/repeat-contact").status_code == 403
    assert Client().get(f"{URL}/repeat-contact", headers=manager_token).status_code == 200


def test_an_unknown_measure_is_not_found():
    response = Client().get(f"{URL}/no-such-measure")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"from": "2026-13-01"}, "from", "From must be a real date, written as YYYY-MM-DD"),
        ({"from": "yesterday"}, "from", "From must be a real date"),
        ({"from": "2026-03-01", "to": "2026-02-01"}, "to", "same as or after the first day"),
        ({"from": "2026-05-01"}, "from", "today or in the past"),
        ({"to": "2026-03-01"}, "from", "Enter the first day"),
        ({"from": "2026-01-01", "by": "week"}, "by", "must be one of"),
        ({"from": "2000-01-01", "by": "month"}, None, "120 periods or fewer"),
        ({"from": "2026-01-01", "since": "x"}, "since", "Remove 'since'"),
    ],
)
def test_bad_dates_get_a_structured_error(query, field, message):
    response = Client().get(f"{URL}/foi-in-time", query)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    errors = field_errors(response)
    assert field in errors
    assert message in errors[field]


def test_the_feed_is_in_the_openapi_schema():
    schema = Client().get("/api/v1/openapi.json").json()

    assert "/api/v1/measures" in schema["paths"]
    assert "/api/v1/measures/{key}" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/measures/{key}"]["get"]["parameters"]}
    assert {"from", "to", "by"} <= parameters


def test_without_a_token_the_feed_covers_at_most_3_years(manager_token):
    three_years = Client().get(f"{URL}/foi-in-time", {"from": "2023-05-01", "by": "month"})
    assert three_years.status_code == 200
    assert len(three_years.json()["items"]) == 36

    longer = Client().get(f"{URL}/foi-in-time", {"from": "2023-04-30", "by": "month"})
    assert longer.status_code == 422
    assert longer.json()["code"] == "validation_error"
    assert "3 years or less" in field_errors(longer)["from"]

    with_token = Client().get(f"{URL}/foi-in-time", {"from": "2023-04-30"}, headers=manager_token)
    assert with_token.status_code == 200
    assert len(with_token.json()["items"]) == 37


def test_a_feed_of_ended_periods_reads_the_targets_once(django_assert_max_num_queries):
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    for month in (1, 2, 3):
        set_target(actor=manager, measure_key="foi-in-time", granularity="month",
                   applies_from=D(2026, month, 1), value="80", reason="Plan")  # fmt: skip
    query = {"from": "2024-01-01", "to": "2026-03-31", "by": "month"}
    Client().get(f"{URL}/foi-in-time", query)  # the values of ended months are now cached
    with django_assert_max_num_queries(3):
        response = Client().get(f"{URL}/foi-in-time", query)
    assert [item["target"] for item in response.json()["items"]][-4:] == [None, 80, 80, 80]
