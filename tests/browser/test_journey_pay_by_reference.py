"""Pay council tax by reference through the local test provider, in a real browser: choose, a
wrong check digit refused with the error summary, the amount, email, the provider's labelled
card page, and the receipt; axe on every page. Then the same journey with JavaScript off."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from opencex.payments.bills.purposes import post_to_bills_system_job
from opencex.payments.models import DemoBill, Payment, PaymentStatus
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council_tax_bill(settings, live_server):
    from django.core.cache import cache

    cache.clear()  # the journey's rate limits
    settings.OPENCEX_SITE_URL = live_server.url
    settings.OPENCEX_PAYMENT_PROVIDER = "test"
    return DemoBill.objects.create(
        kind="council_tax", reference="4001234564", description="2026/27", balance_pence=153240
    )


def pay_council_tax(page: Page, *, check=assert_accessible) -> None:
    page.goto("/pay/")
    check(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what you want to pay")
    check(page)
    page.get_by_label("Council tax").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("What is your council tax account number?").fill("4001234565")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Check your council tax account number: one of the numbers is wrong"
    )
    check(page)
    page.get_by_label("What is your council tax account number?").fill("400 123 4564")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_text("You owe £1,532.40.")).to_be_visible()
    check(page)
    page.get_by_label("How much do you want to pay?").fill("45.50")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check and pay")).to_be_visible()
    check(page)
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("button", name="Continue to payment of £45.50").click()

    expect(
        page.get_by_text("This is a test payment provider. No real money moves.")
    ).to_be_visible()
    check(page)
    page.get_by_label("Card number").fill("4444 3333 2222 1111")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Payment received")).to_be_visible()
    check(page)


def test_paying_council_tax_by_reference(page: Page, council_tax_bill):
    pay_council_tax(page)
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCESS
    expect(page.get_by_text(payment.reference)).to_be_visible()
    # Posted to the bills system by the job settlement queued (the worker's part, run here).
    assert post_to_bills_system_job.call(payment_id=payment.pk) is True
    council_tax_bill.refresh_from_db()
    assert council_tax_bill.paid_pence == 4550


def test_paying_council_tax_by_reference_without_javascript(
    browser: Browser, live_server, council_tax_bill
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        pay_council_tax(page, check=lambda page: None)  # axe needs scripts: checked above
    finally:
        context.close()
    assert Payment.objects.get().status == PaymentStatus.SUCCESS


def test_an_officer_takes_a_phone_payment_and_finance_refunds_part_of_it(
    page: Page, council_tax_bill
):
    from opencex.accounts.models import Role
    from tests.factories import TEST_PASSWORD, ResidentFactory, UserFactory

    resident = ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")
    manager = UserFactory(role=Role.TEAM_MANAGER, full_name="Jo Finance")
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"/staff/residents/{resident.pk}/payments/take/")
    page.get_by_role("button", name="Continue to the card page").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Council tax").check()
    page.get_by_label("Reference from their bill or notice").fill("4001234564")
    page.get_by_label("Amount (only where they choose how much)").fill("100")
    page.get_by_label("On the phone: I will type their card details").check()
    page.get_by_role("button", name="Continue to the card page").click()
    expect(page.get_by_text("Card holder not present")).to_be_visible()
    page.get_by_label("Card number").fill("4444333322221111")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Paid")
    assert_accessible(page)
    page.get_by_label("Amount to refund").fill("20")
    page.get_by_label("Why are you refunding this payment?").fill("Paid twice this month")
    page.get_by_role("button", name="Refund").click()
    expect(page.get_by_text("Refund of £20.00 submitted")).to_be_visible()

    page.goto("/staff/payments/")
    expect(page.get_by_role("heading", name="Taken", exact=True)).to_be_visible()
    expect(page.get_by_text("£100.00").first).to_be_visible()
    assert_accessible(page)
    payment = Payment.objects.get()
    assert (payment.card_holder_present, payment.refunded_pence) == (False, 2000)
