"""Reminders of bin collections, the evening before, by email or text message: signing up (with
double opt-in), confirming, unsubscribing, and the daily job that sends them.

Signing up sends nothing but the confirmation: a link by email, or a six-digit code by text
message that the resident types on the page that follows. Only a confirmed subscription gets
reminders, each carrying a link that unsubscribes without signing in. The daily job (run with
`opencex send_bin_reminders`, or every day with `--every-day` at the file's `reminders_at`)
sends each confirmed subscription one reminder for tomorrow's collection, recorded in
`ReminderSent` in the same transaction as the message, so that a second run the same evening
(or two at once) sends nothing more.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django_tasks import task

from opencex.bincollections import links
from opencex.bincollections.config import bins_config
from opencex.bincollections.lookup import collections_at
from opencex.bincollections.models import ReminderChannel, ReminderSent, ReminderSubscription
from opencex.bincollections.schedule import Collection
from opencex.jobs import daily
from opencex.languages import ENGLISH, offered_or_english, text_in
from opencex.notify.services import notify_address
from opencex.people.models import Property

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 5
UNCONFIRMED_KEPT_FOR = timedelta(days=7)
# With no bin collections file there is nothing to remind of; the job still needs a time.
DEFAULT_REMINDERS_AT = time(18)


def _code_digest(token: str, code: str) -> str:
    return salted_hmac("opencex.bincollections.code", f"{token}:{code}").hexdigest()


@transaction.atomic
def subscribe(
    *,
    address: Property,
    channel: str,
    recipient: str,
    language: str = ENGLISH,
    actor=None,
) -> ReminderSubscription:
    """Ask for reminders at `address` to `recipient` (an email address or a UK mobile number,
    written as the form cleaned it) and send the confirmation. Asking again sends a new one; for
    a confirmed subscription nothing is sent (and the page says the same, so it tells nobody
    who is subscribed). The confirmation and the reminders are written in `language` (the
    page's), or English if the site does not offer it."""
    language = offered_or_english(language)
    subscription, _created = ReminderSubscription.objects.select_for_update().get_or_create(
        address=address,
        channel=channel,
        recipient=recipient,
        defaults={"token": secrets.token_urlsafe(32)},
    )
    if subscription.is_confirmed:
        return subscription
    if subscription.language != language:
        subscription.language = language
        subscription.save(update_fields=["language"])
    context = {"confirm_url": links.confirm_url(subscription.token), "address": str(address)}
    if channel == ReminderChannel.SMS:
        code = f"{secrets.randbelow(10**6):06d}"
        subscription.code_digest = _code_digest(subscription.token, code)
        subscription.code_attempts = 0
        subscription.save(update_fields=["code_digest", "code_attempts"])
        context["code"] = code
    notify_address(
        channel=channel,
        recipient=recipient,
        template="bin_reminders_confirm",
        context=context,
        language=subscription.language,
        actor=actor,
    )
    return subscription


@transaction.atomic
def confirm_by_link(*, token: str) -> ReminderSubscription | None:
    """Confirm the emailed subscription whose link this is; None if there is none."""
    subscription = (
        ReminderSubscription.objects.select_for_update()
        .filter(token=token, channel=ReminderChannel.EMAIL)
        .first()
    )
    if subscription is not None and not subscription.is_confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


@transaction.atomic
def confirm_by_code(*, subscription_id: int, code: str) -> bool:
    """Confirm a text message subscription with the code it was sent; after CODE_ATTEMPTS wrong
    codes the code no longer works (sign up again for a new one)."""
    subscription = (
        ReminderSubscription.objects.select_for_update()
        .filter(pk=subscription_id, channel=ReminderChannel.SMS)
        .first()
    )
    if subscription is None or not subscription.code_digest:
        # Confirmed already (or unknown): no code works, so the page tells nobody which.
        return False
    subscription.code_attempts += 1
    given = _code_digest(subscription.token, "".join(code.split()))
    if subscription.code_attempts > CODE_ATTEMPTS or not hmac.compare_digest(
        given, subscription.code_digest
    ):
        subscription.save(update_fields=["code_attempts"])
        return False
    subscription.confirmed_at = timezone.now()
    subscription.code_digest = ""
    subscription.save(update_fields=["confirmed_at", "code_digest", "code_attempts"])
    return True


@transaction.atomic
def unsubscribe(*, token: str) -> bool:
    """Stop the reminders this link is for, removing what was stored; False if already gone."""
    deleted, _ = ReminderSubscription.objects.filter(token=token).delete()
    return deleted > 0


def bins_in(collection: Collection, language: str) -> str:
    """The bins to put out, named in `language`: "Recycling (blue bin) and Food waste (food
    caddy)"."""
    with translation.override(language):
        names = [
            (
                gettext("%(bin)s (%(container)s) if you subscribe")
                if each.is_subscription
                else gettext("%(bin)s (%(container)s)")
            )
            % {"bin": text_in(each.name, language), "container": text_in(each.container, language)}
            for each in collection.bins
        ]
        if len(names) < 2:
            return "".join(names)
        return gettext("%(bins)s and %(last)s") % {
            "bins": ", ".join(names[:-1]),
            "last": names[-1],
        }


def remind(*, subscription: ReminderSubscription, collection: Collection) -> bool:
    """Send one reminder for `collection`, unless one was sent for its date already."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(subscription=subscription, collection_on=collection.on)
            notify_address(
                channel=subscription.channel,
                recipient=subscription.recipient,
                template="bin_reminder",
                language=subscription.language,
                context={
                    "address": str(subscription.address),
                    "day": collection.on,
                    "bins": bins_in(collection, subscription.language),
                    "is_moved": collection.is_moved,
                    "usual_day": collection.usual_on,
                    "address_url": links.address_url(subscription.address.uprn),
                    "unsubscribe_url": links.unsubscribe_url(subscription.token),
                },
            )
    except IntegrityError:
        return False  # sent already, by an earlier run or one running now
    return True


@dataclass(frozen=True)
class RemindersSent:
    sent: int
    removed_unconfirmed: int

    def __str__(self) -> str:
        return (
            f"Sent {self.sent} bin collection reminder(s); removed {self.removed_unconfirmed} "
            "subscription(s) never confirmed."
        )


def send_bin_reminders(today: date | None = None, *, now: datetime | None = None) -> RemindersSent:
    """Remind every confirmed subscriber whose collection is tomorrow (once per date)."""
    today = today or timezone.localdate()
    config = bins_config()
    removed, _ = ReminderSubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=(now or timezone.now()) - UNCONFIRMED_KEPT_FOR
    ).delete()
    if config is None:
        return RemindersSent(sent=0, removed_unconfirmed=removed)
    tomorrow = today + timedelta(days=1)
    sent = 0
    confirmed = ReminderSubscription.objects.filter(confirmed_at__isnull=False)
    for subscription in confirmed.select_related("address").order_by("pk"):
        _round, found = collections_at(config, subscription.address, start=tomorrow, weeks=1)
        for collection in found:
            if collection.on == tomorrow:
                sent += remind(subscription=subscription, collection=collection)
    done = RemindersSent(sent=sent, removed_unconfirmed=removed)
    logger.info("%s (%s)", done, today)
    return done


@task()
def send_bin_reminders_every_day() -> int:
    """Send this evening's reminders, then queue the same job for tomorrow evening (even if
    today's failed: one bad evening must not stop the daily run)."""
    try:
        done = send_bin_reminders()
    finally:
        daily.queue_next_run(send_bin_reminders_every_day, _reminders_at())
    return done.sent


def _reminders_at() -> time:
    config = bins_config()
    return config.reminders_at if config else DEFAULT_REMINDERS_AT


def schedule_every_day() -> datetime | None:
    """Start the daily reminders; None if already scheduled, so a second start is a no-op."""
    return daily.schedule_daily(send_bin_reminders_every_day, _reminders_at())
