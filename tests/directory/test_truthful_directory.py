"""The directory tells the truth: the council's own places agree with its profile, and no page
shows a phone number that is neither the council's own nor a marked, invented demo number."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from opencex.council.profile import OpeningHours
from opencex.directory.models import Contact, Service
from opencex.directory.services import DEMO_FILE, DemoDirectoryError, demo_entries

pytestmark = pytest.mark.django_db

# A UK phone number as pages print it: 01865 249811, 0808 157 0101, 0800 111 999.
PHONE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")


def _file() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def _council_numbers() -> set[str]:
    profile = settings.COUNCIL_PROFILE
    return {
        *(line.number for line in profile.phone_lines),
        *(route.number for route in profile.out_of_hours),
        profile.upper_tier.phone,
        profile.emergencies.gas.number,
    }


def _digits(number: str) -> str:
    return number.replace(" ", "")


def test_every_entry_at_a_council_place_has_the_profiles_days_hours_and_postcode():
    places = {place.slug: place for place in settings.COUNCIL_PROFILE.places}
    at_council_places = {
        item["slug"]: item["council_place"]
        for block in _file()["entries"]
        for item in block["services"]
        if "council_place" in item
    }
    assert at_council_places, "the demo directory has entries at the council's outreach places"
    for entry in demo_entries():
        if entry.slug not in at_council_places:
            continue
        place = places[at_council_places[entry.slug]]
        assert entry.schedule_description == place.hours_in_words(), entry.slug
        assert [where.postal_code for where in entry.locations] == [place.postcode], entry.slug


def test_changing_a_places_hours_in_the_profile_changes_the_directory():
    profile = settings.COUNCIL_PROFILE
    barton = next(p for p in profile.places if p.slug == "barton-community-larder")
    moved = dataclasses.replace(
        barton, hours=(OpeningHours(day="wednesday", opens="14:00", closes="15:30"),)
    )
    changed = dataclasses.replace(
        profile, places=tuple(moved if p is barton else p for p in profile.places)
    )
    entry = next(e for e in demo_entries(profile=changed) if e.slug == barton.slug)
    assert entry.schedule_description == "Wednesday, 2pm to 3:30pm"


def test_an_entry_naming_a_place_the_profile_lacks_is_refused(tmp_path):
    data = _file()
    data["entries"][2]["services"][0]["council_place"] = "nowhere-hall"
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DemoDirectoryError, match="council_place 'nowhere-hall'"):
        demo_entries(path)


def test_a_real_organisation_with_a_made_up_number_is_refused(tmp_path):
    data = _file()
    real = next(block for block in data["entries"] if block["organization"].get("real"))
    real["services"][0]["phone"] = "01632 960999"
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DemoDirectoryError, match=real["organization"]["slug"]):
        demo_entries(path)


def test_real_organisations_carry_only_their_website(oxford_directory):
    real = {b["organization"]["slug"] for b in _file()["entries"] if b["organization"].get("real")}
    assert {"citizens-advice-oxfordshire", "oxford-food-bank", "shelter"} <= real
    for service in Service.objects.filter(organization__slug__in=real):
        assert not service.contacts.exclude(phone="").exists(), service.slug
        assert not service.email.endswith("example.org"), service.slug
        assert service.is_demo


def test_no_directory_page_shows_a_number_that_is_not_the_councils_or_a_marked_demo_one(
    client, oxford_directory
):
    # Invented numbers belong only to invented organisations, in Ofcom's drama ranges.
    invented = {_digits(c.phone) for c in Contact.objects.exclude(phone="")}
    assert invented
    assert all(n.startswith(("01632960", "0808157")) for n in invented)
    confirmed = {_digits(number) for number in _council_numbers() if number}
    pages = [reverse("web:directory") + "?need=food", reverse("web:directory") + "?need=debt"]
    pages += [reverse("web:directory-entry", args=[s.slug]) for s in Service.objects.active()]
    for url in pages:
        html = client.get(url).content.decode()
        for number in {_digits(n) for n in PHONE.findall(html)}:
            assert number in confirmed | invented, f"{url} shows {number}"
            if number in invented:
                assert "Demo entry: not a real contact." in html, url
