"""The Residents Panel in a real browser: a resident reads about the panels, sends the sign-up
form with mistakes (the error summary), joins by the link emailed to them, and leaves by the link
in the welcome email; a manager reads the panel's make-up against the city. Axe-clean on every
page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.notify.models import Notification
from opencex.panels import services
from opencex.panels.models import Membership, PanelProfile
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory
from tests.panels.conftest import applicant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_joins_the_residents_panel_and_leaves(page: Page):
    page.goto("/panels/")
    expect(page.get_by_role("heading", name="Residents Panel and Youth Panel")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Join the Residents Panel").click()
    page.get_by_label("Full name").fill("Amara Okafor")
    page.get_by_role("button", name="Join the panel").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter your date of birth")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)

    page.get_by_label("Day").fill("17")
    page.get_by_label("Month").fill("5")
    page.get_by_label("Year").fill("1980")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("amara@example.org")
    page.get_by_label("Ward (the area you live in)").select_option("Cowley")
    page.get_by_label("I rent from the council or a housing association").check()
    page.get_by_role("group", name="What is your ethnic group? (optional)").get_by_label(
        "Black, Black British, Black Welsh, Caribbean or African"
    ).check()
    page.get_by_label("I agree to the council keeping my answers").check()
    page.get_by_label("I agree to join the panel").check()
    page.get_by_role("button", name="Join the panel").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)
    assert not Membership.objects.active().exists()

    to_confirm = Notification.objects.get(template="panel_confirm").body
    confirm_path = re.search(r"https?://[^/\s]+(/panels/confirm/\S+)", to_confirm).group(1)
    page.goto(confirm_path)
    expect(
        page.get_by_role("heading", name="Confirm that you want to join the Residents Panel")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="You have joined the panel")).to_be_visible()
    assert_accessible(page)
    membership = Membership.objects.active().get()
    assert PanelProfile.objects.get(membership=membership).ethnic_group == "black"

    welcome = Notification.objects.get(template="panel_joined").body
    leave_path = re.search(r"https?://[^/\s]+(/panels/leave/\S+)", welcome).group(1)
    page.goto(leave_path)
    expect(page.get_by_role("heading", name="Leave the Residents Panel")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Leave the panel").click()
    expect(page.get_by_role("heading", name="You have left the panel")).to_be_visible()
    assert_accessible(page)
    assert not Membership.objects.active().exists()
    assert not PanelProfile.objects.exists()


def test_a_manager_reads_the_panels_make_up(page: Page):
    for n in range(6):
        applied = services.join_panel(
            actor=None, kind="residents", applicant=applicant(email=f"m{n}@example.org")
        )
        services.confirm_application(membership=applied.membership)
    manager = UserFactory(role=Role.TEAM_MANAGER)
    page.goto("/staff/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    page.get_by_role("link", name="Panels").click()
    page.get_by_role("link", name="Representativeness of the Residents Panel").click()
    expect(
        page.get_by_role("heading", name="Representativeness of the Residents Panel")
    ).to_be_visible()
    assert page.get_by_text("fewer than 5").count() > 0
    expect(page.get_by_role("heading", name="Recruitment targeted at the gaps")).to_be_visible()
    assert_accessible(page)
