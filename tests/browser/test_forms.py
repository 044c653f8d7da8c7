"""Forms in a real browser: the missed-bin journey on a 320px phone with axe on every page, and
fly-tipping with a photo in a browser with JavaScript turned off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from opencex.cases.models import Case
from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.factories import PropertyFactory, ServiceFactory, TeamFactory
from tests.forms.conftest import SERVICES, tiny_png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forms():
    for slug, (kind, team, days) in SERVICES.items():
        ServiceFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            case_kind=kind,
            team=TeamFactory(slug=team, name=team.replace("-", " ").title()),
            standard_days=days,
            standard_text=f"We deal with this within {days} working days.",
        )
    sync_form_definitions()


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def test_reporting_a_missed_bin_on_a_phone(page: Page, forms):
    home = PropertyFactory(address_line_1="12 Cowley Road", postcode="OX4 1HR")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/services/report-missed-bin/")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a missed bin collection")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    # The address: a mistake first, shown in the error summary and beside the field.
    page.get_by_label("Search by postcode").fill("OX4")
    page.get_by_role("button", name="Find address").click()
    expect(page).to_have_title(
        f"Error: Where was the collection missed? \N{EN DASH} Report a missed bin collection "
        f"\N{EN DASH} {_council()}"
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a full UK postcode")
    assert_accessible(page)
    page.locator(".govuk-error-summary a").click()
    expect(page.get_by_label("Search by postcode")).to_be_focused()
    page.get_by_label("Search by postcode").fill("ox4 1hr")
    page.get_by_role("button", name="Find address").click()
    page.get_by_label("Select an address").select_option(home.uprn)
    assert_accessible(page)
    continue_(page)

    # Nothing chosen: an error, then the right answer.
    continue_(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select which bins were not collected"
    )
    assert_accessible(page)
    page.get_by_label("Recycling (blue bin)").check()
    continue_(page)

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    page.get_by_label("Day").fill(str(yesterday.day))
    page.get_by_label("Month").fill(str(yesterday.month))
    page.get_by_label("Year").fill("20")
    continue_(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("The year must include 4 numbers")
    expect(page.get_by_label("Day")).to_have_value(str(yesterday.day))  # nothing lost
    assert_accessible(page)
    page.get_by_label("Year").fill(str(yesterday.year))
    continue_(page)

    assert_accessible(page)
    continue_(page)  # nothing else to add

    page.get_by_label("Full name").fill("Amira Haddad")
    page.get_by_label("Email address").fill("amira@example.org")
    assert_accessible(page)
    continue_(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your form"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text("12 Cowley Road, Oxford OX4 1HR")
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "forms-check-answers-320.png", full_page=True)

    # Change an answer and come back to check your answers.
    page.get_by_role("link", name="Change which bins were not collected?").click()
    page.get_by_label("Food waste (caddy)").check()
    continue_(page)
    expect(page.locator(".govuk-summary-list")).to_contain_text(
        "Recycling (blue bin), Food waste (caddy)"
    )

    page.get_by_role("button", name="Accept and send").click()
    expect(page.get_by_role("heading", name="Form sent")).to_be_visible()
    case = Case.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    due = case.due_on
    expect(page.get_by_text(f"{due:%A} {due.day} {due:%B %Y}")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SCREENSHOTS / "forms-confirmation-320.png", full_page=True)

    # A resubmitted page (the browser's back button, then send again) makes no second case.
    page.go_back()
    page.reload()
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    assert Case.objects.count() == 1


def _council() -> str:
    from django.conf import settings

    return settings.COUNCIL_PROFILE.name


def test_reporting_fly_tipping_with_a_photo_without_javascript(
    browser: Browser, live_server, forms, tmp_path
):
    photo = tmp_path / "fly-tipping.png"
    photo.write_bytes(tiny_png())
    not_a_photo = tmp_path / "sofa.jpg"
    not_a_photo.write_bytes(b"this is not a photo at all")
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    try:
        page.goto("/forms/report-fly-tipping/")
        page.get_by_role("button", name="Start now").click()
        page.get_by_label("Street name and a landmark nearby").fill(
            "Outside 20 Magdalen Road, by the lamp post"
        )
        continue_(page)
        page.get_by_label("Furniture or mattresses").check()
        page.get_by_label("A single item").check()
        continue_(page)

        page.get_by_label("Upload a photo (optional)").set_input_files(not_a_photo)
        continue_(page)
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "The selected file must be a JPG, PNG, GIF or HEIC photo, or a PDF"
        )
        page.get_by_label("Upload a photo (optional)").set_input_files(photo)
        continue_(page)

        page.get_by_label("Full name").fill("Piotr Nowak")
        page.get_by_label("Email address").fill("piotr@example.org")
        continue_(page)
        expect(page.locator(".govuk-summary-list")).to_contain_text("fly-tipping.png")
        page.get_by_role("button", name="Accept and send").click()
        expect(page.get_by_role("heading", name="Form sent")).to_be_visible()

        case = Case.objects.get()
        expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
        assert case.subject.startswith("Fly-tipping: Furniture or mattresses at Outside 20")
        assert case.attachments.get().original_name == "fly-tipping.png"
    finally:
        context.close()
