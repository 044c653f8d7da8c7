"""The staff telephony page: managers only, the figures for the period with the vulnerable
residents line apart, the imports with their refused rows, and a CSV uploaded from the page
through the same import, with its problems in a GOV.UK error summary."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.telephony.models import CallImport, CallInterval
from tests.factories import UserFactory
from tests.telephony.conftest import csv_text

pytestmark = pytest.mark.django_db
URL = "/staff/telephony/"
NOW = datetime(2026, 3, 4, 12, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _pinned():
    with time_machine.travel(NOW, tick=False):
        yield


def _sign_in(client, role):
    client.force_login(UserFactory(role=role, password=None))
    return client


@pytest.mark.parametrize(
    "role", [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
)
def test_managers_see_the_page(client, role, lines):
    assert reverse("staff:telephony") == URL
    assert _sign_in(client, role).get(URL).status_code == 200


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CONTACT_CENTRE, Role.RESIDENT])
def test_others_are_refused_the_page_the_download_and_the_upload(client, role, lines):
    _sign_in(client, role)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}calls-by-line.csv").status_code == 403
    upload = SimpleUploadedFile("calls.csv", csv_text().encode(), content_type="text/csv")
    assert client.post(URL, {"file": upload}).status_code == 403
    assert not CallImport.objects.exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


def _upload(client, name: str, content: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def test_an_uploaded_csv_is_imported_and_its_figures_and_refusals_shown(client, lines):
    _sign_in(client, Role.TEAM_MANAGER)
    content = csv_text(
        "2026-03-02 09:00,customer-services,40,36,4,30,900,10800",
        "2026-03-02 09:00,vulnerable-residents-line,6,5,1,5,50,3000",
        "2026-03-02 09:30,customer-services,1,1,0,1,5,100",
    ).encode()
    response = _upload(client, "march.csv", content)
    assert response.status_code == 302
    run = CallImport.objects.get()
    assert (run.file_name, run.rows_stored, run.rows_refused) == ("march.csv", 2, 1)
    assert run.actor.role == Role.TEAM_MANAGER
    assert CallInterval.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "3 rows read, 2 stored, 1 refused." in page
    assert "must be the start of an hour" in page
    page = client.get(URL, {"period": "this-week"}).content.decode()
    assert "Customer Services (60 s)" in page
    assert "90.0%" in page  # answered 36 of 40
    assert 'id="vulnerable-residents-line"' in page
    csv = client.get(f"{URL}calls-by-line.csv", {"period": "this-week"})
    assert csv["Content-Type"].startswith("text/csv")
    assert "General lines,40,36,30,4,90.0,10.0,75.0,25.0,300.0" in csv.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("calls.xlsx", b"PK\x03\x04", "The selected file must be a CSV file"),
        ("calls.csv", b"\xff\xfe\x00a", "saved as UTF-8 text"),
        ("calls.csv", b"", "The selected file is empty"),
        ("calls.csv", b"when,where\n1,2\n", "the header has no interval_start"),
        ("calls.csv", b"a" * (2 * 1024 * 1024 + 1), "smaller than 2 MB"),
    ],
)
def test_a_bad_file_is_refused_in_an_error_summary(client, lines, name, content, problem):
    _sign_in(client, Role.TEAM_MANAGER)
    response = _upload(client, name, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary' in page
    assert problem in page
    assert '<a href="#id_file">' in page
    assert "<title>Error:" in page
    assert not CallImport.objects.exists()


def test_no_file_chosen_is_in_an_error_summary(client, lines):
    _sign_in(client, Role.TEAM_MANAGER)
    page = client.post(URL, {}).content.decode()
    assert 'class="govuk-error-summary' in page
    assert "Select a CSV file of hourly call figures" in page


def test_a_wrong_period_is_in_an_error_summary(client, lines):
    _sign_in(client, Role.TEAM_MANAGER)
    page = client.get(URL, {"period": "custom", "from_day": "31", "from_month": "2"}).content
    assert b'class="govuk-error-summary' in page
    assert b"Enter the end date" in page


def test_an_upload_with_a_superscript_digit_shows_the_refused_row_not_an_error(client, lines):
    _sign_in(client, Role.TEAM_MANAGER)
    content = csv_text("2026-03-02 09:00,customer-services,4²,3,1,3,30,300").encode()
    response = _upload(client, "calls.csv", content)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "0 stored, 1 refused." in page
    assert "must be a whole number of 0 or more" in page


def _imported_week(client):
    _sign_in(client, Role.TEAM_MANAGER)
    content = csv_text(
        "2026-03-02 09:00,customer-services,40,36,4,30,900,10800",
        "2026-03-02 10:00,customer-services,=1+1,1,0,1,5,100",  # refused: not a number
        "2026-03-03 10:00,customer-services,20,18,2,15,400,5400",
        "2026-03-02 09:00,vulnerable-residents-line,6,5,1,5,50,3000",
    ).encode()
    _upload(client, "march.csv", content)


def test_each_call_table_is_drawn_as_a_chart_with_its_summary(client, lines):
    _imported_week(client)

    page = client.get(URL, {"period": "this-week"}).content.decode()

    assert page.count('role="img"') == 4  # by line, the vulnerable line, by hour, by day
    assert 'aria-labelledby="calls-by-line-chart-title calls-by-line-chart-summary"' in page
    # The total row of the general lines is left out of the chart, so only the line is in it.
    assert (
        'id="calls-by-line-chart-summary">Most calls: Customer Services (60 s) (60, 100% of 60)'
        in page
    )
    assert 'id="calls-by-day-chart-summary">60 calls from 2 Mar 2026 to 3 Mar 2026.' in page
    assert "Calls by line: the figures" in page  # the table beside it has the same figures


def test_every_call_table_downloads_as_xlsx_one_by_one_and_all_together(client, lines):
    from io import BytesIO

    from openpyxl import load_workbook

    _imported_week(client)

    one = client.get(f"{URL}calls-by-line.xlsx", {"period": "this-week"})
    book = load_workbook(BytesIO(one.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Line", "Calls offered", "Answered")
    assert rows[-1][:3] == ("General lines", 60, 54)
    assert one["Content-Disposition"] == (
        'attachment; filename="calls-by-line-2026-03-02-to-2026-03-04.xlsx"'
    )
    every = client.get(f"{URL}all.xlsx", {"period": "this-week"})
    assert load_workbook(BytesIO(every.content)).sheetnames == [
        "Calls by line",
        "Vulnerable residents line",
        "General lines by hour of the da",  # 31 characters: Excel's limit
        "General lines by day",
    ]
    assert client.get(f"{URL}no-such-table.xlsx", {"period": "this-week"}).status_code == 404
    wrong = client.get(f"{URL}all.xlsx", {"period": "custom"})
    assert wrong.status_code == 302
    assert wrong.url.startswith(URL)
