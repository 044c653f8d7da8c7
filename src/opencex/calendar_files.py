"""The shared grammar of the iCalendar files (RFC 5545) the apps make: a booking's event
(`bookings.calendar_file`) and an address's bin collections (`bincollections.calendar_file`).

Text values are escaped (backslash, semicolon, comma, newline), lines are folded at 75 octets
without splitting a UTF-8 character, and every line ends in CRLF. Times are written in UTC,
so no VTIMEZONE is needed; all-day events take a date value."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

LINE_OCTETS = 75


def text(value: str) -> str:
    """A TEXT value with its special characters escaped (RFC 5545 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def folded(line: str) -> str:
    """A content line longer than 75 octets goes on as continuation lines starting with a space
    (RFC 5545 3.1), never splitting a UTF-8 character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, limit = [], b"", LINE_OCTETS
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > limit:
            parts.append(current.decode())
            current, limit = b"", LINE_OCTETS - 1  # a continuation line's leading space counts
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc_time(moment: datetime) -> str:
    """A DATE-TIME value in UTC ("20260907T083000Z")."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def date_value(day: date) -> str:
    """A DATE value ("20260907"), for all-day events."""
    return day.strftime("%Y%m%d")


def calendar_text(lines: Iterable[str]) -> str:
    """The file: each content line folded and ended with CRLF."""
    return "".join(folded(line) + "\r\n" for line in lines)
