"""The accessibility statement: required of a council website, with the ways to get help."""

import pytest
from django.conf import settings
from django.urls import reverse

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
