"""Only signed-in council staff reach the staff workspace."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from tests.factories import TOTPDeviceFactory, UserFactory

pytestmark = pytest.mark.django_db

HOME = reverse("staff:home")

DASH = "\N{EN DASH}"  # between the page and the council in a title


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url == f"{reverse('staff:sign-in')}?next=/staff/"


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER])
def test_account_that_is_not_staff_is_refused_with_a_proper_page(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get(HOME)
    page = response.content.decode()
    assert response.status_code == 403
    assert f"<title>You cannot see this page {DASH} Oxford City Council</title>" in page
    assert 'id="main-content"' in page


@pytest.mark.parametrize("role", sorted(set(Role) - {Role.RESIDENT, Role.PARTNER}))
def test_every_staff_role_reaches_the_workspace(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(HOME).status_code == 200


def test_staff_member_with_an_authenticator_must_have_used_it(client):
    device = TOTPDeviceFactory()
    client.force_login(device.user)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:sign-in"))


def test_already_signed_in_staff_skip_the_sign_in_page(client):
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get(reverse("staff:sign-in")).url == HOME
