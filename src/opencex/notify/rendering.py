"""Renders a message template (subject, email and text message) from its files under
templates/notify/<name>/, as plain text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template import Context, Engine, TemplateDoesNotExist

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
    return sorted(path.name for path in (TEMPLATES_DIR / "notify").iterdir() if path.is_dir())


def render_message(template: str, channel: str, context: dict[str, Any]) -> RenderedMessage:
    """Render `template` for `channel` ("email" or "sms"); a text message has no subject."""
    if channel == "email":
        subject = " ".join(_render(template, "subject.txt", context).split())
        return RenderedMessage(subject=subject, body=_render(template, "email.txt", context))
    if channel == "sms":
        return RenderedMessage(subject="", body=_render(template, "sms.txt", context))
    raise UnknownTemplate(f"No channel called {channel!r}")


def _render(template: str, part: str, context: dict[str, Any]) -> str:
    try:
        compiled = _engine().get_template(f"notify/{template}/{part}")
    except TemplateDoesNotExist:
        raise UnknownTemplate(f"No message template notify/{template}/{part}") from None
    # Plain text must not be HTML-escaped: "O'Brien", "Damp & mould".
    return _tidy(compiled.render(Context(context, autoescape=False)))


def _tidy(text: str) -> str:
    """Template tags leave stray spaces and blank lines; keep at most one blank line in a row."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
