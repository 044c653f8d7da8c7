"""An address's bin collections as an iCalendar file (RFC 5545): the download and the feed a
calendar app subscribes to are this same file, made again on each request.

Each collection is an all-day event whose UID is the address's UPRN and the round's usual day,
so it stays the same when a bank holiday moves the collection (the calendar then shows the
new day in place of the old one). An alarm goes off the evening before, at the file's
`reminders_at`. Text is escaped and lines folded at 75 octets (`opencex.calendar_files`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from opencex.bincollections.config import BinsFile
from opencex.bincollections.schedule import Collection
from opencex.calendar_files import calendar_text, date_value, text, utc_time
from opencex.dates_in_language import long_date
from opencex.languages import in_current_language
from opencex.notify import conf as notify_conf
from opencex.people.models import Property


def uid_of(address: Property, collection: Collection) -> str:
    host = urlsplit(notify_conf.site_url()).hostname or "opencex.invalid"
    return f"bins-{address.uprn}-{date_value(collection.usual_on)}@{host}"


def what_goes_out(collection: Collection) -> str:
    return ", ".join(
        f"{in_current_language(each.name)} ({in_current_language(each.container)})"
        for each in collection.bins
    )


def _event(address: Property, collection: Collection, config: BinsFile, stamp: str) -> list[str]:
    description = what_goes_out(collection)
    if collection.is_moved:
        description += "\n" + _("Moved because of a bank holiday: usually %(day)s.") % {
            "day": long_date(collection.usual_on)
        }
    # Minutes before the all-day event's start (midnight) that the evening's reminder time is.
    at = config.reminders_at
    minutes = 24 * 60 - (at.hour * 60 + at.minute)
    return [
        "BEGIN:VEVENT",
        f"UID:{uid_of(address, collection)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{date_value(collection.on)}",
        f"DTEND;VALUE=DATE:{date_value(collection.on + timedelta(days=1))}",
        f"SUMMARY:{text(_('Bin collection: %(bins)s') % {'bins': what_goes_out(collection)})}",
        f"DESCRIPTION:{text(description)}",
        f"LOCATION:{text(str(address))}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{text(_('Put your bins out for tomorrow'))}",
        f"TRIGGER:-PT{minutes}M",
        "END:VALARM",
        "END:VEVENT",
    ]


def calendar_file(
    address: Property,
    collections: list[Collection],
    config: BinsFile,
    *,
    now: datetime | None = None,
) -> str:
    council = settings.COUNCIL_PROFILE
    stamp = utc_time(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{text(council.name)}//OpenCEX bin collections//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(_('Bin collections: %(address)s') % {'address': address})}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ]
    for collection in collections:
        lines += _event(address, collection, config, stamp)
    lines.append("END:VCALENDAR")
    return calendar_text(lines)
