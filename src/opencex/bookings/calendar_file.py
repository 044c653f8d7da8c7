"""A booking as an iCalendar file (RFC 5545) for the resident's calendar: one VEVENT with a UID
that stays the same when the booking moves (SEQUENCE counts the moves, so a calendar replaces the
old time), times in UTC (no VTIMEZONE needed), text escaped and lines folded at 75 octets
(`opencex.calendar_files`)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from opencex.bookings.messages import booking_url
from opencex.bookings.models import Booking, Status
from opencex.bookings.presenting import describe
from opencex.calendar_files import calendar_text, text, utc_time
from opencex.notify import conf as notify_conf


def uid_of(booking: Booking) -> str:
    host = urlsplit(notify_conf.site_url()).hostname or "opencex.invalid"
    return f"{booking.reference.lower()}@{host}"


def calendar_file(booking: Booking, *, now: datetime | None = None) -> str:
    described = describe(booking)
    council = settings.COUNCIL_PROFILE
    description = (
        f"{described.what}\nBooking reference: {booking.reference}\n"
        f"Change or cancel: {booking_url(booking)}"
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{text(council.name)}//OpenCEX bookings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid_of(booking)}",
        f"DTSTAMP:{utc_time(now or timezone.now())}",
        f"SEQUENCE:{booking.events.filter(what='moved').count()}",
        f"DTSTART:{utc_time(described.starts_at)}",
        f"DTEND:{utc_time(described.ends_at)}",
        f"SUMMARY:{text(described.title)}",
        f"LOCATION:{text(described.where)}",
        f"DESCRIPTION:{text(description)}",
        f"STATUS:{'CANCELLED' if booking.status == Status.CANCELLED else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return calendar_text(lines)
