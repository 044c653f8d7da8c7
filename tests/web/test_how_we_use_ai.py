"""The citizen page about the council's AI models: every model with its state, what it does,
accuracy by group or "not measured yet", oversight and how to complain; in Polish and Arabic
the interface is translated and the English records are marked lang="en"."""

from __future__ import annotations

import dataclasses

import pytest
from django.urls import reverse

from opencex.aigovernance.records import governance_records

pytestmark = pytest.mark.django_db


def test_the_page_lists_every_model_with_what_it_does_and_how_to_complain(client):
    page = client.get(reverse("web:how-we-use-ai")).content.decode()
    for record in governance_records():
        assert f'id="model-{record.key}"' in page
        assert f"[ai] {record.key} = false" in page
    assert "Urgency cues" in page
    assert "Make a complaint" in page
    assert "Not measured yet." in page or "not measured" in page.lower()


def test_the_page_shows_the_measured_accuracy_by_language(client):
    page = client.get(reverse("web:how-we-use-ai")).content.decode()
    assert "model version cues-2026-12.1" in page
    assert "Polish" in page
    assert "Arabic" in page


def test_a_model_turned_off_says_so(client, settings):
    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, urgency_cues=False),
    )
    page = client.get(reverse("web:how-we-use-ai")).content.decode()
    section = page.split('id="model-urgency_cues"')[1].split("<section")[0]
    assert "Turned off" in section


def test_the_footer_links_to_the_page(client):
    assert reverse("web:how-we-use-ai") in client.get(reverse("web:home")).content.decode()


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_in_polish_and_arabic_the_english_records_are_marked_english(client, language):
    client.cookies["django_language"] = language
    page = client.get(reverse("web:how-we-use-ai")).content.decode()
    assert f'<html lang="{language}"' in page
    assert '<p class="govuk-body" lang="en"' in page


def test_rates_are_percentages_and_other_figures_are_shown_as_measured():
    from opencex.web.ai_views import _shown

    assert _shown("recall", 0.5) == "50%"
    assert _shown("accuracy@1", 0.874) == "87%"
    assert _shown("mae_working_days", 2.345) == "2.35"
    assert _shown("seconds (FEBRL 1)", 0.41) == "0.41"
    assert _shown("precision", None) == "\u2013"
