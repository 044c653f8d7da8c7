"""Paying in Polish or Arabic: the bills' names, references and hints from the council profile
read in the page's language; the payment keeps the English description."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _in(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def test_what_to_pay_and_the_reference_question_read_in_polish(client):
    page = _in(client, "pl").get("/pay/").text
    assert "Podatek lokalny (council tax)" in page
    reference = client.get("/pay/council_tax/").text
    assert "Jaki jest Państwa numer konta podatku lokalnego?" in reference
    assert "Ma 10 cyfr i znajduje się u góry rachunku za podatek lokalny." in reference


def test_a_wrong_reference_is_named_in_arabic(client):
    page = _in(client, "ar").post("/pay/council_tax/", {"reference": "12"}).text
    assert "أدخل رقم حساب ضريبة المجلس بالصيغة الصحيحة، مثل 4001234564" in page
