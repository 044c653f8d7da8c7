"""The equality and reach page and the Tenant Satisfaction Measures page: who may see them, the
period's errors, and the figures as a manager reads them."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = [reverse("staff:equality-report"), reverse("staff:tsm-report")]
REPORTERS = [Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR]
OTHERS = [Role.CONTACT_CENTRE, Role.CASEWORKER, Role.RESIDENT, Role.PARTNER]
WEEK_CHOSEN = {
    "period": "custom",
    **{"from_day": "2", "from_month": "3", "from_year": "2026"},
    **{"to_day": "8", "to_month": "3", "to_year": "2026"},
}

# The equality page offers whole quarters and financial years that have ended: on 15 April
# 2026, January to March 2026 (which holds the fixture's week) is the latest quarter.
AFTER_THE_QUARTER = "2026-04-15 12:00Z"
QUARTER_CHOSEN = {"period": "q2026-01"}


@pytest.fixture
def manager(client):
    client.force_login(UserFactory(role=Role.TEAM_MANAGER, password=None))
    return client


@pytest.mark.parametrize("role", REPORTERS)
@pytest.mark.parametrize("page", PAGES)
def test_managers_see_the_pages(client, role, page):
    client.force_login(UserFactory(role=role, password=None))

    assert client.get(page).status_code == 200


@pytest.mark.parametrize("role", OTHERS)
@pytest.mark.parametrize("page", PAGES)
def test_other_roles_are_refused(client, role, page):
    client.force_login(UserFactory(role=role, password=None))

    assert client.get(page).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, page):
    response = client.get(page)

    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:sign-in"))


def test_a_period_that_ends_before_it_starts_is_an_error(manager):
    response = manager.get(PAGES[1], {**WEEK_CHOSEN, "to_day": "1"})

    html = response.content.decode()
    assert 'class="govuk-error-summary' in html
    assert "The end date must be the same as or after the start date" in html
    assert response.context["tables"] == []
    assert "<title>Error:" in html


@time_machine.travel(AFTER_THE_QUARTER, tick=False)
def test_the_equality_page_offers_only_whole_quarters_and_financial_years(manager):
    response = manager.get(PAGES[0])

    choices = [value for value, _words in response.context["form"].fields["period"].choices]
    assert choices == [
        *("q2026-01", "q2025-10", "q2025-07", "q2025-04"),
        *("q2025-01", "q2024-10", "q2024-07", "q2024-04"),
        *("fy2025", "fy2024", "fy2023"),
    ]
    assert response.context["period"].start.isoformat() == "2026-01-01"
    assert response.context["period"].end.isoformat() == "2026-03-31"
    assert "from_day" not in response.content.decode()
    year = manager.get(PAGES[0], {"period": "fy2024"}).context["period"]
    assert (year.start.isoformat(), year.end.isoformat()) == ("2024-04-01", "2025-03-31")


@time_machine.travel(AFTER_THE_QUARTER, tick=False)
def test_the_equality_page_refuses_dates_of_ones_own_choosing(manager):
    response = manager.get(PAGES[0], WEEK_CHOSEN)

    html = response.content.decode()
    assert 'class="govuk-error-summary' in html
    assert "Select a quarter or a financial year from the list" in html
    assert response.context["tables"] == []
    assert "<title>Error:" in html


@time_machine.travel(AFTER_THE_QUARTER, tick=False)
def test_the_equality_page_shows_its_tables_in_scrolling_regions(manager, reached):
    response = manager.get(PAGES[0], QUARTER_CHOSEN)

    html = response.content.decode()
    slugs = [table.slug for table in response.context["tables"]]
    assert slugs[0] == "equality-coverage"
    assert len(slugs) == 9
    assert html.count("govuk-table ") == html.count('role="region"') == 9
    assert "fewer than 5" in html
    assert "No equality answers" in html


def test_the_tsm_page_names_each_measure_and_says_which_need_the_survey(manager):
    response = manager.get(PAGES[1], WEEK_CHOSEN)

    html = response.content.decode()
    table, shares = response.context["tables"]
    codes = [row[0].value for row in table.rows]
    assert codes[:8] == ["CH01", "CH01", "CH02", "CH02", "RP02", "RP02", "NM01", "RP01"]
    assert "No tenant perception survey responses in the period." in html
    assert "Complaints relative to the size of the landlord" in html
    assert html.count('role="region"') == 1 + bool(shares.rows)


@time_machine.travel(AFTER_THE_QUARTER, tick=False)
def test_the_equality_tables_are_drawn_with_the_counts_kept_back_not_shown(manager, reached):
    html = manager.get(PAGES[0], QUARTER_CHOSEN).content.decode()

    assert html.count('role="img"') == 8  # a chart for each characteristic, not the coverage
    assert 'id="reach-sex-chart-summary"' in html
    # Female 7 is drawn; male 2 is "fewer than 5", drawn as not shown, never as 2 or 0.
    assert "Most residents: Female (7)." in html
    assert ">not shown</text>" in html


@time_machine.travel(AFTER_THE_QUARTER, tick=False)
def test_the_equality_downloads_keep_the_counts_kept_back_kept_back(manager, reached):
    from io import BytesIO

    from openpyxl import load_workbook

    page = manager.get(PAGES[0], QUARTER_CHOSEN)
    [shown] = [t for t in page.context["tables"] if t.slug == "reach-sex"]
    csv = manager.get(f"{PAGES[0]}reach-sex.csv", QUARTER_CHOSEN).content.decode("utf-8-sig")
    xlsx = manager.get(f"{PAGES[0]}reach-sex.xlsx", QUARTER_CHOSEN)
    every = manager.get(f"{PAGES[0]}all.xlsx", QUARTER_CHOSEN)

    lines = csv.splitlines()
    assert lines == [",".join(str(value) for value in row) for row in shown.csv_rows()]
    [male] = [line for line in lines if line.startswith("Male")]
    assert "fewer than 5" in male
    # The two men are not in the file.
    assert ",2," not in male
    assert not male.endswith(",2")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert "fewer than 5" in cells
    # No count under the threshold, as a number.
    assert 2 not in cells
    assert 1 not in cells
    book = load_workbook(BytesIO(every.content))
    assert book.sheetnames[0] == "Residents who gave equality answ"[:31]
    assert len(book.sheetnames) == 9
    every_cell = [
        value
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for value in row
        if isinstance(value, int)
    ]
    assert all(value >= 5 for value in every_cell)


def test_the_tsm_tables_download_as_csv_and_xlsx(manager):
    csv = manager.get(f"{PAGES[1]}tenant-satisfaction-measures.csv", WEEK_CHOSEN)
    xlsx = manager.get(f"{PAGES[1]}all.xlsx", WEEK_CHOSEN)

    assert csv["Content-Disposition"] == (
        'attachment; filename="tenant-satisfaction-measures-2026-03-02-to-2026-03-08.csv"'
    )
    assert "CH01" in csv.content.decode("utf-8-sig")
    assert xlsx["Content-Disposition"].endswith(
        'filename="tenant-satisfaction-measures-2026-03-02-to-2026-03-08.xlsx"'
    )


def test_the_tsm_shares_table_holds_each_percentage_worked_out_and_is_drawn():
    from django.template import Context, Template

    from opencex.insight import tsm
    from opencex.staff.equality.tables import tsm_percent_table

    measures = [
        tsm.Measure(
            "CH02",
            "Complaints responded to within the Code's timescales",
            "",
            parts=[
                tsm.Part("Stage 1", 0.9, "percent", 9, 10),
                tsm.Part("Stage 2", None, "percent"),  # nothing to work out from: left out
            ],
        ),
        tsm.Measure(
            "CH01",
            "Complaints relative to size",
            "",
            parts=[tsm.Part("Stage 1", 12.5, "per_1000", 5, 400)],
        ),
        tsm.Measure("TP01", "Overall satisfaction", "", status=tsm.NEEDS_SURVEY),
    ]

    table = tsm_percent_table(measures)
    drawn = Template("{% load charts %}{% chart table kind='bar' value='Result' %}").render(
        Context({"table": table})
    )

    assert [[cell.value for cell in row] for row in table.rows] == [["CH02 Stage 1", 0.9]]
    assert 'role="img"' in drawn
    assert "Highest: CH02 Stage 1 (90.0%)." in drawn
