"""Renders a message template (subject, email and text message) from its files under
templates/notify/<name>/, as plain text.

A part is looked for first in the folder of the case's kind, then of its family, then in the
message's own folder (`case_received/complaint/email.txt`, then `case_received/email.txt`): see
`notify.letters.variants`. Folders and files whose names start with "_" are shared parts, not
messages.

Every part is written in the message's language (notify.language): the templates are translated
by gettext (`{% load i18n %}`, `{% blocktranslate %}`) and rendered under that language, their
dates through `{% load message_dates %}` (`long_date`, as dates_in_language writes them), and a
message in a right-to-left language keeps each run of left-to-right text (a reference, a phone
number, a link) isolated, so that it reads left to right in any mail client or phone.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template import Context, Engine, TemplateDoesNotExist
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, gettext_noop

from opencex.languages import ENGLISH
from opencex.notify.language import is_written_in_english_only
from opencex.notify.letters import variants

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# A text message longer than three fragments (3 x 153 GSM characters) costs more and arrives
# in pieces on some phones.
SMS_MAX_LENGTH = 459


class UnknownTemplate(LookupError):
    """No message template of that name, or none for that channel."""


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str
    language: str = ENGLISH  # the language it is written in


@functools.cache
def _engine() -> Engine:
    # An engine of our own: these are plain-text files, not the site's HTML templates.
    return Engine(
        dirs=[str(TEMPLATES_DIR)],
        autoescape=False,
        libraries={
            "i18n": "django.templatetags.i18n",
            "message_dates": "opencex.notify.message_dates",
        },
    )


def template_names() -> list[str]:
    return sorted(
        path.name
        for path in (TEMPLATES_DIR / "notify").iterdir()
        if path.is_dir() and not path.name.startswith("_")
    )


def render_message(
    template: str, channel: str, context: dict[str, Any], *, language: str = ENGLISH
) -> RenderedMessage:
    """Render `template` for `channel` ("email" or "sms") in `language`; a text message has no
    subject. An email not yet translated (notify.language) is written in English, subject and
    all, and opens with a sentence in `language` saying so and how to ask for a translation."""
    written_in = written_language(template, language, channel)
    with translation.override(written_in):
        if channel == "email":
            subject = " ".join(_render(template, "subject.txt", context).split())
            body = _render(template, "email.txt", context)
        elif channel == "sms":
            subject, body = "", _render(template, "sms.txt", context)
        else:
            raise UnknownTemplate(f"No channel called {channel!r}")
    if _is_right_to_left(written_in):
        subject, body = isolate_left_to_right(subject), isolate_left_to_right(body)
    if written_in != language:
        notice = _in_english_notice(language, context)
        if _is_right_to_left(language):
            notice = isolate_left_to_right(notice)
        body = f"{notice}\n\n{body}"
    return RenderedMessage(subject=subject, body=body, language=written_in)


def written_language(template: str, language: str, channel: str) -> str:
    """The language `template` is written in on `channel` when asked for in `language`."""
    return ENGLISH if is_written_in_english_only(template, channel) else language


def _in_english_notice(language: str, context: dict[str, Any]) -> str:
    council = context.get("council")
    phone = council.main_phone.number if council is not None else ""
    with translation.override(language):
        return gettext(IN_ENGLISH_NOTICE) % {"phone": phone}


IN_ENGLISH_NOTICE = gettext_noop(
    "This letter is in English because it sets out your legal rights exactly. "
    "If you would like it translated, or an interpreter to go through it with you, "
    "call us on %(phone)s or reply to this email."
)


def _is_right_to_left(language: str) -> bool:
    return language in RIGHT_TO_LEFT


# Languages written right to left that the site may offer.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})

# A run of left-to-right text: starts and ends with a Latin letter, digit or "+", and holds only
# those, spaces and the punctuation of references, phone numbers, addresses and links. Brackets
# are left outside, where the right-to-left text mirrors them.
_LEFT_TO_RIGHT_RUN = re.compile(r"[A-Za-z0-9+£](?:[A-Za-z0-9+£\-/.:@_?=&%#,' ]*[A-Za-z0-9/])?")
# First Strong Isolate is not needed: the run is known to be left to right.
_LRI, _PDI = "\u2066", "\u2069"


def isolate_left_to_right(text: str) -> str:
    """Wrap every left-to-right run in `text` in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL
    ISOLATE, so that a phone number ("01865 249811") or a reference keeps its order in Arabic."""
    return "\n".join(
        _LEFT_TO_RIGHT_RUN.sub(lambda run: f"{_LRI}{run.group(0)}{_PDI}", line)
        for line in text.split("\n")
    )


def _render(template: str, part: str, context: dict[str, Any]) -> str:
    folders = [f"notify/{template}/{variant}" for variant in variants(context.get("case"))]
    folders.append(f"notify/{template}")
    try:
        compiled = _engine().select_template([f"{folder}/{part}" for folder in folders])
    except TemplateDoesNotExist:
        raise UnknownTemplate(f"No message template notify/{template}/{part}") from None
    context = {**context, "parts": SharedParts(variants(context.get("case")))}
    if "happened" in context:
        # What just happened to the case, in the most specific folder that words it; lazy, so
        # that the timeline is read (notify.letters) only by a template that includes it.
        happened = context["happened"]
        context["happened_part"] = SimpleLazyObject(
            lambda: [f"{folder}/_{happened}.txt" for folder in folders]
        )
    # Plain text must not be HTML-escaped: "O'Brien", "Damp & mould".
    return _tidy(compiled.render(Context(context, autoescape=False)))


class SharedParts:
    """`{% include parts.unhappy %}`: the shared part `notify/_unhappy/` worded for the case's
    kind, else its family, else `default.txt`."""

    def __init__(self, case_variants: list[str]) -> None:
        self._variants = case_variants

    def __getitem__(self, name: str) -> list[str]:
        return [f"notify/_{name}/{variant}.txt" for variant in [*self._variants, "default"]]


def _tidy(text: str) -> str:
    """Template tags leave stray spaces and blank lines; keep at most one blank line in a row."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
