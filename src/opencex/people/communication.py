"""How to communicate well with a resident: the accessible formats the council can send and the
languages it can find an interpreter for, each named as the resident reads it. Residents choose
them on their account page, every form asks for them, and officers see them (one list for all)."""

from __future__ import annotations

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext_lazy

# British Sign Language has no ISO 639-1 code; "bfi" is its ISO 639-3 code.
BRITISH_SIGN_LANGUAGE = "bfi"
# The languages interpreters are most often asked for in English councils (census 2021 main
# languages), by code. A language not listed is given as "other", which an officer follows up.
INTERPRETER_LANGUAGE_CODES = (
    BRITISH_SIGN_LANGUAGE,
    "ar",
    "bn",
    "zh-hans",
    "fa",
    "fr",
    "it",
    "ku",
    "lt",
    "ne",
    "pa",
    "pl",
    "ps",
    "pt",
    "ro",
    "ru",
    "so",
    "es",
    "ta",
    "ti",
    "tr",
    "uk",
    "ur",
)
OTHER_LANGUAGE = "other"
# Names Django's list lacks, in the language itself.
_OWN_NAMES = {
    BRITISH_SIGN_LANGUAGE: "British Sign Language (BSL)",
    "ku": "Kurdî",
    "ps": "پښتو",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "zh-hans": "中文",
}


class AccessibleFormat(models.TextChoices):
    """Information in another format than standard print or a web page."""

    LARGE_PRINT = "large_print", gettext_lazy("Large print")
    EASY_READ = "easy_read", gettext_lazy("Easy read")
    AUDIO = "audio", gettext_lazy("Audio")
    BRAILLE = "braille", gettext_lazy("Braille")


def interpreter_language_name(code: str) -> str:
    """A language an interpreter is asked for, named in that language ("pl" → "polski")."""
    if code == OTHER_LANGUAGE:
        return str(gettext_lazy("Another language"))
    if code in _OWN_NAMES:
        return _OWN_NAMES[code]
    for offered, name in settings.LANGUAGES:  # as the language switcher names them
        if offered == code:
            return str(name)
    info = LANG_INFO.get(code, {})
    return info.get("name_local", code)


def interpreter_language_choices() -> list[tuple[str, str]]:
    return [
        *((code, interpreter_language_name(code)) for code in INTERPRETER_LANGUAGE_CODES),
        (OTHER_LANGUAGE, interpreter_language_name(OTHER_LANGUAGE)),
    ]


def is_interpreter_language(code: str) -> bool:
    return code in INTERPRETER_LANGUAGE_CODES or code == OTHER_LANGUAGE


def describe_needs(*, interpreter_language: str = "", accessible_format: str = "") -> str:
    """The request in a few words for an officer: "Interpreter: polski; Large print"."""
    parts = []
    if interpreter_language:
        parts.append(
            str(gettext_lazy("Interpreter: %(language)s"))
            % {"language": interpreter_language_name(interpreter_language)}
        )
    if accessible_format in AccessibleFormat.values:
        parts.append(str(AccessibleFormat(accessible_format).label))
    return "; ".join(parts)
