"""Messages to residents and officers: choose the channel, render the template, record the
notification and queue its sending, all inside the caller's transaction."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from opencex.accounts.actors import account_or_none
from opencex.jobs.queue import enqueue
from opencex.languages import offered_or_english
from opencex.notify import conf
from opencex.notify.language import OFFICERS_LANGUAGE, message_language
from opencex.notify.letters import resident_context
from opencex.notify.models import Notification, NotificationChannel
from opencex.notify.rendering import render_message, written_language
from opencex.notify.tasks import send_notification

if TYPE_CHECKING:
    from opencex.accounts.models import User
    from opencex.cases.models import Case
    from opencex.people.models import Resident

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Route:
    channel: str
    recipient: str


def route_for_case(case: Case) -> Route | None:
    """How we may reach the person a case is for, or None if there is no way they agreed to.

    A resident's preferred channel comes first and the other consented channel second. We cannot
    post a letter or ring from here, so for those preferences we email if they consented to email
    and we have an address. With no resident record, the email given with the request is used.
    """
    resident = case.resident
    email = case.client_email
    if resident is None:
        return Route(NotificationChannel.EMAIL, email) if email else None

    phone = resident.phone or case.contact_phone
    by_email = Route(NotificationChannel.EMAIL, email) if resident.consents_to_email else None
    by_sms = Route(NotificationChannel.SMS, phone) if resident.consents_to_sms else None
    if resident.preferred_channel == "sms":
        candidates = [by_sms, by_email]
    elif resident.preferred_channel == "email":
        candidates = [by_email, by_sms]
    else:
        candidates = [by_email]
    return next((route for route in candidates if route and route.recipient), None)


def notify_resident(
    *,
    case: Case,
    template: str,
    extra_context: Mapping[str, Any] | None = None,
    actor: User | None = None,
) -> Notification | None:
    """Send the resident on `case` the message `template`, on the channel they chose, in their
    language (notify.language), worded for its kind (see notify.letters: the date that holds,
    how to reply, no echo of what an unproven sender typed).

    Returns the queued Notification, or None (with a log line saying why) when there is no
    channel they consented to that we hold an address for. The row and its sending job are
    written in the caller's transaction, so a rolled-back change sends nothing.
    """
    route = route_for_case(case)
    if route is None:
        resident = case.resident
        logger.info(
            "Not sending %s for case %s: %s",
            template,
            case.reference,
            f"resident {resident.pk} prefers {resident.preferred_channel} and has no email "
            "or text channel they consented to with an address"
            if resident
            else "no resident and no contact email",
        )
        return None

    language = message_language(case)
    # What the letter works out (the kind in words, the date) is worded in its language too.
    with translation.override(written_language(template, language, route.channel)):
        context = {
            **resident_context(case, recipient=route.recipient, channel=route.channel),
            **(extra_context or {}),
        }
    return _queue(
        route=route,
        template=template,
        context=context,
        language=language,
        case=case,
        resident=case.resident,
        actor=actor,
    )


def notify_staff(
    *,
    user: User,
    template: str,
    context: Mapping[str, Any],
    actor: User | None = None,
) -> Notification | None:
    """Email an officer the message `template`; None if they cannot receive it."""
    if not (user.is_active and user.email):
        logger.info("Not sending %s to user %s: inactive or no email", template, user.pk)
        return None
    case = context.get("case")
    full_context = {
        "council": settings.COUNCIL_PROFILE,
        "name": user.full_name,
        "officer": user,
        **({"staff_case_url": conf.staff_case_url(case.reference)} if case else {}),
        **context,
    }
    return _queue(
        route=Route(NotificationChannel.EMAIL, user.email),
        template=template,
        context=full_context,
        language=OFFICERS_LANGUAGE,
        case=case,
        resident=None,
        actor=actor,
    )


def notify_address(
    *,
    channel: str,
    recipient: str,
    template: str,
    context: Mapping[str, Any],
    language: str,
    actor: User | None = None,
) -> Notification:
    """Send `template` to an email address or phone number that no case or resident record
    holds (a bin collection reminder's subscriber, say), on `channel` ("email" or "sms"), in
    `language` (the one the recipient asked in; one the site does not offer is English); the
    row and its sending job are written in the caller's transaction, as for a resident."""
    return _queue(
        route=Route(channel, recipient),
        template=template,
        context={"council": settings.COUNCIL_PROFILE, **context},
        language=offered_or_english(language),
        case=None,
        resident=None,
        actor=actor,
    )


def _queue(
    *,
    route: Route,
    template: str,
    context: dict[str, Any],
    language: str,
    case: Case | None,
    resident: Resident | None,
    actor: User | None,
) -> Notification:
    message = render_message(template, route.channel, context, language=language)
    # The row and its job together; inside the caller's transaction no savepoint is needed (an
    # error here rolls the whole of it back), which saves two round trips per message.
    with transaction.atomic(savepoint=False):
        notification = Notification.objects.create(
            channel=route.channel,
            recipient=route.recipient,
            template=template,
            subject=message.subject,
            body=message.body,
            language=message.language,
            case=case,
            resident=resident,
            created_by=account_or_none(actor),
            adapter=conf.adapter_name(route.channel),
        )
        enqueue(send_notification, notification.pk)
    return notification
