"""Every citizen page offers the other languages; choosing one switches the page, right to left
for Arabic, without JavaScript."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_offers_polish_and_arabic_in_their_own_names(client):
    response = client.get(reverse("web:home"))
    assert 'lang="pl">Polski</button>' in response.text
    assert 'lang="ar">العربية</button>' in response.text


def test_choosing_arabic_sets_the_page_right_to_left_and_returns_to_the_same_page(client):
    response = client.post(
        reverse("set_language"), {"language": "ar", "next": reverse("web:services")}
    )
    assert response["Location"] == reverse("web:services")
    page = client.get(reverse("web:services"))
    assert '<html lang="ar" dir="rtl"' in page.text


def test_choosing_polish_keeps_left_to_right(client):
    client.post(reverse("set_language"), {"language": "pl", "next": "/"})
    page = client.get("/")
    assert '<html lang="pl" class="govuk-template"' in page.text


def test_the_home_page_reads_in_polish_with_24_hour_opening_times(client):
    client.post(reverse("set_language"), {"language": "pl", "next": "/"})
    page = client.get("/").text
    assert "Przejdź do treści głównej" in page
    assert "10:00" in page
    assert "10am" not in page


def test_the_home_page_reads_in_arabic(client):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    page = client.get("/").text
    assert "Skip to main content" not in page
