"""The look-up pages: postcode (however written), address, the next collections and the weeks
ahead, with a note when a bank holiday moved a date; errors in the GOV.UK error summary."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from opencex.bincollections import links
from tests.bincollections.conftest import london
from tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_1_june_2026():
    with time_machine.travel(london(2026, 6, 1, 10), tick=False):
        yield


def choose_url(postcode: str) -> str:
    return f"{reverse('web:bins-choose')}?postcode={postcode.replace(' ', '+')}"


@pytest.mark.parametrize("written", ["OX4 1HR", "ox41hr", "ox4 1hr", " OX4  1HR "])
def test_a_postcode_with_or_without_a_space_in_any_case_lists_its_addresses(
    client, neighbours, written
):
    response = client.get(reverse("web:bins-start"), {"postcode": written})
    assert response.status_code == 302
    assert response["Location"] == choose_url("OX4 1HR")
    page = client.get(response["Location"]).text
    assert "12 Cowley Road, Oxford OX4 1HR" in page
    assert "14 Cowley Road, Oxford OX4 1HR" in page
    assert "My address is not listed" in page


def test_the_start_page_asks_for_a_postcode(client, service):
    page = client.get(reverse("web:bins-start")).text
    assert "Find your bin collection day" in page
    assert 'autocomplete="postal-code"' in page
    assert 'class="govuk-error-summary' not in page


def test_an_unknown_postcode_is_an_error_in_the_summary(client, cowley_road):
    response = client.get(reverse("web:bins-start"), {"postcode": "ox9 9zz"})
    assert response.status_code == 200
    page = response.text
    assert "govuk-error-summary" in page
    assert "We cannot find any addresses at OX9 9ZZ" in page
    assert '<a href="#id_postcode">' in page
    assert "<title>Error: Find your bin collection day" in page


@pytest.mark.parametrize(
    ("written", "message"),
    [("", "Enter a postcode"), ("Cowley Road", "Enter a real postcode, like OX1 1BX")],
)
def test_a_missing_or_wrong_postcode_is_an_error_in_the_summary(client, written, message):
    page = client.get(reverse("web:bins-start"), {"postcode": written}).text
    assert "govuk-error-summary" in page
    assert message in page


def test_continuing_without_choosing_an_address_is_an_error(client, neighbours):
    page = client.get(choose_url("OX4 1HR") + "&uprn=").text
    assert "govuk-error-summary" in page
    assert "Select your address, or say it is not listed" in page
    assert '<a href="#id_uprn">' in page


def test_choosing_an_address_shows_its_collections(client, neighbours):
    response = client.get(choose_url("OX4 1HR") + "&uprn=100120000101")
    assert response["Location"] == reverse("web:bins-address", args=["100120000101"])


def test_an_address_not_listed_says_what_to_do(client, neighbours):
    response = client.get(choose_url("OX4 1HR") + "&uprn=not-listed", follow=True)
    page = response.text
    assert "Your address is not listed" in page
    assert "Try another postcode" in page


def test_the_address_page_shows_the_next_collection_and_the_weeks_ahead(client, cowley_road):
    page = client.get(reverse("web:bins-address", args=[cowley_road.uprn])).text
    # Thursday 4 June 2026 is in week B, this round's rubbish week.
    assert "Your next collection" in page
    assert "Thursday 4 June 2026" in page
    assert "Rubbish (green bin)" in page
    assert "Food waste (food caddy)" in page
    assert "Thursday 11 June 2026" in page
    assert "Recycling (blue bin)" in page
    assert "Garden waste (brown bin)" in page
    assert "Only if you pay for the garden waste subscription" in page
    assert "June 2026" in page
    assert "July 2026" in page
    assert f"/bin-collections/{cowley_road.uprn}/calendar.ics?download" in page
    feed = links.feed_url(cowley_road.uprn)
    assert feed.startswith("webcal://")
    assert feed.endswith(f"/{cowley_road.uprn}/calendar.ics")
    assert f'href="{feed}"' in page
    assert reverse("web:bins-reminders", args=[cowley_road.uprn]) in page


def test_a_date_moved_by_a_bank_holiday_says_so(client):
    temple_road = PropertyFactory(address_line_1="5 Temple Road", postcode="OX4 2ET")
    with time_machine.travel(london(2026, 3, 31, 10), tick=False):
        page = client.get(reverse("web:bins-address", args=[temple_road.uprn])).text
    assert "Saturday 4 April 2026" in page
    assert (
        "Later than usual because of a bank holiday: the usual day is Friday 3 April 2026." in page
    )


def test_an_address_with_no_round_says_to_call(client):
    elsewhere = PropertyFactory(address_line_1="1 Nowhere Lane", postcode="OX4 1HR")
    page = client.get(reverse("web:bins-address", args=[elsewhere.uprn])).text
    assert "We do not have a collection day for this address online yet." in page


def test_an_unknown_uprn_is_not_found(client, cowley_road):
    assert client.get(reverse("web:bins-address", args=["1"])).status_code == 404


def test_the_page_reads_in_polish(client, cowley_road):
    client.post(reverse("set_language"), {"language": "pl", "next": "/"})
    page = client.get(reverse("web:bins-address", args=[cowley_road.uprn])).text
    assert "czwartek 4 czerwca 2026" in page
    assert "Odpady zmieszane (zielony pojemnik)" in page
    assert "Rubbish" not in page


def test_the_page_reads_in_arabic(client, cowley_road):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    page = client.get(reverse("web:bins-address", args=[cowley_road.uprn])).text
    assert "النفايات العامة (الحاوية الخضراء)" in page
