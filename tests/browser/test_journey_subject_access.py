"""Journey 6 of JOURNEYS.md, end to end: a resident asks on the web for all the data the council
holds on them; an information-governance officer waits for proof of identity (the clock stops),
records it (the month runs from that day, per RULES.md), downloads everything in one zip, and
responds. Real catalogue and forms, real browser, axe on every page including an error state."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import close_case
from opencex.cases.models import Case, CaseKind, Status
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Team
from opencex.clocks.rules import DeadlineKind, compute_deadline
from opencex.council.calendar import council_calendar
from opencex.forms.loading import sync_form_definitions
from opencex.inforights.models import InformationRequest, SubjectAccessExport
from opencex.people.services import record_sensitive_information
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    PropertyFactory,
    ResidentFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council_catalogue():
    cache.clear()
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()
    yield
    cache.clear()


@pytest.fixture
def known_resident(council_catalogue):
    """A resident the council already holds data about: a repair request and a health detail."""
    resident = ResidentFactory(full_name="Ann Example", email="ann@example.org")
    officer = UserFactory(role=Role.CASEWORKER, full_name="Cal Worker")
    open_case(
        actor=officer,
        kind=CaseKind.ENQUIRY,
        channel="phone",
        subject="Damp in the kitchen",
        description="Black mould behind the fridge.",
        contact_name=resident.full_name,
        contact_email=resident.email,
        resident=resident,
    )
    record_sensitive_information(
        actor=officer,
        resident=resident,
        category="physical_health",
        details="Asthma made worse by mould.",
        purpose="Prioritise repairs",
        lawful_basis="Art 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    return resident


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def ask_for_personal_data_on_the_web(page: Page, home) -> Case:
    page.goto("/forms/ask-for-your-personal-data/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("What personal data would you like?").fill(
        "Everything about my housing repairs since 2022."
    )
    continue_(page)
    page.get_by_label("Day").fill("27")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("1985")
    page.get_by_label("Search by postcode").fill("OX4 1HR")
    page.get_by_role("button", name="Find address").click()
    page.get_by_label("Select an address").select_option(home.uprn)
    continue_(page)
    page.get_by_label("Send it later by email or post").check()
    continue_(page)
    page.get_by_label("Full name").fill("Ann Example")
    page.get_by_label("Email address").fill("ann@example.org")
    continue_(page)
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()
    case = Case.objects.get(kind=CaseKind.SAR)
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    assert_accessible(page)
    return case


def received_days_ago(case: Case, days: int) -> Case:
    """The request arrived some days ago, so that proof of identity arrives later than it."""
    received_at = case.received_at - dt.timedelta(days=days)
    received_on = timezone.localdate(received_at)
    Case.objects.filter(pk=case.pk).update(
        received_at=received_at,
        received_on=received_on,
        clock_started_on=received_on,
        due_on=compute_deadline(DeadlineKind.SAR, received_on, region=council_calendar()).due,
    )
    case.refresh_from_db()
    return case


def sign_in(page: Page, officer, path: str) -> None:
    page.goto(path)
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def test_a_resident_asks_for_their_data_and_the_officer_exports_everything_in_one_download(
    page: Page, known_resident, tmp_path
):
    home = PropertyFactory(address_line_1="12 Cowley Road", postcode="OX4 1HR")
    case = received_days_ago(ask_for_personal_data_on_the_web(page, home), 10)
    team = Team.objects.get(slug=settings.COUNCIL_PROFILE.routing.information_rights)
    assert case.team == team
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[team], full_name="Iris Grant")

    # The register lists it with its clock; the officer opens it.
    sign_in(page, officer, "/staff/information-requests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Information requests")
    expect(page.locator("#register")).to_contain_text(case.reference)
    assert_accessible(page)
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request for personal data")
    expect(page.locator("#due-date")).to_contain_text(long(case.due_on))
    assert_accessible(page)

    # Proof of identity is needed: the clock stops.
    page.get_by_text("Wait for proof of identity").click()
    page.get_by_label("What proof you asked for (optional)").fill("Passport or driving licence")
    page.get_by_role("button", name="Stop the clock").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the clock has stopped")
    expect(page.locator("#due-date")).to_have_text("The clock is stopped")
    assert_accessible(page)

    # Recording it without saying how is an error, in the summary and beside the field.
    page.get_by_text("Identity verified").click()
    page.get_by_role("button", name="Record and start the month").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say how the requester proved who they are")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("How did they prove who they are?")).to_be_focused()

    # Identity verified today: the month runs from today, not from the request (RULES.md).
    page.get_by_label("How did they prove who they are?").fill("Passport seen at the Town Hall")
    page.get_by_role("button", name="Record and start the month").click()
    today = timezone.localdate()
    due = compute_deadline(DeadlineKind.SAR, today, region=council_calendar()).due
    expect(page.locator("#due-date")).to_have_text(long(due))
    expect(page.locator("#clock-explanation")).to_contain_text("the clock restarted")
    assert_accessible(page)
    case.refresh_from_db()
    assert (case.clock_started_on, case.due_on) == (today, due)
    page.screenshot(path=SCREENSHOTS / "subject-access-request-page.png", full_page=True)
    assert case.received_on < today

    # Everything held about the resident, in one download.
    page.get_by_role("link", name="Export everything about Ann Example").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export everything about Ann Example")
    expect(page.get_by_label("Which subject access request is this for?")).to_have_value(
        case.reference
    )
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download everything (zip)").click()
    saved = tmp_path / "export.zip"
    download_info.value.save_as(saved)
    archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
    folder = archive.namelist()[0].split("/")[0]
    held = json.loads(archive.read(f"{folder}/cases.json"))
    assert {"Damp in the kitchen", "Request for personal data"} <= {c["subject"] for c in held}
    special = json.loads(archive.read(f"{folder}/special-category.json"))
    assert special[0]["details"] == "Asthma made worse by mould."
    assert b"Ann Example" in archive.read(f"{folder}/index.html")
    assert SubjectAccessExport.objects.get().case == case

    # The officer responds.
    page.goto(f"/staff/information-requests/{case.reference}/")
    page.get_by_text("Record the decision and send the response").click()
    page.get_by_label("Information released", exact=True).check()
    page.get_by_label("Response to the requester").fill(
        "Your data is attached as one file, with a guide to what is in it."
    )
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator("#decision")).to_contain_text("Information released")
    assert_accessible(page)
    case.refresh_from_db()
    assert case.status == Status.RESPONDED
    assert InformationRequest.objects.get(case=case).identity_evidence == (
        "Passport seen at the Town Hall"
    )
    close_case(actor=officer, case=case, outcome="Data sent")
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED


def _foi_request(officer_team_slug="information-governance"):
    team = TeamFactory(slug=officer_team_slug, name="Information Governance")
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[team])
    case, _ = open_case(
        actor=officer,
        kind=CaseKind.FOI,
        channel="letter",
        subject="Contractors' rates",
        description="Please send the hourly rates paid to each repairs contractor.",
        contact_name="Bo Other",
        contact_email="bo@example.org",
    )
    return officer, case


def _part_release_citing_commercial_interests(page: Page, *, check) -> None:
    page.get_by_text("Record the decision and send the response").click()
    page.get_by_label("Information released in part").check()
    page.get_by_label("Section 43(2): Commercial interests").check()
    page.get_by_label("Response to the requester").fill("The totals are attached.")
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give the public interest reasoning for section 43(2)"
    )
    check(page)
    page.get_by_label("Public interest reasoning for section 43(2)").fill(
        "Releasing the rates would let competitors undercut the contractor."
    )
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator("#decision")).to_contain_text("Section 43(2): Commercial interests")
    check(page)


def test_an_foi_part_release_with_its_public_interest_reasoning_is_accessible(page: Page):
    officer, case = _foi_request()
    sign_in(page, officer, f"/staff/information-requests/{case.reference}/")
    _part_release_citing_commercial_interests(page, check=assert_accessible)
    page.screenshot(path=SCREENSHOTS / "foi-request-page-decided.png", full_page=True)


def test_an_officer_records_an_foi_part_release_without_javascript(browser: Browser, live_server):
    officer, case = _foi_request()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, officer, f"/staff/information-requests/{case.reference}/")
        _part_release_citing_commercial_interests(page, check=lambda page: None)
    finally:
        context.close()
