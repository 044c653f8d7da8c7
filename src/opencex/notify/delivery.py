"""Delivering one queued notification through its channel's adapter, once, and recording the
outcome even across a lost database connection.

The row is the lock. A worker claims it with one conditional UPDATE (queued -> sending), so when
the job runs twice, or two workers run it at the same moment, exactly one of them sends. The
provider's answer and "sent" are written in one UPDATE after the provider accepted the message,
and that write is retried through a lost connection (a message sent but still marked queued was
one of the faults this fixes).

A row left "sending" by a worker that died mid-send (killed, or cut off from the database for
longer than it waits) is taken over once its send lease has passed. What reached the provider
then is unknown, and what we do depends on what the provider lets us find out:

- GOV.UK Notify keeps each notification with the `reference` we gave it and lists them by
  reference, so we ask it first and only send again if it has none: exactly once.
- The outbox sends nothing, so sending again is harmless.
- SMTP offers no such question. We send once more with the same Message-ID (so a reply still finds
  the case, and mail systems that drop repeated Message-IDs drop it): at least once, with a
  second copy possible only when a worker died in the moment between the relay accepting the
  message and our recording it. If that second send's outcome is lost too, the row is marked
  failed for an officer to look at rather than sent a third time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, QuerySet, Value, When
from django.utils import timezone

from opencex.jobs.connections import CONNECTION_ERRORS, write_surely
from opencex.notify.adapters import Adapter, DeliveryRejected, adapter_for
from opencex.notify.adapters.smtp import stable_message_id
from opencex.notify.letters import reply_address_for
from opencex.notify.models import Notification, NotificationChannel, NotificationStatus

logger = logging.getLogger(__name__)

# How many sends whose outcome we never learnt we allow through SMTP before asking an officer.
MAX_UNCONFIRMED_SENDS = 1


def send_lease() -> timedelta:
    """How long a send may take before its row counts as left behind by a dead worker. Longer
    than any send can last: the SMTP and Notify adapters time out well within it."""
    return timedelta(seconds=settings.OPENCEX_NOTIFICATION_SEND_LEASE_SECONDS)


class SendInProgress(Exception):
    """Another worker claimed this message and may be sending it right now; look again at
    `check_at`, when its send lease runs out."""

    def __init__(self, notification_id: int, check_at: datetime) -> None:
        super().__init__(f"Notification {notification_id} is being sent by another worker")
        self.check_at = check_at


@dataclass(frozen=True)
class Claim:
    notification: Notification
    claimed_at: datetime
    is_takeover: bool


def deliver_notification(*, notification_id: int, is_last_attempt: bool) -> None:
    """Send the notification unless it is sent, failed or being sent, so running it twice, or
    twice at once, sends it once.

    A failure is recorded on the row and raised again for the job to retry. The row goes back to
    queued while a retry may still come, and becomes failed on the last attempt or when the
    provider rejects the message outright. Raises SendInProgress when another worker holds it.
    """
    claim = claim_for_sending(notification_id)
    if claim is None:
        return
    notification = claim.notification
    adapter = adapter_for(notification.channel)
    try:
        provider_reference = None
        # Once a send's outcome has been lost, every later attempt asks first (the first question
        # may itself have failed).
        if notification.unconfirmed_sends and adapter.can_find_sent:
            provider_reference = adapter.find_sent(notification.reference)
            if provider_reference:
                logger.warning(
                    "Notification %s had reached %s before its worker died; recording it",
                    notification.pk,
                    adapter.name,
                )
        if not provider_reference:
            provider_reference = send(notification, adapter)
    except Exception as error:
        record_failure(claim, adapter, error, gives_up=is_last_attempt)
        raise
    record_sent(claim, adapter, provider_reference)


@dataclass
class _Batch:
    """The notifications of the batch this worker is sending, read in one query, in the order
    their jobs run; and the claims made ahead, each in the commit that recorded the message
    before it as sent (id -> the claimed_at written, which marks the claim as ours)."""

    rows: dict[int, Notification]
    order: list[int]
    claimed_ahead: dict[int, datetime] = field(default_factory=dict)
    # Claims whose commit met a lost connection: made or not, we cannot tell until we look.
    maybe_claimed_ahead: dict[int, datetime] = field(default_factory=dict)

    def next_after(self, notification_id: int) -> Notification | None:
        """The batch's next notification, if it was read as queued (so it can be claimed)."""
        try:
            following = self.order[self.order.index(notification_id) + 1]
        except (ValueError, IndexError):
            return None
        row = self.rows.get(following)
        return row if row is not None and row.status == NotificationStatus.QUEUED else None


_batch: ContextVar[_Batch | None] = ContextVar("notifications_batch", default=None)


@contextmanager
def reading_ahead(notification_ids: Iterable[int]) -> Iterator[None]:
    """Read a batch of notifications (and the case and resident each reply address needs) in one
    query before sending them one by one, so that each claim is a single UPDATE, made in the same
    commit as the previous message's "sent". Only a row claimed exactly as it was read is sent
    from this copy (see claim_for_sending). A claim made ahead whose job never ran (the worker
    was told to stop) is given back on the way out."""
    order = list(notification_ids)
    rows = _with_what_sending_reads(Notification.objects.all()).in_bulk(order)
    batch = _Batch(rows=rows, order=order)
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
        _give_back_claims_ahead(batch)


def _give_back_claims_ahead(batch: _Batch) -> None:
    for pk, claimed_at in [*batch.claimed_ahead.items(), *batch.maybe_claimed_ahead.items()]:
        try:
            Notification.objects.filter(
                pk=pk, status=NotificationStatus.SENDING, claimed_at=claimed_at
            ).update(status=NotificationStatus.QUEUED)
        except CONNECTION_ERRORS as error:
            # Not lost: it waits for its send lease and is then sent by whoever takes it over.
            logger.warning("Could not give back notification %s unsent: %s", pk, error)


def _with_what_sending_reads(rows: QuerySet[Notification]) -> QuerySet[Notification]:
    return rows.select_related("case", "case__resident")


def claim_for_sending(notification_id: int) -> Claim | None:
    """Make this worker the one that sends the notification, or return None if nobody should."""
    rows = Notification.objects.filter(pk=notification_id)
    now = timezone.now()
    batch = _batch.get()
    read = batch.rows.pop(notification_id, None) if batch is not None else None
    claimed_ahead = batch.claimed_ahead.pop(notification_id, None) if batch is not None else None
    if read is not None and claimed_ahead is not None:
        # Claimed with the previous message's "sent" (see record_sent): the copy is the row.
        return Claim(_as_claimed(read, claimed_ahead), claimed_ahead, is_takeover=False)
    # `attempts` grows with every claim, so a claim that finds it unchanged finds the row as it
    # was read: the copy is the row, and nothing more needs reading.
    if read is not None and read.status == NotificationStatus.QUEUED:
        reference = _reference_before_sending(read)
        if _claim(rows.filter(attempts=read.attempts), now, reference):
            return Claim(_as_claimed(read, now), now, is_takeover=False)
    # The claim comes first and reads nothing: the common case is two statements in all.
    claimed = _claim(
        rows,
        now,
        # Its channel is not known before the claim.
        Case(
            When(
                channel=NotificationChannel.EMAIL,
                then=Value(stable_message_id(Notification(pk=notification_id).reference)),
            ),
            default=Value(""),
        ),
    )
    notification = _with_what_sending_reads(rows).first()
    if notification is None:
        logger.warning("Notification %s no longer exists; nothing to send", notification_id)
        return None
    if claimed:
        return Claim(notification, now, is_takeover=False)
    maybe_ours = batch.maybe_claimed_ahead.pop(notification_id, None) if batch else None
    if (
        maybe_ours is not None
        and notification.status == NotificationStatus.SENDING
        and notification.claimed_at == maybe_ours
    ):
        return Claim(notification, maybe_ours, is_takeover=False)  # that commit did happen
    if notification.status != NotificationStatus.SENDING:
        logger.info(
            "Notification %s is %s already; not sending it", notification_id, notification.status
        )
        return None
    return _take_over_if_left_behind(notification, now)


def _claim(
    rows: QuerySet[Notification], now: datetime, reference_before_sending: str | Case
) -> int:
    """queued -> sending, in one conditional UPDATE: the row is the lock. The email's Message-ID
    is recorded as its provider reference before sending, so that a reply to an email whose "sent"
    we never managed to write still finds its case by the Message-ID it quotes."""
    return rows.filter(status=NotificationStatus.QUEUED).update(
        status=NotificationStatus.SENDING,
        claimed_at=now,
        attempts=F("attempts") + 1,
        provider_reference=reference_before_sending,
    )


def _as_claimed(read: Notification, claimed_at: datetime) -> Notification:
    """The copy read ahead, changed as _claim changed the row."""
    read.status = NotificationStatus.SENDING
    read.claimed_at = claimed_at
    read.attempts += 1
    read.provider_reference = _reference_before_sending(read)
    return read


def _reference_before_sending(notification: Notification) -> str:
    """What _claim writes as the provider's reference: the email's Message-ID, or nothing."""
    if notification.channel == NotificationChannel.EMAIL:
        return stable_message_id(notification.reference)
    return ""


def _take_over_if_left_behind(notification: Notification, now: datetime) -> Claim | None:
    assert notification.claimed_at is not None
    lease_ends = notification.claimed_at + send_lease()
    if lease_ends > now:
        raise SendInProgress(notification.pk, lease_ends)

    adapter = adapter_for(notification.channel)
    rows = Notification.objects.filter(
        pk=notification.pk, status=NotificationStatus.SENDING, claimed_at=notification.claimed_at
    )
    if not adapter.can_find_sent and notification.unconfirmed_sends >= MAX_UNCONFIRMED_SENDS:
        rows.update(
            status=NotificationStatus.FAILED,
            error=(
                f"Sent {notification.unconfirmed_sends + 1} times through {adapter.name} by "
                "workers that stopped before recording the outcome; not sending it again. "
                "Check with the recipient whether it arrived."
            ),
        )
        logger.error(
            "Notification %s: outcome unknown after a resend; marked failed", notification.pk
        )
        return None
    took = rows.update(
        claimed_at=now,
        attempts=F("attempts") + 1,
        unconfirmed_sends=F("unconfirmed_sends") + 1,
    )
    if not took:  # another worker took it over first: it is theirs until their lease ends
        raise SendInProgress(notification.pk, now + send_lease())
    logger.warning(
        "Notification %s was left sending by a worker that stopped; %s",
        notification.pk,
        "checking with the provider" if adapter.can_find_sent else "sending it again",
    )
    notification.refresh_from_db()
    return Claim(notification, now, is_takeover=True)


def send(notification: Notification, adapter: Adapter) -> str:
    if notification.channel == NotificationChannel.EMAIL:
        return adapter.send_email(
            notification.recipient,
            notification.subject,
            notification.body,
            notification.reference,
            reply_to=reply_address(notification),
            message_id=stable_message_id(notification.reference),
        )
    return adapter.send_sms(notification.recipient, notification.body, notification.reference)


def record_sent(claim: Claim, adapter: Adapter, provider_reference: str) -> None:
    """Write the provider's id and "sent" together, through a lost connection if need be: the
    message has gone, and forgetting that would send it again.

    In a batch, the same commit claims the batch's next message, which is sent straight after:
    one commit per message instead of two, and still at most one message per worker claimed
    and not yet recorded (the one it is sending). The commit waits for the disk as before."""
    pk = claim.notification.pk

    def write() -> int:
        return Notification.objects.filter(pk=pk, status=NotificationStatus.SENDING).update(
            status=NotificationStatus.SENT,
            adapter=adapter.name,
            provider_reference=provider_reference,
            error="",
            sent_at=timezone.now(),
        )

    batch = _batch.get()
    following = batch.next_after(pk) if batch is not None else None
    recorded = None
    uncertain = False
    if batch is not None and following is not None:
        claimed_at = timezone.now()
        try:
            with transaction.atomic():
                recorded = write()
                claimed = _claim(
                    Notification.objects.filter(pk=following.pk, attempts=following.attempts),
                    claimed_at,
                    _reference_before_sending(following),
                )
            if claimed:
                batch.claimed_ahead[following.pk] = claimed_at
        except CONNECTION_ERRORS as error:
            # The commit may have happened: claim_for_sending knows our claimed_at, and
            # recording "sent" again finds nothing left to change.
            logger.warning("Could not record notification %s as sent (%s); again", pk, error)
            batch.claimed_ahead.pop(following.pk, None)
            batch.maybe_claimed_ahead[following.pk] = claimed_at
            recorded, uncertain = None, True
    if recorded is None:
        recorded = write_surely(write, what=f"notification {pk} as sent")
    if not recorded and not uncertain:
        logger.warning(
            "Notification %s was sent by this worker after another had taken it over", pk
        )


def record_failure(claim: Claim, adapter: Adapter, error: Exception, *, gives_up: bool) -> None:
    """Put the row back in the queue for the retry (or fail it), unless another worker has taken
    it over meanwhile. Retried through a lost connection, since a row left sending costs a wait
    for its lease and, through SMTP, counts as a send with an unknown outcome."""
    gives_up = gives_up or isinstance(error, DeliveryRejected)
    pk = claim.notification.pk
    write_surely(
        lambda: Notification.objects.filter(
            pk=pk, status=NotificationStatus.SENDING, claimed_at=claim.claimed_at
        ).update(
            status=NotificationStatus.FAILED if gives_up else NotificationStatus.QUEUED,
            adapter=adapter.name,
            error=str(error),
        ),
        what=f"the failure of notification {pk}",
        patience=30.0,
    )


def reply_address(notification: Notification) -> str:
    """Where the person a case is for should reply (the rule the message's wording follows too):
    the council's mailbox for that kind of case. Officers' emails get none."""
    case = notification.case
    if case is None:
        return ""
    return reply_address_for(case, notification.recipient)
