"""A caseworker reads a request's predicted completion in a real browser: the likely date, the
interval, the chance by the due date and "Likely late" on the case page and in the queue, and
"not enough history" for a service without one; axe-clean in each state."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.core import refresh_due_date
from opencex.cases.models import Status
from tests.browser.conftest import assert_accessible
from tests.browser.test_staff_case_page import open_case, sign_in
from tests.factories import ServiceFactory, TeamFactory, UserFactory
from tests.forecasts.conftest import forecast_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_sees_a_likely_late_request_and_one_without_history(page: Page):
    team = TeamFactory(slug="waste", name="Waste and recycling")
    slow = ServiceFactory(team=team, standard_days=2, title="Report a missed bin")
    forecast_for(slow, [5] * 25 + [8] * 5, timezone.localdate())
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team])
    late = open_case(team, subject="Bin not emptied", email="ada@example.org")
    new = open_case(team, subject="Bench broken", email="bo@example.org")
    late.service, new.service = slow, ServiceFactory(team=team)
    for case in (late, new):
        case.status = Status.IN_PROGRESS
        refresh_due_date(case)  # by the service's standard: 2 working days for the slow one
        case.save()
    sign_in(page, caseworker)

    page.goto(f"/staff/cases/{late.reference}/")
    prediction = page.locator("#predicted-completion")
    expect(prediction).to_contain_text("Likely done by")
    expect(prediction).to_contain_text("0% chance by the due date")
    expect(prediction.get_by_text("Likely late")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/staff/cases/{new.reference}/")
    expect(page.locator("#predicted-completion")).to_contain_text("Not enough history")
    assert_accessible(page)

    page.goto("/staff/queues/?queue=waste")
    row = page.get_by_role("row").filter(has_text=late.reference)
    expect(row.get_by_text("Likely late")).to_be_visible()
    expect(
        page.get_by_role("row").filter(has_text=new.reference).get_by_text("Likely late")
    ).to_have_count(0)
    assert_accessible(page)
