"""The accessibility statement: required of a council website, with the ways to get help."""

import dataclasses

import pytest
from django.conf import settings
from django.template import loader
from django.urls import reverse

from opencex.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_statement_names_the_council_and_every_phone_line(client):
    response = client.get(reverse("web:accessibility"))
    assert response.status_code == 200
    assert settings.COUNCIL_PROFILE.name in response.text
    for line in settings.COUNCIL_PROFILE.phone_lines:
        assert line.number in response.text


def test_the_statement_says_how_to_complain_to_the_enforcement_body(client):
    response = client.get(reverse("web:accessibility"))
    assert "Equality Advisory and Support Service" in response.text


STATEMENT_LINK = 'href="/accessibility/"'


@pytest.mark.parametrize(
    "path", ["/", "/services/", "/accessibility/", "/no-such-page/", "/staff/sign-in/"]
)
def test_every_page_links_to_the_statement_from_its_footer(client, path):
    response = client.get(path)
    footer = response.text.split("<footer", 1)[1]
    assert STATEMENT_LINK in footer


def test_the_server_error_page_links_to_the_statement():
    assert STATEMENT_LINK in loader.get_template("500.html").render({"CSP_NONCE": ""})


def test_the_admin_pages_link_to_the_statement(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    response = client.get("/staff/admin/")
    assert response.status_code == 200
    assert STATEMENT_LINK in response.text.split('id="footer"', 1)[1]


def test_the_statement_lists_what_is_not_accessible_and_when_it_was_prepared(client):
    response = client.get(reverse("web:accessibility"))
    assert "Non-accessible content" in response.text
    assert "This statement was prepared on Saturday 5 December 2026." in response.text


def test_a_council_in_northern_ireland_points_to_the_equality_commission(client, settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE, holiday_region=("NIR",)
    )
    response = client.get(reverse("web:accessibility"))
    assert "Equality Commission for Northern Ireland (ECNI)" in response.text
    assert "Equality Advisory and Support Service" not in response.text
