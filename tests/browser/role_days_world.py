"""The council the role-day browser tests work in (Oxford's catalogue, forms and partner directory
as the council loads them, officers in their teams, cases received some days ago) and the steps
every day shares: signing in on the staff sign-in page, opening a case action, an error state."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from opencex.accounts.models import Role, User
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.routing import reassign_case
from opencex.cases.models import Case, Channel
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Service, Team
from opencex.complaints import services as complaint_services
from opencex.complaints.models import Outcome as ComplaintOutcome
from opencex.directory.services import load_demo_directory
from opencex.forms.loading import sync_form_definitions
from opencex.people.models import Occupancy, Resident
from opencex.people.services import record_sensitive_information
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, PropertyFactory, ResidentFactory, UserFactory

LONDON = ZoneInfo("Europe/London")


def load_council() -> None:
    """The council's own catalogue (teams, services, standards), its forms and the demo partner
    directory: a transactional test's database starts empty."""
    cache.clear()  # rate limits and cached catalogue lookups from an earlier test
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()
    load_demo_directory()


def officer(role: str, full_name: str, *teams: str, **details) -> User:
    """A member of staff in the teams with these slugs; `details` are more of the account's
    fields, such as the staff directory's job_title, responsibilities and work_phone."""
    return UserFactory(
        role=role,
        full_name=full_name,
        teams=list(Team.objects.filter(slug__in=teams)),
        **details,
    )


def sign_in(page: Page, user: User, path: str = "/staff/") -> None:
    """Sign in on the staff sign-in page, as the officer would at the start of the day."""
    page.goto(f"/staff/sign-in/?next={path}")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def days_ago(days: int) -> dt.datetime:
    """Ten in the morning, London time, `days` calendar days ago."""
    day = timezone.localdate() - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)


def resident_asks(
    service_slug: str,
    *,
    subject: str,
    description: str,
    name: str,
    email: str,
    received_days_ago: int = 0,
    resident=None,
) -> Case:
    """A case a resident opened on the website, received `received_days_ago` days ago, routed
    and timed by the real services."""
    service = Service.objects.get(slug=service_slug)
    case, _ = open_case(
        actor=None,
        kind=service.case_kind,
        channel=Channel.WEB,
        subject=subject,
        description=description,
        contact_name=name,
        contact_email=email,
        resident=resident,
        service=service,
        received_at=days_ago(received_days_ago),
    )
    return case


def open_action(page: Page, name: str) -> None:
    """Open one of the case page's actions (a details disclosure) unless it is open already."""
    details = page.locator(f"#action-{name}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def missed_bin(subject: str, name: str, email: str, *, days_ago: int = 0, resident=None) -> Case:
    """A missed bin reported on the website `days_ago` days ago (the standard is 2 working
    days, so three or more days ago it is overdue)."""
    return resident_asks(
        "report-missed-bin",
        subject=subject,
        description="The bin was not emptied on collection day.",
        name=name,
        email=email,
        resident=resident,
        received_days_ago=days_ago,
    )


def council_tax_colleague(**details) -> User:
    """Aisha Khan, who handles council tax, as the staff directory lists her."""
    details = {
        "job_title": "Revenues Officer",
        "responsibilities": "Council tax discounts, exemptions and bills.",
        "work_phone": "01632 960101",
        **details,
    }
    return officer(Role.CASEWORKER, "Aisha Khan", "council-tax", **details)


def priority_tenant(full_name: str, *, phone: str) -> Resident:
    """A council tenant whose vulnerability a housing caseworker recorded: a priority resident
    whose special-category details only some roles may read."""
    tenant = ResidentFactory(full_name=full_name, phone=phone)
    Occupancy.objects.create(
        resident=tenant,
        property=PropertyFactory(address_line_1="4 Pegasus Road", postcode="OX4 6DS"),
        relationship="tenant",
    )
    record_sensitive_information(
        actor=officer(Role.CASEWORKER, "Cal Worker", "housing-repairs"),
        resident=tenant,
        category="vulnerability",
        details="Lives alone; hard of hearing.",
        purpose="Safe contact",
        lawful_basis="Article 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    return tenant


def complaint_with_a_lesson(*, handler: User, manager: User, lesson: str) -> Case:
    """A complaint about missed bins, given to `handler` and answered at stage 1 with `lesson`
    tagged to the missed-bin service."""
    complaint = resident_asks(
        "make-complaint",
        subject="Complaint: bins missed again",
        description="Third missed collection this month.",
        name="Ann Example",
        email="ann@example.org",
        received_days_ago=2,
    )
    reassign_case(actor=manager, case=complaint, officer=handler)
    complaint_services.acknowledge_complaint(actor=handler, case=complaint)
    service = Service.objects.get(slug="report-missed-bin")
    complaint_services.record_complaint_response(
        actor=handler,
        case=complaint,
        outcome=ComplaintOutcome.UPHELD,
        complaint_as_understood="Your bin was missed three times.",
        decision_and_reasons="We missed it; the round sheet was wrong.",
        lesson_learned=lesson,
        lesson_service=service,
        about_service=service,
    )
    return complaint


def choose_report_dates(page: Page, start: dt.date | tuple[str, str, str], end: dt.date) -> None:
    """Ask the reports page for dates of one's choosing; `start` may be typed as day, month and
    year (to type a date that does not exist)."""
    page.get_by_label("Dates you choose").check()
    if isinstance(start, dt.date):
        start = (str(start.day), str(start.month), str(start.year))
    to = (str(end.day), str(end.month), str(end.year))
    for legend, parts in (("From", start), ("To", to)):
        group = page.get_by_role("group", name=legend)
        for label, value in zip(("Day", "Month", "Year"), parts, strict=True):
            group.get_by_label(label).fill(value)
    page.get_by_role("button", name="Show reports").click()


def long(day: dt.date) -> str:
    """A date as the staff pages write it in full: Monday 2 March 2026."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def status_tag(page: Page) -> Locator:
    """The case's status, in the tag under its heading."""
    return page.locator("h1 + p .govuk-tag--blue")


def continue_(page: Page) -> None:
    """The next page of a citizen form."""
    page.get_by_role("button", name="Continue").click()


def expect_error(page: Page, message: str) -> None:
    """The GOV.UK error summary, focused, saying `message`; then axe on the error state."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(message)
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
