"""Duplicate reports in a real browser: an officer sees a report's possible same job on its case
page (axe), opens the queue (axe), asks to merge nothing and is told (axe), then merges the whole
cluster (five reports, one job) and the main job lists them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.duplicatereports.demo import _offset
from opencex.duplicatereports.models import MatchingRule
from opencex.duplicatereports.places import record_place
from opencex.duplicatereports.services import propose_for
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, CaseFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _reports(service, count: int):
    start = timezone.now() - timedelta(days=1)
    made = []
    for n in range(count):
        lat, long = _offset(51.747, -1.237, 7.0 * n, 0.0)
        case = CaseFactory(
            service=service,
            team=service.team,
            subject="Fly-tipping on Howard Street",
            description="A mattress and black bags dumped by the lamp post",
            answers={"map": {"lat": lat, "long": long}},
            received_at=start + timedelta(hours=n),
        )
        record_place(case)
        made.append(case)
    return made


def test_an_officer_merges_five_reports_into_one_job(page: Page):
    team = TeamFactory(slug="street-scene", name="Street scene")
    service = ServiceFactory(slug="report-fly-tipping", title="Report fly-tipping", team=team)
    MatchingRule.objects.create(service=service, metres=50, days=7)
    main, *others = _reports(service, 5)
    for case in others:
        propose_for(case)
    officer = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")

    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"/staff/cases/{others[0].reference}/")
    expect(page.locator("#possible-same-job")).to_contain_text(
        f"Possible same job as {main.reference} (7 m apart, same service"
    )
    assert_accessible(page)
    page.get_by_role("link", name="All possible same jobs").click()
    expect(page.get_by_role("heading", name="Possible same jobs")).to_be_visible()
    assert_accessible(page)

    merge = page.get_by_role("button", name=f"Merge the selected reports into {main.reference}")
    merge.click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Select the reports to merge into this job")
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label(f"Merge {others[0].reference}")).to_be_focused()

    for case in others:
        page.get_by_label(f"Merge {case.reference}").check()
    page.get_by_role("button", name=f"Merge the selected reports into {main.reference}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Merged 4 reports into {main.reference}")
    expect(page.get_by_text("There are no possible same jobs to look at.")).to_be_visible()
    page.goto(f"/staff/cases/{main.reference}/")
    linked = page.locator("#linked-cases + ul")
    for case in others:
        expect(linked).to_contain_text(case.reference)
