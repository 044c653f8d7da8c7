"""The council's forms shipped as JSON files in definitions/, loaded into the database so an
administrator can change them later without a deploy. Loading again is safe: a form gets a new
version only when its file changed.

A file's "title" may be translated like any text in the schema ({"en": ..., "pl": ...}, see
opencex.languages): the definition keeps the English title for staff and administrators, and the
published schema carries the translated one as its "title" for residents."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from opencex.catalogue.models import Service
from opencex.forms.models import FormDefinition
from opencex.forms.schema import CASE_KINDS, SchemaError
from opencex.forms.services import publish_version, schema_checksum
from opencex.languages import ENGLISH, text_in, translation_problems

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.created)} new, {len(self.updated)} with a new version, "
            f"{len(self.unchanged)} unchanged"
        )


def definition_files(directory: Path = DEFINITIONS_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def read_definition(path: Path) -> dict:
    """A definition file's contents, or SchemaError naming the file and what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SchemaError([f"{path.name}: not valid JSON ({error})."]) from None
    problems = [
        f'{path.name}: "{key}" is needed.'
        for key in ("slug", "title", "case_kind", "schema")
        if not data.get(key)
    ]
    problems += [
        f"{path.name}: {problem}"
        for problem in translation_problems(data.get("title"), 'The "title"')
    ]
    if data.get("case_kind") and data["case_kind"] not in CASE_KINDS:
        problems.append(f'{path.name}: "{data["case_kind"]}" is not a case kind.')
    if problems:
        raise SchemaError(problems)
    return data


@transaction.atomic
def sync_form_definitions(directory: Path = DEFINITIONS_DIR) -> SyncReport:
    """Create or update every form in `directory`; SchemaError (nothing saved) if any is wrong."""
    report = SyncReport()
    for path in definition_files(directory):
        data = read_definition(path)
        service = Service.objects.filter(slug=data.get("service", "")).first()
        title, schema = data["title"], data["schema"]
        if isinstance(title, dict) and isinstance(schema, dict):
            schema = {"title": title, **schema}
        definition, created = FormDefinition.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": text_in(title, ENGLISH),
                "case_kind": data["case_kind"],
                "service": service,
            },
        )
        current = definition.current_version()
        if current is not None and current.checksum == schema_checksum(schema):
            report.unchanged.append(definition.slug)
            continue
        try:
            publish_version(actor=None, definition=definition, schema=schema)
        except SchemaError as error:
            raise SchemaError([f"{path.name}: {problem}" for problem in error.problems]) from None
        (report.created if created else report.updated).append(definition.slug)
    return report
