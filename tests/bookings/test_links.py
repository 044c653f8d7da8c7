"""Every link a booking email or calendar file gives the resident opens a page that answers 200
for them: the links are built where the web pages' addresses are named, never typed twice."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import time_machine

from opencex.bookings import messages, services
from opencex.bookings.calendar_file import calendar_file
from opencex.bookings.models import Slot, Status
from tests.bookings.conftest import key, london

pytestmark = pytest.mark.django_db
SITE = "https://www.oxford.example"
# Links to our own site (the council's website in the signature is not ours to check).
LINK = re.compile(r"https://www\.oxford\.example[^\s<>\"]*")


@pytest.fixture(autouse=True)
def _thursday(settings):
    settings.OPENCEX_SITE_URL = SITE
    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        yield


@pytest.fixture
def confirmed(resident, slots):
    booking = services.hold_slot(
        actor=resident.user,
        resident=resident,
        service="book-bulky-waste-collection",
        slot=Slot.objects.get(resource="round-east", day="2026-09-07"),
        details={"items": {"furniture": 1}},
        email=resident.email,
        idempotency_key=key(),
        address="14 Underhill Circus",
        postcode="OX3 9AA",
    )
    booking.status = Status.CONFIRMED
    booking.save(update_fields=["status"])
    return booking


def _answers_200(client, link: str) -> None:
    assert link.startswith(SITE + "/"), link
    path = urlsplit(link).path
    response = client.get(path)
    assert response.status_code == 200, f"{link} answered {response.status_code}"


@pytest.mark.parametrize(
    "template", ["booking_confirmed", "booking_moved", "booking_cancelled", "booking_refused"]
)
def test_every_link_in_every_booking_email_opens_for_the_resident(
    client, resident, confirmed, template
):
    client.force_login(resident.user)
    message = messages.tell_resident(booking=confirmed, template=template)
    links = LINK.findall(message.body)
    if template in ("booking_confirmed", "booking_moved"):
        assert len(links) >= 2  # the booking's page and its calendar file
    for link in links:
        _answers_200(client, link)


def test_the_calendar_files_link_opens_the_booking_for_the_resident(client, resident, confirmed):
    client.force_login(resident.user)
    unfolded = calendar_file(confirmed).replace("\r\n ", "")
    links = LINK.findall(unfolded.replace("\\n", "\n"))
    assert links
    for link in links:
        _answers_200(client, link)
