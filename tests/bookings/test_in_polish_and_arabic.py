"""Booking in Polish or Arabic: the days, the round's and items' names from the bookings file and
the times read in the page's language (never strftime's English), while what is stored keeps the
English; the emails are in the resident's own language (notify's one rule)."""

from __future__ import annotations

import tomllib

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from opencex.bookings import messages, services
from opencex.bookings.config import BookingsFileError, check, file_path
from opencex.bookings.models import Slot
from opencex.bookings.presenting import describe
from tests.bookings.conftest import key, london

pytestmark = pytest.mark.django_db
SLUG = "book-bulky-waste-collection"
DETAILS = {
    "postcode": "ox3 9aa",
    "address": "14 Underhill Circus",
    "items-furniture": "1",
    "concession": "Housing Benefit",
    "email": "ann@example.org",
}


@pytest.fixture(autouse=True)
def _thursday():
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


@pytest.fixture
def signed_in(client, resident, slots):
    from django.core.cache import cache

    cache.clear()  # the rate limits count in the cache
    client.force_login(resident.user)
    return client


def _in(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def test_the_booking_page_names_the_items_and_benefits_in_polish(signed_in):
    page = _in(signed_in, "pl").get(reverse("web:book-start", args=[SLUG])).text
    assert "Meble (sofa, łóżko, materac, szafa, stół)" in page
    assert "Dodatek mieszkaniowy (Housing Benefit)" in page
    assert 'value="Housing Benefit"' in page  # what a booking stores stays the English
    assert "Furniture" not in page


def test_the_dates_offered_read_in_polish(signed_in):
    _in(signed_in, "pl").post(reverse("web:book-start", args=[SLUG]), DETAILS)
    page = signed_in.get(reverse("web:book-date", args=[SLUG])).text
    assert "poniedziałek 7 września, Trasa wschodnia" in page
    assert "środa 9 września, Trasa wschodnia" in page
    assert "Monday 7" not in page
    assert "September" not in page


def test_the_dates_offered_read_in_arabic(signed_in):
    _in(signed_in, "ar").post(reverse("web:book-start", args=[SLUG]), DETAILS)
    page = signed_in.get(reverse("web:book-date", args=[SLUG])).text
    assert "الاثنين 7 سبتمبر، الجولة الشرقية" in page
    assert "Monday 7" not in page


def _booking(resident):
    return services.hold_slot(
        actor=resident.user,
        resident=resident,
        service=SLUG,
        slot=Slot.objects.get(resource="round-east", day="2026-09-07"),
        details={"items": {"furniture": 2}},
        email=resident.email,
        idempotency_key=key(),
        address="14 Underhill Circus",
        postcode="OX3 9AA",
    )


def test_a_booking_reads_in_the_pages_language_and_its_email_in_the_residents(resident, slots):
    booking = _booking(resident)
    assert booking.slot.session == "East round"
    resident.preferred_language = "en"
    resident.save()
    with translation.override("pl"):
        described = describe(booking)
        assert described.cut_off_words == "17:00, piątek 4 września"
        email = messages.tell_resident(booking=booking, template="booking_confirmed")
    assert described.when == "poniedziałek 7 września 2026, od 7:00 do 15:00"
    assert described.what == "Meble (sofa, łóżko, materac, szafa, stół): 2"
    with translation.override("ar"):
        assert describe(booking).when == "الاثنين 7 سبتمبر 2026، من 7:00 إلى 15:00"
    with translation.override("en"):
        assert describe(booking).when == "Monday 7 September 2026, 7am to 3pm"
    # An English speaker's email is English, whatever page the booking was made on.
    assert email.language == "en"
    assert "When: Monday 7 September 2026, 7am to 3pm" in email.body
    assert "Furniture (sofa, bed, mattress, wardrobe, table): 2" in email.body

    # A Polish speaker's is Polish, from an English page too: the words, the day and the items.
    resident.preferred_language = "pl"
    resident.save()
    with translation.override("en"):
        email = messages.tell_resident(booking=booking, template="booking_confirmed")
    assert email.language == "pl"
    assert email.subject.startswith("Rezerwacja potwierdzona:")
    assert booking.reference in email.subject
    assert "Rezerwacja została potwierdzona." in email.body
    assert "Kiedy: poniedziałek 7 września 2026, od 7:00 do 15:00" in email.body
    assert "Meble (sofa, łóżko, materac, szafa, stół): 2" in email.body
    assert "17:00, piątek 4 września" in email.body
    assert "Dear" not in email.body
    assert "When:" not in email.body

    # An Arabic speaker's reads right to left with the reference kept left to right.
    resident.preferred_language = "ar"
    resident.save()
    email = messages.tell_resident(booking=booking, template="booking_cancelled", refund="£5.00")
    assert email.language == "ar"
    assert "تم إلغاء الحجز" in email.subject
    assert booking.reference in email.subject
    assert "\u2066" in email.subject  # the reference isolated left to right


def test_a_name_in_a_language_the_site_does_not_offer_or_without_english_is_refused():
    data = tomllib.loads(file_path().read_text(encoding="utf-8"))
    data["collections"][0]["item_types"][0]["name"] = {"pl": "Meble", "de": "Möbel"}
    with pytest.raises(BookingsFileError) as refused:
        check(data)
    problems = " ".join(refused.value.problems)
    assert 'needs English ("en")' in problems
    assert "languages this site does not offer: de" in problems
