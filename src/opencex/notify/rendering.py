"""Renders a message template (subject, email and text message) from its files under
templates/notify/<name>/, as plain text.

A part is looked for first in the folder of the case's kind, then of its family, then in the
message's own folder (`case_received/complaint/email.txt`, then `case_received/email.txt`): see
`notify.letters.variants`. Folders and files whose names start with "_" are shared parts, not
messages."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template import Context, Engine, TemplateDoesNotExist
from django.utils.functional import SimpleLazyObject

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


@functools.cache
def _engine() -> Engine:
    # An engine of our own: these are plain-text files, not the site's HTML templates.
    return Engine(dirs=[str(TEMPLATES_DIR)], autoescape=False)


def template_names() -> list[str]:
    return sorted(
        path.name
        for path in (TEMPLATES_DIR / "notify").iterdir()
        if path.is_dir() and not path.name.startswith("_")
    )


def render_message(template: str, channel: str, context: dict[str, Any]) -> RenderedMessage:
    """Render `template` for `channel` ("email" or "sms"); a text message has no subject."""
    if channel == "email":
        subject = " ".join(_render(template, "subject.txt", context).split())
        return RenderedMessage(subject=subject, body=_render(template, "email.txt", context))
    if channel == "sms":
        return RenderedMessage(subject="", body=_render(template, "sms.txt", context))
    raise UnknownTemplate(f"No channel called {channel!r}")


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
