"""Staff maintain the directory in the admin at /staff/admin/."""

from __future__ import annotations

import pytest

from opencex.accounts.models import Role
from opencex.directory.models import Location, Organization, Service
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("oxford_directory")


@pytest.fixture
def administrator(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/staff/admin/directory/service/",
        "/staff/admin/directory/service/add/",
        "/staff/admin/directory/organization/",
        "/staff/admin/directory/location/",
        "/staff/admin/directory/taxonomyterm/",
    ],
)
def test_an_administrator_can_open_every_directory_admin_page(administrator, path):
    assert administrator.get(path).status_code == 200


def test_a_service_change_page_opens(administrator):
    service = Service.objects.get(slug="barton-community-larder")
    response = administrator.get(f"/staff/admin/directory/service/{service.pk}/change/")
    assert response.status_code == 200


def test_a_caseworker_cannot_edit_the_directory(client):
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get("/staff/admin/directory/service/", follow=True).status_code == 403


def test_a_place_added_without_coordinates_gets_its_postcode_sectors(administrator):
    response = administrator.post(
        "/staff/admin/directory/location/add/",
        {"name": "Rose Hill library corner", "city": "Oxford", "postal_code": "ox4 4ab"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    place = Location.objects.get(name="Rose Hill library corner")
    assert place.postal_code == "OX4 4AB"
    assert place.has_coordinates


def test_an_organisation_added_in_the_admin_is_not_demo_data(administrator):
    response = administrator.post(
        "/staff/admin/directory/organization/add/",
        {
            "name": "Cowley Men's Shed",
            "slug": "cowley-mens-shed",
            "services-TOTAL_FORMS": "0",
            "services-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Organization.objects.get(slug="cowley-mens-shed").is_demo
