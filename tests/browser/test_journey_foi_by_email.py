"""Journey 5 of JOURNEYS.md, end to end: an FOI request arrives by email from WhatDoTheyKnow,
sent with smtplib to our own receiving SMTP server on loopback and read by the real worker, and
becomes a case; the information-governance officer asks for clarification; the clarification
arrives by email from the same WhatDoTheyKnow address and the clock restarts from that day; the
officer answers, prepares the disclosure log entry with the requester's name redacted and
publishes it; a resident finds it on the log and through the site search. Axe on every page,
error states included.

The dates are RULES.md's: day 0 is the London date of arrival, the response is due on the 20th
working day after it in the UK-wide calendar, and a clarification makes the day it arrives the
new day 0. The request is pinned to arrive some days ago; the officer acts today (the staff pages
act on the day they are used), so the clarification arrives today and the later dates are counted
from today with the clocks' own UK-wide calendar. tests/inbox/test_clarification_by_email.py
states the same journey's dates as fixed worked examples.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import Case, CaseKind, Channel, EventKind, Status
from opencex.clocks.calendars import uk_wide_calendar
from opencex.disclosure.models import DisclosureEntry, EntryStatus
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.inforights.models import InformationRequest
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, ServiceAreaFactory, TeamFactory, UserFactory
from tests.inbox.conftest import Receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")
WDTK = "foi+request-12345-abcd1234@whatdotheyknow.com"
SUBJECT = "Freedom of Information request - Dog fouling fines 2024"
FOOTER = (
    "-------------------------------------------------------------------\n\n"
    "Please use this email address for all replies to this request:\n"
    f"{WDTK}\n\n"
    "Is foi@oxford.gov.uk the wrong address for Freedom of Information requests to Oxford City "
    "Council? If so, please contact us using this form:\n"
    "https://www.whatdotheyknow.com/change_request/new?body=oxford_city_council\n\n"
    "Disclaimer: This message and any reply that you make will be published on the internet.\n\n"
    "-------------------------------------------------------------------"
)
REQUEST = (
    "Dear Oxford City Council,\n\n"
    "Please tell me how many fixed penalty notices for dog fouling the council issued in 2024, "
    "and how much was collected in fines.\n\n"
    f"Yours faithfully,\n\nJo Bloggs\n\n{FOOTER}"
)
CLARIFICATION = (
    "Dear Oxford City Council,\n\n"
    "I mean the notices issued in the city's parks and open spaces, month by month.\n\n"
    f"Yours faithfully,\n\nJo Bloggs\n\n{FOOTER}"
)
RESPONSE = (
    "Dear Jo Bloggs,\n\n"
    "In 2024 the council issued 87 fixed penalty notices for dog fouling in parks and open "
    "spaces, and collected £8,700 in fines. The figures for each month are below.\n\n"
    "Yours sincerely,\nInformation Governance Team"
)


def wdtk_email(subject: str, text: str) -> EmailMessage:
    """An email as WhatDoTheyKnow sends it: one sender address for the request, carrying its
    request number."""
    message = EmailMessage()
    message["From"] = f"Jo Bloggs <{WDTK}>"
    message["To"] = "foi@oxford.gov.uk"
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="whatdotheyknow.com")
    message.set_content(text)
    return message


def long(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def to_requester(smtp_server) -> list[EmailMessage]:
    return [email for email in smtp_server.messages if email["To"] == WDTK]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """Our receiving SMTP server (`opencex receive_mail`) on loopback."""
    running = Receiver()
    yield running
    running.stop()


@pytest.fixture
def ig_officer():
    cache.clear()
    ServiceAreaFactory(slug="street-scene", name="Streets and public spaces")
    team = TeamFactory(slug="information-governance", name="Information Governance")
    yield UserFactory(role=Role.INFORMATION_GOVERNANCE, teams=[team], full_name="Iris Grant")
    cache.clear()


@pytest.fixture
def resident_page(browser: Browser, live_server) -> Iterator[Page]:
    """A resident's own browser, with no staff session."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    yield context.new_page()
    context.close()


def sign_in(page: Page, officer, path: str) -> None:
    page.goto(path)
    page.get_by_label("Email address").fill(officer.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_foi_request_by_email_is_clarified_answered_and_published(
    page: Page, resident_page: Page, ig_officer, receiver, smtp_server, run_jobs
):
    uk_wide = uk_wide_calendar()
    today = timezone.localdate()
    arrived = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(10), tzinfo=LONDON)

    # The request arrives by email from WhatDoTheyKnow and the worker reads it.
    receiver.arrives_at = arrived
    receiver.send(wdtk_email(SUBJECT, REQUEST))
    run_jobs()
    case = Case.objects.get()
    assert (case.kind, case.channel) == (CaseKind.FOI, Channel.EMAIL)
    assert case.subject == "Dog fouling fines 2024"
    assert (case.contact_name, case.contact_email) == ("Jo Bloggs", WDTK)
    assert case.answers["request_site_reference"] == "12345"
    # Day 0 is the London date it arrived; due on the 20th UK-wide working day after it.
    assert case.received_on == arrived.date()
    first_due = uk_wide.add_working_days(arrived.date(), 20)
    assert case.due_on == first_due
    [acknowledgement] = to_requester(smtp_server)
    assert case.reference in acknowledgement["Subject"]
    assert acknowledgement["Reply-To"] == "foi@oxford.gov.uk"

    # The officer finds it on the register and opens it.
    sign_in(page, ig_officer, "/staff/information-requests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Information requests")
    expect(page.locator("#register")).to_contain_text(case.reference)
    assert_accessible(page)
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dog fouling fines 2024")
    expect(page.locator("#register-entry")).to_contain_text("Email")
    expect(page.locator("#register-entry")).to_contain_text(long(arrived.date()))
    expect(page.locator("#due-date")).to_have_text(long(first_due))
    assert_accessible(page)

    # "Which notices?": the officer asks for clarification on the case page; the clock stops.
    page.get_by_role("link", name=re.compile("Open the case page")).click()
    page.locator("#action-pause summary").click()
    page.get_by_label("What are you waiting for?").select_option(label="Waiting for clarification")
    page.get_by_label("Note (optional)").fill(
        "Do you mean every notice, or only those issued in parks and open spaces?"
    )
    page.get_by_role("button", name="Pause the clock").click()
    expect(page.locator("main")).to_contain_text("Waiting for the resident")
    assert_accessible(page)
    page.goto(f"/staff/information-requests/{case.reference}/")
    expect(page.locator("#due-date")).to_have_text("The clock is stopped")
    assert_accessible(page)
    run_jobs()
    [_, asked] = to_requester(smtp_server)
    assert "only those issued in parks" in asked.get_content()

    # The clarification arrives by email from the same WhatDoTheyKnow address: the clock
    # restarts, the day it arrived is the new day 0.
    receiver.arrives_at = None  # it arrives now
    receiver.send(wdtk_email(f"Re: {SUBJECT}", CLARIFICATION))
    run_jobs()
    clarified = InboundEmail.objects.get(subject=f"Re: {SUBJECT}")
    assert (clarified.status, clarified.case) == (InboundStatus.ADDED_TO_CASE, case)
    restarted_on = timezone.localdate(clarified.received_at)
    new_due = uk_wide.add_working_days(restarted_on, 20)
    case.refresh_from_db()
    assert (case.status, case.received_on) == (Status.IN_PROGRESS, arrived.date())
    assert (case.clock_started_on, case.due_on) == (restarted_on, new_due)
    assert new_due > first_due
    [*_, restarted] = to_requester(smtp_server)
    assert long(new_due) in restarted.get_content()
    page.reload()
    expect(page.locator("#due-date")).to_have_text(long(new_due))
    expect(page.locator("#clock-explanation")).to_contain_text(
        f"the clock restarted on {long(restarted_on)}"
    )
    assert_accessible(page)

    # The decision: sending it without the response is an error, shown in the summary.
    page.get_by_text("Record the decision and send the response").click()
    page.get_by_label("Information released", exact=True).check()
    page.get_by_role("button", name="Send the response").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Write the response to the requester")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    page.get_by_label("Response to the requester").fill(RESPONSE)
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator("#decision")).to_contain_text("Information released")
    assert_accessible(page)
    case.refresh_from_db()
    assert case.status == Status.RESPONDED
    assert today <= case.responded_on <= new_due  # answered in time
    assert InformationRequest.objects.get(case=case).decided_on == case.responded_on
    run_jobs()
    [*_, response] = to_requester(smtp_server)
    assert response["Subject"] == f"Our response to your request ({case.reference})"
    # One email for each thing that happened: receipt, the question, the restart, the answer.
    assert len(to_requester(smtp_server)) == 4
    assert case.events.filter(kind=EventKind.MESSAGE_IN).count() == 1

    # The disclosure log entry: prepared with the requester's name redacted, then published.
    page.goto("/staff/disclosure/")
    assert_accessible(page)
    page.get_by_label("Reference of the FOI or EIR request").fill(case.reference)
    page.get_by_role("button", name="Prepare a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prepare for the disclosure log")
    assert_accessible(page)
    page.get_by_role("button", name="Prepare a draft").click()
    expect(page.locator("#entry-status")).to_have_text("Draft")
    for preview in ("#preview-request", "#preview-response"):
        expect(page.locator(preview)).not_to_contain_text("Jo Bloggs")
        expect(page.locator(preview)).not_to_contain_text(WDTK)
    expect(page.locator("#preview-request mark").first).to_have_text("[redacted]")
    expect(page.locator("#preview-response mark").first).to_have_text("[redacted]")
    expect(page.locator("#redaction-summary")).to_contain_text("Names")
    assert_accessible(page)
    page.get_by_label("Service area").select_option(label="Streets and public spaces")
    page.get_by_label("I have checked this contains no personal data").check()
    page.get_by_role("button", name="Publish on the disclosure log").click()
    expect(page.locator("#entry-status")).to_have_text("Published")
    assert_accessible(page)
    entry = DisclosureEntry.objects.get(case=case)
    assert (entry.status, entry.released_on) == (EntryStatus.PUBLISHED, case.responded_on)

    # A resident finds it on the disclosure log, and through the site search.
    resident_page.goto("/disclosure-log/")
    resident_page.get_by_label("Search the disclosure log").fill("dog fouling fines")
    resident_page.get_by_role("button", name="Search").click()
    expect(resident_page.locator("#disclosure-count")).to_have_text("1 released response")
    assert_accessible(resident_page)
    resident_page.get_by_role("link", name="Dog fouling fines 2024").click()
    expect(resident_page.get_by_role("heading", level=1)).to_have_text("Dog fouling fines 2024")
    expect(resident_page.locator("#disclosure-response")).to_contain_text("87 fixed penalty")
    expect(resident_page.locator("main")).not_to_contain_text("Bloggs")
    expect(resident_page.locator("main")).not_to_contain_text("abcd1234")
    expect(resident_page.locator("main")).to_contain_text(f"{today.day} {today:%B %Y}")
    assert_accessible(resident_page)
    resident_page.goto("/search?q=dog+fouling+fines")
    resident_page.locator("#search-results").get_by_role(
        "link", name="Dog fouling fines 2024"
    ).click()
    expect(resident_page.get_by_role("heading", level=1)).to_have_text("Dog fouling fines 2024")
    assert_accessible(resident_page)
