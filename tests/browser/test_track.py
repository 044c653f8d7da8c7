"""Track and rate in a real browser: sign in by emailed link, your requests, the request page,
reply, "it is not fixed", rating and "Is this page useful?" — axe-clean on every page, errors
included, the tracking form by keyboard alone, and the emailed link that gets a resident locked out
by someone else's wrong guesses into their request."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from opencex import ratelimits
from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import CaseKind, Channel
from opencex.web.track_views import TRACK_LIMIT, TRACK_WINDOW
from tests.browser.conftest import assert_accessible
from tests.factories import ResidentFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"http://\S+(/account/sign-in/\S+)")


@pytest.fixture(autouse=True)
def _forget_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def missed_bin():
    team = TeamFactory(slug="waste-services", name="Waste Services")
    return ServiceFactory(
        slug="report-a-missed-bin",
        title="Report a missed bin collection",
        team=team,
        standard_days=2,
        standard_text="We will collect it within 2 working days of your report.",
        if_late="If we have not collected it after 2 working days, phone Customer Services.",
    )


@pytest.fixture
def caseworker(missed_bin):
    return UserFactory(role=Role.CASEWORKER, teams=[missed_bin.team])


def report(service, *, resident=None, email="ann@example.org"):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was not emptied on Monday.",
        contact_name="Ann Example",
        contact_email=email,
        resident=resident,
        service=service,
    )
    return case


def test_sign_in_by_link_then_your_requests_reply_and_not_fixed(
    page: Page, smtp_server, missed_bin, caseworker
):
    resident = ResidentFactory(email="ann@example.org", full_name="Ann Example")
    open_case = report(missed_bin, resident=resident)
    finished = report(missed_bin, resident=resident)
    change_status(actor=caseworker, case=finished, to="in_progress")
    change_status(actor=caseworker, case=finished, to="resolved")

    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("link", name="Enter your email address")).to_be_visible()
    assert_accessible(page)  # the error state
    page.get_by_label("Email address").fill("ann@example.org")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    path = LINK.search(smtp_server.messages[-1].get_content()).group(1)
    page.goto(path)
    assert_accessible(page)
    page.get_by_role("button", name="Sign in and see your requests").click()
    expect(page.get_by_role("heading", name="Your requests")).to_be_visible()
    expect(page.get_by_role("link", name="Bin not emptied")).to_have_count(2)
    assert_accessible(page)

    page.goto(f"/track/{open_case.reference}")
    expect(page.get_by_text("We aim to finish by")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("link", name="Write your message")).to_be_visible()
    assert_accessible(page)  # the error state
    page.get_by_label("Add information or reply").fill("It is the green bin by the gate.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("We have your message.")).to_be_visible()
    expect(page.get_by_text("It is the green bin by the gate.")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/track/{finished.reference}")
    page.get_by_label("What is still wrong?").fill("The bin is still full.")
    page.get_by_role("button", name="It is not fixed").click()
    expect(page.get_by_text("We have opened it again")).to_be_visible()
    expect(page.get_by_text("You told us it is not fixed")).to_be_visible()
    assert_accessible(page)

    page.goto(path)  # the link works once only
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sign out").click()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()


def test_track_by_keyboard_only_then_rate_the_closed_request(page: Page, missed_bin, caseworker):
    case = report(missed_bin)
    change_status(actor=caseworker, case=case, to="in_progress")
    change_status(actor=caseworker, case=case, to="resolved")
    close_case(actor=caseworker, case=case, outcome="We collected it on Tuesday.")

    page.goto(f"/track/{case.reference}/feedback")  # the link in the "closed" email
    expect(page.get_by_label("Reference")).to_have_value(case.reference)
    page.get_by_label("Reference").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Email address you gave us")).to_be_focused()
    page.keyboard.type("wrong@example.org")
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("We could not find a request with that reference").first
    ).to_be_visible()
    assert_accessible(page)  # the error state

    page.get_by_label("Email address you gave us").fill("")
    page.get_by_label("Email address you gave us").focus()
    page.keyboard.type("ann@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Find my request")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Tell us how we did")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("link", name="Choose how satisfied you are")).to_be_visible()
    assert_accessible(page)  # the error state
    page.get_by_label("Very satisfied").check()
    page.get_by_label("How could we improve this service? (optional)").fill("Quick, thanks.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/track/{case.reference}/feedback")
    expect(page.get_by_role("heading", name="You have already told us how we did")).to_be_visible()
    page.goto(f"/track/{case.reference}")
    expect(page.get_by_text("We finished your request")).to_be_visible()
    assert_accessible(page)


def test_is_this_page_useful(page: Page):
    page.goto("/services/")
    page.get_by_role("button", name="No this page is not useful").click()
    expect(page.get_by_role("heading", name="Help us improve this page")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What were you trying to do? (optional)").fill("Find my bin day")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Thank you for your feedback")).to_be_visible()
    assert page.url.endswith("/services/#page-feedback")
    assert_accessible(page)

    page.goto("/")
    page.get_by_role("button", name="Yes this page is useful").click()
    expect(page.get_by_text("Thank you for your feedback")).to_be_visible()


def test_contact_preferences_with_an_error_then_saved(page: Page, live_server, client):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    ResidentFactory(user=user, email="ann@example.org", phone="")
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto("/account/preferences/")
    page.get_by_role("radio", name="Text message").check()
    page.get_by_role("checkbox", name="Text messages").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a UK mobile phone number to get text messages"
    )
    assert_accessible(page)  # the error state
    page.get_by_label("Mobile phone number (for text messages)").fill("07700 900123")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your contact preferences have been saved.")).to_be_visible()
    assert_accessible(page)


def test_a_resident_locked_out_by_wrong_guesses_gets_in_by_an_emailed_link(
    page: Page, smtp_server, missed_bin
):
    case = report(missed_bin)
    for _ in range(TRACK_LIMIT):  # someone else's wrong guesses at her reference
        assert ratelimits.allow(
            scope="track-reference", values=[case.reference], limit=TRACK_LIMIT, window=TRACK_WINDOW
        )

    page.goto("/track/")
    page.get_by_label("Reference").fill(case.reference)
    page.get_by_label("Email address you gave us").fill("ann@example.org")
    page.get_by_role("button", name="Find my request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You have tried too many times")
    expect(page.get_by_role("heading", name="Get a link to your request by email")).to_be_visible()
    assert_accessible(page)  # the locked state

    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)
    path = LINK.search(smtp_server.messages[-1].get_content()).group(1)
    page.goto(path)
    page.get_by_role("button", name="Sign in and see your requests").click()
    expect(page).to_have_url(re.compile(f"/track/{case.reference}$"))
    expect(page.get_by_text("We aim to finish by")).to_be_visible()


def test_the_locked_state_in_arabic_reads_right_to_left(page: Page, live_server, missed_bin):
    case = report(missed_bin)
    for _ in range(TRACK_LIMIT):
        ratelimits.allow(
            scope="track-reference", values=[case.reference], limit=TRACK_LIMIT, window=TRACK_WINDOW
        )
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto("/track/")
    page.locator("#id_reference").fill(case.reference)
    page.locator("#id_email").fill("ann@example.org")
    page.locator("main form button[type=submit]").first.click()

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".govuk-error-summary")).to_contain_text("لقد حاولت مرات كثيرة جدًا")
    link_heading = page.get_by_role("heading", name="احصل على رابط لطلبك بالبريد الإلكتروني")
    expect(link_heading).to_be_visible()
    assert_accessible(page)
