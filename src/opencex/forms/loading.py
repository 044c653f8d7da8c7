"""The council's forms shipped as JSON files in definitions/, loaded into the database so an
administrator can change them later without a deploy. Loading again is safe: a form gets a new
version only when its file changed, and never over an administrator's edit (below).

A file's "title" may be translated like any text in the schema ({"en": ..., "pl": ...}, see
opencex.languages): the definition keeps the English title for staff and administrators, and the
published schema carries the translated one as its "title" for residents.

Form families (families/) make the long tail: a catalogue service naming a `form_family` gets its
own form, slug the service's, made from the family's schema with the service's title (in every
language the catalogue gives it), its summary as the first paragraph of the start page and its
`form_questions` (if any) as a page of their own. Sync publishes a new version only when the
made schema changes, and never replaces an administrator's edit: sync publishes without an
author, an administrator's edit always has one (forms.editing, the form builder), so a form
whose current version has an author, from a file or a family, is kept as it is
(`SyncReport.kept`). A definition file for a service
always wins over its family: the service gets no family form, and one made before is retired."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from opencex.catalogue.models import Service
from opencex.forms.models import FormDefinition
from opencex.forms.schema import CASE_KINDS, SchemaError
from opencex.forms.services import publish_version, schema_checksum
from opencex.languages import ENGLISH, offered_languages, text_in, translation_problems

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
FAMILIES_DIR = Path(__file__).resolve().parent / "families"
# In a family's case subject, replaced by the service's (English) title.
SERVICE_TITLE = "{service_title}"


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Family forms an administrator has edited since sync made them: left as they are.
    kept: list[str] = field(default_factory=list)
    # Family forms of services that now have a definition file of their own: no longer live.
    retired: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.created)} new, {len(self.updated)} with a new version, "
            f"{len(self.unchanged)} unchanged, {len(self.kept)} edited by an administrator "
            f"and kept, {len(self.retired)} retired"
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
def sync_form_definitions(
    directory: Path = DEFINITIONS_DIR, families: Path = FAMILIES_DIR
) -> SyncReport:
    """Create or update every form in `directory`, then every service's family form (from
    `families`); SchemaError (nothing saved) if any is wrong."""
    report = SyncReport()
    written_for: set[str] = set()
    file_slugs: set[str] = set()
    for path in definition_files(directory):
        data = read_definition(path)
        written_for.add(data.get("service") or data["slug"])
        file_slugs.add(data["slug"])
        if _edited_by_an_administrator(FormDefinition.objects.filter(slug=data["slug"]).first()):
            report.kept.append(data["slug"])
            continue
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
    _sync_family_forms(report, families, written_for, file_slugs)
    return report


def _edited_by_an_administrator(definition: FormDefinition | None) -> bool:
    """Whether the form's live version was published by a person (the admin or the form
    builder), not by a sync: sync never publishes over it, whether the form comes from a file or
    a family."""
    current = definition.current_version() if definition is not None else None
    return current is not None and current.created_by_id is not None


# ---- form families ---------------------------------------------------------------------------


def read_family(path: Path) -> dict:
    """A family file's contents, or SchemaError naming the file and what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SchemaError([f"{path.name}: not valid JSON ({error})."]) from None
    problems = [
        f'{path.name}: "{key}" is needed.'
        for key in ("family", "case_kind", "schema")
        if not data.get(key)
    ]
    if data.get("case_kind") and data["case_kind"] not in CASE_KINDS:
        problems.append(f'{path.name}: "{data["case_kind"]}" is not a case kind.')
    if problems:
        raise SchemaError(problems)
    return data


def read_families(directory: Path = FAMILIES_DIR) -> dict[str, dict]:
    return {data["family"]: data for data in map(read_family, definition_files(directory))}


def _service_text(service: Service, field_name: str) -> str | dict[str, str]:
    """One of the service's texts with its translations, as a form's texts are written."""
    texts = {code: service.text_in(field_name, code) for code in offered_languages()}
    english = texts.get(ENGLISH) or getattr(service, field_name)
    if all(text in ("", english) for text in texts.values()):
        return english
    # A language without its own text is left out: it falls back to English when shown.
    return {ENGLISH: english} | {
        code: text for code, text in texts.items() if text and text != english
    }


def family_schema(family: dict, service: Service) -> dict:
    """The schema of `service`'s form, made from its family."""
    schema = copy.deepcopy(family["schema"])
    schema["title"] = _service_text(service, "title")
    schema["intro"] = [_service_text(service, "summary"), *schema.get("intro", [])]
    schema["case"]["subject"] = schema["case"]["subject"].replace(SERVICE_TITLE, service.title)
    if service.form_questions:
        page = {
            "id": "about-this-service",
            "title": family.get("service_questions_title") or schema["title"],
            "questions": copy.deepcopy(service.form_questions),
        }
        pages = schema["pages"]
        before = family.get("service_questions_before")
        place = next((n for n, p in enumerate(pages) if p.get("id") == before), len(pages))
        pages.insert(place, page)
    return schema


def _sync_family_forms(
    report: SyncReport, directory: Path, written_for: set[str], file_slugs: set[str]
) -> None:
    families = read_families(directory)
    services = Service.objects.live().exclude(form_family="").order_by("slug")
    problems = [
        f'{service.slug}: "{service.form_family}" is not a form family.'
        for service in services
        if service.form_family not in families
    ]
    if problems:
        raise SchemaError(problems)
    for service in services:
        if service.slug in written_for:
            _retire_family_form(report, service, file_slugs)
            continue
        family = families[service.form_family]
        schema = family_schema(family, service)
        definition = FormDefinition.objects.filter(slug=service.slug).first()
        if _edited_by_an_administrator(definition):
            report.kept.append(service.slug)
            continue
        current = definition.current_version() if definition is not None else None
        if current is not None and current.checksum == schema_checksum(schema):
            report.unchanged.append(service.slug)
            continue
        definition, created = FormDefinition.objects.update_or_create(
            slug=service.slug,
            defaults={
                "title": service.title,
                "case_kind": family["case_kind"],
                "service": service,
                "is_live": True,
            },
        )
        try:
            publish_version(actor=None, definition=definition, schema=schema)
        except SchemaError as error:
            raise SchemaError(
                [f"{service.slug} ({service.form_family}): {p}" for p in error.problems]
            ) from None
        (report.created if created else report.updated).append(definition.slug)


def _retire_family_form(report: SyncReport, service: Service, file_slugs: set[str]) -> None:
    """A service with a definition file of its own: the form its family made before (the
    service's slug, when the file's form has another) is no longer live."""
    if service.slug in file_slugs:
        return  # the file's form has taken the family form's place, with a new version
    made = FormDefinition.objects.filter(service=service, slug=service.slug, is_live=True)
    for definition in made:
        definition.is_live = False
        definition.save(update_fields=["is_live"])
        report.retired.append(definition.slug)
