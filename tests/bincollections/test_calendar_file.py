"""The calendar file and feed of an address: valid iCalendar, all-day events on the collection
days, a UID that stays when a bank holiday moves the day, an alarm the evening before."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from tests.bincollections.conftest import london
from tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db


def unfolded(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def events(lines: list[str]) -> list[dict[str, str]]:
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None and not line.startswith(("BEGIN:VALARM", "END:VALARM")):
            name, _, value = line.partition(":")
            current.setdefault(name, value)
    return found


@pytest.fixture
def temple_road(db):
    return PropertyFactory(uprn="100120000201", address_line_1="5 Temple Road", postcode="OX4 2ET")


def calendar(client, address, **query):
    response = client.get(reverse("web:bins-calendar", args=[address.uprn]), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def test_the_file_is_a_calendar_of_all_day_collections(client, temple_road):
    with time_machine.travel(london(2026, 3, 31, 10), tick=False):
        lines = unfolded(calendar(client, temple_road).text)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 7
    assert lines.count("BEGIN:VALARM") == 7
    found = events(lines)
    assert [e["DTSTART;VALUE=DATE"] for e in found][:3] == ["20260327", "20260404", "20260411"]
    moved = found[1]
    assert moved["DTEND;VALUE=DATE"] == "20260405"
    assert moved["UID"].startswith("bins-100120000201-20260403@")  # its usual day, not the new
    assert "bank holiday" in moved["DESCRIPTION"]
    assert "TRIGGER:-PT360M" in lines  # 6pm the evening before


def test_the_uid_of_a_collection_is_the_same_every_time_the_feed_is_read(client, temple_road):
    with time_machine.travel(london(2026, 3, 31, 10), tick=False):
        first = events(unfolded(calendar(client, temple_road).text))
    with time_machine.travel(london(2026, 4, 2, 10), tick=False):
        later = events(unfolded(calendar(client, temple_road).text))
    first_uids = {e["DTSTART;VALUE=DATE"]: e["UID"] for e in first}
    later_uids = {e["DTSTART;VALUE=DATE"]: e["UID"] for e in later}
    shared = first_uids.keys() & later_uids.keys()
    assert len(shared) >= 5
    assert all(first_uids[day] == later_uids[day] for day in shared)


def test_the_download_is_an_attachment_and_the_feed_is_not(client, temple_road):
    assert "attachment" in calendar(client, temple_road, download="")["Content-Disposition"]
    assert "Content-Disposition" not in calendar(client, temple_road)


def test_the_feed_holds_no_personal_data_only_the_address(client, temple_road):
    text = calendar(client, temple_road).text
    assert "LOCATION:5 Temple Road\\, Oxford OX4 2ET" in unfolded(text)
    assert not re.search(r"@example|07\d{9}", text)
