"""What the surveys hold about a resident, for their subject access export (inforights): each
invitation (the survey, when it was sent and by which channel, the strata it kept, answers not
yet sent) and, for a survey that is not anonymous, the answers they sent. The answers to an
anonymous survey are kept without the person, so they cannot be found or exported: the export
says so. Registered as the app starts (`apps.py`)."""

from __future__ import annotations

from typing import Any

from opencex.people.models import Resident
from opencex.surveys.models import Invitation, Response

ANONYMOUS = (
    "This survey is anonymous: your answers are kept without your name, so they cannot be "
    "found or given to you."
)


def surveys_held_about(resident: Resident) -> list[dict[str, Any]]:
    held = []
    invitations = Invitation.objects.filter(resident=resident).select_related("survey")
    for invitation in invitations.order_by("sent_at", "pk"):
        survey = invitation.survey
        response = (
            None if survey.is_anonymous else Response.objects.filter(invitation=invitation).first()
        )
        held.append(
            {
                "survey": survey.title,
                "why_we_asked": survey.purpose,
                "invited_at": invitation.sent_at,
                "by": invitation.channel,
                "reminded_at": invitation.reminded_at,
                "answered": invitation.answered_at is not None,
                "age_band": invitation.age_band,
                "ward": invitation.ward,
                "tenure": invitation.tenure,
                "answers_not_yet_sent": invitation.answers,
                "your_answers": ANONYMOUS
                if survey.is_anonymous
                else (response.answers if response is not None else None),
            }
        )
    return held
