"""Survey forms from their definition files (surveys/definitions/*.json): each page's questions
are bank questions by key (`{"bank": "tp01_overall", "required": true}`) or a survey's own
questions in the forms engine's shape. The file becomes a forms.FormDefinition (`survey-<slug>`,
never live as a form: it is answered only through a survey's links) whose schema has the
purpose "survey", so the engine renders, branches and checks it and no case is ever opened."""

from __future__ import annotations

import json
from copy import deepcopy
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from opencex.forms.models import FormDefinition, FormVersion
from opencex.forms.services import publish_version, schema_checksum
from opencex.languages import text_in
from opencex.surveys.bank import bank_question

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
SURVEY_CASE_KIND = "survey"  # FormDefinition.case_kind of a survey form: it opens no case
FORM_SLUG_PREFIX = "survey-"


@cache
def definition_file(slug: str) -> dict[str, Any]:
    path = DEFINITIONS_DIR / f"{slug}.json"
    if not path.is_file():
        raise KeyError(f'"{slug}" is not a survey definition')
    return json.loads(path.read_text())


def definition_slugs() -> list[str]:
    return sorted(path.stem for path in DEFINITIONS_DIR.glob("*.json"))


def _question(entry: dict[str, Any]) -> dict[str, Any]:
    if "bank" not in entry:
        return deepcopy(entry)
    question = deepcopy(bank_question(entry["bank"]).question)
    # Said outright: the engine's checks take a question without "required" as required.
    question["required"] = bool(entry.get("required", False))
    for name in ("show_if", "messages"):
        if name in entry:
            question[name] = entry[name]
    return question


def survey_schema(data: dict[str, Any]) -> dict[str, Any]:
    """The forms engine's schema for a survey definition, bank questions written out in full."""
    schema: dict[str, Any] = {"purpose": "survey", "title": data["title"]}
    if data.get("intro"):
        schema["intro"] = data["intro"]
    schema["pages"] = [
        {
            **{key: value for key, value in page.items() if key != "questions"},
            "questions": [_question(entry) for entry in page["questions"]],
        }
        for page in data["pages"]
    ]
    return schema


@transaction.atomic
def sync_survey_form(slug: str) -> FormDefinition:
    """The survey form for the definition file `slug`, with a new version published when the
    file (or a bank question it uses) changed; an unchanged file publishes nothing."""
    data = definition_file(slug)
    schema = survey_schema(data)
    definition, _created = FormDefinition.objects.get_or_create(
        slug=FORM_SLUG_PREFIX + slug,
        defaults={
            "title": text_in(data["title"], "en"),
            "case_kind": SURVEY_CASE_KIND,
            "is_live": False,
        },
    )
    current: FormVersion | None = definition.current_version()
    if current is None or current.checksum != schema_checksum(schema):
        publish_version(actor=None, definition=definition, schema=schema)
    return definition


def is_survey_form(definition: FormDefinition) -> bool:
    return definition.case_kind == SURVEY_CASE_KIND
