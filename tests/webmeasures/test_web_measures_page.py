"""/staff/web/: who may see it, the period and its errors, the three sections' figures on the
page and the same rows in each table's CSV file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.feedback.services import record_page_feedback
from opencex.forms.models import FormDefinition
from opencex.search.models import SearchRecord
from opencex.staff.webinsight.tables import TABLES
from tests.factories import UserFactory
from tests.webmeasures.conftest import london
from tests.webmeasures.test_form_drop_off import CONTACT, WHAT, _session, _version

pytestmark = pytest.mark.django_db

PAGE = reverse("staff:web-measures")
REPORTERS = [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
OTHERS = [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT, Role.PARTNER]
MARCH = {
    "period": "custom",
    **{"from_day": "2", "from_month": "3", "from_year": "2026"},
    **{"to_day": "8", "to_month": "3", "to_year": "2026"},
}


@pytest.fixture(autouse=True)
def _in_april():
    with time_machine.travel(london("2026-04-01"), tick=False):
        yield


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


def _csv(client, table: str, query=MARCH) -> list[list[str]]:
    response = client.get(reverse("staff:web-measures-csv", args=[table]), query)
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", REPORTERS)
def test_managers_information_governance_and_administrators_see_the_web_measures(client, role):
    client.force_login(UserFactory(role=role, password=None))
    page = client.get(PAGE)
    assert page.status_code == 200
    # Under Reports in the navigation, and listed on the reports page.
    assert 'href="/staff/reports/" aria-current="page"' in page.content.decode()
    assert f'href="{PAGE}"' in client.get(reverse("staff:reports")).content.decode()
    assert client.get(reverse("staff:web-measures-csv", args=["form-drop-off"])).status_code == 200


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_are_refused_the_web_measures(client, role):
    client.force_login(UserFactory(role=role, password=None))
    assert client.get(PAGE).status_code == 403
    assert client.get(reverse("staff:web-measures-csv", args=["form-drop-off"])).status_code == 403


def test_nobody_signed_in_is_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "sign-in" in response["Location"] or "login" in response["Location"]


def test_an_officer_without_reports_does_not_see_the_link(client):
    client.force_login(UserFactory(role=Role.CASEWORKER, password=None))
    assert f'href="{PAGE}"' not in client.get(reverse("staff:home")).content.decode()


def test_a_date_that_is_not_real_shows_the_error_summary(manager):
    page = manager.get(PAGE, {**MARCH, "from_day": "31", "from_month": "2"})
    html = page.content.decode()
    assert 'class="govuk-error-summary' in html
    assert "The start date must be a real date" in html
    assert "<title>Error:" in html
    assert 'id="period"' not in html


def test_an_unknown_period_shows_the_error_summary_and_its_csv_goes_back_to_the_page(manager):
    html = manager.get(PAGE, {"period": "forever"}).content.decode()
    assert 'class="govuk-error-summary' in html
    assert "Select the period to report on" in html
    csv_url = reverse("staff:web-measures-csv", args=["form-drop-off"])
    response = manager.get(csv_url, {"period": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(PAGE)


def test_an_unknown_table_is_not_found(manager):
    csv_url = reverse("staff:web-measures-csv", args=["nothing"])
    assert manager.get(csv_url, MARCH).status_code == 404


def test_the_page_has_no_service_area_choice(manager):
    html = manager.get(PAGE).content.decode()
    assert 'name="service_area"' not in html


@pytest.fixture
def march():
    with time_machine.travel(london("2026-03-03"), tick=False):
        record_page_feedback(path="/", is_useful=True)
        record_page_feedback(path="/", is_useful=False, what_went_wrong="=1+1")
    for _ in range(3):
        SearchRecord.objects.create(
            term="skip hire", language="en", source="page", results=0, day=dt.date(2026, 3, 4)
        )
    SearchRecord.objects.create(
        term="bins", language="pl", source="page", results=1, result_urls=["/"],
        day=dt.date(2026, 3, 4),
    )  # fmt: skip


@pytest.mark.usefixtures("march")
def test_the_page_shows_the_three_sections_and_their_figures(manager):
    html = manager.get(PAGE, MARCH).content.decode()
    assert "<title>Web measures" in html
    assert "Figures for 2 March 2026 to 8 March 2026 (7 days)." in html
    for heading in ("Is this page useful?", "Searches", "Forms"):
        assert f">{heading}</h2>" in html
    for slug in TABLES:
        assert f'id="{slug}"' in html
    terms = html.split('id="search-terms-not-found-table"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row" class="govuk-table__header">skip hire</th>' in terms
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in terms
    assert "Nobody started a form on the website in this period." in html


@pytest.mark.usefixtures("march")
def test_every_table_is_in_a_scrolling_region(manager):
    html = manager.get(PAGE, MARCH).content.decode()
    tables = html.count("<table ")
    assert tables == 6  # the form tables are empty
    assert html.count('role="region"') >= tables


@pytest.mark.usefixtures("march")
def test_the_csv_files_hold_the_same_rows(manager):
    assert _csv(manager, "page-usefulness-by-service") == [
        ["Service or guidance page", "Useful", "Not useful", "Answers", "Useful rate (%)"],
        ["Other pages", "1", "1", "2", "50.0"],
    ]
    assert _csv(manager, "search-terms-not-found") == [
        ["Term", "Language", "Searches"],
        ["skip hire", "English", "3"],
    ]
    comments = _csv(manager, "page-feedback-comments")
    assert comments[1][0] == "2026-03-03"
    assert comments[1][4] == "'=1+1"  # never read as a formula
    clicks = _csv(manager, "searches-by-language")
    assert clicks[1:] == [
        ["English", "3", "3", "100.0", "0", "0", ""],
        ["Polski", "1", "0", "0.0", "1", "0", "0.0"],
    ]


def test_the_form_tables_show_each_page_and_download_the_same_rows(manager):
    form = FormDefinition.objects.create(slug="report-it", title="Report it", case_kind="enquiry")
    version = _version(form, 1, [WHAT, CONTACT])
    _session(version, [])  # stopped on the first page
    _session(version, ["what"], {"what": "bin"})  # stopped on "Your details"
    _session(version, ["what", "contact"], {"what": "bin"}, sent="case")
    html = manager.get(PAGE, MARCH).content.decode()
    drop_off = html.split('id="form-drop-off-table"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row" class="govuk-table__header">Your details</th>' in drop_off
    assert _csv(manager, "form-completion")[1:] == [["Report it", "3", "1", "33.3", "2", "0"]]
    assert _csv(manager, "form-drop-off") == [
        ["Form", "Page", "Questions", "Reached", "Stopped here", "Drop-off rate (%)"],
        ["Report it", "What happened", "What happened?", "3", "1", "33.3"],
        ["Report it", "Your details", "Your email", "2", "1", "50.0"],
        ["Report it", "Check your answers", "", "1", "0", "0.0"],
    ]


@pytest.mark.usefixtures("march")
def test_the_main_figures_are_drawn_and_every_table_downloads_as_xlsx(manager):
    from openpyxl import load_workbook

    html = manager.get(PAGE, MARCH).content.decode()
    assert 'id="page-usefulness-by-service-chart-summary"' in html
    assert 'id="searches-by-language-chart-summary"' in html
    assert html.count('role="img"') == 2  # nobody started a form: no form chart
    one = manager.get(reverse("staff:web-measures-xlsx", args=["search-terms-not-found"]), MARCH)
    rows = list(load_workbook(io.BytesIO(one.content)).active.iter_rows(values_only=True))
    assert [list(row) for row in rows] == [
        [None if value == "" else value for value in row]
        for row in _csv_typed(manager, "search-terms-not-found")
    ]
    every = manager.get(reverse("staff:web-measures-all-xlsx"), MARCH)
    assert len(load_workbook(io.BytesIO(every.content)).sheetnames) == len(TABLES)


def _csv_typed(client, table: str) -> list[list]:
    return [
        [int(value) if value.isdigit() else value for value in row] for row in _csv(client, table)
    ]
