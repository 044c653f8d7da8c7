"""Journey 2 in a real browser, the contact centre's part: a resident phones the vulnerable
residents line about damp and mould; the officer finds her, sees her flag (not the details),
fills in the repair form for her on the phone channel from the line she called, and reads her
the reference. The case is hers, at her home, high priority, and says which line it came in on.
Axe runs on every page, error states included."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.cases.models import Case, Channel, Priority
from opencex.contacts.models import Contact, Outcome
from opencex.forms.loading import sync_form_definitions
from opencex.people.models import Occupancy
from opencex.people.services import record_sensitive_information
from tests.browser.conftest import assert_accessible
from tests.browser.test_staff_residents import sign_in
from tests.factories import (
    PropertyFactory,
    ResidentFactory,
    ServiceFactory,
    TeamFactory,
    UserFactory,
)
from tests.forms.conftest import SERVICES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forms():
    for slug, (kind, team, days) in SERVICES.items():
        ServiceFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            case_kind=kind,
            team=TeamFactory(slug=team, name=team.replace("-", " ").title()),
            standard_days=days,
        )
    sync_form_definitions()


@pytest.fixture
def maria():
    resident = ResidentFactory(
        full_name="Maria Kowalska", email="maria@example.org", phone="07700900123"
    )
    home = PropertyFactory(
        uprn="100120001234", address_line_1="4 Pegasus Road", town="Oxford", postcode="OX4 6DS"
    )
    Occupancy.objects.create(resident=resident, property=home, relationship="tenant")
    record_sensitive_information(
        actor=UserFactory(role=Role.CASEWORKER),
        resident=resident,
        category="physical_health",
        details="Severe asthma; damp makes it worse.",
        purpose="To prioritise repairs that affect her health",
        lawful_basis="Article 9(2)(g)",
        review_on=dt.date(2030, 1, 1),
    )
    return resident


def continue_(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


@pytest.mark.usefixtures("forms")
def test_a_damp_report_on_the_vulnerable_line_becomes_her_high_priority_case(page: Page, maria):
    sign_in(page, Role.CONTACT_CENTRE)

    # Find her by the number she is calling from.
    page.goto("/staff/residents/")
    page.get_by_label("Phone number").fill("07700 900 123")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("table")).to_contain_text("Priority")
    assert_accessible(page)
    page.get_by_role("link", name="Maria Kowalska").click()

    # Her flag, but not what lies behind it: the contact centre's role cannot read it.
    expect(page.get_by_role("region", name="Priority resident")).to_be_visible()
    expect(page.get_by_text("Severe asthma")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Fill in a form for this resident").click()
    expect(page.get_by_role("region", name="Priority resident")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile(r"^Phone\s*: Report a repair in your council home")
    ).click()

    # The start page: who it is for, and the line she called.
    expect(page.get_by_text("You are filling in this form for Maria Kowalska")).to_be_visible()
    expect(page.get_by_label("Customer Services (01865 249811)")).to_be_checked()
    page.get_by_label("Vulnerable residents line (01865 252200)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()

    # Awaab's Law asks first whether she can smell gas: a yes would give the emergency number.
    page.get_by_label("No").check()
    continue_(page)

    # Her home is found and chosen already; the officer checks it with her.
    expect(page.get_by_label("Select an address")).to_have_value("100120001234")
    continue_(page)

    continue_(page)  # nothing chosen: the error state
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Select what needs fixing")
    assert_accessible(page)
    page.get_by_label("Damp, mould or condensation").check()
    continue_(page)

    page.get_by_label("Bedroom").check()
    page.get_by_role("group", name="Does anyone living there have a health condition").get_by_label(
        "Yes"
    ).check()
    continue_(page)
    page.get_by_label("Describe the problem").fill("Black mould on the bedroom wall, spreading.")
    continue_(page)
    page.get_by_label("It is getting worse or stops me using part of my home").check()
    continue_(page)
    page.get_by_label("Any time on a weekday").check()
    continue_(page)

    # Her details, filled in from her record for the officer to read back to her.
    expect(page.get_by_label("Full name")).to_have_value("Maria Kowalska")
    expect(page.get_by_label("Email address")).to_have_value("maria@example.org")
    continue_(page)

    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()

    case = Case.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(case.reference)
    assert_accessible(page)
    assert (case.resident, case.property.uprn, case.channel, case.priority) == (
        maria,
        "100120001234",
        Channel.PHONE,
        Priority.HIGH,
    )
    assert case.service.slug == "report-damp-and-mould"
    assert case.answers["received_by"]["is_vulnerable_line"] is True
    contact = Contact.objects.get()
    assert (contact.case, contact.outcome, contact.is_vulnerable_line) == (
        case,
        Outcome.CASE_OPENED,
        True,
    )

    # Back on her record: the case, its line and its priority, and the call that opened it.
    page.goto(f"/staff/residents/{maria.pk}/")
    cases = page.get_by_role("table", name="Cases")
    expect(cases).to_contain_text(case.reference)
    expect(cases).to_contain_text("Vulnerable residents line")
    expect(cases).to_contain_text("High priority")
    expect(page.get_by_role("table", name="Contacts")).to_contain_text("Vulnerable residents line")
    assert_accessible(page)
