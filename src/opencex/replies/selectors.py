"""Which standard replies suit a case, and a reply's text filled in for that case."""

from __future__ import annotations

from django.utils.translation import gettext as _

from opencex.cases.models import Case, CaseKind
from opencex.clocks.wording import long_date
from opencex.replies.models import StandardReply
from opencex.replies.placeholders import UnknownPlaceholder, fill_placeholders


class ReplyNotUsable(Exception):
    """A standard reply that cannot be used for this case, with a message an officer can act on."""


def replies_for_case(case: Case) -> list[StandardReply]:
    """The active standard replies that suit `case`'s kind, by name.

    Filtered in Python: a council has a few dozen replies, and SQLite cannot look inside a JSON
    list."""
    return [
        reply for reply in StandardReply.objects.filter(is_active=True) if reply.suits(case.kind)
    ]


def reply_text(*, reply: StandardReply, case: Case, officer) -> str:
    """The reply's body with its placeholders filled in for `case`, written by `officer`."""
    values = {
        "reference": case.reference,
        "name": case.resident.full_name if case.resident else case.contact_name,
        # Values are words to the resident, in the reply's own language (English), not the
        # officer's interface language.
        "due_date": long_date(case.due_on) if case.due_on else "as soon as we can",
        "service": case.service.title if case.service else CaseKind(case.kind).label.lower(),
        "officer": officer.full_name,
    }
    try:
        return fill_placeholders(reply.body, values)
    except UnknownPlaceholder as error:
        raise ReplyNotUsable(
            _(
                "The standard reply “%(name)s” cannot be used: %(error)s Ask an administrator to "
                "correct it."
            )
            % {"name": reply.name, "error": error}
        ) from None
