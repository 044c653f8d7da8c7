"""Service pages, the services list and guidance pages read in the page's language from the
catalogue's translations, in English where a text is not translated."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from opencex.catalogue.models import GuidancePage
from tests.factories import ServiceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def speaking(client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language


@pytest.fixture
def service():
    topic = TopicFactory(
        slug="bins", name="Bins and recycling", translations={"pl": {"name": "Śmieci i recykling"}}
    )
    return ServiceFactory(
        slug="request-replacement-bin",
        title="Request a replacement bin",
        summary="Ask for a new bin if yours is lost, stolen or broken.",
        cost="Free",
        topic=topic,
        translations={"pl": {"title": "Zamówienie nowego pojemnika", "summary": "Nowy pojemnik."}},
    )


def test_a_service_page_in_polish_shows_the_polish_texts(client, service):
    speaking(client, "pl")
    page = client.get(reverse("web:service", args=[service.slug])).content.decode()
    assert '<html lang="pl" class="govuk-template"' in page
    assert "<title>Zamówienie nowego pojemnika" in page
    assert '<h1 class="govuk-heading-xl">Zamówienie nowego pojemnika</h1>' in page
    assert "Śmieci i recykling" in page
    assert "Nowy pojemnik." in page


def test_a_text_without_polish_is_shown_in_english_marked_as_english(client, service):
    speaking(client, "pl")
    page = client.get(reverse("web:service", args=[service.slug])).content.decode()
    assert '<p class="govuk-body" lang="en">Free</p>' in page
    assert '<h1 class="govuk-heading-xl">Zamówienie nowego pojemnika</h1>' in page


def test_an_english_page_marks_nothing_as_english(client, service):
    speaking(client, "en")
    page = client.get(reverse("web:service", args=[service.slug])).content.decode()
    assert '<h1 class="govuk-heading-xl">Request a replacement bin</h1>' in page
    assert 'lang="en">' not in page.split("<main", 1)[1]


def test_the_services_list_groups_by_the_topics_polish_name(client, service):
    speaking(client, "pl")
    page = client.get(reverse("web:services")).content.decode()
    assert '<h2 class="govuk-heading-m">Śmieci i recykling</h2>' in page
    assert "Zamówienie nowego pojemnika</a>" in page


def test_a_guidance_page_in_polish_shows_its_polish_body(client, service):
    guidance = GuidancePage.objects.create(
        slug="bin-days",
        title="Bin collection days",
        summary="When your bins are collected.",
        body=[{"heading": "Which bin"}, "Put it out by 7am.", ["Blue bin", "Green bin"]],
        topic=service.topic,
        translations={
            "pl": {
                "title": "Dni odbioru śmieci",
                "body": [{"heading": "Który pojemnik"}, "Do 7:00.", ["Niebieski", "Zielony"]],
            }
        },
    )
    guidance.services.add(service)
    speaking(client, "pl")
    page = client.get(reverse("web:guidance", args=["bin-days"])).content.decode()
    assert '<html lang="pl" class="govuk-template"' in page
    assert '<h1 class="govuk-heading-xl">Dni odbioru śmieci</h1>' in page
    assert '<h2 class="govuk-heading-m">Który pojemnik</h2>' in page
    assert "<li>Niebieski</li>" in page
    # No Polish summary: the English, marked as English.
    assert '<p class="govuk-body-l" lang="en">When your bins are collected.</p>' in page
    assert "Zamówienie nowego pojemnika</a>" in page  # the related service in Polish
    speaking(client, "en")
    english = client.get(reverse("web:guidance", args=["bin-days"])).content.decode()
    assert '<h1 class="govuk-heading-xl">Bin collection days</h1>' in english


def test_the_home_pages_top_tasks_are_in_polish(client):
    slug = settings.COUNCIL_PROFILE.top_tasks[0]
    ServiceFactory(slug=slug, title="A top task", translations={"pl": {"title": "Najczęstsza"}})
    speaking(client, "pl")
    page = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:service", args=[slug])}">Najczęstsza</a>' in page
