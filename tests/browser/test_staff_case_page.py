"""A caseworker's day on the case page in a real browser: a standard reply edited and sent, the
resident's reply coming back, related cases and a duplicate, a complaint escalated, priority
raised; axe-clean in every state, error states included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases import resident_actions
from opencex.cases.actions import opening
from opencex.cases.models import Case, CaseEvent, CaseKind, Channel, EventKind, Status
from opencex.cases.policies import ReferenceGrant
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    ResidentFactory,
    StandardReplyFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, user) -> None:
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def open_case(team, *, kind=CaseKind.SERVICE_REQUEST, subject, email, resident=None) -> Case:
    case, _ = opening.open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject=subject,
        description="Reported on the website.",
        contact_name="Ada Okonkwo",
        contact_email=email,
        resident=resident,
    )
    case.team = team
    case.save()
    return case


def open_action(page: Page, name: str) -> None:
    details = page.locator(f"#action-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


def test_a_caseworker_works_a_case_from_the_case_page(page: Page, team):
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")
    StandardReplyFactory(
        name="Which bin?",
        body="Dear {name}, which bin was missed for {reference}? [Write the choices]",
    )
    resident = ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")
    case = open_case(team, subject="Bin not emptied", email="ada@example.org", resident=resident)
    related = open_case(team, subject="Street missed", email="bo@example.org")
    duplicate = open_case(team, subject="Bin not emptied again", email="cy@example.org")
    sign_in(page, caseworker)

    # Pick a standard reply: the page comes back with the message filled in to edit.
    page.goto(f"/staff/cases/{case.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bin not emptied")
    assert_accessible(page)
    open_action(page, "message")
    page.get_by_label("Start from a standard reply").select_option(label="Which bin?")
    page.get_by_role("button", name="Use this reply").click()
    message = page.get_by_label("Message to the resident")
    expect(message).to_have_value(re.compile(rf"Dear Ada Okonkwo, which bin .*{case.reference}"))
    assert_accessible(page)

    # Sending it with the instruction still in brackets is an error, then the edit is sent.
    page.get_by_role("button", name="Send message").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Replace the words in square brackets")
    assert_accessible(page)
    page.get_by_label("Message to the resident").fill(
        f"Dear Ada Okonkwo, which bin was missed for {case.reference}: green or blue?"
    )
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".moj-timeline")).to_contain_text("green or blue?")

    # The resident replies from the tracking page; the case shows a new reply.
    resident_actions.reply(
        actor=None,
        grant=ReferenceGrant(case_id=case.pk, email="ada@example.org"),
        case=case,
        body="The green one.",
    )
    page.reload()
    banner = page.locator("#new-reply-banner")
    expect(banner).to_contain_text("New reply from the resident")
    banner.get_by_role("link", name="Read the reply").click()
    expect(page.locator(".moj-timeline")).to_contain_text("The green one.")
    assert_accessible(page)

    # Link a related case: first a reference that does not exist, then the right one.
    open_action(page, "link")
    page.get_by_label("Reference of the related case").fill("SR-NONE-NONE")
    page.get_by_role("button", name="Link the cases").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("No case with the reference")
    assert_accessible(page)
    page.get_by_label("Reference of the related case").fill(related.reference)
    page.get_by_role("button", name="Link the cases").click()
    expect(page.locator("#linked-cases + ul")).to_contain_text(related.reference)

    # Close another report as a duplicate of this case; both pages show the link.
    page.goto(f"/staff/cases/{duplicate.reference}/")
    open_action(page, "duplicate")
    page.get_by_label("Reference of the original case").fill(case.reference)
    page.get_by_label("Why is this a duplicate?").fill("The same missed bin")
    page.get_by_role("button", name="Close as a duplicate").click()
    expect(page.get_by_text("Case closed as a duplicate")).to_be_visible()
    page.get_by_role("link", name=case.reference).click()
    expect(page.locator("#linked-cases + ul")).to_contain_text(duplicate.reference)
    expect(page.locator("#new-reply-banner")).to_be_visible()  # not acted on yet
    assert_accessible(page)

    # Raise the priority: the triage banner appears.
    open_action(page, "priority")
    page.get_by_label("Urgent").check()
    page.get_by_role("button", name="Change priority").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give the reason for changing the priority"
    )
    assert_accessible(page)
    page.get_by_label("Reason for the change").fill("No collection for three weeks")
    page.get_by_role("button", name="Change priority").click()
    expect(page.locator("#triage-banner")).to_contain_text("Urgent priority")
    assert_accessible(page)

    duplicate.refresh_from_db()
    assert duplicate.status == Status.CLOSED
    assert CaseEvent.objects.filter(case=case, kind=EventKind.MESSAGE_OUT).count() == 1


def test_a_caseworker_escalates_a_complaint(page: Page, team):
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team])
    complaint = open_case(
        team, kind=CaseKind.COMPLAINT, subject="Missed bins again", email="ada@example.org"
    )
    sign_in(page, caseworker)
    page.goto(f"/staff/cases/{complaint.reference}/")
    open_action(page, "escalate")
    page.get_by_role("button", name="Escalate to stage 2").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Say why the resident is unhappy with the stage 1 reply")
    assert_accessible(page)
    page.get_by_label("Why does the resident want stage 2?").fill("The reply missed the point")
    page.get_by_role("button", name="Escalate to stage 2").click()
    expect(page.get_by_text("Complaint escalated to stage 2")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text("stage 2")
    assert_accessible(page)
    complaint.refresh_from_db()
    assert complaint.stage == 2


def test_a_standard_reply_is_chosen_and_sent_without_javascript(browser, live_server, team):
    caseworker = UserFactory(role=Role.CASEWORKER, teams=[team])
    StandardReplyFactory(name="Passed on", body="We have passed {reference} to the crew.")
    case = open_case(team, subject="Bin not emptied", email="ada@example.org")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, caseworker)
        page.goto(f"/staff/cases/{case.reference}/")
        open_action(page, "message")
        page.get_by_label("Start from a standard reply").select_option(label="Passed on")
        page.get_by_role("button", name="Use this reply").click()
        expect(page.get_by_label("Message to the resident")).to_have_value(
            f"We have passed {case.reference} to the crew."
        )
        page.get_by_role("button", name="Send message").click()
        expect(page.get_by_text("Message sent to the resident")).to_be_visible()
    finally:
        context.close()
    assert CaseEvent.objects.get(case=case, kind=EventKind.MESSAGE_OUT).body == (
        f"We have passed {case.reference} to the crew."
    )
