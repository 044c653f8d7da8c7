"""The Polish and Arabic message catalogues are whole: every entry translated, none fuzzy (a
fuzzy entry is a guess gettext does not use, so the page would show English), every plural form
written, and the compiled .mo committed says what the .po says. Read without GNU gettext, which
the platform does not need."""

from __future__ import annotations

import ast
import gettext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import opencex

LOCALE = Path(opencex.__file__).parent / "locale"
LANGUAGES = ["pl", "ar"]


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    parts: dict[str, str] = field(default_factory=dict)  # "msgid", "msgstr[0]", ...

    @property
    def msgid(self) -> str:
        return self.parts.get("msgid", "")


def entries(po: Path) -> list[Entry]:
    """The live entries of a .po file (not the header, not the obsolete `#~` ones)."""
    found: list[Entry] = []
    entry, key = Entry(), ""
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.parts:
                found.append(entry)
            entry, key = Entry(), ""
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.parts[key] += ast.literal_eval(line)
        else:
            key, _, text = line.partition(" ")
            entry.parts[key] = ast.literal_eval(text)
    return [e for e in found if e.msgid]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy_or_untranslated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    live = entries(po)
    assert len(live) > 1800  # the whole catalogue was read
    fuzzy = [e.msgid for e in live if "fuzzy" in e.flags]
    untranslated = [
        e.msgid
        for e in live
        if not all(text for key, text in e.parts.items() if key.startswith("msgstr"))
    ]
    assert fuzzy == []
    assert untranslated == []


@pytest.mark.parametrize(("language", "forms"), [("pl", 3), ("ar", 6)])
def test_every_plural_has_each_form_of_the_language(language, forms):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    plurals = [e for e in entries(po) if "msgid_plural" in e.parts]
    assert plurals
    for entry in plurals:
        written = sorted(key for key in entry.parts if key.startswith("msgstr["))
        assert written == [f"msgstr[{n}]" for n in range(forms)], entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_says_what_the_po_says(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in entries(folder / "django.po"):
        if "msgid_plural" in entry.parts:
            continue
        context = entry.parts.get("msgctxt")
        got = compiled.pgettext(context, entry.msgid) if context else compiled.gettext(entry.msgid)
        if got != entry.parts["msgstr"]:
            stale.append(entry.msgid)
    assert stale == []
