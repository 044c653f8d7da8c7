"""Reads about the panels that are more than a QuerySet: the members list for staff (no contact
details), the messages a moderator or the team may read, and the residents to invite to close the
gaps in a panel's make-up."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet

from opencex.panels.models import (
    MemberMessage,
    Membership,
    MembershipStatus,
    ModerationStatus,
    Panel,
)
from opencex.panels.representativeness import Representativeness, band_top
from opencex.people.models import Resident

INVITE_LIST_LENGTH = 50
# An application from the public form is not real until confirmed: staff do not see it.
UNCONFIRMED = MembershipStatus.AWAITING_CONFIRMATION


def members_for_staff(panel: Panel) -> QuerySet[Membership]:
    """Everyone on the panel who has not left, newest first, without their answers about
    themselves (special category) and without contact details (panels.policies)."""
    return (
        panel.memberships.current()
        .exclude(status=MembershipStatus.AWAITING_CONFIRMATION)  # not real until confirmed
        .select_related("resident")
        .only(
            "pk",
            "panel",
            "status",
            "joined_at",
            "confirmed_at",
            "left_at",
            "ward",
            "age_band",
            "resident__full_name",
        )
        .order_by("-joined_at", "-pk")
    )


def messages_to_moderate(panel: Panel) -> QuerySet[MemberMessage]:
    return (
        MemberMessage.objects.filter(
            membership__panel=panel,
            membership__left_at__isnull=True,
            status=ModerationStatus.AWAITING,
        )
        .exclude(membership__status=MembershipStatus.AWAITING_CONFIRMATION)
        .order_by("written_at", "pk")
    )


def approved_messages(panel: Panel) -> QuerySet[MemberMessage]:
    return (
        MemberMessage.objects.filter(
            membership__panel=panel,
            membership__left_at__isnull=True,
            status=ModerationStatus.APPROVED,
        )
        .exclude(membership__status=MembershipStatus.AWAITING_CONFIRMATION)
        .order_by("-written_at", "-pk")
    )


def target_wards(report: Representativeness) -> list[str]:
    return report.under_represented("ward")


def residents_to_invite(
    report: Representativeness, *, today: date, limit: int = INVITE_LIST_LENGTH
) -> list[Resident]:
    """Residents who agreed to be asked about research, who are not on the panel and were not
    invited before, who live in an under-represented ward or are of an under-represented age
    band, and who are of an age the panel takes (its lowest and highest age, when it has them;
    a resident whose date of birth is not known only for a panel without an upper age).
    Special-category answers are never used to pick them: those were given for another
    purpose."""
    panel = report.panel
    match = Q()
    wards = target_wards(report)
    if wards:
        match |= Q(occupancies__ended_on__isnull=True, occupancies__property__ward__in=wards)
    for band in report.under_represented("age_band"):
        match |= _born_in_band(band, today)
    if not match:
        return []
    match = Q(match) & _of_age_for(panel, today)
    return list(
        Resident.objects.filter(consents_to_research=True, consents_to_email=True)
        .exclude(email="")
        .exclude(panel_memberships__panel=panel, panel_memberships__left_at__isnull=True)
        .exclude(panel_invitations__panel=panel)
        .filter(match)
        .distinct()
        .order_by("pk")[:limit]
    )


def _of_age_for(panel: Panel, today: date) -> Q:
    """Residents whose age today is within the panel's age range. For a panel with an upper age
    (the Youth Panel) the date of birth must be known; for one with only a lowest age (the
    Residents Panel) a resident whose date of birth is not known is not ruled out."""
    ages = Q()
    if panel.min_age is not None:
        ages &= Q(date_of_birth__lte=today - relativedelta(years=panel.min_age))
    if panel.max_age is not None:
        return ages & Q(date_of_birth__gt=today - relativedelta(years=panel.max_age + 1))
    return ages | Q(date_of_birth__isnull=True)


def _born_in_band(band: str, today: date) -> Q:
    """Residents whose age today is within `band` (born after the day the oldest turned its top
    age plus one, and on or before the day the youngest turned its bottom age)."""
    top = min(band_top(band), 120)
    bottom = 0 if band.startswith("under_") else int(band.split("_", 1)[0])
    return Q(
        date_of_birth__gt=today - relativedelta(years=top + 1),
        date_of_birth__lte=today - relativedelta(years=bottom),
    )
