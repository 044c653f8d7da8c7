"""Book a bulky waste collection and pay through the local test provider, then see it in the
account and add it to a calendar: with JavaScript (axe on every page) and without it."""

from __future__ import annotations

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from opencex.bookings.models import Booking, Status
from opencex.bookings.slots import open_slots
from tests.bookings.conftest import london
from tests.browser.conftest import assert_accessible
from tests.factories import ResidentFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_resident(live_server, client, settings):
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = live_server.url
    with time_machine.travel(london(2026, 9, 3, 12), tick=True):
        ServiceFactory(slug="book-bulky-waste-collection", title="Book a bulky waste collection")
        open_slots()
        user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
        ResidentFactory(user=user, full_name="Ann Resident", email=user.email)
        client.force_login(user)
        yield client.cookies["sessionid"].value


def _book(page: Page, *, check) -> str:
    page.goto(f"/book/{'book-bulky-waste-collection'}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What do you want to book?")
    check(page)
    page.get_by_label("Furniture", exact=False).fill("6")  # more than a collection takes
    page.get_by_role("button", name="Continue").click()  # and nothing else filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the postcode")
    # The items' fieldset is in its error state as a whole (axe checks the page in it).
    expect(page.locator(".govuk-form-group--error > fieldset #items-error")).to_be_visible()
    check(page)
    page.get_by_label("Postcode of the collection address").fill("OX3 9AA")
    page.get_by_label("Collection address", exact=True).fill("14 Underhill Circus")
    page.get_by_label("Furniture", exact=False).fill("2")
    page.get_by_label("Where will you leave the items?").fill("By the gate")
    page.get_by_label("No, none of these").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a date")
    check(page)
    page.get_by_label("Monday 7 September, East round").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your booking and pay")
    check(page)
    page.get_by_role("button", name="Pay £44").click()

    # The local test provider's card page (clearly labelled: no real money moves).
    page.get_by_label("Card number").fill("4444 3333 2222 1111")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Booking confirmed")
    check(page)
    reference = page.locator(".govuk-panel__body strong").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Add it to your calendar (calendar file)").click()
    assert download.value.suggested_filename == f"{reference}.ics"
    page.get_by_role("link", name="See, move or cancel your booking").click()
    expect(page.locator("main")).to_contain_text("Monday 7 September 2026, 7am to 3pm")
    check(page)
    return reference


def test_book_and_pay_for_a_bulky_waste_collection(page: Page, live_server, signed_in_resident):
    page.context.add_cookies(
        [{"name": "sessionid", "value": signed_in_resident, "url": live_server.url}]
    )
    reference = _book(page, check=assert_accessible)
    assert Booking.objects.get(reference=reference).status == Status.CONFIRMED
    page.goto("/account/requests/")
    expect(page.get_by_role("link", name="Book a bulky waste collection")).to_be_visible()
    assert_accessible(page)


def test_the_same_booking_without_javascript(browser: Browser, live_server, signed_in_resident):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    cookie = {"name": "sessionid", "value": signed_in_resident, "url": live_server.url}
    context.add_cookies([cookie])
    page = context.new_page()
    try:
        reference = _book(page, check=lambda page: None)
        page.get_by_role("link", name="Cancel booking").click()
        page.get_by_role("button", name="Yes, cancel booking").click()
        expect(page.locator("main")).to_contain_text("Your booking is cancelled.")
        assert Booking.objects.get(reference=reference).status == Status.CANCELLED
    finally:
        context.close()
    assert settings.OPENCEX_PAYMENT_PROVIDER == "test"


def test_an_officer_books_by_phone_for_a_resident_and_sees_the_crews_list(
    page: Page, live_server, settings
):
    from tests.browser.test_staff_pages import sign_in_as

    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    settings.OPENCEX_SITE_URL = live_server.url
    settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR = []
    with time_machine.travel(london(2026, 9, 3, 12), tick=True):
        ServiceFactory(slug="book-bulky-waste-collection", title="Book a bulky waste collection")
        open_slots()
        resident = ResidentFactory(full_name="Bob Caller", email="bob@example.org")
        officer = UserFactory(role=Role.CONTACT_CENTRE, full_name="Dee Desk")
        sign_in_as(page, officer)
        page.goto(f"/staff/residents/{resident.pk}/")
        page.get_by_role("link", name="Book a bulky waste collection for this resident").click()
        assert_accessible(page)
        page.get_by_label("On the phone").check()
        page.get_by_label("Postcode of the collection address").fill("OX3 9AA")
        page.get_by_label("Collection address", exact=True).fill("3 Barton Road")
        page.get_by_label("Large electrical", exact=False).fill("1")
        page.get_by_role("button", name="Continue").click()
        assert_accessible(page)
        page.get_by_label("Wednesday 9 September, East round").check()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Check the booking and take the payment"
        )
        assert_accessible(page)
        page.get_by_role("button", name="Take £33").click()
        page.get_by_label("Card number").fill("4444333322221111")
        page.get_by_role("button", name="Continue").click()
        expect(page.locator("main")).to_contain_text("Confirmed")
        expect(page.locator("main")).to_contain_text("Phone (taken by an officer) (Dee Desk)")
        assert_accessible(page)
        page.goto("/staff/bookings/?day=2026-09-09&resource=round-east")
        expect(page.locator("main")).to_contain_text("3 Barton Road")
        assert_accessible(page)
        page.goto("/staff/bookings/rooms/?week=2026-09-07")
        assert_accessible(page)
