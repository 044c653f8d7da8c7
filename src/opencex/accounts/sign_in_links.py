"""Signing a resident in without a password, by a single-use link sent to their email address.

- The token is random, signed (so a forged or stale one is refused before any database read) and
  stored only as a hash, for 30 minutes; using it marks it used in the same statement that checks
  it was unused, so it works once even when two browsers race.
- Asking for a link answers the same whether or not an account exists, and is rate-limited per
  email address and per IP address.
- A link asked for from the tracking page carries the case's reference, and opens that case
  when used (if the case's email address is the link's): someone else's wrong guesses at the
  reference can lock the tracking form, never the resident who holds the email.
- Staff accounts never sign in this way: they are emailed a pointer to the staff sign-in, which
  asks for their password and second factor.
- The email is sent at once through the email adapter, not queued as a Notification: a queued
  message would keep the usable link in the database (the message row and the job's arguments),
  which is what hashing the token avoids.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from opencex import ratelimits
from opencex.accounts.models import Role, SignInLink, User
from opencex.jobs.queue import enqueue
from opencex.matching import tasks as matching_tasks
from opencex.notify import conf
from opencex.notify.adapters import DeliveryError, adapter_for
from opencex.people.models import Resident
from opencex.people.services import create_resident

logger = logging.getLogger(__name__)

LINK_LIFETIME = timedelta(minutes=30)
LIMIT_WINDOW = timedelta(minutes=15)
LINKS_PER_EMAIL = 3
LINKS_PER_IP_ADDRESS = 10
_SALT = "opencex.accounts.sign-in-link"


class Refusal(Enum):
    INVALID = "invalid"
    EXPIRED = "expired"
    USED = "used"


class LinkRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _normalise(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True)
class UsedLink:
    """Who a used link signed in, and the case reference it was asked for with (or "")."""

    user: User
    email: str
    reference: str


def _within_limits(email: str, ip_address: str) -> bool:
    if not ratelimits.allow(
        scope="sign-in-link-email", values=[email], limit=LINKS_PER_EMAIL, window=LIMIT_WINDOW
    ):
        return False
    if not ratelimits.allow(
        scope="sign-in-link-ip",
        values=[ip_address],
        limit=LINKS_PER_IP_ADDRESS,
        window=LIMIT_WINDOW,
    ):
        ratelimits.give_back(scope="sign-in-link-email", values=[email])
        return False
    return True


def request_sign_in_link(*, email: str, ip_address: str, reference: str = "") -> bool:
    """Email a sign-in link to `email` if a resident may use one (for the case `reference`, when
    asked for from the tracking page). Returns False only when the request was refused for
    being one too many (the caller says so); True otherwise, whether or not a link was sent, so
    the answer does not reveal who has an account."""
    email = _normalise(email)
    if not _within_limits(email, ip_address):
        return False
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.role != Role.RESIDENT:
        if user.is_active and user.is_council_staff:
            _send("sign_in_staff", email, {"staff_sign_in_url": conf.staff_sign_in_url()})
        return True
    if user is not None and not user.is_active:
        logger.info("Not sending a sign-in link to inactive account %s", user.pk)
        return True
    token = secrets.token_urlsafe(32)
    SignInLink.objects.create(
        email=email,
        token_hash=_hash(token),
        expires_at=timezone.now() + LINK_LIFETIME,
        reference=reference.strip().upper()[:32],
    )
    signed = signing.TimestampSigner(salt=_SALT).sign(token)
    _send(
        "sign_in_link",
        email,
        {
            "sign_in_url": conf.sign_in_link_url(signed),
            "minutes": int(LINK_LIFETIME.total_seconds() // 60),
        },
    )
    return True


def _send(template: str, email: str, context: dict) -> None:
    context = {"council": settings.COUNCIL_PROFILE, **context}
    subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
    body = render_to_string(f"accounts/email/{template}.txt", context).strip() + "\n"
    try:
        adapter_for("email").send_email(email, subject, body, f"opencex-{template}")
    except DeliveryError:
        # The person sees the same page either way and can ask again; we must not say why.
        logger.exception("Could not send the %s email", template)


def check_sign_in_link(token: str) -> None:
    """Raise LinkRefused if `token` could not sign anyone in now (without using it up)."""
    _find_unused(token)


def _find_unused(token: str) -> SignInLink:
    try:
        raw = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=LINK_LIFETIME)
    except signing.SignatureExpired:
        raise LinkRefused(Refusal.EXPIRED) from None
    except signing.BadSignature:
        raise LinkRefused(Refusal.INVALID) from None
    link = SignInLink.objects.filter(token_hash=_hash(raw)).first()
    if link is None:
        raise LinkRefused(Refusal.INVALID)
    if link.used_at is not None:
        raise LinkRefused(Refusal.USED)
    if link.expires_at <= timezone.now():
        raise LinkRefused(Refusal.EXPIRED)
    return link


@transaction.atomic
def use_sign_in_link(token: str) -> UsedLink:
    """The resident the link was for, creating their account (and resident record) the first
    time; the link and every other unused link for that address stop working."""
    link = _find_unused(token)
    now = timezone.now()
    claimed = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now)
    if not claimed:
        raise LinkRefused(Refusal.USED)
    user = User.objects.filter(email__iexact=link.email).first()
    if user is None:
        user = User.objects.create_user(link.email, full_name="", role=Role.RESIDENT)
    elif user.role != Role.RESIDENT or not user.is_active:
        # The account became a staff (or closed) account after the link was sent.
        raise LinkRefused(Refusal.INVALID)
    SignInLink.objects.filter(email=link.email, used_at__isnull=True).update(used_at=now)
    _link_resident(user)
    return UsedLink(user=user, email=link.email, reference=link.reference)


def _link_resident(user: User) -> None:
    """Give the account its resident record: the one existing record with that email address
    (nobody else's account holds it), or a new one when there is none or more than one to
    choose from (staff can merge duplicates; we must not guess)."""
    if Resident.objects.filter(user=user).exists():
        return
    candidates = list(
        Resident.objects.live().select_for_update().filter(email__iexact=user.email)[:2]
    )
    if len(candidates) == 1 and candidates[0].user_id is None:
        resident = candidates[0]
        resident.user = user
        resident.save(update_fields=["user", "updated_at"])
    else:
        resident = create_resident(actor=user, full_name=user.email, email=user.email, user=user)
        # Someone known may be signing up again: an officer looks (the review queue). Never
        # merged or linked here, or anyone could claim another's record by signing up. A job
        # that runs once the sign-in has committed: the look-up takes seconds to build.
        enqueue(matching_tasks.propose_for_new_resident, resident.pk)
    if not user.full_name and resident.full_name != user.email:
        user.full_name = resident.full_name
        user.save(update_fields=["full_name"])
