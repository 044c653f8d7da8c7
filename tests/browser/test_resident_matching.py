"""One record per resident in a real browser: an officer types a name and is asked "someone we
already know?", opens the review queue, merges the pair (after forgetting the reason once), then
undoes the merge; every page and the error state axe-clean."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.matching import services
from opencex.matching.models import ResidentMerge
from opencex.people.models import Occupancy, Relationship, Resident
from tests.browser.conftest import assert_accessible
from tests.browser.test_staff_residents import sign_in
from tests.factories import PropertyFactory, ResidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    ("Robert Smith", date(1980, 3, 14), "1 Cowley Road"),
    ("Priya Patel", date(1975, 7, 2), "2 Cowley Road"),
    ("Tomasz Nowak", date(1990, 11, 30), "3 Cowley Road"),
    ("Amina Yusuf", date(1968, 1, 9), "4 Cowley Road"),
    ("Bob Smyth", date(1980, 3, 14), "1 Cowley Road"),
]


def _residents() -> dict[str, Resident]:
    made = {}
    for name, born, street in PEOPLE:
        resident = ResidentFactory(full_name=name, date_of_birth=born, email="", phone="")
        home = PropertyFactory(address_line_1=street, postcode="OX4 1HR")
        Occupancy.objects.create(resident=resident, property=home, relationship=Relationship.TENANT)
        made[name] = resident
    return made


def test_someone_we_know_then_merge_from_the_review_queue_and_undo(page: Page):
    residents = _residents()
    services.find_duplicate_residents()
    sign_in(page, Role.TEAM_MANAGER)

    # As the officer types, the known resident shows up (minimised: no email or phone).
    page.goto("/staff/residents/new/")
    page.get_by_label("Full name").fill("Rob Smith")
    page.get_by_label("Year").fill("1980")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Day").fill("14")
    known = page.locator("#known-residents")
    expect(known).to_contain_text("Someone we already know?")
    expect(known.get_by_role("link", name="Robert Smith")).to_be_visible()
    expect(known).to_contain_text("Cowley Road, OX4")
    assert_accessible(page)

    page.goto("/staff/residents/duplicates/")
    expect(page.get_by_role("table")).to_contain_text("Robert Smith and Bob Smyth")
    assert_accessible(page)
    page.get_by_role("link", name="Robert Smith and Bob Smyth").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same person?")
    assert_accessible(page)
    page.get_by_label("The same person", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merge the two records")
    assert_accessible(page)
    page.get_by_role("button", name="Merge the records").click()  # no reason given
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why these records are the same person"
    )
    assert_accessible(page)
    page.get_by_label("Why are they the same person?").fill("Same date of birth and address")
    page.get_by_role("button", name="Merge the records").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Robert Smith")
    merge = ResidentMerge.objects.get()
    assert merge.merged == residents["Bob Smyth"]

    page.goto("/staff/residents/merges/")
    assert_accessible(page)
    page.get_by_role("link", name="Undo the merge of Bob Smyth").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Undo the merge")
    assert_accessible(page)
    page.get_by_label("Why undo this merge?").fill("Father and son")
    page.get_by_role("button", name="Undo the merge").click()

    expect(page.get_by_role("table")).to_contain_text("Undone")
    assert_accessible(page)
    assert Resident.objects.get(pk=residents["Bob Smyth"].pk).merged_into is None
