"""The question bank: the satisfaction, tenant perception (TSM) and demographic questions that
every survey asks in the same words, each under a stable key, so that results compare across
surveys and over time.

The satisfaction and TSM questions are data (bank/questions.json, their answer scales in
bank/scales.json), written in English, Polish and Arabic. The demographic questions are the
equality-monitoring questions residents already answer on their account (people.equality: the
ONS 2021 census groups), turned into the forms engine's shape with their catalogue translations,
so the groups are the same everywhere. A survey names a bank question by key
(`{"bank": "tp01_overall"}`) and gets the whole question: wording, hint and options.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from opencex.people import equality

BANK_DIR = Path(__file__).resolve().parent / "bank"
DEMOGRAPHIC = "demographic"
# Answers that say nothing about satisfaction: left out of the base of a "share satisfied".
NO_VIEW = frozenset({"dont_know", "not_applicable", equality.PREFER_NOT_TO_SAY})


@dataclass(frozen=True)
class BankQuestion:
    key: str
    topic: str  # "satisfaction", "tsm" or "demographic"
    question: dict[str, Any]  # in the forms engine's shape (forms.schema.Question), id = key
    positive: frozenset[str] = frozenset()  # the answers counted as satisfied or agreeing
    measure: str = ""  # the TSM measure it gives ("TP01"), if any

    @property
    def options(self) -> list[dict[str, Any]]:
        return list(self.question.get("options", []))

    @property
    def is_free_text(self) -> bool:
        return self.question["type"] in ("text", "long_text")


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _translated(text: Any) -> dict[str, str]:
    """A gettext text in every language the site offers, in the engine's {"en": ...} shape."""
    found = {}
    for language in _languages():
        with translation.override(language):
            found[language] = str(text)
    return found


def _demographic(item: equality.Question) -> BankQuestion:
    options = [{"value": value, "label": _translated(label)} for value, label in item.choices]
    question: dict[str, Any] = {
        "id": f"demographic_{item.field}",
        "type": "radios",
        "label": _translated(item.label),
        "options": options,
    }
    if item.hint:
        question["hint"] = _translated(item.hint)
    return BankQuestion(question["id"], DEMOGRAPHIC, question)


def _from_file(entry: dict[str, Any], scales: dict[str, Any]) -> BankQuestion:
    question: dict[str, Any] = {"id": entry["key"], "type": entry["type"], "label": entry["label"]}
    for name in ("hint", "max_length"):
        if name in entry:
            question[name] = entry[name]
    positive: set[str] = set()
    if "scale" in entry:
        options = [
            {"value": option["value"], "label": option["label"]}
            for option in scales[entry["scale"]]
        ]
        positive = {option["value"] for option in scales[entry["scale"]] if option.get("positive")}
        options += [dict(scales["extra"][name]) for name in entry.get("extra", [])]
        question["options"] = options
    return BankQuestion(
        entry["key"], entry["topic"], question, frozenset(positive), entry.get("measure", "")
    )


@cache
def _bank() -> dict[str, BankQuestion]:
    scales = json.loads((BANK_DIR / "scales.json").read_text())
    entries = json.loads((BANK_DIR / "questions.json").read_text())["questions"]
    found = [_from_file(entry, scales) for entry in entries]
    found += [_demographic(item) for item in equality.QUESTIONS]
    return {item.key: item for item in found}


def bank() -> dict[str, BankQuestion]:
    """Every bank question by key, in the bank's order."""
    return dict(_bank())


def bank_question(key: str) -> BankQuestion:
    """The bank question `key`; KeyError names a key the bank does not have."""
    try:
        return _bank()[key]
    except KeyError:
        raise KeyError(f'"{key}" is not a question in the survey question bank') from None


def tsm_questions() -> dict[str, BankQuestion]:
    """The tenant perception questions by measure ("TP01" …)."""
    return {item.measure: item for item in _bank().values() if item.measure}
