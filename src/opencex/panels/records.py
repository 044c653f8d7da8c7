"""What the panels hold about a resident, for their subject access export (inforights): each
membership with its dates and answers, in words. Registered as the app starts (`apps.py`)."""

from __future__ import annotations

from typing import Any

from opencex.panels import questions
from opencex.panels.models import Membership, PanelEvent, PanelProfile
from opencex.panels.representativeness import labels_for
from opencex.people import equality
from opencex.people.models import Resident


def _in_words(choices, value: str) -> str:
    if not value:
        return "Not answered"
    return str(dict(choices).get(value, value))


def panels_held_about(resident: Resident) -> list[dict[str, Any]]:
    held = []
    for membership in Membership.objects.filter(resident=resident).select_related("panel"):
        profile = PanelProfile.objects.filter(membership=membership).first()
        held.append(
            {
                "panel": membership.panel.name,
                "status": membership.get_status_display(),
                "joined_at": membership.joined_at,
                "left_at": membership.left_at,
                "last_confirmed_at": membership.confirmed_at,
                "contact_by": membership.get_contact_by_display(),
                "age_band": _in_words(equality.AGE_BAND.choices, membership.age_band),
                "ward": membership.ward or "Not answered",
                "tenure": _in_words(questions.TENURE_CHOICES, membership.tenure),
                "about_you": None
                if profile is None
                else {
                    "ethnic_group": _in_words(
                        [*labels_for("ethnic_group").items(), equality.ETHNIC_GROUP.choices[-1]],
                        profile.ethnic_group,
                    ),
                    "disability": _in_words(equality.DISABILITY.choices, profile.disability),
                    "main_language": _in_words(
                        equality.MAIN_LANGUAGE.choices, profile.main_language
                    ),
                    "you_consented_at": profile.consented_at,
                    "why_we_hold_it": profile.purpose,
                },
                "what_you_wrote": [
                    {"text": message.text, "status": message.get_status_display()}
                    for message in membership.messages.all()
                ],
            }
        )
        if profile is not None:
            PanelEvent.objects.create(
                panel=membership.panel,
                membership_number=membership.pk,
                action="subject_access_export",
                detail="Answers about the member included in a subject access export",
            )
    return held
