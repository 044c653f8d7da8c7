"""Assisted digital in a real browser: find a resident, see them in one view, log a contact
resolved there and then in two clicks (with the phone line, or a signposting found in the partner
directory by need), start a form for them, and create a record past a duplicate warning; break the
glass (with a reason) to see health details, and erase a resident's data on request; each state,
errors included, axe-clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.contacts.models import Contact
from opencex.directory.services import load_demo_directory
from opencex.forms.loading import sync_form_definitions
from opencex.people.models import Occupancy, Resident
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    CaseFactory,
    PropertyFactory,
    ResidentFactory,
    ServiceFactory,
    UserFactory,
    record_vulnerability,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oxford_directory():
    load_demo_directory()


def sign_in(page: Page, role: Role = Role.CONTACT_CENTRE) -> None:
    officer = UserFactory(role=role)
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_find_a_priority_resident_and_log_a_contact_in_two_clicks(page: Page):
    resident = ResidentFactory(full_name="Maria Kowalska")
    Occupancy.objects.create(
        resident=resident, property=PropertyFactory(postcode="OX4 1HR"), relationship="tenant"
    )
    record_vulnerability(resident)
    sign_in(page)

    page.goto("/staff/residents/")
    page.get_by_label("Postcode").fill("OX4 1HR")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("Maria Kowalska")
    assert_accessible(page)

    page.get_by_role("link", name="Maria Kowalska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maria Kowalska")
    expect(page.get_by_role("region", name="Priority resident")).to_be_visible()
    expect(page.get_by_text("Lives alone")).to_have_count(0)  # contact centre: banner only
    assert_accessible(page)

    # The two clicks: open the form (phone and "resolved" are chosen already), then log it.
    page.get_by_role("link", name="Log a contact resolved now").click()
    assert_accessible(page)
    page.get_by_role("button", name="Log contact").click()

    expect(page.get_by_text("Contact logged")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Resolved at first contact")).to_be_visible()
    assert Contact.objects.get().channel == "phone"
    assert_accessible(page)


@pytest.mark.usefixtures("oxford_directory")
def test_a_signposting_at_the_desk_found_in_the_directory_by_need(page: Page):
    resident = ResidentFactory(full_name="Tom Baker")
    sign_in(page)
    page.goto(f"/staff/residents/{resident.pk}/contacts/new/")

    page.get_by_label("Face to face", exact=True).check()
    page.get_by_label("Signposted to another organisation").check()
    page.get_by_role("button", name="Log contact").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select where you saw the resident")
    expect(summary).to_contain_text("Select who you signposted the resident to")
    assert_accessible(page)
    summary.get_by_role("link", name="Select who you signposted").click()
    expect(page.get_by_label("Signposted to (from the partner directory)")).to_be_focused()

    # Without JavaScript too: the search reloads the page with the matches listed first.
    page.get_by_label("Find a partner by need").fill("benefits")
    page.get_by_role("button", name="Find partners").click()
    expect(page.get_by_role("status")).to_contain_text("Directory entries for “benefits”")
    expect(page.get_by_label("Face to face", exact=True)).to_be_checked()
    assert_accessible(page)
    chooser = page.get_by_label("Signposted to (from the partner directory)")
    chooser.select_option(
        label="Citizens Advice Oxfordshire: Citizens Advice drop-in, Oxford city centre"
        " (Demo entry: not a real contact.)"
    )
    page.get_by_label("Where (for face to face or outreach)").select_option("westgate-library")
    page.get_by_role("button", name="Log contact").click()

    expect(page.get_by_text("Contact logged")).to_be_visible()
    entry = page.get_by_role("link", name="Citizens Advice drop-in, Oxford city centre")
    expect(entry).to_have_attribute("href", "/directory/citizens-advice-drop-in-oxford/")
    contact = Contact.objects.get()
    assert (contact.place, contact.signposted_service.slug) == (
        "westgate-library",
        "citizens-advice-drop-in-oxford",
    )
    assert_accessible(page)


def test_a_call_on_the_vulnerable_line_is_logged_with_its_line(page: Page):
    resident = ResidentFactory(full_name="Tom Baker")
    sign_in(page)
    page.goto(f"/staff/residents/{resident.pk}/contacts/new/")
    expect(page.get_by_label("Customer Services (01865 249811)")).to_be_checked()
    page.get_by_label("Vulnerable residents line (01865 252200)").check()
    page.get_by_role("button", name="Log contact").click()
    expect(page.get_by_role("table", name="Contacts")).to_contain_text("Vulnerable residents line")
    assert Contact.objects.get().is_vulnerable_line


def test_a_form_started_at_the_desk_without_a_place_shows_the_error(page: Page):
    resident = ResidentFactory(full_name="Tom Baker")
    ServiceFactory(slug="make-general-enquiry", case_kind="enquiry")
    sync_form_definitions()
    sign_in(page)
    page.goto(f"/staff/residents/{resident.pk}/")
    page.get_by_role("link", name="Fill in a form for this resident").click()
    page.get_by_role(
        "link", name=re.compile(r"^Face to face\s*: Ask the council a question")
    ).click()
    page.get_by_role("button", name="Start now").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select where you saw the resident")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    page.get_by_label("Where did you see them?").select_option("westgate-library")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("button", name="Continue")).to_be_visible()


def test_creating_a_resident_warns_of_a_likely_duplicate(page: Page):
    ResidentFactory(full_name="Maria Kowalska", email="maria@example.org")
    sign_in(page)
    page.goto("/staff/residents/")

    page.get_by_role("button", name="Search").click()  # nothing entered
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name, postcode")
    assert_accessible(page)

    page.get_by_label("Name").fill("Marie Kowalsky")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No residents match")).to_be_visible()
    page.get_by_role("link", name="Create a resident record").click()

    expect(page.get_by_label("Full name")).to_have_value("Marie Kowalsky")
    page.get_by_label("Email address (optional)").fill("Maria@example.org")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("These may be the same person")
    expect(page.get_by_role("link", name="Use the record for Maria Kowalska")).to_be_visible()
    assert Resident.objects.count() == 1
    assert_accessible(page)

    page.get_by_role("button", name="They are a different person: create a new record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marie Kowalsky")
    assert Resident.objects.count() == 2
    assert_accessible(page)


def test_the_create_form_error_state_is_accessible(page: Page):
    sign_in(page)
    page.goto("/staff/residents/new/")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("1990")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the resident's full name")
    expect(summary).to_contain_text("Date of birth must be a real date")
    assert_accessible(page)


def test_breaking_the_glass_its_error_and_the_reads_page_are_accessible(page: Page):
    resident = ResidentFactory(full_name="Maria Kowalska")
    record_vulnerability(resident)
    sign_in(page, Role.CASEWORKER)  # no case of hers with their team: no need to know
    page.goto(f"/staff/residents/{resident.pk}/")
    expect(page.get_by_label("Why do you need to see this information?")).to_be_visible()
    expect(page.get_by_text("Lives alone")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Show the details").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter why you need to see this information")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)

    summary.get_by_role("link", name="Enter why you need").click()
    expect(page.get_by_label("Why do you need to see this information?")).to_be_focused()
    page.get_by_label("Why do you need to see this information?").fill(
        "She phoned the out-of-hours line about a fall"
    )
    page.get_by_role("button", name="Show the details").click()
    expect(page.get_by_text("Lives alone, hard of hearing.")).to_be_visible()
    expect(page.get_by_text("You gave a reason to see this.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, Role.INFORMATION_GOVERNANCE)
    page.get_by_role("navigation").get_by_role("link", name="Break-glass reads").click()
    expect(page.get_by_role("table")).to_contain_text("out-of-hours line about a fall")
    assert_accessible(page)


def test_erasing_a_resident_its_errors_and_the_must_be_kept_refusal_are_accessible(page: Page):
    kept = ResidentFactory(full_name="Tom Baker")
    CaseFactory(resident=kept)  # still open: the council must keep his data
    resident = ResidentFactory(full_name="Marie Kowalsky", email="marie@example.org")
    sign_in(page, Role.INFORMATION_GOVERNANCE)

    page.goto(f"/staff/residents/{kept.pk}/erase/")
    expect(page.get_by_text("The council must keep this resident's data for now:")).to_be_visible()
    expect(page.locator("#reasons-to-keep")).to_contain_text("is still open")
    expect(page.get_by_role("button", name="Erase their personal data")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"/staff/residents/{resident.pk}/")
    page.get_by_role("link", name="Erase their personal data (on request)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase a resident's personal data")
    assert_accessible(page)

    page.get_by_role("button", name="Erase their personal data").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter why the data is being erased")
    expect(summary).to_contain_text("Confirm that you have checked who asked for the erasure")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    summary.get_by_role("link", name="Confirm that you have checked").click()
    expect(page.get_by_label("I have checked who asked")).to_be_focused()

    page.get_by_label("Why is this resident's data being erased?").fill(
        "She asked by email on 3 March; identity checked by phone"
    )
    page.get_by_label("I have checked who asked").check()
    page.get_by_role("button", name="Erase their personal data").click()
    expect(page.get_by_text("The resident's personal data has been erased")).to_be_visible()
    expect(page.get_by_text("Marie Kowalsky")).to_have_count(0)
    assert_accessible(page)


def test_the_must_be_kept_refusal_in_polish(page: Page, live_server):
    kept = ResidentFactory(full_name="Tom Baker")
    case = CaseFactory(resident=kept)
    page.context.add_cookies([{"name": "django_language", "value": "pl", "url": live_server.url}])
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE)
    page.goto(f"/staff/sign-in/?next=/staff/residents/{kept.pk}/erase/")
    page.locator("#email").fill(officer.email)
    page.locator("#password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page.locator("html")).to_have_attribute("lang", "pl")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Usuwanie danych osobowych mieszkańca")
    expect(page.locator("#reasons-to-keep")).to_have_text(
        f"Service request {case.reference}: sprawa jest nadal otwarta."
    )
    assert_accessible(page)
