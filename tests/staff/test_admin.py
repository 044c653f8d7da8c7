"""The admin site (forms and catalogue editing) is for administrators, through staff sign-in."""

import pytest

from opencex.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signed_out_people_are_sent_to_the_staff_sign_in(client):
    response = client.get("/staff/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/staff/sign-in/")


def test_a_caseworker_is_refused_rather_than_sent_round_in_circles(client):
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get("/staff/admin/", follow=True).status_code == 403


def test_an_administrator_can_open_the_forms_in_the_admin(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True))
    assert client.get("/staff/admin/forms/formdefinition/").status_code == 200
