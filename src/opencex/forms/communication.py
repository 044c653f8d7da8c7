"""The question every form asks before it is sent: "Do you need an interpreter or information in
another format?", with the language and the format. The engine adds it to every form's check
your answers page (web and assisted digital alike), so no definition asks it; the answer is kept
with the case's answers under `COMMUNICATION_KEY` and shown to the officer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from opencex.people.communication import AccessibleFormat, is_interpreter_language

COMMUNICATION_KEY = "communication"
NEEDS_FIELD = "communication-needed"
LANGUAGE_FIELD = "communication-interpreter"
FORMAT_FIELD = "communication-format"


@dataclass(frozen=True)
class CommunicationNeeds:
    """What the resident asked for: an interpreter's language code, an accessible format, both
    or neither; with the problems found, by field, when the answer cannot be kept."""

    needed: str = ""  # "yes", "no", or "" before it is answered
    interpreter_language: str = ""
    accessible_format: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_asked_for(self) -> bool:
        return bool(self.interpreter_language or self.accessible_format)

    def as_answer(self) -> dict[str, str]:
        """As the case keeps it in its answers (codes, so each officer reads it in their own
        language: people.communication.describe_needs)."""
        return {
            "interpreter_language": self.interpreter_language,
            "accessible_format": self.accessible_format,
        }


def read_communication_needs(posted: Mapping[str, Any]) -> CommunicationNeeds:
    """The answer posted from the check your answers page, checked."""
    needed = str(posted.get(NEEDS_FIELD, "")).strip()
    language = str(posted.get(LANGUAGE_FIELD, "")).strip()
    accessible_format = str(posted.get(FORMAT_FIELD, "")).strip()
    errors: dict[str, str] = {}
    # Not answering is answering no: the question must not stop anyone sending a form.
    if needed not in ("yes", "no", ""):
        errors[NEEDS_FIELD] = _("Select yes if you need an interpreter or another format")
    if needed != "yes":
        return CommunicationNeeds(needed=needed, errors=errors)
    if language and not is_interpreter_language(language):
        errors[LANGUAGE_FIELD] = _("Select a language from the list")
    if accessible_format and accessible_format not in AccessibleFormat.values:
        errors[FORMAT_FIELD] = _("Select a format from the list")
    if not (language or accessible_format) and not errors:
        errors[LANGUAGE_FIELD] = _("Select the language you need an interpreter for, or a format")
    return CommunicationNeeds(
        needed=needed,
        interpreter_language=language,
        accessible_format=accessible_format,
        errors=errors,
    )


def checked_communication_needs(
    *, interpreter_language: str = "", accessible_format: str = ""
) -> CommunicationNeeds:
    """An interpreter's language and an accessible format asked for another way (the API's
    `communication`), checked as the check your answers page checks them: at least one, each
    from its list."""
    return read_communication_needs(
        {
            NEEDS_FIELD: "yes",
            LANGUAGE_FIELD: interpreter_language,
            FORMAT_FIELD: accessible_format,
        }
    )


def known_communication_needs(resident) -> CommunicationNeeds:
    """What a resident saved on their account, to fill the question in for them."""
    if resident is None:
        return CommunicationNeeds()
    language = resident.interpreter_language
    accessible_format = resident.accessible_format
    return CommunicationNeeds(
        needed="yes" if (language or accessible_format) else "",
        interpreter_language=language,
        accessible_format=accessible_format,
    )


def communication_needs_of(answers: Mapping[str, Any]) -> dict[str, str]:
    """The request kept in a case's answers, or {} when none was made."""
    kept = answers.get(COMMUNICATION_KEY) if isinstance(answers, Mapping) else None
    return dict(kept) if isinstance(kept, Mapping) else {}
