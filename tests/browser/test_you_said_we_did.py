"""The public You said, we did page in a real browser, in English and in Arabic: axe-clean, the
service area filter works, an English change on the Arabic page is marked as English."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.yousaidwedid import services
from opencex.yousaidwedid.models import SourceKind
from tests.browser.conftest import assert_accessible
from tests.factories import CaseFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _published(manager, service, title: str, comments: int):
    change = services.record_change(
        actor=manager,
        title=title,
        you_said=f"Residents told us about {title.lower()}.",
        we_did=f"We changed {title.lower()}.",
        service_area=service.service_area,
        service=service,
        made_on=dt.date(2026, 1, 5),
    )
    for _ in range(comments):
        case = CaseFactory(kind=CaseKind.COMMENT, team=service.team, status=Status.CLOSED)
        services.link_source(actor=manager, change=change, kind=SourceKind.COMMENT, case=case)
    services.publish_change(actor=manager, change=change)
    return change


def test_residents_read_the_changes_by_service_area_in_english_and_arabic(page: Page):
    parks = ServiceFactory(title="Parks")
    lights = ServiceFactory(title="Street lights")
    manager = UserFactory(role=Role.TEAM_MANAGER, teams=[parks.team, lights.team])
    _published(manager, parks, "More benches", comments=3)
    _published(manager, lights, "Brighter lights", comments=1)

    page.goto("/you-said-we-did/")
    expect(page.get_by_role("heading", name="2 changes")).to_be_visible()
    expect(page.get_by_text("3 comments")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Service area").select_option(label=lights.service_area.name)
    page.get_by_role("button", name="Show changes").click()
    expect(page.get_by_role("heading", name="1 change", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Brighter lights")).to_be_visible()

    page.goto("/language/ar/?next=/you-said-we-did/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.get_by_role("heading", name="More benches").get_attribute("lang") == "en"
    assert_accessible(page)
