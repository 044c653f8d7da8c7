"""Report tables as XLSX: any `cells.Table` opened back with openpyxl holds the same values cell
by cell (numbers as numbers, shares as percentages, dates as dates, formulas kept as text), and
the reports page offers each table and all of them as a workbook beside the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from opencex.staff.reports.cells import Cell, Column, Table
from opencex.staff.reports.exports import XLSX_TYPE, cell_value, sheet_name, workbook
from opencex.staff.reports.tables import TABLES
from tests.factories import CaseFactory, ContactFactory, UserFactory
from tests.insight.conftest import london

MARCH = {
    "period": "custom",
    **{"from_day": "2", "from_month": "3", "from_year": "2026"},
    **{"to_day": "8", "to_month": "3", "to_year": "2026"},
}


def _every_kind() -> Table:
    table = Table(
        "every-kind",
        "Every kind of cell",
        "",
        [
            Column("Name"),
            Column("Count", "count"),
            Column("Rate", "percent"),
            Column("Average", "average"),
            Column("Days", "days"),
            Column("Change", "points"),
            Column("Day", "date"),
        ],
    )
    table.add("Website", 1234, 0.456, 4.25, 12.5, -3.2, dt.date(2026, 3, 2))
    table.add('=HYPERLINK("http://evil")', 0, None, None, None, None, None)
    table.add("-1+2", 7, 1.0, 5.0, 0.0, 0.0, dt.date(2026, 12, 31))
    return table


def _sheet_rows(content: bytes, sheet: str | None = None) -> list[list]:
    book = load_workbook(io.BytesIO(content))
    worksheet = book[sheet] if sheet else book.worksheets[0]
    return [[cell.value for cell in row] for row in worksheet.iter_rows()]


def test_a_table_opened_back_holds_the_same_values_cell_by_cell():
    content = workbook([_every_kind()])
    assert _sheet_rows(content) == [
        ["Name", "Count", "Rate", "Average", "Days", "Change", "Day"],
        ["Website", 1234, 0.456, 4.25, 12.5, -3.2, dt.datetime(2026, 3, 2)],
        ['\'=HYPERLINK("http://evil")', 0, None, None, None, None, None],
        ["'-1+2", 7, 1, 5, 0, 0, dt.datetime(2026, 12, 31)],
    ]


def test_a_moment_in_summer_time_is_written_as_the_councils_clock_shows_it():
    # 2 July 2026 08:30 UTC is 09:30 in London (BST).
    moment = dt.datetime(2026, 7, 2, 8, 30, tzinfo=dt.UTC)
    assert cell_value(Cell(moment, "date")) == dt.datetime(2026, 7, 2, 9, 30)


def test_numbers_are_numbers_with_formats_and_text_is_never_a_formula():
    sheet = load_workbook(io.BytesIO(workbook([_every_kind()]))).worksheets[0]
    website = sheet[2]
    assert [cell.data_type for cell in website] == ["s", "n", "n", "n", "n", "n", "d"]
    assert [cell.number_format for cell in website[1:]] == [
        "#,##0",
        "0.0%",
        "0.00",
        "0.0",
        "+0.0;-0.0;0.0",
        "d mmm yyyy",
    ]
    assert sheet["A3"].data_type == "s"
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


def test_several_tables_are_one_sheet_each_with_names_excel_accepts():
    title = "Complaints: answered in time / late [stage 1] by area"
    long, again = Table("long", title, "", [Column("A")]), Table("again", title, "", [Column("A")])
    book = load_workbook(io.BytesIO(workbook([_every_kind(), long, again])))
    assert book.sheetnames == [
        "Every kind of cell",
        "Complaints answered in time lat",
        "Complaints answered in time (2)",
    ]


def test_sheet_names_never_repeat_whatever_their_case():
    taken: set[str] = set()
    assert [sheet_name(name, taken) for name in ("Demand", "demand", "DEMAND")] == [
        "Demand",
        "demand (2)",
        "DEMAND (3)",
    ]


# The reports page's downloads


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


@pytest.mark.django_db
def test_each_report_table_downloads_as_xlsx_with_the_csvs_figures(manager):
    CaseFactory.create_batch(3, channel=Channel.WEB, received_at=london(2026, 3, 3))
    ContactFactory(channel=Channel.PHONE, at=london(2026, 3, 4))
    url = reverse("staff:report-xlsx", args=["demand-by-channel"])

    response = manager.get(url, MARCH)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="demand-by-channel-2026-03-02-to-2026-03-08.xlsx"'
    )
    rows = _sheet_rows(response.content)
    csv_text = manager.get(reverse("staff:report-csv", args=["demand-by-channel"]), MARCH)
    csv_rows = list(csv.reader(io.StringIO(csv_text.content.decode("utf-8-sig"))))
    assert [[str(value) for value in row] for row in rows] == csv_rows
    assert rows[1] == ["Website", 3, 0, 3]
    assert rows[-1] == ["All channels", 3, 1, 4]


@pytest.mark.django_db
def test_all_report_tables_download_as_one_workbook(manager):
    response = manager.get(reverse("staff:reports-xlsx"), MARCH)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="reports-2026-03-02-to-2026-03-08.xlsx"'
    )
    assert len(load_workbook(io.BytesIO(response.content)).sheetnames) == len(TABLES)


@pytest.mark.django_db
def test_the_reports_page_links_each_xlsx_beside_its_csv(manager):
    page = manager.get(reverse("staff:reports"), MARCH).content.decode()
    for slug in TABLES:
        assert f'href="{reverse("staff:report-xlsx", args=[slug])}?' in page
    assert f'href="{reverse("staff:reports-xlsx")}?' in page


@pytest.mark.django_db
def test_an_xlsx_for_bad_dates_goes_back_to_the_page_and_an_unknown_table_is_not_found(manager):
    bad = {**MARCH, "to_day": "31", "to_month": "2"}
    response = manager.get(reverse("staff:report-xlsx", args=["demand-by-channel"]), bad)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff:reports"))
    assert manager.get(reverse("staff:report-xlsx", args=["nothing"]), MARCH).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CONTACT_CENTRE, Role.RESIDENT])
def test_the_xlsx_files_are_refused_to_those_who_may_not_read_reports(client, role):
    client.force_login(UserFactory(role=role, password=None))
    assert (
        client.get(reverse("staff:report-xlsx", args=["demand-by-channel"]), MARCH).status_code
        == 403
    )
    assert client.get(reverse("staff:reports-xlsx"), MARCH).status_code == 403
