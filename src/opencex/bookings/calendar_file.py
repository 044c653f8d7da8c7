"""A booking as an iCalendar file (RFC 5545) for the resident's calendar: one VEVENT with a UID
that stays the same when the booking moves (SEQUENCE counts the moves, so a calendar replaces the
old time), times in UTC (no VTIMEZONE needed), text escaped and lines folded at 75 octets."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from opencex.bookings.messages import booking_url
from opencex.bookings.models import Booking, Status
from opencex.bookings.presenting import describe
from opencex.notify import conf as notify_conf


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _folded(line: str) -> str:
    """Lines longer than 75 octets go on as continuation lines starting with a space, never
    splitting a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", 74  # a continuation line's leading space counts
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


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
        f"PRODID:-//{_text(council.name)}//OpenCEX bookings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid_of(booking)}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"SEQUENCE:{booking.events.filter(what='moved').count()}",
        f"DTSTART:{_utc(described.starts_at)}",
        f"DTEND:{_utc(described.ends_at)}",
        f"SUMMARY:{_text(described.title)}",
        f"LOCATION:{_text(described.where)}",
        f"DESCRIPTION:{_text(description)}",
        f"STATUS:{'CANCELLED' if booking.status == Status.CANCELLED else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_folded(line) + "\r\n" for line in lines)
