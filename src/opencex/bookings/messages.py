"""Emails to the resident about a booking (confirmed, moved, cancelled, refused because the slot
filled): rendered from notify's message folders, recorded and queued in the caller's
transaction, as notify.services does for a case."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from opencex.bookings.models import Booking
from opencex.bookings.presenting import describe
from opencex.jobs.queue import enqueue
from opencex.notify import conf as notify_conf
from opencex.notify.language import resident_language
from opencex.notify.models import Notification, NotificationChannel
from opencex.notify.rendering import render_message
from opencex.notify.tasks import send_notification


def booking_url(booking: Booking) -> str:
    """The booking's page on the citizen site: every link to it (the emails, the calendar file)
    is built here, as notify.conf builds a case's links, with the path reversed from the web
    URLs' name so that the two can never disagree."""
    return notify_conf.site_url() + reverse("web:booking", args=[booking.reference])


def calendar_url(booking: Booking) -> str:
    return notify_conf.site_url() + reverse("web:booking-calendar", args=[booking.reference])


def tell_resident(*, booking: Booking, template: str, actor=None, **extra) -> Notification | None:
    """Email the resident `template` about `booking`; None if they have no email address."""
    if not booking.email:
        return None
    # Written in the resident's language (notify's one rule), and so is what they say of the
    # booking, its names, day and times, whatever page the act came from.
    language = resident_language(booking.resident)
    with translation.override(language):
        context = {
            "council": settings.COUNCIL_PROFILE,
            "name": booking.resident.full_name,
            "booking": booking,
            "described": describe(booking),
            "booking_url": booking_url(booking),
            "calendar_url": calendar_url(booking),
            **extra,
        }
        message = render_message(template, NotificationChannel.EMAIL, context, language=language)
    notification = Notification.objects.create(
        channel=NotificationChannel.EMAIL,
        recipient=booking.email,
        template=template,
        subject=message.subject,
        body=message.body,
        language=message.language,
        resident=booking.resident,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        adapter=notify_conf.adapter_name(NotificationChannel.EMAIL),
    )
    enqueue(send_notification, notification.pk)
    return notification
