"""Each staff role's main day, walked end to end in a real browser through the real pages (issue
#4): the contact-centre officer, the face-to-face adviser at the Westgate desk, the caseworker, the
team manager, the information-governance officer and the administrator. Axe runs on every page
reached, and each day meets at least one error state."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.actions.routing import reassign_case
from opencex.cases.models import Case, CaseEvent, CaseKind, Channel, EventKind, Status
from opencex.complaints.models import StageResponse
from opencex.contacts.models import Contact, Outcome
from opencex.disclosure.models import DisclosureEntry, EntryStatus
from opencex.inforights.models import SubjectAccessExport
from opencex.insight import periods
from opencex.replies.models import StandardReply
from tests.browser.conftest import assert_accessible
from tests.browser.role_days_world import (
    choose_report_dates,
    complaint_with_a_lesson,
    continue_,
    council_tax_colleague,
    expect_error,
    load_council,
    long,
    missed_bin,
    officer,
    open_action,
    priority_tenant,
    resident_asks,
    sign_in,
    status_tag,
)
from tests.factories import ResidentFactory, StandardReplyFactory
from tests.inbox.held import held_email

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("council"),
]

CITIZENS_ADVICE = (
    "Citizens Advice Oxfordshire: Citizens Advice drop-in, Oxford city centre"
    " (Demo entry: not a real contact.)"
)


@pytest.fixture
def council():
    load_council()


def test_a_contact_centre_officers_day(page: Page):
    sam = officer(Role.CONTACT_CENTRE, "Sam Okafor", "customer-services")
    council_tax_colleague()
    maria = priority_tenant("Maria Kowalska", phone="07700900123")
    tom = ResidentFactory(full_name="Tom Baker", email="tom.baker@example.org")
    earlier = missed_bin("Bin not emptied", "Ann Example", "ann@example.org", days_ago=1)

    # Home: the officer's queues.
    sign_in(page, sam)
    expect(page.get_by_text("Signed in as Sam Okafor (Contact-centre officer)")).to_be_visible()
    assert_accessible(page)

    # The first call: find the caller by the number she rings from (after a slip: no detail).
    page.get_by_role("link", name="Residents", exact=True).click()
    page.get_by_role("button", name="Search").click()
    expect_error(page, "Enter a name, postcode")
    page.get_by_label("Phone number").fill("07700 900 123")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("Priority")
    assert_accessible(page)
    page.get_by_role("link", name="Maria Kowalska").click()

    # Her single view: the vulnerable banner, not the special-category details behind it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Maria Kowalska")
    expect(page.get_by_role("region", name="Priority resident")).to_be_visible()
    expect(page.get_by_text("hard of hearing")).to_have_count(0)
    assert_accessible(page)

    # Resolved there and then, signposted to Citizens Advice: two clicks and a choice.
    page.get_by_role("link", name="Log a contact resolved now").click()
    assert_accessible(page)
    page.get_by_label("Signposted to another organisation").check()
    page.get_by_label("Signposted to (from the partner directory)").select_option(
        label=CITIZENS_ADVICE
    )
    page.get_by_role("button", name="Log contact").click()
    expect(page.get_by_text("Contact logged")).to_be_visible()
    expect(page.get_by_role("table", name="Contacts")).to_contain_text("Signposted")
    assert_accessible(page)
    contact = Contact.objects.get(resident=maria)
    assert (contact.channel, contact.outcome, contact.signposted_service.slug) == (
        Channel.PHONE,
        Outcome.SIGNPOSTED,
        "citizens-advice-drop-in-oxford",
    )

    # The next call: Tom's question, through the citizen form on the phone channel.
    page.get_by_role("link", name="Residents", exact=True).click()
    page.get_by_label("Name").fill("Tom Baker")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Tom Baker").click()
    assert_accessible(page)
    page.get_by_role("link", name="Fill in a form for this resident").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Phone\s*: Ask the council a question")).click()
    expect(page.get_by_text("You are filling in this form for Tom Baker")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    continue_(page)
    expect_error(page, "Enter what your question is about")
    page.get_by_label("What is your question about?").fill("Council tax bill")
    page.get_by_label("What would you like to ask?").fill("Why has my bill gone up this year?")
    continue_(page)
    expect(page.get_by_label("Email address")).to_have_value("tom.baker@example.org")
    assert_accessible(page)
    continue_(page)
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()
    question = Case.objects.get(resident=tom)
    expect(page.locator(".govuk-panel")).to_contain_text(question.reference)
    assert_accessible(page)
    assert (question.kind, question.channel) == (CaseKind.ENQUIRY, Channel.PHONE)

    # A caller gives a reference: find the case in the queue search and note what they said.
    # (The confirmation page is the citizen one: it offers no way back to the workspace.)
    page.goto("/staff/queues/")
    assert_accessible(page)
    page.get_by_label("Search").fill(earlier.reference.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cases matching")
    assert_accessible(page)
    page.get_by_role("link", name=earlier.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bin not emptied")
    assert_accessible(page)
    open_action(page, "note")
    page.get_by_label("Internal note").fill("Ann rang: the bin is still out on the pavement.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator(".moj-timeline")).to_contain_text("still out on the pavement")
    assert_accessible(page)
    assert CaseEvent.objects.filter(case=earlier, kind=EventKind.NOTE, actor=sam).count() == 1

    # Who handles council tax? The staff directory.
    page.get_by_role("link", name="Staff directory").click()
    assert_accessible(page)
    page.get_by_label("Name, job or what they handle").fill("council tax")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("Aisha Khan")
    assert_accessible(page)
    page.get_by_role("link", name="Aisha Khan").click()
    expect(page.get_by_text("01632 960101")).to_be_visible()
    assert_accessible(page)


def test_a_face_to_face_advisers_day_at_the_westgate_desk(page: Page):
    priya = officer(Role.CONTACT_CENTRE, "Priya Desai", "customer-services")
    grace = ResidentFactory(full_name="Grace Adeyemi")
    ResidentFactory(full_name="Maria Kowalska", phone="01865760000")

    sign_in(page, priya)
    assert_accessible(page)

    # Journey 3: a benefits question answered at the desk, with a signposting to Citizens Advice.
    page.get_by_role("link", name="Residents", exact=True).click()
    page.get_by_label("Name").fill("Grace Adeyemi")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Grace Adeyemi").click()
    assert_accessible(page)
    page.get_by_role("link", name="Log a contact resolved now").click()
    assert_accessible(page)
    page.get_by_label("Face to face", exact=True).check()
    page.get_by_label("What was it about? (optional)").select_option(
        label="Report a change of circumstances for benefits"
    )
    page.get_by_label("Signposted to another organisation").check()
    page.get_by_role("button", name="Log contact").click()
    expect_error(page, "Select where you saw the resident")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select who you signposted the resident to"
    )
    # The partner directory by need, without needing JavaScript: the matches come first.
    page.get_by_label("Find a partner by need").fill("benefits")
    page.get_by_role("button", name="Find partners").click()
    expect(page.get_by_role("status")).to_contain_text("Directory entries for “benefits”")
    expect(page.get_by_label("Face to face", exact=True)).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Signposted to (from the partner directory)").select_option(
        label=CITIZENS_ADVICE
    )
    page.get_by_label("Where (for face to face or outreach)").select_option(
        label="Customer Services at Westgate Library"
    )
    page.get_by_role("button", name="Log contact").click()
    contacts = page.get_by_role("table", name="Contacts")
    expect(contacts).to_contain_text("Customer Services at Westgate Library")
    expect(contacts).to_contain_text("Citizens Advice drop-in, Oxford city centre")
    assert_accessible(page)
    contact = Contact.objects.get(resident=grace)
    assert (contact.channel, contact.place, contact.outcome) == (
        Channel.FACE_TO_FACE,
        "westgate-library",
        Outcome.SIGNPOSTED,
    )
    assert contact.signposted_service.slug == "citizens-advice-drop-in-oxford"

    # A new visitor: no record yet, and her phone number is on someone else's.
    page.get_by_role("link", name="Residents", exact=True).click()
    page.get_by_label("Name").fill("Marie Kowalsky")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No residents match")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Create a resident record").click()
    expect(page.get_by_label("Full name")).to_have_value("Marie Kowalsky")
    page.get_by_label("Email address (optional)").fill("marie.kowalsky@example.org")
    page.get_by_label("Phone number (optional)").fill("01865 760000")
    assert_accessible(page)
    continue_(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("These may be the same person")
    expect(page.get_by_role("link", name="Use the record for Maria Kowalska")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="They are a different person: create a new record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marie Kowalsky")
    assert_accessible(page)

    # Her question, through the citizen form on the face-to-face channel, at the desk.
    page.get_by_role("link", name="Fill in a form for this resident").click()
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile(r"^Face to face\s*: Ask the council a question")
    ).click()
    expect(page.get_by_text("You are filling in this form for Marie Kowalsky")).to_be_visible()
    page.get_by_label("Where did you see them?").select_option("westgate-library")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    page.get_by_label("What is your question about?").fill("Bus pass")
    page.get_by_label("What would you like to ask?").fill("Where do I renew my bus pass?")
    continue_(page)
    expect(page.get_by_label("Email address")).to_have_value("marie.kowalsky@example.org")
    assert_accessible(page)
    continue_(page)
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()
    question = Case.objects.get(resident__full_name="Marie Kowalsky")
    expect(page.locator(".govuk-panel")).to_contain_text(question.reference)
    assert_accessible(page)
    assert question.channel == Channel.FACE_TO_FACE
    assert question.answers["received_by"]["place"] == "Customer Services at Westgate Library"


def test_a_caseworkers_day(page: Page):
    nadia = officer(Role.CASEWORKER, "Nadia Ali", "waste-services")
    lead = officer(Role.TEAM_MANAGER, "Helen Price", "waste-services", "complaints-and-feedback")
    StandardReplyFactory(
        name="Crew going back",
        case_kinds=[CaseKind.SERVICE_REQUEST],
        body="Dear {name}, we are sorry we missed your bin ({reference}). [Say when the crew "
        "will go back]",
    )
    late = missed_bin(
        "Green bin missed on Cowley Road", "Ann Example", "ann@example.org", days_ago=8
    )
    resident_asks(
        "report-overflowing-communal-bins",
        subject="Communal bins overflowing at Rose Hill flats",
        description="The bins behind the flats are overflowing.",
        name="Bo Other",
        email="bo@example.org",
        received_days_ago=9,
    )
    missed_bin("Food caddy missed on Iffley Road", "Cy Third", "cy@example.org")
    complaint = resident_asks(
        "make-complaint",
        subject="Complaint: bins missed again",
        description="This is the third time this month my green bin has been missed.",
        name="Ann Example",
        email="ann@example.org",
    )
    reassign_case(actor=lead, case=late, officer=nadia)
    reassign_case(actor=lead, case=complaint, officer=nadia)

    # Home: my work, with the overdue case counted.
    sign_in(page, nadia)
    mine = page.get_by_role("row", name=re.compile("^My work"))
    expect(mine.get_by_role("cell").nth(0)).to_have_text("2")
    expect(mine.get_by_role("cell").nth(1)).to_contain_text("1")
    assert_accessible(page)

    # The team's overdue cases, narrowed to missed bins; the top one first.
    page.get_by_role("link", name="2 overdue in Waste Services").click()
    expect(page.get_by_label("Clock")).to_have_value("overdue")
    expect(page.get_by_role("table")).to_contain_text("Communal bins overflowing")
    assert_accessible(page)
    page.get_by_label("Service").select_option(label="Report a missed bin collection")
    page.get_by_role("button", name="Search and filter").click()
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)  # the header and one case
    expect(page.get_by_role("table")).not_to_contain_text("Communal bins overflowing")
    assert_accessible(page)
    rows.nth(1).get_by_role("link", name=late.reference).click()

    # The case: why it is due when it is, then a standard reply, edited before it goes.
    expect(page.get_by_role("heading", level=1)).to_have_text("Green bin missed on Cowley Road")
    explanation = page.locator("#clock-explanation")
    expect(explanation).to_contain_text("the 2nd working day after the date of receipt")
    expect(explanation).to_contain_text(f"Due: {long(late.due_on)}.")
    assert_accessible(page)
    open_action(page, "message")
    page.get_by_label("Start from a standard reply").select_option(label="Crew going back")
    page.get_by_role("button", name="Use this reply").click()
    message = page.get_by_label("Message to the resident")
    expect(message).to_have_value(re.compile(rf"Dear Ann Example, .*\({late.reference}\)"))
    assert_accessible(page)
    page.get_by_role("button", name="Send message").click()
    expect_error(page, "Replace the words in square brackets")
    message.fill(
        message.input_value().replace(
            "[Say when the crew will go back]", "The crew will go back tomorrow morning."
        )
    )
    page.get_by_role("button", name="Send message").click()
    expect(page.locator(".moj-timeline")).to_contain_text("go back tomorrow morning")
    assert_accessible(page)

    # Which bin? The clock waits for the resident's answer, then runs again.
    open_action(page, "pause")
    page.get_by_label("What are you waiting for?").select_option(label="Waiting for clarification")
    page.get_by_label("Note (optional)").fill("Asked whether it was the green or the blue bin")
    page.get_by_role("button", name="Pause the clock").click()
    expect(status_tag(page)).to_have_text("Waiting for the resident")
    assert_accessible(page)
    open_action(page, "resume")
    page.get_by_role("button", name="Resume the clock today").click()
    expect(status_tag(page)).to_have_text("In progress")
    assert_accessible(page)

    # Done: resolved with a reason the resident sees, then closed with its outcome.
    open_action(page, "status")
    page.get_by_label("New status").select_option(label="Resolved")
    page.get_by_label("Reason", exact=True).fill("The crew emptied the green bin this morning.")
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".moj-timeline")).to_contain_text("emptied the green bin")
    assert_accessible(page)
    open_action(page, "close")
    page.get_by_label("Outcome").fill("Bin emptied on the crew's return visit")
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Bin emptied on the crew")
    assert_accessible(page)
    late.refresh_from_db()
    assert (late.status, late.outcome) == (Status.CLOSED, "Bin emptied on the crew's return visit")

    # The complaint given to her: its own page, acknowledged, answered at stage 1.
    page.get_by_role("link", name="Queues", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert_accessible(page)
    page.get_by_role("link", name=complaint.reference).click()
    assert_accessible(page)
    page.get_by_role("link", name="Complaint stages, response and lessons").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage 1 complaint")
    assert_accessible(page)
    page.get_by_role("button", name="Acknowledge today").click()
    expect(page.get_by_text("Complaint acknowledged.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Service complained about").select_option(
        label="Report a missed bin collection"
    )
    page.get_by_label("The complaint as you understand it").fill(
        "Your green bin was missed three times this month."
    )
    page.get_by_label("Your decision and the reasons for it").fill(
        "We missed your bin three times. We will utilise a new round sheet in order to "
        "facilitate collections."
    )
    page.get_by_label("We apologise").check()
    page.get_by_label("Lesson learned (optional)").fill("Crews tick off every house on the sheet.")
    page.get_by_label("Service the lesson is for").select_option(
        label="Report a missed bin collection"
    )
    page.get_by_role("button", name="Check wording and preview").click()
    expect(page.locator("#wording-warnings")).to_contain_text("Instead of “utilise”")
    expect(page.locator("#letter-preview")).to_contain_text("new round sheet")
    assert_accessible(page)
    page.get_by_role("button", name="Send response").click()
    expect(page.get_by_text("Stage 1 response sent.")).to_be_visible()
    assert_accessible(page)
    assert StageResponse.objects.get(complaint__case=complaint).responded_by == nadia


def test_a_team_managers_day(page: Page, tmp_path):
    helen = officer(Role.TEAM_MANAGER, "Helen Price", "waste-services", "complaints-and-feedback")
    nadia = officer(Role.CASEWORKER, "Nadia Ali", "waste-services", "complaints-and-feedback")
    officer(Role.CASEWORKER, "Tom Reid", "waste-services")
    frail = ResidentFactory(full_name="Edna Hale", is_priority=True)
    flagged = missed_bin(
        "Assisted collection missed", "Edna Hale", frail.email, days_ago=1, resident=frail
    )
    first = missed_bin("Bin missed on Divinity Road", "Ann Example", "ann@example.org", days_ago=3)
    second = missed_bin("Bin missed on Magdalen Road", "Bo Other", "bo@example.org", days_ago=2)
    for case in (first, second):
        reassign_case(actor=helen, case=case, officer=nadia)
    complaint_with_a_lesson(
        handler=nadia,
        manager=helen,
        lesson="Check the round sheet against new addresses every month.",
    )
    web_cases = Case.objects.filter(channel=Channel.WEB).count()

    # Home, then the team's queue: every open case, the vulnerable resident's first.
    sign_in(page, helen)
    expect(page.get_by_text("Signed in as Helen Price (Team manager)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Waste Services", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waste Services")
    expect(page.get_by_role("table").get_by_role("row").nth(1)).to_contain_text(flagged.reference)
    assert_accessible(page)

    # The vulnerable residents' queue: only hers.
    page.get_by_role("link", name="Vulnerable residents", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vulnerable residents")
    expect(page.get_by_role("link", name=flagged.reference)).to_be_visible()
    expect(page.get_by_role("link", name=first.reference)).to_have_count(0)
    assert_accessible(page)

    # Nadia is on leave: her two cases go to Tom (first forgetting to say to whom).
    page.get_by_role("link", name="Waste Services", exact=True).click()
    page.get_by_label(f"Select {first.reference}").check()
    page.get_by_label(f"Select {second.reference}").check()
    page.get_by_role("button", name="Reassign selected cases").click()
    expect_error(page, "Choose a team or an officer")
    expect(page.get_by_label(f"Select {first.reference}")).to_be_checked()
    reassign = page.get_by_role("group", name="Reassign the selected cases")
    reassign.get_by_label("Officer").select_option(label="Tom Reid")
    reassign.get_by_label("Reason (optional)").fill("Nadia is on leave this week.")
    page.get_by_role("button", name="Reassign selected cases").click()
    expect(page.get_by_text("2 cases reassigned")).to_be_visible()
    assert_accessible(page)
    assert set(
        Case.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "assigned_to__full_name", flat=True
        )
    ) == {"Tom Reid"}

    # The reports: this month, then dates of her choosing (a date that does not exist first).
    page.get_by_role("link", name="Reports", exact=True).click()
    assert_accessible(page)
    page.get_by_label("This month").check()
    page.get_by_role("button", name="Show reports").click()
    this_month = periods.this_month(timezone.localdate())
    expect(page.locator("#period")).to_contain_text(
        f"{this_month.start.day} {this_month.start:%B %Y} to"
    )
    expect(page.get_by_role("table", name="Demand by channel")).to_be_visible()
    assert_accessible(page)
    start = timezone.localdate() - dt.timedelta(days=14)
    end = timezone.localdate()
    choose_report_dates(page, ("31", "2", str(end.year)), end)
    expect_error(page, "The start date must be a real date")
    choose_report_dates(page, start, end)
    expect(page.locator("#period")).to_contain_text("(15 days)")
    demand = page.get_by_role("table", name="Demand by channel")
    expect(demand.get_by_role("row", name=re.compile("^Website"))).to_contain_text(str(web_cases))
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download demand by channel (CSV)").click()
    assert download.value.suggested_filename == f"demand-by-channel-{start}-to-{end}.csv"
    saved = tmp_path / "demand.csv"
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert ["Website", str(web_cases), "0", str(web_cases)] in rows

    # What complaints taught the waste service.
    page.get_by_role("link", name="Complaints and feedback").click()
    page.get_by_role("link", name="Lessons learned").click()
    page.get_by_label("Service area", exact=True).select_option(label="Waste and recycling")
    page.get_by_role("button", name="Show lessons").click()
    expect(page.get_by_role("table")).to_contain_text("Check the round sheet against new addresses")
    assert_accessible(page)


def test_an_information_governance_officers_day(page: Page, tmp_path):
    iris = officer(Role.INFORMATION_GOVERNANCE, "Iris Grant", "information-governance")
    rates = resident_asks(
        "make-foi-request",
        subject="Repairs contractors' hourly rates",
        description="Please send the hourly rates paid to each repairs contractor.\n\n"
        "Yours faithfully,\nBo Other",
        name="Bo Other",
        email="bo.other@example.org",
        received_days_ago=6,
    )
    ann = ResidentFactory(full_name="Ann Example", email="ann@example.org")
    missed_bin("Bin not emptied", "Ann Example", "ann@example.org", days_ago=30, resident=ann)
    access = resident_asks(
        "make-subject-access-request",
        subject="Request for personal data",
        description="Everything you hold about me.",
        name="Ann Example",
        email="ann@example.org",
        resident=ann,
        received_days_ago=2,
    )
    held_email(
        subject="Tree survey for Cutteslowe Park",
        text="Please send me the latest tree survey for Cutteslowe Park.",
    )

    # The register, then the contractors' rates request.
    sign_in(page, iris)
    assert_accessible(page)
    page.get_by_role("link", name="Information requests", exact=True).click()
    expect(page.locator("#register")).to_contain_text(rates.reference)
    expect(page.locator("#register")).to_contain_text(access.reference)
    assert_accessible(page)
    page.get_by_role("link", name=rates.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Repairs contractors' hourly rates")
    expect(page.locator("#due-date")).to_have_text(long(rates.due_on))
    assert_accessible(page)

    # Released in part under a qualified exemption: the public interest test must be given.
    page.get_by_text("Record the decision and send the response").click()
    page.get_by_label("Information released in part").check()
    page.get_by_label("Section 43(2): Commercial interests").check()
    page.get_by_label("Response to the requester").fill(
        "The total spent on repairs contractors in 2024 was £4.2 million. We have withheld "
        "each contractor's hourly rate."
    )
    page.get_by_role("button", name="Send the response").click()
    expect_error(page, "Give the public interest reasoning for section 43(2)")
    page.get_by_label("Public interest reasoning for section 43(2)").fill(
        "Releasing the rates would let competitors undercut the contractors at the next tender."
    )
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator("#decision")).to_contain_text("Section 43(2): Commercial interests")
    assert_accessible(page)

    # The released part goes on the disclosure log: drafted with the name redacted, published.
    page.get_by_role("link", name="Disclosure log", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Reference of the FOI or EIR request").fill(rates.reference)
    page.get_by_role("button", name="Prepare a draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prepare for the disclosure log")
    assert_accessible(page)
    page.get_by_role("button", name="Prepare a draft").click()
    expect(page.locator("#entry-status")).to_have_text("Draft")
    expect(page.locator("#preview-request")).not_to_contain_text("Bo Other")
    assert_accessible(page)
    page.get_by_label("Service area", exact=True).select_option(label="Council housing")
    page.get_by_label("I have checked this contains no personal data").check()
    page.get_by_role("button", name="Publish on the disclosure log").click()
    expect(page.locator("#entry-status")).to_have_text("Published")
    assert_accessible(page)
    assert DisclosureEntry.objects.get(case=rates).status == EntryStatus.PUBLISHED

    # An email to an old address was held for an officer: it becomes an FOI request.
    page.get_by_role("link", name="Emails", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Tree survey for Cutteslowe Park").click()
    expect(page.locator("#email-text")).to_contain_text("latest tree survey")
    assert_accessible(page)
    page.locator("#decision-open-case summary").click()
    page.get_by_label("Freedom of Information request").check()
    page.get_by_role("button", name="Open a case").click()
    survey = Case.objects.get(subject__contains="Tree survey")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(survey.reference)
    assert_accessible(page)
    assert (survey.kind, survey.channel) == (CaseKind.FOI, Channel.EMAIL)

    # Ann's subject access request: everything held about her, in one download.
    page.get_by_role("link", name="Residents", exact=True).click()
    page.get_by_label("Email address").fill("ann@example.org")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ann Example").click()
    assert_accessible(page)
    page.get_by_role("link", name="Export everything we hold (subject access)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export everything about Ann Example")
    assert_accessible(page)
    page.get_by_label("Which subject access request is this for?").select_option(access.reference)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download everything (zip)").click()
    saved = tmp_path / "export.zip"
    download.value.save_as(saved)
    archive = zipfile.ZipFile(saved)
    folder = archive.namelist()[0].split("/")[0]
    held = json.loads(archive.read(f"{folder}/cases.json"))
    assert {"Bin not emptied", "Request for personal data"} <= {case["subject"] for case in held}
    assert SubjectAccessExport.objects.get().case == access


def test_an_administrators_day(page: Page, run_jobs):
    # A superuser, as the admin makes every administrator (UserAdmin.save_model).
    admin = officer(Role.ADMINISTRATOR, "Ada Admin", "customer-services", is_superuser=True)
    aisha = council_tax_colleague(work_phone="", responsibilities="Council tax bills.")
    StandardReplyFactory(
        name="Crew going back",
        body="We are sorry we missed your bin ({reference}). The crew will go back.",
    )
    texter = ResidentFactory(
        full_name="Tariq Hussain",
        phone="07700900555",
        preferred_channel="sms",
        consents_to_sms=True,
    )
    texted = missed_bin("Bin not emptied", "Tariq Hussain", "", resident=texter)
    run_jobs()  # the worker "sends" the acknowledgement text to the outbox

    # The admin, from the workspace navigation.
    sign_in(page, admin)
    assert_accessible(page)
    page.get_by_role("link", name="Admin", exact=True).click()
    assert_accessible(page)

    # A standard reply: a misspelt placeholder is refused, then the corrected wording saved.
    page.locator("#replies-standardreply").get_by_role("link", name="Standard replies").click()
    assert_accessible(page)
    page.get_by_role("link", name="Crew going back").click()
    assert_accessible(page)
    page.get_by_label("Body").fill(
        "We are sorry we missed your bin ({refrence}). The crew will go back by {due_date}."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("refrence")
    assert_accessible(page)
    page.get_by_label("Body").fill(
        "We are sorry we missed your bin ({reference}). The crew will go back by {due_date}."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert_accessible(page)
    assert "{due_date}" in StandardReply.objects.get(name="Crew going back").body

    # A colleague's directory details: new phone, office and what she handles.
    page.get_by_role("link", name="Home", exact=True).click()
    page.locator("#accounts-user").get_by_role("link", name="Users").click()
    assert_accessible(page)
    page.get_by_role("link", name="Aisha Khan").click()
    assert_accessible(page)
    page.get_by_label("Work phone").fill("01865 252000")
    page.get_by_label("Office").fill("Town Hall, St Aldate's")
    page.get_by_label("Responsibilities").fill("Council tax bills, discounts and exemptions.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert_accessible(page)
    aisha.refresh_from_db()
    assert (aisha.work_phone, aisha.office) == ("01865 252000", "Town Hall, St Aldate's")

    # The staff directory shows it at once.
    page.goto(f"/staff/people/{aisha.pk}/")
    expect(page.get_by_text("01865 252000")).to_be_visible()
    expect(page.get_by_text("discounts and exemptions")).to_be_visible()
    assert_accessible(page)

    # The text message outbox: the acknowledgement that went to Tariq.
    page.get_by_role("link", name="Outbox", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Text message outbox")
    expect(page.get_by_role("table")).to_contain_text(texted.reference)
    assert_accessible(page)

    # The reports, for the last 4 weeks.
    page.get_by_role("link", name="Reports", exact=True).click()
    expect(page.locator("#period")).to_contain_text("(28 days)")
    expect(page.get_by_role("table", name="Cases in time")).to_contain_text("Service request")
    assert_accessible(page)
