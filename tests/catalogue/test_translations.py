"""A service's texts in other languages: read from the catalogue file, checked, and given back in
the language asked for with English where a translation is missing."""

from __future__ import annotations

import pytest
from django.conf import settings

from opencex.catalogue.loading import (
    CatalogueError,
    demo_catalogue_file,
    load_catalogue,
    load_catalogue_file,
)
from opencex.catalogue.models import TRANSLATED_SERVICE_FIELDS, Service

pytestmark = pytest.mark.django_db

POLISH = {
    "title": "Zgłoszenie nieodebranych odpadów",
    "summary": "Prosimy dać nam znać, jeśli w dniu odbioru pojemnik nie został opróżniony.",
}
# The services residents use most, which Oxford's catalogue gives in Polish and Arabic.
CORE_SERVICES = (
    "report-missed-bin",
    "report-fly-tipping",
    "report-housing-repair",
    "report-damp-and-mould",
    "book-bulky-waste-collection",
    "pay-council-tax",
    "ask-council-tax-bill-question",
    "make-general-enquiry",
    "make-complaint",
    "make-foi-request",
    "make-subject-access-request",
    # What residents book and pay for online (issue 12).
    "book-community-centre",
    "hire-town-hall-room",
    "visit-museum-of-oxford",
    "pay-parking-fine-car-park",
    "pay-business-rates",
    "pay-rent",
    "request-rent-statement",
)


def _with_translations(catalogue: dict, translations) -> dict:
    catalogue["services"][0]["translations"] = translations
    return catalogue


def _problems(catalogue: dict) -> tuple[str, ...]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)
    return raised.value.problems


def test_the_loader_reads_a_services_translations(catalogue):
    load_catalogue(_with_translations(catalogue, {"pl": POLISH, "ar": {"cost": "مجانًا"}}))
    service = Service.objects.get(slug="report-missed-bin")
    assert service.translations == {"pl": POLISH, "ar": {"cost": "مجانًا"}}


def test_a_service_without_translations_has_none(catalogue):
    load_catalogue(catalogue)
    assert Service.objects.get(slug="report-missed-bin").translations == {}


def test_a_changed_translation_is_updated_and_an_unchanged_one_is_left(catalogue):
    load_catalogue(_with_translations(catalogue, {"pl": POLISH}))
    assert load_catalogue(catalogue).services.updated == 0
    catalogue["services"][0]["translations"] = {"pl": {**POLISH, "cost": "Bezpłatnie"}}
    assert load_catalogue(catalogue).services.updated == 1
    assert Service.objects.get(slug="report-missed-bin").text_in("cost", "pl") == "Bezpłatnie"


def test_a_language_the_site_does_not_offer_is_refused(catalogue):
    problems = _problems(_with_translations(catalogue, {"de": {"title": "Mülltonne"}}))
    assert problems == (
        "service 'report-missed-bin', translations: 'de' is a language this site does not "
        "offer (it offers pl, ar besides English).",
    )


def test_english_is_not_a_translation(catalogue):
    problems = _problems(_with_translations(catalogue, {"en": {"title": "Bins"}}))
    assert problems == (
        "service 'report-missed-bin', translations: English goes in the service's own fields, "
        "not translations.",
    )


def test_only_the_texts_a_resident_reads_can_be_translated(catalogue):
    problems = _problems(_with_translations(catalogue, {"pl": {"slug": "zgłoś"}}))
    assert problems == (
        "service 'report-missed-bin', translations.pl: ['slug'] are not texts of a service; "
        f"use {list(TRANSLATED_SERVICE_FIELDS)}.",
    )


def test_a_translation_that_is_not_text_names_its_field(catalogue):
    problems = _problems(_with_translations(catalogue, {"pl": {"title": 3}}))
    assert problems == (
        "service 'report-missed-bin', translations.pl.title: Input should be a valid string "
        "(it is 3).",
    )


def test_translations_must_be_texts_by_language(catalogue):
    problems = _problems(_with_translations(catalogue, ["pl", "Zgłoś"]))
    assert len(problems) == 1
    assert problems[0].startswith(
        "service 'report-missed-bin', translations: Input should be a valid dictionary"
    )


def test_a_service_gives_its_text_in_the_language_asked_for_with_english_for_the_rest(catalogue):
    load_catalogue(_with_translations(catalogue, {"pl": POLISH}))
    service = Service.objects.get(slug="report-missed-bin")

    polish = service.in_language("pl-pl")
    assert (polish.title, polish.summary) == (POLISH["title"], POLISH["summary"])
    assert polish.standard_text == "We collect missed bins within 2 working days."
    assert service.in_language("ar").title == "Report a missed bin collection"
    assert service.in_language("en-gb").summary == "Tell us if your bin was not emptied."


def test_oxfords_core_services_are_in_polish_and_arabic():
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    for service in Service.objects.filter(slug__in=CORE_SERVICES):
        for language in ("pl", "ar"):
            texts = set(service.translations[language]) & set(TRANSLATED_SERVICE_FIELDS)
            english = {name for name in TRANSLATED_SERVICE_FIELDS if getattr(service, name)}
            assert texts == english, (service.slug, language)
    assert Service.objects.filter(slug__in=CORE_SERVICES).count() == len(CORE_SERVICES)
