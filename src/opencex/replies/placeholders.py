"""The placeholders a standard reply may use, such as {reference}, and filling them in.

Only the names in PLACEHOLDERS are known; a reply that uses any other name is refused when it is
saved and, if one slipped through, when it is used, with a message naming the placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from opencex.cases.references import reference_hint

PLACEHOLDERS: dict[str, str] = {
    "reference": reference_hint(_("the case reference, like %(reference)s")),
    "name": _("the resident's name"),
    "due_date": _("the date the case is due, like Friday 18 April 2025"),
    "service": _("the service the case is about"),
    "officer": _("your name"),
}

# {word}: a placeholder. Doubled braces ({{ and }}) stand for a brace itself, as in str.format.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


class UnknownPlaceholder(ValueError):
    """A reply uses a placeholder that is not in PLACEHOLDERS."""


def placeholders_in(body: str) -> list[str]:
    """Every placeholder name `body` uses, in order of first use."""
    found: list[str] = []
    for match in _PLACEHOLDER.finditer(body):
        name = match.group(1)
        if name is not None and name not in found:
            found.append(name)
    return found


def check_placeholders(body: str) -> None:
    """Raise UnknownPlaceholder naming every placeholder in `body` we cannot fill."""
    unknown = [name for name in placeholders_in(body) if name.strip() not in PLACEHOLDERS]
    if unknown:
        names = ", ".join("{" + name + "}" for name in unknown)
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        raise UnknownPlaceholder(
            _("%(names)s cannot be filled in. Use only %(known)s.")
            % {"names": names, "known": known}
        )


def fill_placeholders(body: str, values: Mapping[str, str]) -> str:
    """`body` with each placeholder replaced by its value from `values`."""
    check_placeholders(body)

    def replace(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return match.group(0)[0]  # "{{" stands for "{", "}}" for "}"
        return values[match.group(1).strip()]

    return _PLACEHOLDER.sub(replace, body)
