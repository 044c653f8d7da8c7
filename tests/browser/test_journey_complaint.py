"""Journey 4 of JOURNEYS.md in a real browser: a resident complains on the web form about a
repeated missed collection; an officer acknowledges it and answers at stage 1 with an outcome and a
lesson tagged to Waste, after a plain-English check; the resident asks for stage 2 from the
tracking page; a different officer answers stage 2 and the letter names the Local Government and
Social Care Ombudsman; the lesson is on the lessons page. Axe on every page, errors included.
The dates are checked against RULES.md: acknowledge within 5 working days of receipt, respond
within 10 (stage 1) or 20 (stage 2) working days of the acknowledgement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, CaseKind, Channel, Status
from opencex.catalogue.models import Service
from opencex.complaints import services as complaint_services
from opencex.complaints.models import Outcome, StageResponse
from opencex.feedback.models import CommentTheme
from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import assert_accessible
from tests.factories import (
    TEST_PASSWORD,
    ServiceAreaFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)
from tests.forms.conftest import SERVICES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council():
    cache.clear()
    for slug, (kind, team, days) in SERVICES.items():
        ServiceFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            case_kind=kind,
            team=TeamFactory(slug=team, name=team.replace("-", " ").title()),
            standard_days=days,
            standard_text=f"We deal with this within {days} working days.",
        )
    waste = Service.objects.get(slug="report-missed-bin")
    waste.title = "Report a missed bin collection"
    waste.service_area = ServiceAreaFactory(slug="waste-recycling", name="Waste and recycling")
    waste.save()
    sync_form_definitions()
    yield waste
    cache.clear()


@pytest.fixture
def officers(council):
    team = Service.objects.get(slug="make-complaint").team
    return (
        UserFactory(role=Role.CASEWORKER, full_name="Priya Shah", teams=[team]),
        UserFactory(role=Role.CASEWORKER, full_name="Tom Reid", teams=[team]),
    )


@pytest.fixture
def staff_page(browser: Browser, live_server) -> Iterator[Page]:
    """A second browser, for the officers, beside the resident's."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()


def sign_in(page: Page, officer, then: str) -> None:
    page.goto(then)
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(officer.full_name)


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def make_the_complaint(page: Page, earlier: Case) -> Case:
    page.goto("/forms/make-complaint/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    continue_(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us what happened")
    assert_accessible(page)  # the error state
    page.get_by_label("What happened?").fill(
        "This is the third time this month my green bin has been missed. I am fed up."
    )
    page.get_by_label("Reference number (optional)").fill(earlier.reference)
    continue_(page)
    page.get_by_label("What would you like us to do to put it right?").fill(
        "Empty it and stop missing our road."
    )
    continue_(page)
    page.get_by_label("No").check()
    continue_(page)
    page.get_by_label("Full name").fill("Ann Example")
    page.get_by_label("Email address").fill("ann@example.org")
    continue_(page)
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()
    complaint = Case.objects.get(kind=CaseKind.COMPLAINT)
    expect(page.locator(".govuk-panel")).to_contain_text(complaint.reference)
    assert_accessible(page)
    return complaint


def respond(page: Page, *, outcome: str, decision: str, lesson: str = "") -> None:
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Service complained about").select_option(
        label="Report a missed bin collection"
    )
    page.get_by_label("The complaint as you understand it").fill(
        "Your green bin was missed three times this month."
    )
    page.get_by_label("Your decision and the reasons for it").fill(decision)
    page.get_by_label("We apologise").check()
    page.get_by_label("What we did or will do to put it right (optional)").fill(
        "The crew will check your road on every round."
    )
    if lesson:
        page.get_by_label("Lesson learned (optional)").fill(lesson)
        page.get_by_label("Service the lesson is for").select_option(
            label="Report a missed bin collection"
        )
    page.get_by_role("button", name="Check wording and preview").click()
    expect(page.locator("#letter-preview")).to_be_visible()
    assert_accessible(page)


# A Thursday a week before Christmas: every response clock below crosses Christmas, Boxing Day
# (Monday 28 December as the substitute day) and New Year's Day, but not the council's closure
# days between Christmas and New Year, which do not stop a statutory clock (RULES.md).
COMPLAINT_DAY = dt.datetime(2026, 12, 17, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@time_machine.travel(COMPLAINT_DAY, tick=True)
def test_a_complaint_about_repeated_missed_collections_through_both_stages(
    page: Page, staff_page: Page, council, officers, smtp_server, run_jobs
):
    priya, tom = officers
    earlier, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was not emptied.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=council,
    )
    # The resident complains on the web form, without needing the officer's words.
    complaint = make_the_complaint(page, earlier)
    assert complaint.received_on == dt.date(2026, 12, 17)
    assert complaint.due_on == dt.date(2026, 12, 24)  # acknowledge within 5 working days

    # Stage 1: acknowledged, then answered after the plain-English check, with a lesson for Waste.
    sign_in(staff_page, priya, f"/staff/complaints/{complaint.reference}/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Stage 1 complaint")
    expect(staff_page.locator("main")).to_contain_text("Report a missed bin collection")
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Acknowledge today").click()
    expect(staff_page.get_by_text("Complaint acknowledged.")).to_be_visible()
    complaint.refresh_from_db()
    assert complaint.due_on == dt.date(2027, 1, 5)  # respond within 10 working days
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Check wording and preview").click()
    expect(staff_page.locator(".govuk-error-summary")).to_contain_text(
        "Choose upheld, partly upheld or not upheld"
    )
    assert_accessible(staff_page)  # the error state
    respond(
        staff_page,
        outcome="Partly upheld",
        decision="We missed your bin twice. We will utilise a new round sheet.",
        lesson="Crews tick off every house on the round sheet.",
    )
    expect(staff_page.locator("#wording-warnings")).to_contain_text("Instead of “utilise”")
    staff_page.get_by_role("button", name="Send response").click()
    expect(staff_page.get_by_text("Stage 1 response sent.")).to_be_visible()
    assert_accessible(staff_page)
    sign_out(staff_page)

    # The resident reads the answer and asks for stage 2 from the tracking page.
    page.goto("/track/")
    page.get_by_label("Reference").fill(complaint.reference)
    page.get_by_label("Email address you gave us").fill("ann@example.org")
    page.get_by_role("button", name="Find my request").click()
    expect(page.locator("main")).to_contain_text("Partly upheld")
    expect(page.get_by_text("We sent you our stage 1 response")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ask for stage 2").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tell us why you are unhappy with our stage 1 response"
    )
    assert_accessible(page)  # the error state
    page.get_by_label("Why are you unhappy with our stage 1 response?").fill(
        "It was missed again this week."
    )
    page.get_by_role("button", name="Ask for stage 2").click()
    expect(page.get_by_text("Your complaint is now at stage 2.")).to_be_visible()
    assert_accessible(page)
    complaint.refresh_from_db()
    assert (complaint.stage, complaint.status) == (2, Status.RECEIVED)
    assert complaint.due_on == dt.date(2026, 12, 24)  # acknowledge stage 2 within 5

    # The stage 1 officer may read stage 2 but not handle it.
    sign_in(staff_page, priya, f"/staff/complaints/{complaint.reference}/")
    expect(staff_page.get_by_text("someone else must handle stage 2")).to_be_visible()
    expect(staff_page.get_by_role("button", name="Acknowledge today")).to_have_count(0)
    sign_out(staff_page)

    # Stage 2 by a different officer: the final response names the ombudsman.
    sign_in(staff_page, tom, f"/staff/complaints/{complaint.reference}/")
    expect(staff_page.get_by_role("heading", level=1)).to_have_text("Stage 2 complaint")
    staff_page.get_by_role("button", name="Acknowledge today").click()
    complaint.refresh_from_db()
    assert complaint.due_on == dt.date(2027, 1, 19)  # respond within 20 working days
    run_jobs()
    smtp_server.messages.clear()
    respond(staff_page, outcome="Upheld", decision="We should have fixed this at stage 1.")
    expect(staff_page.locator("#letter-preview")).to_contain_text(
        "Local Government and Social Care Ombudsman"
    )
    staff_page.get_by_role("button", name="Send response").click()
    expect(staff_page.get_by_text("Stage 2 response sent.")).to_be_visible()
    run_jobs()
    [letter] = [m for m in smtp_server.messages if "final stage 2 response" in m["Subject"]]
    assert "Local Government and Social Care Ombudsman" in letter.get_content()
    assert "0300 061 0614" in letter.get_content()
    final = StageResponse.objects.get(stage=2)
    assert (final.outcome, final.responded_by, final.ombudsman) == (Outcome.UPHELD, tom, "lgsco")

    # The lesson learned is there for Waste.
    staff_page.goto("/staff/complaints/lessons/?area=waste-recycling")
    expect(staff_page.get_by_text("Crews tick off every house on the round sheet.")).to_be_visible()
    assert_accessible(staff_page)

    # The resident's page now says how to go to the ombudsman.
    page.reload()
    expect(page.get_by_role("heading", name="If you are still unhappy")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Local Government and Social Care Ombudsman")
    expect(page.get_by_role("button", name="Ask for stage 2")).to_have_count(0)
    assert_accessible(page)


def test_an_unhappy_resident_is_offered_the_complaints_process_and_staff_see_the_prompt(
    page: Page, staff_page: Page, council, officers
):
    waste_officer = UserFactory(role=Role.CASEWORKER, full_name="Sam Crew", teams=[council.team])
    request, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was not emptied on Monday.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=council,
    )

    # A first report: no offer. An unhappy reply: the offer, then the complaint in their words.
    page.goto(f"/track/?reference={request.reference}")
    page.get_by_label("Email address you gave us").fill("ann@example.org")
    page.get_by_role("button", name="Find my request").click()
    expect(page.get_by_text("Do you want to make a complaint?")).to_have_count(0)
    page.get_by_label("Add information or reply").fill("Still not emptied. Nobody called me back.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Do you want to make a complaint?")).to_be_visible()
    assert_accessible(page)

    # Staff see it among the possible complaints (before the resident decides).
    sign_in(staff_page, waste_officer, "/staff/complaints/possible/")
    expect(staff_page.get_by_role("link", name=request.reference)).to_be_visible()
    assert_accessible(staff_page)

    page.get_by_role("link", name="Make a complaint").click()
    expect(page.get_by_label("What happened?")).to_have_value(
        "Still not emptied. Nobody called me back."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Send my complaint").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Tell us what you would like us to do"
    )
    assert_accessible(page)  # the error state
    page.get_by_label("What would you like us to do to put it right?").fill("Empty it today.")
    page.get_by_role("button", name="Send my complaint").click()
    expect(page.get_by_text("We have your complaint.")).to_be_visible()
    expect(page.get_by_text("Stage 1", exact=True)).to_be_visible()
    assert_accessible(page)

    staff_page.reload()
    expect(staff_page.get_by_text("No open case sounds like a complaint")).to_be_visible()
    assert_accessible(staff_page)


def test_treat_as_a_complaint_in_one_click(staff_page: Page, council, officers):
    waste_officer = UserFactory(role=Role.CASEWORKER, full_name="Sam Crew", teams=[council.team])
    request, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="Third time this month! This is unacceptable.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=council,
    )

    sign_in(staff_page, waste_officer, "/staff/complaints/possible/")
    staff_page.get_by_role("button", name=f"Treat as a complaint {request.reference}").click()
    expect(staff_page.locator(".govuk-notification-banner")).to_contain_text("Stage 1 complaint")
    assert_accessible(staff_page)
    assert request.complaints_raised.get().case.team.slug == "complaints-and-feedback"


def test_compliments_and_comments_pages_with_their_errors(staff_page: Page, council, officers):
    priya, _ = officers
    desk = TeamFactory(slug="westgate-desk", name="Westgate Library desk")
    sam = UserFactory(role=Role.CONTACT_CENTRE, full_name="Sam Okafor", teams=[desk])
    praise, _ = open_case(
        actor=None,
        kind=CaseKind.COMPLIMENT,
        channel=Channel.WEB,
        subject="Compliment for Sam Okafor",
        description="Sam Okafor at the Westgate Library desk was so patient.",
        contact_name="Ann Example",
    )
    comment, _ = open_case(
        actor=None,
        kind=CaseKind.COMMENT,
        channel=Channel.WEB,
        subject="Comment about bins",
        description="Could the recycling collection come earlier in the day?",
        contact_name="Ann Example",
    )

    # Transactional tests start from an empty database, without the themes a migration adds.
    CommentTheme.objects.get_or_create(
        slug="bins-and-recycling",
        defaults={"name": "Bins and recycling", "keywords": ["bin", "recycling", "collection"]},
    )

    sign_in(staff_page, priya, "/staff/compliments/")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Compliment for Sam Okafor").click()
    expect(staff_page.get_by_label("Officer")).to_have_value(str(sam.pk))  # suggested
    staff_page.get_by_label("Officer").select_option(label="No one officer")
    staff_page.get_by_label("Team").select_option(label="No team")
    staff_page.get_by_role("button", name="Pass on the compliment").click()
    expect(staff_page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the officer or the team the compliment is for"
    )
    assert_accessible(staff_page)  # the error state
    staff_page.get_by_label("Officer").select_option(label="Sam Okafor")
    staff_page.get_by_role("button", name="Pass on the compliment").click()
    expect(staff_page.get_by_text("Compliment passed on.")).to_be_visible()
    assert_accessible(staff_page)

    staff_page.goto("/staff/comments/")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Comment about bins").click()
    expect(
        staff_page.get_by_text("Suggested theme from the words used: Bins and recycling")
    ).to_be_visible()
    staff_page.get_by_role("button", name="Save the theme").click()
    expect(staff_page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the service the comment is about"
    )
    assert_accessible(staff_page)  # the error state
    staff_page.get_by_label("Service it is about").select_option(
        label="Report a missed bin collection"
    )
    staff_page.get_by_role("button", name="Save the theme").click()
    expect(staff_page.get_by_text("Comment themed.")).to_be_visible()
    sign_out(staff_page)

    sign_in(staff_page, sam, "/staff/compliments/")
    expect(staff_page.locator("#recognition-feed")).to_contain_text("so patient")
    assert_accessible(staff_page)
    assert comment.comment_review.service == council
    assert praise.recognition.officer == sam


def test_asking_for_stage_two_works_without_javascript(
    browser: Browser, live_server, council, officers
):
    priya, _ = officers
    complaint, _ = open_case(
        actor=None,
        kind=CaseKind.COMPLAINT,
        channel=Channel.WEB,
        subject="Complaint: bins",
        description="Missed three times.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
    )
    complaint_services.acknowledge_complaint(actor=priya, case=complaint)
    complaint_services.record_complaint_response(
        actor=priya,
        case=complaint,
        outcome=Outcome.NOT_UPHELD,
        complaint_as_understood="Missed bins.",
        decision_and_reasons="The bin was not out.",
    )
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"/track/?reference={complaint.reference}")
        page.get_by_label("Email address you gave us").fill("ann@example.org")
        page.get_by_role("button", name="Find my request").click()
        page.get_by_role("button", name="Ask for stage 2").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        page.get_by_label("Why are you unhappy with our stage 1 response?").fill("It was out.")
        page.get_by_role("button", name="Ask for stage 2").click()
        expect(page.get_by_text("Your complaint is now at stage 2.")).to_be_visible()
    finally:
        context.close()
