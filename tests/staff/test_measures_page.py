"""The staff measures page: who may see it and set targets, each measure's actual against its
target for the chosen period with the last 12 months, and the target form's error summary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.insight.models import Target
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


MEASURES = reverse("staff:measures")
NEW_TARGET = reverse("staff:measure-target-new")
D = dt.date
MARCH = {
    "period": "custom",
    **{"from_day": "1", "from_month": "3", "from_year": "2026"},
    **{"to_day": "31", "to_month": "3", "to_year": "2026"},
}
GOOD_TARGET = {
    "measure": "foi-in-time",
    "granularity": "month",
    "value": "90",
    **{"applies_from-day": "1", "applies_from-month": "3", "applies_from-year": "2026"},
    "reason": "Corporate plan 2026",
}


@pytest.fixture(autouse=True)
def _april_2026():
    with time_machine.travel(dt.datetime(2026, 4, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def _signed_in(client, role):
    user = UserFactory(role=role, password=None)
    client.force_login(user)
    return user


def _foi(on: dt.date, due: dt.date):
    CaseFactory(
        kind=CaseKind.FOI,
        received_at=london(2026, 2, 2),
        responded_on=on,
        due_on=due,
        status=Status.RESPONDED,
    )


def _section(html: str, key: str) -> str:
    start = html.index(f'id="{key}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.CASEWORKER])
def test_officers_who_do_not_read_reports_are_refused(client, role):
    _signed_in(client, role)

    assert client.get(MEASURES).status_code == 403


@pytest.mark.parametrize("role", [Role.INFORMATION_GOVERNANCE, Role.CASEWORKER])
def test_only_managers_and_administrators_may_open_the_target_form(client, role):
    _signed_in(client, role)

    assert client.get(NEW_TARGET).status_code == 403
    assert client.post(NEW_TARGET, GOOD_TARGET).status_code == 403
    assert not Target.objects.exists()


def test_information_governance_sees_the_measures_without_the_set_target_links(client):
    _signed_in(client, Role.INFORMATION_GOVERNANCE)

    response = client.get(MEASURES)

    assert response.status_code == 200
    assert NEW_TARGET not in response.content.decode()


def test_each_measure_shows_its_actual_against_its_target_in_words(client):
    manager = _signed_in(client, Role.TEAM_MANAGER)
    for on, due in [(D(2026, 3, 2), D(2026, 3, 3)), (D(2026, 3, 5), D(2026, 3, 4))] + [
        (D(2026, 3, 9), D(2026, 3, 20))
    ] * 2:
        _foi(on, due)  # 3 of 4 in time: 75%
    set_target(actor=manager, measure_key="foi-in-time", granularity="month",
               applies_from=D(2026, 1, 1), value="90", reason="Plan")  # fmt: skip
    set_target(actor=manager, measure_key="eir-in-time", granularity="month",
               applies_from=D(2026, 1, 1), value="90", reason="Plan")  # fmt: skip

    response = client.get(MEASURES, MARCH)
    html = response.content.decode()

    foi = _section(html, "foi-in-time")
    assert "75.0% (3 of 4)" in foi
    assert "90.0% (month)" in foi
    assert "Target not met" in foi
    assert "Of the Freedom of Information requests answered in the period" in foi
    eir = _section(html, "eir-in-time")
    assert "Nothing to count" in eir
    assert "Not judged" in eir
    assert "No target set" in _section(html, "sar-in-time")
    assert "Not published on the public performance page." in _section(html, "repeat-contact")


def test_the_trend_is_the_last_12_whole_months_as_a_table_with_a_line_and_a_summary(client):
    _signed_in(client, Role.TEAM_MANAGER)
    _foi(D(2026, 2, 10), D(2026, 2, 20))
    _foi(D(2026, 3, 2), D(2026, 3, 1))

    html = _section(client.get(MEASURES).content.decode(), "foi-in-time")

    assert html.count('<th scope="row" class="govuk-table__header">') == 12
    assert "April 2025" in html
    assert "March 2026" in html
    assert 'role="img"' in html
    assert "From 100.0% in February 2026 to 0.0% in March 2026." in html


def test_a_manager_sets_a_target_and_returns_to_the_measure(client):
    manager = _signed_in(client, Role.TEAM_MANAGER)

    response = client.post(NEW_TARGET, GOOD_TARGET)

    assert response.status_code == 302
    assert response["Location"] == f"{MEASURES}#foi-in-time"
    target = Target.objects.get()
    assert (target.value, target.applies_from, target.set_by) == (
        Decimal("90"),
        D(2026, 3, 1),
        manager,
    )


@pytest.mark.parametrize(
    ("changes", "message", "field_id"),
    [
        ({"value": "lots"}, "The target must be a number, like 95 or 92.5", "id_value"),
        ({"value": "120"}, "The target must be a percentage between 0 and 100", "id_value"),
        ({"value": ""}, "Enter the target", "id_value"),
        ({"measure": ""}, "Select a measure", "id_measure"),
        (
            {"applies_from-year": "2024"},
            "The start date must be within the last year",
            "applies_from-day",
        ),
        (
            {"applies_from-month": "13"},
            "Enter a real date, for example 9 2 2026",
            "applies_from-day",
        ),
        ({"applies_from-day": ""}, "Enter the date the target starts from", "applies_from-day"),
        (
            {"applies_from-day": "", "applies_from-month": "", "applies_from-year": ""},
            "Enter the date the target starts from",
            "applies_from-day",
        ),
        ({"reason": ""}, "Say why the target is set", "id_reason"),
    ],
)
def test_bad_input_is_shown_in_the_error_summary(client, changes, message, field_id):
    _signed_in(client, Role.ADMINISTRATOR)

    response = client.post(NEW_TARGET, {**GOOD_TARGET, **changes})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'class="govuk-error-summary' in html
    assert f'<a href="#{field_id}">{message}' in html
    assert "<title>Error: Set a target" in html
    assert not Target.objects.exists()


def test_the_target_form_lists_the_measures_targets_so_far(client):
    manager = _signed_in(client, Role.TEAM_MANAGER)
    set_target(actor=manager, measure_key="foi-in-time", granularity="quarter",
               applies_from=D(2026, 1, 1), value="85", reason="Agreed by cabinet")  # fmt: skip

    html = client.get(NEW_TARGET, {"measure": "foi-in-time"}).content.decode()

    assert "Agreed by cabinet" in html
    assert "quarter" in html


def test_a_wrong_period_shows_the_error_summary(client):
    _signed_in(client, Role.TEAM_MANAGER)

    response = client.get(MEASURES, {**MARCH, "to_year": "2027"})

    assert 'class="govuk-error-summary' in response.content.decode()
    assert "The end date must be today or in the past" in response.content.decode()


def test_the_trend_summary_names_months_in_the_language_in_use():
    from django.utils import translation

    from opencex.insight.granularity import Granularity, periods_between
    from opencex.insight.measures import measure_for
    from opencex.insight.scorecard import trend
    from opencex.staff.measures.views import MeasureRow

    _foi(D(2026, 2, 10), D(2026, 2, 20))
    _foi(D(2026, 3, 2), D(2026, 3, 1))
    measure = measure_for("foi-in-time")
    months = periods_between(Granularity.MONTH, D(2026, 2, 1), D(2026, 3, 31))
    row = MeasureRow(measure, None, trend(measure, months), line=None)
    with translation.override("pl"):
        summary = row.trend_in_words
    assert "Luty 2026" in summary  # February, as Django names it in Polish
    assert "February" not in summary


def test_the_target_form_says_the_year_is_the_councils_reporting_year_from_april(client):
    _signed_in(client, Role.TEAM_MANAGER)

    html = client.get(NEW_TARGET).content.decode()

    assert "A year is the council's reporting year, from 1 April;" in html
