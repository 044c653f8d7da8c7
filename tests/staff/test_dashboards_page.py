"""The dashboards page: who may see it, the filters and their errors, the figures with their
charts and summaries, and each dashboard's CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from opencex.staff.dashboards.tables import DASHBOARDS
from tests.factories import CaseFactory, ContactFactory, ServiceFactory, TeamFactory, UserFactory
from tests.insight.conftest import london

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wednesday_18_march_2026():
    with time_machine.travel(london(2026, 3, 18, 12), tick=False):
        yield


PAGE = reverse("staff:dashboards")
REPORTERS = [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
OTHERS = [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT, Role.PARTNER]
MARCH = {
    "period": "custom",
    **{"from_day": "2", "from_month": "3", "from_year": "2026"},
    **{"to_day": "8", "to_month": "3", "to_year": "2026"},
    "bucket": "day",
}


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


@pytest.fixture
def week():
    """3 web cases for Waste (one overdue today), 1 phone case for Housing, 1 phone contact."""
    waste = TeamFactory(slug="waste", name="Waste")
    housing = TeamFactory(slug="housing", name="Housing")
    bins = ServiceFactory(team=waste, title="Report a missed bin")
    repairs = ServiceFactory(team=housing, title="Report a repair")
    later = dt.date(2026, 3, 30)
    CaseFactory.create_batch(
        2,
        channel=Channel.WEB,
        service=bins,
        team=waste,
        received_at=london(2026, 3, 2, 9),
        due_on=later,
    )
    CaseFactory(
        channel=Channel.WEB,
        service=bins,
        team=waste,
        received_at=london(2026, 3, 3, 9),
        due_on=dt.date(2026, 3, 5),
    )
    CaseFactory(
        channel=Channel.PHONE,
        service=repairs,
        team=housing,
        received_at=london(2026, 3, 4),
        due_on=later,
    )
    ContactFactory(channel=Channel.PHONE, service=bins, at=london(2026, 3, 4, 9))
    return {"waste": waste, "housing": housing}


def _rows(response, slug: str) -> list[list[str]]:
    for dashboard in response.context["dashboards"]:
        if dashboard.table.slug == slug:
            return [[cell.as_html() for cell in row] for row in dashboard.table.rows]
    raise AssertionError(f"no dashboard {slug}")


def _errors(response) -> list[str]:
    return [error for errors in response.context["form"].errors.values() for error in errors]


# Who may see it


@pytest.mark.parametrize("role", REPORTERS)
def test_managers_information_governance_and_administrators_see_the_dashboards(client, role):
    client.force_login(UserFactory(role=role, password=None))
    response = client.get(PAGE)
    assert response.status_code == 200
    assert f'href="{PAGE}"' in response.content.decode()  # in the navigation


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_are_refused_the_dashboards_and_their_files(client, role):
    client.force_login(UserFactory(role=role, password=None))
    assert client.get(PAGE).status_code == 403
    assert (
        client.get(reverse("staff:dashboard-csv", args=["arrival-times"]), MARCH).status_code == 403
    )
    assert (
        client.get(reverse("staff:dashboard-xlsx", args=["arrival-times"]), MARCH).status_code
        == 403
    )
    assert client.get(reverse("staff:dashboards-xlsx"), MARCH).status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302


# The figures


def test_the_page_shows_each_dashboard_as_a_chart_a_summary_and_a_table(manager, week):
    response = manager.get(PAGE, MARCH)
    page = response.content.decode()

    assert _rows(response, "volumes-by-channel") == [
        ["Website", "3", "0", "3"],
        ["Phone", "1", "1", "2"],
        ["All channels", "4", "1", "5"],
    ]
    assert "Most cases and contacts: Website (3, 60% of 5). Fewest: Phone (2)." in page
    assert _rows(response, "volumes-by-team")[:2] == [
        ["Waste", "3", "1", "4"],
        ["Housing", "1", "0", "1"],
    ]
    assert _rows(response, "volumes-over-time")[0] == ["2 March 2026", "2", "0", "2"]
    assert len(_rows(response, "volumes-over-time")) == 7
    arrivals = _rows(response, "arrival-times")  # the day, 24 hours from 00, the total
    assert [arrivals[0][10], arrivals[1][10], arrivals[2][10], arrivals[2][13]] == [
        "2",
        "1",
        "1",
        "1",
    ]
    assert [row[-1] for row in arrivals] == ["2", "1", "2", "0", "0", "0", "0"]
    assert _rows(response, "backlog-by-age") == [
        ["Under 5 working days", "0", "0.0%"],
        ["5 to 9 working days", "0", "0.0%"],
        ["10 to 19 working days", "4", "100.0%"],
        ["20 working days or more", "0", "0.0%"],
        ["All open cases", "4", "100.0%"],
    ]
    assert _rows(response, "clocks-by-team") == [
        ["Housing", "1", "0", "0", "0", "1"],
        ["Waste", "2", "0", "1", "0", "3"],
        ["All teams", "3", "0", "1", "0", "4"],
    ]
    assert page.count('role="img"') == len(DASHBOARDS)
    assert page.count("app-table-region") >= len(DASHBOARDS)
    for slug in DASHBOARDS:
        assert f'href="{reverse("staff:dashboard-csv", args=[slug])}?' in page
        assert f'href="{reverse("staff:dashboard-xlsx", args=[slug])}?' in page


def test_the_filters_narrow_the_figures(manager, week):
    response = manager.get(PAGE, {**MARCH, "team": "housing"})
    assert _rows(response, "volumes-by-channel") == [
        ["Phone", "1", "0", "1"],
        ["All channels", "1", "0", "1"],
    ]
    response = manager.get(PAGE, {**MARCH, "channel": "phone"})
    assert "Only:\n  Phone." in response.content.decode()
    assert _rows(response, "volumes-by-team") == [
        ["Housing", "1", "0", "1"],
        ["Waste", "0", "1", "1"],
        ["All teams", "1", "1", "2"],
    ]
    area = week["waste"].service_area.slug
    response = manager.get(PAGE, {**MARCH, "service_area": area, "bucket": "week"})
    assert _rows(response, "volumes-over-time") == [["2 March 2026", "3", "1", "4"]]


def test_the_page_first_opens_on_the_last_4_weeks_by_week(manager, week):
    response = manager.get(PAGE)
    assert response.context["filters"].period.start == dt.date(2026, 2, 19)
    assert _rows(response, "volumes-over-time")[0][0] == "16 February 2026"


# Errors


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"to_day": "31", "to_month": "2"}, "The end date must be a real date"),
        ({"team": "nobody"}, "Select a team from the list"),
        ({"channel": "pigeon"}, "Select a channel from the list"),
        ({"bucket": "year"}, "Select day, week or month"),
    ],
)
def test_bad_choices_are_shown_in_the_error_summary(manager, week, choice, message):
    response = manager.get(PAGE, {**MARCH, **choice})
    page = response.content.decode()
    assert 'class="govuk-error-summary' in page
    assert message in _errors(response)
    assert response.context["dashboards"] == []
    assert "<title>Error:" in page


def test_a_team_outside_the_chosen_service_area_is_an_error(manager, week):
    area = week["waste"].service_area.slug
    response = manager.get(PAGE, {**MARCH, "service_area": area, "team": "housing"})
    assert "Select a team in the service area you chose, or all teams" in _errors(response)


# The files


def test_a_dashboards_csv_and_xlsx_hold_its_tables_figures(manager, week):
    csv_response = manager.get(reverse("staff:dashboard-csv", args=["clocks-by-team"]), MARCH)
    assert csv_response["Content-Disposition"] == (
        'attachment; filename="clocks-by-team-2026-03-18.csv"'
    )
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Team", "On track", "Due soon", "Overdue", "Paused", "Open cases"],
        ["Housing", "1", "0", "0", "0", "1"],
        ["Waste", "2", "0", "1", "0", "3"],
        ["All teams", "3", "0", "1", "0", "4"],
    ]
    xlsx = manager.get(reverse("staff:dashboard-xlsx", args=["clocks-by-team"]), MARCH)
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        rows[0],
        ["Housing", 1, 0, 0, 0, 1],
        ["Waste", 2, 0, 1, 0, 3],
        ["All teams", 3, 0, 1, 0, 4],
    ]


def test_every_dashboard_downloads_as_one_workbook(manager, week):
    response = manager.get(reverse("staff:dashboards-xlsx"), MARCH)
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == len(DASHBOARDS)
    assert book["Cases and contacts by channel"]["B2"].value == 3


def test_a_file_for_bad_dates_goes_back_to_the_page(manager):
    bad = {**MARCH, "to_day": "31", "to_month": "2"}
    response = manager.get(reverse("staff:dashboard-csv", args=["arrival-times"]), bad)
    assert response.status_code == 302
    assert response["Location"].startswith(PAGE)
    assert manager.get(reverse("staff:dashboard-xlsx", args=["nothing"]), MARCH).status_code == 404
