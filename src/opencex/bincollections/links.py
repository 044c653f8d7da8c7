"""The site's addresses for bin collections, for emails, text messages, the calendar file and
the catalogue's "online" route: built here from the web URLs' names, so they never disagree."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.urls import reverse

from opencex.bincollections.config import bins_config
from opencex.notify import conf as notify_conf


def online_route(service) -> str | None:
    """Where a resident finds their bin day online: the look-up, for the service the bin
    collections file names; None for any other service (or with no file)."""
    config = bins_config()
    if config is None or service.slug != config.service:
        return None
    return reverse("web:bins-start")


def address_url(uprn: str) -> str:
    return notify_conf.site_url() + reverse("web:bins-address", args=[uprn])


def calendar_url(uprn: str) -> str:
    """The calendar file (.ics) of an address's collections: a download, and a feed that a
    calendar app can subscribe to (it is the same file, made again on each request)."""
    return notify_conf.site_url() + reverse("web:bins-calendar", args=[uprn])


def feed_url(uprn: str) -> str:
    """The same feed as webcal://, which opens "subscribe" in most calendar apps."""
    parts = urlsplit(calendar_url(uprn))
    return urlunsplit(("webcal", *parts[1:]))


def confirm_url(token: str) -> str:
    return notify_conf.site_url() + reverse("web:bins-reminders-confirm", args=[token])


def unsubscribe_url(token: str) -> str:
    return notify_conf.site_url() + reverse("web:bins-reminders-stop", args=[token])
