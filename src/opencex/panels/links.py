"""The signed links in panel emails: leave the panel (no sign-in, no expiry while they are a
member), say they are still happy to be on it, and a parent's or carer's agreement. Each is
signed for its one purpose, so one cannot be used as another."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from opencex.notify import conf

LEAVE = "panels.leave"
CONFIRM = "panels.still-happy"
PARENT = "panels.parental-consent"
APPLICATION = "panels.confirm-application"
# An application from the public form waits this long for its link, then goes with its answers.
APPLICATION_DAYS = 7
# A parent's link and a "still happy?" link last as long as the member has to answer.
PARENT_LINK_DAYS = 14


def token(purpose: str, membership_id: int) -> str:
    return signing.dumps(membership_id, salt=purpose)


def membership_in(purpose: str, value: str, *, max_age: timedelta | None = None) -> int | None:
    """The membership a link is for; None when it was not signed for `purpose` or ran out."""
    try:
        number = signing.loads(value, salt=purpose, max_age=max_age)
    except signing.BadSignature:
        return None
    return number if isinstance(number, int) else None


def leave_url(membership_id: int) -> str:
    return conf.site_url() + reverse("web:panel-leave", args=[token(LEAVE, membership_id)])


def confirm_url(membership_id: int) -> str:
    return conf.site_url() + reverse("web:panel-still-happy", args=[token(CONFIRM, membership_id)])


def parent_url(membership_id: int) -> str:
    return conf.site_url() + reverse("web:panel-parent", args=[token(PARENT, membership_id)])


def join_url(kind: str) -> str:
    return conf.site_url() + reverse("web:panel-join", args=[kind])


def application_url(membership_id: int) -> str:
    return conf.site_url() + reverse("web:panel-confirm", args=[token(APPLICATION, membership_id)])
