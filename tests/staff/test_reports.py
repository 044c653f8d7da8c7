"""The reports page: who may see it, choosing the period (and its errors), and the CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from opencex.staff.report_tables import TABLES
from tests.factories import (
    CaseFactory,
    ContactFactory,
    ResidentFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REPORTERS = [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
OTHERS = [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT, Role.PARTNER]
REPORTS = reverse("staff:reports")
MARCH = {
    "period": "custom",
    **{"from_day": "2", "from_month": "3", "from_year": "2026"},
    **{"to_day": "8", "to_month": "3", "to_year": "2026"},
}


def _csv_url(table: str) -> str:
    return reverse("staff:report-csv", args=[table])


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


def _london(day: int, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, day, hour))


def _errors(response) -> list[str]:
    form = response.context["form"]
    return [error for errors in form.errors.values() for error in errors]


# Who may see the reports


@pytest.mark.parametrize("role", REPORTERS)
def test_managers_information_governance_and_administrators_see_the_reports(client, role):
    client.force_login(UserFactory(role=role, password=None))
    assert client.get(REPORTS).status_code == 200
    assert client.get(_csv_url("demand-by-channel"), MARCH).status_code == 200


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_are_refused_the_reports(client, role):
    client.force_login(UserFactory(role=role, password=None))
    assert client.get(REPORTS).status_code == 403
    assert client.get(_csv_url("demand-by-channel"), MARCH).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in_from_the_reports(client):
    for url in (REPORTS, _csv_url("satisfaction")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("staff:sign-in"))


# The period


def test_the_reports_open_on_the_last_four_weeks(manager):
    today = timezone.localdate()

    period = manager.get(REPORTS).context["period"]

    assert (period.start, period.end) == (today - dt.timedelta(days=27), today)


@pytest.mark.parametrize("choice", ["this-week", "last-4-weeks", "this-month", "this-quarter"])
def test_each_named_period_ends_today(manager, choice):
    assert manager.get(REPORTS, {"period": choice}).context["period"].end == timezone.localdate()


def test_a_custom_period_shows_every_table_with_its_figures(manager):
    CaseFactory.create_batch(2, received_at=_london(3), channel=Channel.WEB)
    CaseFactory(received_at=_london(9), channel=Channel.WEB)  # after the period

    response = manager.get(REPORTS, MARCH)
    page = response.content.decode()

    assert response.context["period"].days == 7
    assert "Figures for 2 March 2026 to 8 March 2026 (7 days)." in page
    assert [table.slug for table in response.context["tables"]] == list(TABLES)
    demand = response.context["tables"][0]
    assert [cell.as_html() for cell in demand.rows[0]] == ["Website", "2", "0", "2"]


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (("", "", ""), "Enter the start date"),
        (("31", "2", "2026"), "The start date must be a real date"),
        (("2", "3", "26"), "The start date must be a real date"),
        (("2", "", "2026"), "The start date must include a month"),
        (("2", "3", "2999"), "The start date must be today or in the past"),
    ],
)
def test_a_start_date_that_is_wrong_is_explained(manager, dates, message):
    start = dict(zip(["from_day", "from_month", "from_year"], dates, strict=True))
    response = manager.get(REPORTS, {**MARCH, **start})
    assert _errors(response) == [message]


def test_an_end_before_the_start_is_explained_and_shows_no_figures(manager):
    response = manager.get(REPORTS, {**MARCH, "to_day": "1"})
    page = response.content.decode()

    assert _errors(response) == ["The end date must be the same as or after the start date"]
    assert response.context["tables"] == []
    assert "<title>Error: Reports" in page
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_to_day"' in page  # the summary links to the day box
    assert 'id="id_to_day"' in page


def test_an_unknown_period_is_explained(manager):
    response = manager.get(REPORTS, {"period": "forever"})
    assert _errors(response) == ["Select the period to report on"]


# CSV files


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_each_table_downloads_as_a_csv_file_for_the_period(manager):
    for table in TABLES:
        response = manager.get(_csv_url(table), MARCH)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            f'attachment; filename="{table}-2026-03-02-to-2026-03-08.csv"'
        )
        assert len(_csv(response)) >= 2, table  # the headings and at least a total


def test_the_demand_csv_has_the_numbers_on_the_page(manager):
    CaseFactory.create_batch(2, received_at=_london(3), channel=Channel.WEB)
    ContactFactory(at=_london(4), channel=Channel.PHONE)

    rows = _csv(manager.get(_csv_url("demand-by-channel"), MARCH))

    assert rows[0] == ["Channel", "Cases received", "Contacts resolved without a case", "Total"]
    assert rows[1] == ["Website", "2", "0", "2"]
    assert rows[2] == ["Phone", "0", "1", "1"]
    assert rows[-1] == ["All channels", "2", "1", "3"]


def test_rates_are_percentages_and_empty_when_there_is_nothing_to_divide(manager):
    ContactFactory(at=_london(4), channel=Channel.PHONE)
    ContactFactory(at=_london(4), channel=Channel.PHONE, outcome="signposted", signposted_to="CAB")
    ContactFactory(at=_london(5), channel=Channel.PHONE, outcome="case_opened", case=CaseFactory())

    resolution = _csv(manager.get(_csv_url("first-contact-resolution"), MARCH))
    satisfaction = _csv(manager.get(_csv_url("satisfaction"), MARCH))

    assert resolution[0][-1] == "Rate (%)"
    assert resolution[-1] == ["All channels", "3", "2", "66.7"]
    assert satisfaction[-1] == ["All channels", "0", "", "0", ""]


def test_a_service_title_that_looks_like_a_formula_is_made_harmless(manager):
    resident = ResidentFactory()
    service = ServiceFactory(title='=HYPERLINK("http://example.com","Bins")')
    CaseFactory(resident=resident, service=service, received_at=_london(3))

    rows = _csv(manager.get(_csv_url("repeat-contact"), MARCH))

    assert rows[1][0] == '\'=HYPERLINK("http://example.com","Bins")'


def test_a_csv_for_wrong_dates_goes_back_to_the_page_to_show_the_error(manager):
    query = {**MARCH, "to_day": "1"}
    response = manager.get(_csv_url("satisfaction"), query)
    assert response.status_code == 302
    assert response.url.startswith(REPORTS + "?")
    assert "There is a problem" in manager.get(response.url).content.decode()


def test_an_unknown_table_is_not_found(manager):
    assert manager.get(_csv_url("salaries"), MARCH).status_code == 404


def test_the_page_links_each_table_to_its_csv_for_the_same_period(manager):
    page = manager.get(REPORTS, MARCH).content.decode()
    query = "period=custom&amp;from_day=2&amp;from_month=3&amp;from_year=2026"
    for table in TABLES:
        assert f'href="{_csv_url(table)}?{query}' in page, table
