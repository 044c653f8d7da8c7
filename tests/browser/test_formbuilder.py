"""The form builder in a real browser: an administrator builds a form, previews it as residents
will see it and publishes it; every page on the way passes axe's WCAG 2.2 AA rules, an error
summary included."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opencex.accounts.models import Role
from opencex.forms.models import FormDefinition
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_build_preview_and_publish_a_form(page: Page):
    administrator = UserFactory(role=Role.ADMINISTRATOR)
    page.goto("/staff/sign-in/?next=/staff/form-builder/")
    page.get_by_label("Email address").fill(administrator.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/form-builder/")
    assert_accessible(page)

    page.get_by_role("button", name="Create a new form").click()
    page.get_by_label("Title").fill("Report a broken bench")
    page.get_by_role("button", name="Create the form").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a broken bench")

    page.get_by_role("button", name="Publish").click()  # nothing built yet: every problem listed
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Page title", exact=True).fill("The bench")
    page.get_by_role("button", name="Add the page").click()
    page.get_by_label("Text input").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill("Your name")
    page.get_by_label("An answer is required").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the question").click()

    page.get_by_role("link", name="Add a question to this page").click()
    page.get_by_label("Yes or no").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill("Is it dangerous?")
    page.get_by_label("An answer is required").check()
    page.get_by_role("button", name="Save the question").click()

    page.get_by_role("link", name="Case details").click()
    page.get_by_label("Case subject").fill("Broken bench")
    page.get_by_label("Which question asks for their name").select_option("your_name")
    page.get_by_role("button", name="Save the case details").click()
    assert_accessible(page)

    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your name").fill("Ann")
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your form"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Back to the form builder").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Version 1 published")).to_be_visible()
    assert_accessible(page)
    assert FormDefinition.objects.get().current_version().number == 1
