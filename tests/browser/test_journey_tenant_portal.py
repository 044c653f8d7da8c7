"""The tenant portal in a real browser, on Friday 18 December 2026: a council tenant signs in by
emailed link, checks their rent, reports damp and mould in the bathroom with a photo and sees
the date by which the council must investigate (10 working days over Christmas: Wednesday
6 January 2027, RULES.md). Axe on every page, the error state included; and the same report
with JavaScript turned off."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from opencex.housing.models import RentTransaction, Repair
from tests.browser.conftest import assert_accessible
from tests.forms.conftest import tiny_png
from tests.housing.conftest import make_tenant, repair_form, repair_services  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
FRIDAY_18_DECEMBER = dt.datetime(2026, 12, 18, 10, 0, tzinfo=LONDON)
LINK = re.compile(r"http://\S+(/account/sign-in/\S+)")


@pytest.fixture
def tenant_at_home(request):
    request.getfixturevalue("repair_form")  # the repair form and its services (tests/housing)
    cache.clear()
    user, tenancy = make_tenant()
    for ref, day, kind, amount in (
        ("R1", dt.date(2026, 12, 14), "charge", "98.50"),
        ("R2", dt.date(2026, 12, 15), "payment", "-60.00"),
    ):
        RentTransaction.objects.create(
            transaction_ref=ref, tenancy=tenancy, posted_on=day, kind=kind, amount=Decimal(amount)
        )
    yield user, tenancy
    cache.clear()


def sign_in(page: Page, smtp_server, email: str, *, check=lambda page: None) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Email me a link").click()
    path = LINK.search(smtp_server.messages[-1].get_content()).group(1)
    page.goto(path)
    page.get_by_role("button", name="Sign in and see your requests").click()
    expect(page.get_by_role("heading", name="Your requests")).to_be_visible()


def report_damp_in_the_bathroom(page: Page, photo, *, check) -> None:
    page.goto("/housing/")
    page.get_by_role("link", name="Report a repair").click()
    page.get_by_role("button", name="Continue").click()  # nothing chosen: the error state
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select where the problem is")
    check(page)
    page.get_by_label("Bathroom or toilet").check()
    page.get_by_role("button", name="Continue").click()
    check(page)
    page.get_by_label("Walls, ceiling or windows").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Damp or mould on walls, ceiling or windows").check()
    page.get_by_role("button", name="Continue").click()
    check(page)
    page.get_by_label("Describe the problem").fill("Black mould on the ceiling above the bath.")
    page.get_by_label("Add a photo (optional)").set_input_files(photo)
    page.get_by_role("button", name="Report the repair").click()
    expect(page.locator("#hazard-steps")).to_contain_text("by Wednesday 6 January 2027")
    check(page)


@time_machine.travel(FRIDAY_18_DECEMBER, tick=True)
def test_a_tenant_checks_their_rent_and_reports_damp_and_mould_with_a_photo(
    page: Page, smtp_server, tenant_at_home, tmp_path
):
    user, _tenancy = tenant_at_home
    photo = tmp_path / "mould.png"
    photo.write_bytes(tiny_png())
    sign_in(page, smtp_server, user.email)

    page.goto("/housing/")
    expect(page.locator("main")).to_contain_text("Secure tenancy")
    expect(page.locator("main")).to_contain_text("You owe £38.50.")
    assert_accessible(page)
    page.get_by_role("link", name="See your rent account").click()
    expect(page.locator("#rent-summary")).to_contain_text("£98.50 on Monday 21 December 2026")
    assert_accessible(page)

    report_damp_in_the_bathroom(page, photo, check=assert_accessible)
    repair = Repair.objects.get()
    assert repair.case.due_on == dt.date(2027, 1, 6)
    assert repair.case.attachments.get().original_name == "mould.png"
    expect(page.locator("main")).to_contain_text("mould.png")


@time_machine.travel(FRIDAY_18_DECEMBER, tick=True)
def test_the_same_report_works_without_javascript(
    browser: Browser, live_server, smtp_server, tenant_at_home, tmp_path
):
    user, _tenancy = tenant_at_home
    photo = tmp_path / "mould.png"
    photo.write_bytes(tiny_png())
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    try:
        sign_in(page, smtp_server, user.email)
        report_damp_in_the_bathroom(page, photo, check=lambda page: None)
        assert Repair.objects.get().case.hazard_class == "significant"
    finally:
        context.close()


def test_an_officer_sees_the_tenancy_and_the_import_log(page: Page, tenant_at_home):
    from opencex.accounts.models import Role
    from opencex.housing.importing import csv_rows, import_rows
    from tests.browser.test_journey_complaint import sign_in as staff_sign_in
    from tests.factories import UserFactory

    user, _tenancy = tenant_at_home
    import_rows(
        actor=None,
        kind="slots",
        rows=csv_rows("slot_ref,starts_at,ends_at\nS-1,soon,2026-12-14T12:00\n", "slots"),
        source="csv",
        file_name="slots.csv",
    )
    staff_sign_in(
        page, UserFactory(role=Role.TEAM_MANAGER), f"/staff/residents/{user.resident.pk}/"
    )
    expect(page.locator("#tenancies")).to_have_text("Council tenancy and rent")
    expect(page.locator("main")).to_contain_text("Secure tenancy T-1001")
    assert_accessible(page)
    page.get_by_role("navigation").get_by_role("link", name="Housing imports").click()
    expect(page.locator("main")).to_contain_text("slots.csv")
    expect(page.locator("main")).to_contain_text("Refused:")
    assert_accessible(page)
