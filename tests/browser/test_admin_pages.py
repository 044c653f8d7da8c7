"""The admin pages administrators use to edit forms and the catalogue pass axe too."""

import pytest
from playwright.sync_api import Page

from opencex.accounts.models import Role
from opencex.forms.loading import sync_form_definitions
from tests.browser.conftest import assert_accessible
from tests.factories import TEST_PASSWORD, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "path",
    [
        "/staff/admin/",
        "/staff/admin/forms/formdefinition/",
        "/staff/admin/forms/formdefinition/add/",
        "/staff/admin/forms/formversion/",
    ],
)
def test_admin_page_is_accessible(page: Page, path):
    ServiceFactory(slug="report-missed-bin")
    sync_form_definitions()
    administrator = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    page.goto(f"/staff/sign-in/?next={path}")
    page.get_by_label("Email address").fill(administrator.email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{path}")
    assert_accessible(page)
