"""Reads about the panels that are more than a QuerySet: the members list for staff (no contact
details), the messages a moderator or the team may read, and the residents to invite to close the
gaps in a panel's make-up."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet

from opencex.panels.models import MemberMessage, Membership, ModerationStatus, Panel
from opencex.panels.representativeness import Representativeness, _band_top
from opencex.people.models import Resident

INVITE_LIST_LENGTH = 50


def members_for_staff(panel: Panel) -> QuerySet[Membership]:
    """Everyone on the panel who has not left, newest first, without their answers about
    themselves (special category) and without contact details (panels.policies)."""
    return (
        panel.memberships.current()
        .select_related("resident")
        .only(
            "pk", "status", "joined_at", "confirmed_at", "ward", "age_band", "resident__full_name"
        )
        .order_by("-joined_at", "-pk")
    )


def messages_to_moderate(panel: Panel) -> QuerySet[MemberMessage]:
    return MemberMessage.objects.filter(
        membership__panel=panel,
        membership__left_at__isnull=True,
        status=ModerationStatus.AWAITING,
    ).order_by("written_at", "pk")


def approved_messages(panel: Panel) -> QuerySet[MemberMessage]:
    return MemberMessage.objects.filter(
        membership__panel=panel,
        membership__left_at__isnull=True,
        status=ModerationStatus.APPROVED,
    ).order_by("-written_at", "-pk")


def target_wards(report: Representativeness) -> list[str]:
    return report.under_represented("ward")


def residents_to_invite(
    report: Representativeness, *, today: date, limit: int = INVITE_LIST_LENGTH
) -> list[Resident]:
    """Residents who agreed to be asked about research, who are not on the panel and were not
    invited before, and who live in an under-represented ward or are of an under-represented age
    band. Special-category answers are never used to pick them: those were given for another
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
    return list(
        Resident.objects.filter(consents_to_research=True, consents_to_email=True)
        .exclude(email="")
        .exclude(panel_memberships__panel=panel, panel_memberships__left_at__isnull=True)
        .exclude(panel_invitations__panel=panel)
        .filter(match)
        .distinct()
        .order_by("pk")[:limit]
    )


def _born_in_band(band: str, today: date) -> Q:
    """Residents whose age today is within `band` (born after the day the oldest turned its top
    age plus one, and on or before the day the youngest turned its bottom age)."""
    top = min(_band_top(band), 120)
    bottom = 0 if band.startswith("under_") else int(band.split("_", 1)[0])
    return Q(
        date_of_birth__gt=today - relativedelta(years=top + 1),
        date_of_birth__lte=today - relativedelta(years=bottom),
    )
