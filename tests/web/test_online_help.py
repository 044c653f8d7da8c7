"""'Get help using our online services': the council's assisted-digital places from its profile,
with their hours, and the times marked as demo where the public record does not confirm them."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_places_that_help_with_online_services_and_their_hours(client):
    page = client.get(reverse("web:online-help")).text
    listed = page.split('id="online-help-places"')[1].split("</ul>\n    {% endif %}")[0]
    assert "Customer Services at Westgate Library" in listed
    assert "Digital Café at Oxford Town Hall" in listed
    assert "Thursday: 1pm to 3pm" in listed
    assert "Outreach at Barton Community Larder" not in listed


def test_hours_not_on_the_public_record_are_marked_as_demo_and_confirmed_ones_are_not(
    client, settings
):
    demo_tag = "Demo times: not confirmed from the council's public record."
    assert demo_tag in client.get(reverse("web:online-help")).text
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        places=tuple(
            dataclasses.replace(place, hours_confirmed=True)
            for place in settings.COUNCIL_PROFILE.places
        ),
    )
    assert demo_tag not in client.get(reverse("web:online-help")).text


def test_the_home_page_links_to_help_with_online_services(client):
    assert reverse("web:online-help") in client.get(reverse("web:home")).text
