"""The demo history looks like the council's own record: desk and outreach visits only when the
place is open, no contact on a bank holiday or closure day, the contact centre busiest from 9 to
10am, desk visits and calls in the council's proportion, and repairs reported by its tenants.

One seeded history (`SIZE` below, a twelfth of the full demo) takes a while to make, so it is
made once and one test checks each property in turn (a function per property), with its
tolerance stated where the demo is random.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from django.conf import settings as django_settings

from opencex.cases.models import Case, CaseKind, Channel
from opencex.contacts.models import Contact
from opencex.council.calendar import council_calendar
from opencex.council.profile import WEEKDAYS
from opencex.demo.generate import SIZES, DemoSize, load_demo
from opencex.demo.world import LONDON

SIZE = DemoSize(residents=250, properties=200, cases=1000)
NOW = datetime(2026, 4, 15, 12, 0, tzinfo=LONDON)
IN_PERSON = (Channel.FACE_TO_FACE, Channel.OUTREACH)


pytestmark = pytest.mark.django_db


def test_a_seeded_demo_history_looks_like_the_councils_record(monkeypatch, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setitem(SIZES, "realism", SIZE)
    load_demo(size="realism", seed=7, now=NOW)
    every_desk_and_outreach_visit_is_at_a_place_open_at_that_hour()
    nobody_calls_or_visits_on_a_weekend_bank_holiday_or_closure_day()
    the_contact_centre_is_busiest_from_9_to_10am()
    desk_visits_a_month_and_calls_a_working_day_are_in_the_councils_proportion()
    housing_repairs_come_from_council_tenants_at_council_homes()


def _local(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def every_desk_and_outreach_visit_is_at_a_place_open_at_that_hour():
    places = {place.slug: place for place in django_settings.COUNCIL_PROFILE.places}
    visits = Contact.objects.filter(channel__in=IN_PERSON)
    assert visits.count() > 20
    for visit in visits:
        at = _local(visit.at)
        place = places[visit.place]
        assert any(
            h.day == WEEKDAYS[at.weekday()] and h.opens <= at.time() < h.closes for h in place.hours
        ), f"{visit.place} closed at {at:%A %d %B %Y %H:%M}"


def nobody_calls_or_visits_on_a_weekend_bank_holiday_or_closure_day():
    calendar = council_calendar()
    assisted = [
        *Contact.objects.all(),
        *Case.objects.filter(channel__in=[Channel.PHONE, *IN_PERSON]),
    ]
    shut = [
        row
        for row in assisted
        if not calendar.is_working_day(
            _local(row.at if isinstance(row, Contact) else row.received_at).date()
        )
    ]
    assert shut == []


def the_contact_centre_is_busiest_from_9_to_10am():
    by_hour = Counter(_local(c.at).hour for c in Contact.objects.filter(channel=Channel.PHONE))
    assert by_hour.most_common(1)[0][0] == 9
    assert set(by_hour) <= set(range(9, 17))


def desk_visits_a_month_and_calls_a_working_day_are_in_the_councils_proportion():
    # The council: 360-400 Westgate visits a month against 500-1,000 calls a working day, a ratio
    # of 0.36 to 0.80. The demo's ratio must fall in 0.25-1.0 (wider: a random sample).
    calendar = council_calendar()
    calls = Contact.objects.filter(channel=Channel.PHONE)
    days = {_local(c.at).date() for c in calls}
    first, last = min(days), max(days)
    working_days = sum(
        1
        for n in range((last - first).days + 1)
        if calendar.is_working_day(first.fromordinal(first.toordinal() + n))
    )
    months = (last - first).days / 30.4
    desk = Contact.objects.filter(channel=Channel.FACE_TO_FACE, place="westgate-library").count()
    ratio = (desk / months) / (calls.count() / working_days)
    assert 0.25 <= ratio <= 1.0, ratio


def housing_repairs_come_from_council_tenants_at_council_homes():
    repairs = Case.objects.filter(
        kind=CaseKind.SERVICE_REQUEST, service__is_landlord_function=True, resident__isnull=False
    )
    assert repairs.exists()
    for case in repairs.select_related("property"):
        assert case.property is not None, case.reference
        assert case.property.is_council_owned, case.reference
