"""The tracking page names the case and the date that holds as the letters do
(`notify.letters.what_it_is` and `promise_for`), so the page and the letters cannot disagree."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.cases.models import HazardClass
from opencex.notify.letters import promise_for
from tests.cases.conftest import LONDON, at_ten
from tests.track.conftest import report_missed_bin

pytestmark = pytest.mark.django_db


def _tracking_page(client, case, language: str = "en") -> str:
    session = client.session
    session["track_grants"] = {case.reference: {"case_id": case.pk, "email": "ann@example.org"}}
    session.save()
    client.cookies["django_language"] = language
    return client.get(reverse("web:track-case", args=[case.reference])).content.decode()


def test_the_tracking_page_names_the_case_and_its_date_as_the_letters_do(client, missed_bin):
    with time_machine.travel(at_ten("2026-12-23"), tick=False):
        case = report_missed_bin(service=missed_bin)
        page = _tracking_page(client, case)
        promise, _ = promise_for(case)

    assert "Your report of a missed bin collection" in page
    assert str(promise) == "Monday 4 January 2027"
    assert f"We aim to finish by {promise}." in page


def test_the_tracking_page_gives_an_emergency_the_hour_as_the_letters_do(client, missed_bin):
    aware = dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON)
    with time_machine.travel(aware, tick=False):
        case = report_missed_bin(service=missed_bin, hazard_class=HazardClass.EMERGENCY)
        page = _tracking_page(client, case)
        promise, _ = promise_for(case)

    assert str(promise) == "9:30pm on Friday 25 December 2026"
    assert "We will make your home safe by 9:30pm on Friday 25 December 2026." in page


def test_the_polish_tracking_page_keeps_its_translated_heading_without_the_english_phrase(
    client, missed_bin
):
    with time_machine.travel(at_ten("2026-12-23"), tick=False):
        case = report_missed_bin(service=missed_bin)
        page = _tracking_page(client, case, language="pl")

    assert 'lang="pl"' in page
    assert "report of a missed bin collection" not in page
