"""The catalogue's "online" for checking a bin day leads to the look-up, and only for it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.catalogue.models import Channel
from opencex.web.online_routes import online_route
from tests.bincollections.conftest import SERVICE
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_check_bin_collection_day_is_online_at_the_look_up(client, cowley_road):
    service = ServiceFactory(slug=SERVICE, channels=[Channel.ONLINE, Channel.PHONE])
    route = online_route(service)
    assert route is not None
    assert route.url == reverse("web:bins-start")
    assert route.kind == "page"
    page = client.get(route.url).text
    assert "Find your bin collection day" in page
    response = client.get(route.url, {"postcode": "OX4 1HR"}, follow=True)
    assert "12 Cowley Road" in response.text


def test_another_service_is_not_routed_to_the_look_up(db):
    assert online_route(ServiceFactory(slug="report-missed-bin", channels=[])) is None


def test_the_service_page_links_to_the_look_up(client):
    service = ServiceFactory(slug=SERVICE, channels=[Channel.ONLINE])
    page = client.get(reverse("web:service", args=[service.slug])).text
    assert reverse("web:bins-start") in page
