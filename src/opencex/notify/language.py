"""Which language a message is written in: the one rule, used by every message notify sends.

A message to a resident about a case is in the language of the resident's record (the one they
chose in their account, or an officer recorded for them) when the case has a resident; otherwise
in the language the case was made in (`Case.language`: the page's language for a web form, the
API's `lang`, the officer's choice on an assisted channel). Only languages the site offers are
used; anything else is English. Messages to officers are always in English, the language the
council works in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opencex.languages import ENGLISH, offered_or_english

if TYPE_CHECKING:
    from opencex.cases.models import Case
    from opencex.people.models import Resident

OFFICERS_LANGUAGE = ENGLISH


def resident_language(resident: Resident | None, *, otherwise: str = ENGLISH) -> str:
    """The language to write to `resident` in; `otherwise` where there is no resident."""
    if resident is not None and resident.preferred_language:
        return offered_or_english(resident.preferred_language)
    return offered_or_english(otherwise)


def message_language(case: Case) -> str:
    """The language of every message to the resident about `case`."""
    return resident_language(case.resident, otherwise=case.language or ENGLISH)


# Long emails that set out statutory rights in the words of the law, not yet translated: they are
# sent in English, opening with a sentence in the resident's language that says so and how to ask
# for a translation or an interpreter (notify.rendering). Their subjects and text messages are
# translated.
EMAILS_IN_ENGLISH_ONLY: frozenset[str] = frozenset(
    {"complaint_response", "information_request_decision", "information_request_extended"}
)


def is_written_in_english_only(template: str, channel: str) -> bool:
    return channel == "email" and template in EMAILS_IN_ENGLISH_ONLY
