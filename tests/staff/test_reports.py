"""The reports page: who may see it, choosing the period and service area (and their errors), the
casework tables and the FOI headline, and the CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Channel, Status
from opencex.staff.reports.tables import TABLES
from tests.factories import (
    CaseFactory,
    ComplaintFactory,
    ContactFactory,
    ResidentFactory,
    ServiceAreaFactory,
    ServiceFactory,
    StageResponseFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REPORTERS = [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
OTHERS = [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT, Role.PARTNER]
REPORTS = reverse("staff:reports")
# Tables of figures as they stand today, whatever the period; lists with no total row.
AS_AT_TODAY = {"overdue-now"}
LISTS = {"lessons-learned", "exemptions-cited"}
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
    for table in TABLES.keys() - AS_AT_TODAY:
        response = manager.get(_csv_url(table), MARCH)
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            f'attachment; filename="{table}-2026-03-02-to-2026-03-08.csv"'
        )
        rows = 1 if table in LISTS else 2  # the headings, and at least a total
        assert len(_csv(response)) >= rows, table


def test_the_overdue_cases_download_is_named_for_today(manager):
    response = manager.get(_csv_url("overdue-now"), MARCH)
    filename = f"overdue-now-{timezone.localdate().isoformat()}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'


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


# Complaints, information requests and overdue cases


def _day(day: int) -> dt.date:
    return dt.date(2026, 3, day)


def _foi(*, answered: int, due: int, **fields):
    return CaseFactory(
        kind=CaseKind.FOI, received_at=_london(2) - dt.timedelta(days=28),
        responded_on=_day(answered), due_on=_day(due), status=Status.RESPONDED, **fields,
    )  # fmt: skip


def _table(response, slug: str):
    return next(table for table in response.context["tables"] if table.slug == slug)


def _texts(table) -> list[list[str]]:
    return [[cell.as_html() for cell in row] for row in table.rows]


@pytest.fixture
def bins():
    area = ServiceAreaFactory(slug="waste-recycling", name="Waste and recycling")
    return ServiceFactory(title="Report a missed bin", team=TeamFactory(service_area=area))


@pytest.fixture
def repairs():
    area = ServiceAreaFactory(slug="council-housing", name="Council housing")
    return ServiceFactory(title="Report a repair", team=TeamFactory(service_area=area))


def _complaint(about, *, received: int = 2, responded: int | None = None, due: int = 6, **fields):
    case = CaseFactory(
        kind=CaseKind.COMPLAINT, received_at=_london(received), due_on=_day(due), **fields
    )
    complaint = ComplaintFactory(case=case, about_service=about)
    if responded:
        StageResponseFactory(complaint=complaint, responded_on=_day(responded))
    return case


def test_the_page_leads_with_the_foi_figure_the_council_publishes(manager):
    _foi(answered=4, due=5)
    _foi(answered=5, due=5)
    _foi(answered=6, due=5)  # late

    page = manager.get(REPORTS, MARCH).content.decode()

    assert "FOI answered in time this period: 66.7% (2 of 3)" in page


def test_the_foi_figure_says_so_when_no_request_was_answered(manager):
    page = manager.get(REPORTS, MARCH).content.decode()

    assert "FOI answered in time this period: no FOI requests were answered." in page


def test_the_complaints_table_shows_each_stage_by_service_area(manager, bins, repairs):
    _complaint(bins, responded=4, due=6)
    _complaint(bins, responded=5, due=4)
    _complaint(repairs)

    table = _table(manager.get(REPORTS, MARCH), "complaints-in-time")

    assert _texts(table) == [
        ["Stage 1", "Council housing", "1", "0", "0", "\N{EN DASH}", "\N{EN DASH}", "0", "0"],
        ["Stage 1", "Waste and recycling", "2", "2", "1", "50.0%", "2.5", "0", "0"],
        ["Stage 1", "All service areas", "3", "2", "1", "50.0%", "2.5", "0", "0"],
        ["Stage 2", "All service areas", "0", "0", "0", "\N{EN DASH}", "\N{EN DASH}", "0",
         "\N{EN DASH}"],
    ]  # fmt: skip


def test_one_service_area_narrows_the_casework_tables_to_its_services(manager, bins, repairs):
    _complaint(bins, responded=4)
    _complaint(repairs, responded=4)
    CaseFactory.create_batch(2, received_at=_london(3), channel=Channel.WEB)

    response = manager.get(REPORTS, {**MARCH, "service_area": "waste-recycling"})
    page = response.content.decode()

    complaints = _texts(_table(response, "complaints-in-time"))
    assert [row[1] for row in complaints[:2]] == [
        "Report a missed bin",
        "All services in Waste and recycling",
    ]
    # The other tables stay the whole council's: both complaints and both requests.
    assert _texts(_table(response, "demand-by-channel"))[0] == ["Website", "4", "0", "4"]
    assert "Complaint and information request tables for Waste and recycling only." in page
    assert '<option value="waste-recycling" selected>' in page


def test_an_unknown_service_area_is_explained(manager):
    response = manager.get(REPORTS, {**MARCH, "service_area": "nowhere"})
    page = response.content.decode()

    assert _errors(response) == ["Select a service area from the list"]
    assert response.context["tables"] == []
    assert 'href="#id_service_area"' in page


def test_the_complaints_csv_for_one_service_area_is_named_for_it(manager, bins):
    _complaint(bins, responded=4, due=6)

    response = manager.get(
        _csv_url("complaints-in-time"), {**MARCH, "service_area": "waste-recycling"}
    )
    rows = _csv(response)

    filename = "complaints-in-time-waste-recycling-2026-03-02-to-2026-03-08.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert rows[0][:6] == ["Stage", "Service", "Received", "Responded", "Responded in time",
                           "In time (%)"]  # fmt: skip
    assert rows[1] == ["Stage 1", "Report a missed bin", "1", "1", "1", "100.0", "2.0", "0", "0"]


def test_the_information_requests_csv_has_the_numbers_on_the_page(manager):
    area = ServiceAreaFactory(name="Customer services")
    _foi(answered=4, due=5, team=TeamFactory(service_area=area))

    rows = _csv(manager.get(_csv_url("information-requests"), MARCH))

    assert rows[1] == [
        "FOI", "Customer services", "0", "1", "1", "100.0",
        "22.0", "30.0", "0",
    ]  # fmt: skip
    assert rows[2][:2] == ["FOI", "All service areas"]


def test_the_lessons_learned_list_dates_each_lesson(manager, bins):
    case = _complaint(bins, reference="CMP-0042")
    StageResponseFactory(
        complaint=case.complaint, responded_on=_day(5), lesson_learned="Check the whole road.",
        lesson_service=bins, lesson_service_area=bins.service_area,
    )  # fmt: skip

    response = manager.get(REPORTS, MARCH)
    rows = _csv(manager.get(_csv_url("lessons-learned"), MARCH))

    assert _texts(_table(response, "lessons-learned")) == [
        ["Waste and recycling", "Report a missed bin", "Check the whole road.", "5 March 2026",
         "CMP-0042, stage 1"]
    ]  # fmt: skip
    assert rows[1][3] == "2026-03-05"


def test_a_list_with_nothing_in_the_period_says_so_instead_of_an_empty_table(manager):
    page = manager.get(REPORTS, MARCH).content.decode()

    assert "No lessons learned were recorded in this period." in page
    assert "No exemptions or exceptions were cited in answers sent in this period." in page


def test_the_overdue_table_is_as_at_today_whatever_the_period(manager):
    team = TeamFactory(name="Waste Services")
    CaseFactory(team=team, due_on=timezone.localdate() - dt.timedelta(days=3))
    CaseFactory(team=team, due_on=timezone.localdate())

    table = _table(manager.get(REPORTS, MARCH), "overdue-now")

    late = timezone.localdate() - dt.timedelta(days=3)
    assert _texts(table)[0][:3] == ["Service request", "Waste Services", "1"]
    assert _texts(table)[0][4] == "3"
    assert table.rows[0][3].value == late
    assert table.as_of == timezone.localdate()


def test_casework_tables_name_each_row_by_its_first_two_cells(manager):
    page = manager.get(REPORTS, MARCH).content.decode()

    assert '<th scope="row" class="govuk-table__header">Stage 2</th>' in page
    assert '<th scope="row" class="govuk-table__header">All service areas</th>' in page


def test_the_casework_tables_take_the_same_number_of_queries_however_many_rows(manager):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            manager.get(REPORTS, MARCH)
        return len(captured)

    def some_casework(n: int) -> None:
        for _ in range(n):
            service = ServiceFactory()
            _complaint(service, responded=4)
            _foi(answered=4, due=5, service=service)
            CaseFactory(team=service.team, due_on=timezone.localdate() - dt.timedelta(days=1))

    some_casework(1)
    few = queries()
    some_casework(4)

    assert queries() == few
