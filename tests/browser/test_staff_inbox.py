"""An information-governance officer works the held emails in a real browser: the list, an
email's page, a mistake shown in the error summary, a case opened and a reply added to its case;
axe-clean in every state."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseEvent, CaseKind, EventKind
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory
from tests.inbox.held import council_teams, email_case, held_email, held_reply
from tests.inbox.mail import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }


def sign_in(page: Page, user) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def open_decision(page: Page, name: str) -> None:
    details = page.locator(f"#decision-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_an_officer_opens_a_case_from_a_held_email(page: Page):
    teams = council_teams()
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[teams["information-governance"]])
    held_email(
        subject="Tree survey for Cutteslowe Park",
        text="Please send the tree survey.\n<b>Thank you</b>",
        files=(("map.pdf", PDF, "application/pdf"),),
        received_at=dt.datetime(2025, 8, 15, 16, 40, tzinfo=LONDON),
    )
    sign_in(page, officer)

    page.goto("/staff/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Emails held for an officer")
    assert_accessible(page)

    page.get_by_role("link", name="Tree survey for Cutteslowe Park").click()
    expect(page.locator("#email-text")).to_contain_text("<b>Thank you</b>")
    expect(page.locator("#email-files")).to_contain_text("map.pdf")
    assert_accessible(page)

    # Forgetting to choose the kind: the error summary links to the radios.
    open_decision(page, "open-case")
    page.get_by_role("button", name="Open a case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the kind of case to open")
    assert_accessible(page)

    page.get_by_label("Environmental Information request").check()
    page.get_by_role("button", name="Open a case").click()
    case = Case.objects.get()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(case.reference)
    assert (case.kind, case.received_on) == (CaseKind.EIR, dt.date(2025, 8, 15))
    expect(page.locator("#emails")).to_contain_text("No emails are waiting for an officer.")


def test_an_officer_adds_a_held_reply_to_its_case_after_a_wrong_reference(page: Page):
    teams = council_teams()
    officer = UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[teams["information-governance"]])
    case = email_case(team=teams["information-governance"])
    email = held_reply(case, subject=f"Re: {case.reference} my solicitor writes")
    sign_in(page, officer)

    page.goto(f"/staff/inbox/{email.pk}/")
    page.get_by_label("Reference of the case").fill("FOI-ZZZZ-ZZZZ")
    page.get_by_role("button", name="Add to the case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "There is no case with the reference FOI-ZZZZ-ZZZZ"
    )
    assert_accessible(page)

    page.get_by_label("Reference of the case").fill(case.reference)
    page.get_by_role("button", name="Add to the case").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(case.reference)
    assert CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_IN).count() == 1

    page.get_by_role("link", name="Dealt with by an officer").click()
    page.get_by_role("link", name=f"Re: {case.reference} my solicitor writes").click()
    expect(page.locator("#officer-actions")).to_contain_text(officer.full_name)
    assert_accessible(page)
