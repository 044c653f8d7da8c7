"""The demo disclosure log: made-up released responses, published once, linked to released demo
requests with the same subject."""

from __future__ import annotations

import json

import pytest

from opencex.disclosure.demo import demo_file, load_demo_disclosures
from opencex.disclosure.models import DisclosureEntry, EntryStatus
from opencex.disclosure.redaction import redact
from tests.disclosure.conftest import released_request
from tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

DEMO = json.loads(demo_file("oxford").read_text(encoding="utf-8"))["entries"]


def test_the_demo_publishes_about_ten_entries_once():
    added = load_demo_disclosures("oxford")
    assert 10 <= added == len(DEMO)
    assert DisclosureEntry.objects.published().count() == added
    assert load_demo_disclosures("oxford") == 0
    assert DisclosureEntry.objects.count() == added


def test_a_council_without_demo_entries_gets_none():
    assert load_demo_disclosures("nowhere") == 0


def test_demo_entries_are_filed_under_the_catalogues_service_areas():
    parking = ServiceAreaFactory(slug="parking", name="Parking")
    load_demo_disclosures("oxford")
    titles = set(parking.disclosures.values_list("title", flat=True))
    assert "Number of penalty charge notices issued in council car parks" in titles


def test_a_released_demo_request_with_the_same_subject_is_linked(ig_officer):
    case = released_request(
        ig_officer, subject="Spending on agency staff in the last three financial years"
    )
    load_demo_disclosures("oxford")
    entry = DisclosureEntry.objects.get(title=case.subject)
    assert entry.case == case
    assert entry.released_on == case.responded_on
    assert entry.status == EntryStatus.PUBLISHED


def test_the_demo_texts_hold_no_personal_data_the_redaction_would_find():
    for item in DEMO:
        for text in (item["title"], item["request"], item["response"]):
            assert redact(text, keep=["foi@oxford.gov.uk"]).removed == (), text
