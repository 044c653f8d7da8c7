"""The disclosure log in a real browser: an information-governance officer prepares a released
FOI response, checks the highlighted redactions, fixes one the automation missed, is stopped
from publishing without confirming, then publishes; a resident finds it on the log and through
the site search. Every page, error states included, is axe-clean."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.messages import send_message
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import close_case, record_status_change
from opencex.cases.attachments import add_attachment
from opencex.cases.models import CaseKind, Channel, Status
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    DisclosureEntryFactory,
    ServiceAreaFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REQUEST = (
    "Dear Oxford City Council,\n\n"
    "Please tell me how many fixed penalty notices for fly-tipping were issued in each ward in "
    "2023. My neighbour Tariq Hussain says nobody is ever fined.\n\n"
    "Yours faithfully,\nJane Smith"
)
RESPONSE = (
    "Dear Ms Smith,\n\n"
    "The council issued 187 fixed penalty notices for fly-tipping in 2023. The figures for "
    "each ward are in the attached file.\n\n"
    "Yours sincerely,\nInformation Governance Team"
)


def sign_in(page: Page, user) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def ig_officer():
    team = TeamFactory(slug="information-governance", name="Information Governance")
    return UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[team], full_name="Priya Shah")


@pytest.fixture
def released_case(ig_officer):
    ServiceAreaFactory(slug="street-scene", name="Streets and public spaces")
    case, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Fly-tipping fixed penalty notices by ward",
        description=REQUEST,
        contact_name="Jane Smith",
        contact_email="jane.smith@example.org",
    )
    send_message(actor=ig_officer, case=case, body=RESPONSE)
    pdf = SimpleUploadedFile("notices-by-ward.pdf", b"%PDF-1.7\n" + b"0" * 64)
    add_attachment(actor=ig_officer, case=case, upload=pdf)
    record_status_change(actor=ig_officer, case=case, to=Status.RESPONDED)
    close_case(actor=ig_officer, case=case, outcome="Information provided in full")
    return case


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }


@pytest.mark.usefixtures("private_media")
def test_an_officer_publishes_a_checked_response_and_a_resident_finds_it(
    page: Page, live_server, ig_officer, released_case
):
    sign_in(page, ig_officer)
    page.goto("/staff/disclosure/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure log")
    assert_accessible(page)

    page.get_by_label("Reference of the FOI or EIR request").fill(released_case.reference)
    page.get_by_role("button", name="Prepare a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prepare for the disclosure log")
    assert_accessible(page)
    page.get_by_role("button", name="Prepare a draft").click()

    # The draft: each redaction highlighted, and the name the automation missed still there.
    expect(page.locator("#entry-status")).to_have_text("Draft")
    expect(page.locator("#preview-request mark")).to_have_count(1)
    expect(page.locator("#preview-response mark")).to_have_count(1)
    expect(page.locator("#redaction-summary")).to_contain_text("Names: 2")
    expect(page.locator("#preview-request")).to_contain_text("Tariq Hussain")
    assert_accessible(page)

    request_box = page.get_by_label("The request, as it will be published")
    request_box.fill(request_box.input_value().replace("Tariq Hussain", "[redacted]"))
    page.get_by_label("Service area").select_option(label="Streets and public spaces")
    page.get_by_label("Publish notices-by-ward.pdf").check()
    page.get_by_role("button", name="Publish on the disclosure log").click()

    # Not confirmed: the error summary, the officer's edits kept, nothing published.
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Confirm that you have checked this contains no personal data")
    expect(request_box).not_to_have_value("Tariq Hussain")
    expect(page.get_by_label("Publish notices-by-ward.pdf")).to_be_checked()
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("I have checked this contains no personal data")).to_be_focused()

    page.get_by_label("I have checked this contains no personal data").check()
    page.get_by_role("button", name="Publish on the disclosure log").click()
    expect(page.locator("#entry-status")).to_have_text("Published")
    expect(page.locator("#preview-request mark")).to_have_count(2)
    assert_accessible(page)

    # A resident, on the public site.
    resident = page.context.browser.new_page(base_url=live_server.url)
    try:
        resident.goto("/disclosure-log/")
        assert_accessible(resident)
        resident.get_by_label("Search the disclosure log").fill("fly-tipping fines by ward")
        resident.get_by_role("button", name="Search").click()
        expect(resident.locator("#disclosure-count")).to_have_text("1 released response")
        resident.get_by_role("link", name="Fly-tipping fixed penalty notices by ward").click()
        expect(resident.get_by_role("heading", level=1)).to_have_text(
            "Fly-tipping fixed penalty notices by ward"
        )
        expect(resident.locator("#disclosure-request")).not_to_contain_text("Tariq")
        expect(resident.locator("#disclosure-request")).not_to_contain_text("Jane")
        expect(resident.locator("#disclosure-response")).to_contain_text("187 fixed penalty")
        expect(resident.get_by_role("link", name="notices-by-ward.pdf")).to_be_visible()
        assert_accessible(resident)

        resident.goto("/search?q=fly+tipping+penalty+notices")
        resident.locator("#search-results").get_by_role(
            "link", name="Fly-tipping fixed penalty notices by ward"
        ).click()
        expect(resident.get_by_role("heading", level=1)).to_have_text(
            "Fly-tipping fixed penalty notices by ward"
        )
    finally:
        resident.close()


def test_withdrawing_and_the_withdrawn_page_are_accessible(page: Page, ig_officer):
    entry = DisclosureEntryFactory(title="Allotment waiting lists by site")
    sign_in(page, ig_officer)
    page.goto(f"/staff/disclosure/{entry.pk}/")
    page.get_by_role("button", name="Withdraw from the log").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say why the entry is being withdrawn")
    assert_accessible(page)

    page.get_by_label("Why is it being withdrawn?").fill("A plot holder's name was in it.")
    page.get_by_role("button", name="Withdraw from the log").click()
    expect(page.locator("#entry-status")).to_have_text("Withdrawn")
    assert_accessible(page)

    page.goto(f"/disclosure-log/{entry.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This response has been removed from the disclosure log"
    )
    assert_accessible(page)


def test_the_released_answers_page_at_intake_is_accessible(page: Page, ig_officer):
    DisclosureEntryFactory(
        title="Empty homes and the empty homes premium",
        request_text="How many empty homes pay the empty homes premium?",
    )
    sign_in(page, ig_officer)
    page.goto("/staff/disclosure/similar/")
    page.get_by_label("What the request asks for").fill(
        "Please tell me how many homes have been empty for two years and pay the premium."
    )
    page.get_by_role("button", name="Look for released answers").click()
    expect(page.locator("#similar-disclosures")).to_contain_text(
        "Empty homes and the empty homes premium"
    )
    assert_accessible(page)


def test_the_prepare_error_states_are_accessible(page: Page, ig_officer):
    unanswered, _ = open_case(
        actor=None,
        kind=CaseKind.FOI,
        channel=Channel.WEB,
        subject="Public toilets cleaning costs",
        description="What do the public toilets cost to clean?",
        contact_name="Ola Nordmann",
    )
    sign_in(page, ig_officer)
    page.goto("/staff/disclosure/")
    page.get_by_label("Reference of the FOI or EIR request").fill("FOI-NOPE-0000")
    page.get_by_role("button", name="Prepare a draft").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("You have no request with the reference FOI-NOPE-0000")
    assert_accessible(page)

    page.goto(f"/staff/disclosure/prepare/{unanswered.reference}/")
    page.get_by_role("button", name="Prepare a draft").click()
    expect(summary).to_contain_text("Send the response before preparing it")
    assert_accessible(page)
