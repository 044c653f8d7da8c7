"""A resident who sent requests without an account signs in by an emailed link, in a real
browser with axe on every page (the sign-in error too): the cases sent from that address join
their account, and a case sent from another address does not."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from opencex.cases.models import Case, EventKind
from tests.browser.conftest import assert_accessible
from tests.factories import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+(/account/sign-in/\S+)")


def test_requests_sent_without_an_account_join_it_once_the_email_is_proven(
    page: Page, smtp_server, run_jobs
):
    cache.clear()  # the sign-in rate limits count in the cache
    mine = CaseFactory(
        contact_email="Ann.Example@example.org", subject="Pothole on Iffley Road", resident=None
    )
    also_mine = CaseFactory(
        contact_email="ann.example@example.org", subject="Street light out", resident=None
    )
    someone_elses = CaseFactory(contact_email="bob@example.org", resident=None)

    page.goto("/account/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to see your requests")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)  # the error state

    page.get_by_label("Email address").fill("ann.example@example.org")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    run_jobs()
    [message] = [m for m in smtp_server.messages if m["To"] == "ann.example@example.org"]
    page.goto(LINK.search(message.get_content()).group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in and see your requests").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your requests")
    requests = page.locator("main table")
    expect(requests).to_contain_text(mine.reference)
    expect(requests).to_contain_text(also_mine.reference)
    expect(requests).not_to_contain_text(someone_elses.reference)
    assert_accessible(page)

    mine.refresh_from_db()
    assert mine.resident is not None
    assert mine.resident.user.email == "ann.example@example.org"
    assert Case.objects.get(pk=also_mine.pk).resident == mine.resident
    assert Case.objects.get(pk=someone_elses.pk).resident is None
    assert mine.events.filter(kind=EventKind.NOTE, data__proven_email="ann.example@example.org")
