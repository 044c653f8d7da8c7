"""The telephony lines kept in step with the council profile's phone lines: the same slugs as
the contacts logged on them (`contacts.lines`), so calls and contacts can be compared."""

from __future__ import annotations

import re

from django.conf import settings

from opencex.languages import ENGLISH, text_in
from opencex.telephony.models import (
    GENERAL_ANSWER_TARGET_SECONDS,
    VULNERABLE_ANSWER_TARGET_SECONDS,
    TelephonyLine,
)


def sync_lines() -> list[TelephonyLine]:
    """One line per profile phone line; a new line gets its default answer target, an existing
    one keeps the target an administrator set."""
    lines = []
    for phone_line in settings.COUNCIL_PROFILE.phone_lines:
        vulnerable = phone_line.purpose == "vulnerable"
        line, _ = TelephonyLine.objects.update_or_create(
            slug=phone_line.slug,
            defaults={
                "name": text_in(phone_line.name, ENGLISH),
                "number": phone_line.number,
                "is_vulnerable_residents_line": vulnerable,
            },
            create_defaults={
                "name": text_in(phone_line.name, ENGLISH),
                "number": phone_line.number,
                "is_vulnerable_residents_line": vulnerable,
                "answer_target_seconds": VULNERABLE_ANSWER_TARGET_SECONDS
                if vulnerable
                else GENERAL_ANSWER_TARGET_SECONDS,
            },
        )
        lines.append(line)
    return lines


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def line_finder() -> dict[str, TelephonyLine]:
    """Every way an export names a line (its slug, its name, its number) → the line."""
    found: dict[str, TelephonyLine] = {}
    for line in TelephonyLine.objects.all():
        found[line.slug] = line
        found[line.name.casefold()] = line
        if _digits(line.number):
            found[_digits(line.number)] = line
    return found


def find_line(finder: dict[str, TelephonyLine], named: str) -> TelephonyLine | None:
    key = named.strip()
    return finder.get(key) or finder.get(key.casefold()) or finder.get(_digits(key) or "-")
