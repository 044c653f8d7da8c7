"""The surveys' reads that more than one caller needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from opencex.panels.models import Membership, Panel
from opencex.surveys.models import Survey


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
