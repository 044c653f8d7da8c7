"""Every citizen page offers the other languages; choosing one switches the page, right to left
for Arabic, without JavaScript."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_offers_polish_and_arabic_in_their_own_names(client):
    response = client.get(reverse("web:home"))
    assert 'lang="pl" hreflang="pl">Polski</a>' in response.text
    assert 'lang="ar" hreflang="ar">العربية</a>' in response.text


@pytest.mark.parametrize(
    ("language", "current", "others"),
    [
        ("en", "English", ["Polski", "العربية"]),
        ("pl", "Polski", ["English", "العربية"]),
        ("ar", "العربية", ["English", "Polski"]),
    ],
)
def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one(
    client, language, current, others
):
    client.cookies["django_language"] = language
    page = client.get(reverse("web:services")).text
    switcher = page.split('class="app-language-switcher"')[1].split("</nav>")[0]
    assert f'aria-current="true" lang="{language}">{current}</span>' in switcher
    for name in others:
        assert f">{name}</a>" in switcher
    assert switcher.count("aria-current") == 1


def test_a_switcher_link_keeps_the_page_and_its_query_without_javascript(client):
    page = client.get(reverse("web:search"), {"q": "bins"}).text
    link = "/language/pl/?next=/search%3Fq%3Dbins"
    assert f'href="{link}" lang="pl" hreflang="pl"' in page
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/search?q=bins"
    assert '<html lang="pl"' in client.get(response["Location"]).text


def test_the_switcher_does_not_send_a_resident_to_another_site(client):
    response = client.get("/language/ar/", {"next": "https://evil.example/"})
    assert response["Location"] == reverse("web:home")
    assert client.get("/language/xx/").status_code == 404


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
