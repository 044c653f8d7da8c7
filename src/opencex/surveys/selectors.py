"""The surveys' reads that more than one caller needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from opencex.panels.models import Membership, Panel
from opencex.surveys.models import Invitation, Response, Survey


def _counted(rows: QuerySet) -> Coalesce:
    """How many of `rows` belong to the outer survey, as a subquery (0 for none)."""
    per_survey = rows.filter(survey=OuterRef("pk")).order_by().values("survey")
    counted = per_survey.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def surveys_with_counts() -> QuerySet[Survey]:
    """Every survey, newest first, with how many were invited and how many responses came: each
    count its own subquery, so a survey with thousands of invitations and responses never joins
    the two."""
    return Survey.objects.annotate(
        invited=_counted(Invitation.objects.all()),
        answered=_counted(Response.objects.all()),
    ).order_by("-opens_on", "title")


@dataclass(frozen=True)
class SampleFrame:
    """A panel's active members, and those of them who may be invited to `survey` now."""

    active: int
    may_be_invited: list[Membership]

    @property
    def left_out(self) -> int:
        """Active members who may not be asked now: asked within the council's limit, already
        invited, or with no channel they agreed to."""
        return self.active - len(self.may_be_invited)


def sample_frame(survey: Survey, panel: Panel, *, now: datetime) -> SampleFrame:
    from opencex.surveys.services import why_not_invite

    members = list(
        Membership.objects.active().filter(panel=panel).select_related("resident").order_by("pk")
    )
    frame = [m for m in members if not why_not_invite(survey, m.resident, now=now, membership=m)]
    return SampleFrame(active=len(members), may_be_invited=frame)
