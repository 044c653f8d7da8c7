"""The citizen pages: home, the services list, a service page and the error pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from opencex.languages import text_in
from tests.factories import ServiceFactory, TopicFactory

pytestmark = pytest.mark.django_db

COUNCIL = settings.COUNCIL_PROFILE

DASH = "\N{EN DASH}"  # between the page and the council in a title


def county_service(**fields):
    return ServiceFactory(
        provider="county",
        external_url="https://www.oxfordshire.gov.uk/residents/roads-and-transport/report-pothole",
        team=None,
        service_area=None,
        standard_days=None,
        standard_text="",
        if_late="",
        **fields,
    )


def test_home_shows_the_council_name_and_every_phone_line(client):
    page = client.get(reverse("web:home")).content.decode()
    assert f'<h1 class="govuk-heading-xl">{COUNCIL.name}</h1>' in page
    for line in COUNCIL.phone_lines:
        assert text_in(line.name, "en") in page
        assert line.number in page
        assert text_in(line.hours, "en") in page


def test_home_shows_each_place_with_its_opening_days_and_hours(client):
    page = client.get(reverse("web:home")).content.decode()
    assert "Customer Services at Westgate Library" in page
    assert "Westgate Library, Queen Street, Oxford, OX1 1DJ" in page
    assert "Monday: 10am to 4pm" in page
    assert "Outreach at Barton Community Larder" in page
    assert "Tuesday: 11am to 1pm" in page


def test_home_links_to_the_services_list(client):
    page = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:services")}"' in page


def test_page_title_names_the_page_then_the_council(client):
    page = client.get(reverse("web:services")).content.decode()
    assert f"<title>Services {DASH} {COUNCIL.name}</title>" in page


def test_header_is_the_councils_own_and_never_says_govuk(client):
    page = client.get(reverse("web:home")).content.decode()
    assert 'class="govuk-generic-header__homepage-link">Oxford City Council</a>' in page
    assert "GOV.UK" not in page
    assert "govuk-header__logotype" not in page
    assert "govuk-crest" not in page


def test_brand_colour_comes_from_the_council_profile(client):
    page = client.get(reverse("web:home")).content.decode()
    assert f"--govuk-brand-colour: {COUNCIL.branding.colour}" in page


def test_footer_gives_the_main_and_vulnerable_residents_phone_lines(client):
    footer = client.get(reverse("web:home")).content.decode().split("<footer")[1]
    assert COUNCIL.main_phone.number in footer
    assert COUNCIL.vulnerable_line.number in footer
    assert 'href="#"' not in footer


def test_arabic_pages_are_right_to_left(client):
    page = client.get(reverse("web:home"), headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl"' in page


def test_english_pages_are_left_to_right(client):
    page = client.get(reverse("web:home"), headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en" class="govuk-template">' in page


def test_services_are_grouped_under_their_topics_in_order(client):
    waste = TopicFactory(name="Bins and recycling")
    housing = TopicFactory(name="Housing")
    ServiceFactory(title="Report a housing repair", topic=housing)
    ServiceFactory(title="Report a missed bin", topic=waste)
    ServiceFactory(title="Book a bulky waste collection", topic=waste)

    page = client.get(reverse("web:services")).content.decode()

    order = [
        "Bins and recycling",
        "Book a bulky waste collection",
        "Report a missed bin",
        "Housing",
        "Report a housing repair",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_services_list_leaves_out_services_that_are_not_live(client):
    ServiceFactory(title="Apply for a garden waste bin", is_live=False)
    page = client.get(reverse("web:services")).content.decode()
    assert "Apply for a garden waste bin" not in page


def test_services_list_says_which_services_the_county_provides(client):
    county_service(title="Report a pothole")
    page = client.get(reverse("web:services")).content.decode()
    assert "Report a pothole" in page
    assert "Provided by Oxfordshire County Council" in page


def test_service_page_shows_how_long_it_takes_and_what_to_do_if_late(client):
    service = ServiceFactory(
        title="Report a missed bin collection",
        cost="Free",
        eligibility="Anyone whose bin was not emptied on collection day.",
        standard_days=2,
        standard_text="We will collect your bin within 2 working days.",
        if_late="If we have not collected it after 2 working days, phone us.",
        channels=["online", "phone", "face_to_face"],
    )
    page = client.get(reverse("web:service", args=[service.slug])).content.decode()
    assert f"<title>Report a missed bin collection {DASH} Oxford City Council</title>" in page
    assert "Who can use this service" in page
    assert "Anyone whose bin was not emptied on collection day." in page
    assert "Free" in page
    assert "How long it takes" in page
    assert "We will collect your bin within 2 working days." in page
    assert "If it takes longer" in page
    assert "If we have not collected it after 2 working days, phone us." in page
    assert "Ways to do it" in page
    assert COUNCIL.main_phone.number in page


def test_council_service_page_has_no_county_signpost(client):
    service = ServiceFactory()
    page = client.get(reverse("web:service", args=[service.slug])).content.decode()
    assert "This service is provided by" not in page


def test_county_service_page_signposts_the_county_council(client):
    service = county_service(title="Report a pothole")
    page = client.get(reverse("web:service", args=[service.slug])).content.decode()
    assert "This service is provided by Oxfordshire County Council" in page
    assert f'href="{service.external_url}"' in page
    assert COUNCIL.upper_tier.phone in page
    assert "Ways to do it" not in page


def test_unknown_service_is_not_found_in_the_citizen_layout(client):
    response = client.get(reverse("web:service", args=["no-such-service"]))
    page = response.content.decode()
    assert response.status_code == 404
    assert f"<title>Page not found {DASH} Oxford City Council</title>" in page
    assert 'id="main-content"' in page
    assert COUNCIL.main_phone.number in page


def test_service_that_is_not_live_is_not_found(client):
    service = ServiceFactory(is_live=False)
    response = client.get(reverse("web:service", args=[service.slug]))
    assert response.status_code == 404


def test_server_error_page_works_without_context_processors():
    # Django renders 500.html with an empty context, so the layout must find the council itself.
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert f"Sorry, there is a problem with the service {DASH} Oxford City Council" in page
    assert COUNCIL.main_phone.number in page
    assert f"--govuk-brand-colour: {COUNCIL.branding.colour}" in page


def test_the_home_page_lists_the_councils_top_tasks_first(client, settings):
    from dataclasses import replace

    from tests.factories import ServiceFactory

    ServiceFactory(slug="report-missed-bin", title="Report a missed bin collection")
    ServiceFactory(slug="pay-council-tax", title="Pay your council tax")
    settings.COUNCIL_PROFILE = replace(
        settings.COUNCIL_PROFILE,
        top_tasks=("pay-council-tax", "not-a-service", "report-missed-bin"),
    )
    page = client.get("/").text
    assert page.index("Pay your council tax") < page.index("Report a missed bin collection")
    assert "not-a-service" not in page
