"""The staff sign-in (setting up an authenticator app included), the workspace home and
information governance's retention page in a real browser: each passes axe's WCAG 2.2 AA rules,
error states included."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.retention.runs import apply_retention
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, ResidentFactory, UserFactory, record_vulnerability

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_page_is_accessible(page: Page):
    page.goto("/staff/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the staff workspace")
    assert_accessible(page)


def test_sign_in_errors_are_summarised_focused_and_accessible(page: Page):
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    expect(summary.get_by_role("link", name="Enter your password")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value("priya@example.org")
    assert_accessible(page)

    summary.get_by_role("link", name="Enter your password").click()
    expect(page.locator("#password")).to_be_focused()


def test_staff_home_after_signing_in_is_accessible(page: Page):
    officer = UserFactory(role=Role.CASEWORKER, full_name="Sam Okafor")
    page.goto("/staff/")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{page.url.split('/staff/')[0]}/staff/")
    expect(page.get_by_text("Signed in as Sam Okafor (Caseworker)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert_accessible(page)


def test_staff_can_sign_in_and_out_with_javascript_turned_off(browser, live_server):
    officer = UserFactory(role=Role.TEAM_MANAGER, full_name="Alex Jones")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/staff/sign-in/")
        page.get_by_label("Email address").fill(officer.email)
        page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Signed in as Alex Jones (Team manager)")).to_be_visible()

        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("You have signed out.")).to_be_visible()
    finally:
        context.close()


def test_the_text_message_outbox_is_accessible(page: Page):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    page.goto("/staff/outbox/")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Text message outbox")
    assert_accessible(page)


def test_filling_in_a_form_for_a_resident_is_accessible(page: Page):
    from opencex.forms.loading import sync_form_definitions
    from tests.factories import ServiceFactory

    ServiceFactory(slug="report-missed-bin", title="Report a missed bin collection")
    sync_form_definitions()
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    page.goto("/staff/forms/")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fill in a form for a resident")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Phone\W+Report a missed bin")).click()
    expect(page.get_by_text("It will be recorded as received by: Phone")).to_be_visible()
    assert_accessible(page)


def sign_in_as(page: Page, officer) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_setting_up_an_authenticator_app_and_its_wrong_code_are_accessible(page: Page, settings):
    settings.OPENCEX_TWO_FACTOR_REQUIRED_FOR = ["caseworker"]
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code may follow the wrong one at once
    officer = UserFactory(role=Role.CASEWORKER, full_name="Sam Okafor")
    sign_in_as(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    assert_accessible(page)

    page.get_by_label("Security code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter a correct security code")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)

    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("Security code").fill(f"{code:06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Your authenticator app is set up.")).to_be_visible()
    expect(page.get_by_text("Signed in as Sam Okafor (Caseworker)")).to_be_visible()
    assert_accessible(page)


def test_the_retention_page_with_a_review_due_and_a_run_is_accessible(page: Page):
    resident = ResidentFactory(full_name="Ada Okonkwo")
    record_vulnerability(
        resident, details="Lives alone.", review_on=timezone.localdate() - dt.timedelta(days=1)
    )
    apply_retention()
    sign_in_as(page, UserFactory(role=Role.INFORMATION_GOVERNANCE))

    page.get_by_role("navigation").get_by_role("link", name="Retention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Retention")
    expect(page.get_by_role("link", name="Ada Okonkwo")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What you decided for Ada Okonkwo (optional)").fill("Still needed")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.get_by_text("Review recorded")).to_be_visible()
    expect(page.get_by_text("No reviews are due.")).to_be_visible()
    assert_accessible(page)
