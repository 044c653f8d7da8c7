"""The complaint letters residents get, from the message templates in
notify/templates/notify/complaint_*: their context, and the response letter rendered for the
officer's preview and kept exactly as sent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from opencex.cases.models import Case
from opencex.complaints.models import Outcome
from opencex.complaints.ombudsmen import Ombudsman
from opencex.notify.letters import resident_context
from opencex.notify.rendering import render_message

RESPONSE_TEMPLATE = "complaint_response"
EXTENSION_TEMPLATE = "complaint_extended"
ESCALATION_TEMPLATE = "complaint_escalated"


@dataclass(frozen=True)
class ResponseLetter:
    """What the officer wrote for a stage response (RULES.md: the stage, the complaint as
    understood, the decision and reasons, any remedy, what is still to be done)."""

    stage: int
    outcome: str
    complaint_as_understood: str
    decision_and_reasons: str
    apology: bool = False
    remedy_action: str = ""
    remedy_amount: Decimal | None = None
    still_to_do: str = ""

    @property
    def officer_parts(self) -> dict[str, str]:
        """The parts the officer wrote, for the plain-English checks."""
        return {
            "complaint_as_understood": self.complaint_as_understood,
            "decision_and_reasons": self.decision_and_reasons,
            "remedy_action": self.remedy_action,
            "still_to_do": self.still_to_do,
        }


def response_context(letter: ResponseLetter, *, ombudsman: Ombudsman, officer) -> dict[str, Any]:
    return {
        "letter": letter,
        "stage": letter.stage,
        "is_final": letter.stage == 2,
        "outcome": Outcome(letter.outcome).label,
        "has_remedy": bool(letter.apology or letter.remedy_action or letter.remedy_amount),
        "ombudsman": ombudsman,
        "officer_name": officer.full_name,
    }


def _resident_context(case: Case) -> dict[str, Any]:
    # As notify_resident gives every message, so the preview is the letter that is sent.
    recipient = (case.resident.email if case.resident else "") or case.contact_email
    return resident_context(case, recipient=recipient, channel="email")


def render_response(case: Case, letter: ResponseLetter, *, ombudsman: Ombudsman, officer) -> str:
    """The response email's text, as the resident will read it."""
    context = {
        **_resident_context(case),
        **response_context(letter, ombudsman=ombudsman, officer=officer),
    }
    return render_message(RESPONSE_TEMPLATE, "email", context).body
