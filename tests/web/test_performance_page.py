"""The public performance page: only the measures the council publishes, for the last whole
month and quarter against their targets, each with its last 12 months; numbers isolated on an
Arabic page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.insight.measures import all_measures, publishable_measures
from opencex.insight.targets import set_target
from tests.factories import CaseFactory, UserFactory
from tests.insight.conftest import london

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_cached_measures():
    # Measures of ended periods are cached for some minutes; each test counts its own records.
    cache.clear()
    yield
    cache.clear()


PERFORMANCE = reverse("web:performance")
D = dt.date


@pytest.fixture(autouse=True)
def _mid_april_2026():
    with time_machine.travel(dt.datetime(2026, 4, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


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


def _section(html: str, key: str) -> str:
    start = html.index(f'data-measure="{key}"')
    return html[start : html.index("</section>", start)]


def test_anyone_sees_the_published_measures_and_only_those(client):
    html = client.get(PERFORMANCE).content.decode()

    published = {m.key for m in publishable_measures()}
    for measure in all_measures():
        shown = f'data-measure="{measure.key}"' in html
        assert shown == (measure.key in published), measure.key
    assert "repeat-contact" not in published
    assert str(publishable_measures()[0].definition) in html


def test_the_last_whole_month_and_quarter_are_read_against_their_targets(client):
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    set_target(actor=manager, measure_key="foi-in-time", granularity="month",
               applies_from=D(2026, 1, 1), value="80", reason="Plan")  # fmt: skip
    _foi(D(2026, 3, 2), D(2026, 3, 3), 10)  # March: 10 of 10 in time
    _foi(D(2026, 2, 2), D(2026, 2, 1), 10)  # February: 10 late
    _foi(D(2026, 4, 2), D(2026, 4, 1), 10)  # this month: not shown yet

    html = client.get(PERFORMANCE).content.decode()
    foi = _section(html, "foi-in-time")

    assert "Month: March 2026. Quarter: January to March 2026." in html
    month, quarter = foi.split('<dt class="govuk-summary-list__key">')[1:3]
    assert "Last month" in month
    assert "100.0%" in month
    assert "Target: 80.0%" in month
    assert "Target met" in month
    assert "Last quarter" in quarter
    assert "50.0%" in quarter
    assert "Target not met" in quarter
    assert foi.count('<th scope="row" class="govuk-table__header">') == 12
    assert "April 2025" in foi


def test_a_visit_reads_the_targets_once_and_ended_periods_from_the_cache(
    client, django_assert_max_num_queries
):
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    for measure in publishable_measures():
        set_target(actor=manager, measure_key=measure.key, granularity="month",
                   applies_from=D(2026, 1, 1), value="50", reason="Plan")  # fmt: skip
    client.get(PERFORMANCE)  # the first visit reads each ended period's records
    # 14 readings of each published measure: every target in one query, no value read again.
    with django_assert_max_num_queries(3):
        html = client.get(PERFORMANCE).content.decode()
    assert "Target: 50.0%" in _section(html, "foi-in-time")


def test_a_measure_with_nothing_to_count_says_so(client):
    html = _section(client.get(PERFORMANCE).content.decode(), "sar-in-time")

    assert "Nothing to count" in html
    assert "No target" in html


def test_numbers_are_isolated_left_to_right_on_an_arabic_page(client):
    _foi(D(2026, 3, 2), D(2026, 3, 3), 10)
    client.cookies["django_language"] = "ar"

    html = _section(client.get(PERFORMANCE).content.decode(), "foi-in-time")

    assert '<bdi dir="ltr">100,0%</bdi>' in html or '<bdi dir="ltr">100.0%</bdi>' in html


def test_a_rate_of_fewer_than_10_says_too_few_to_report_not_a_percentage(client):
    manager = UserFactory(role=Role.TEAM_MANAGER, password=None)
    set_target(actor=manager, measure_key="foi-in-time", granularity="month",
               applies_from=D(2026, 1, 1), value="80", reason="Plan")  # fmt: skip
    _foi(D(2026, 3, 2), D(2026, 3, 3), 9)  # March: 9 of 9 in time, too few
    _foi(D(2026, 2, 2), D(2026, 2, 3), 10)  # February: 10 of 10, published

    foi = _section(client.get(PERFORMANCE).content.decode(), "foi-in-time")
    month, quarter = foi.split('<dt class="govuk-summary-list__key">')[1:3]

    assert "Too few to report" in month
    assert "100.0%" not in month
    assert "Target met" not in month  # not judged on too few
    assert "Target: 80.0%" in month
    assert "100.0%" in quarter  # 19 of 19
    assert foi.count("Too few to report") == 2  # the headline and March in the table


def test_the_footer_links_to_the_performance_page(client):
    html = client.get(reverse("web:home")).content.decode()

    assert f'href="{PERFORMANCE}"' in html
