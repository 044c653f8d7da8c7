"""Loads a catalogue file (service areas, teams, topics, services, guidance pages) by slug.

Loading is an upsert: run it again with the same file and nothing changes; change the file and
only what changed is written. A service missing from the file is retired (`is_live=False`), never
deleted, because cases keep pointing at the service they were about. Guidance pages are optional
in a file: a file without a `guidance_pages` section leaves the guidance pages as they are.

A service may have "translations": {"pl": {"title": ..., "summary": ...}, "ar": {...}}, its
resident-facing texts (TRANSLATED_SERVICE_FIELDS) in the other languages the site offers; the
service's own fields are the English, shown wherever a translation is missing.

A council adds a language to its catalogue by putting a translation file beside the catalogue
file: `oxford.pl.json` beside `oxford.json`, for each language the site offers besides English
(settings.LANGUAGES). It gives the texts of service areas, topics, services and guidance pages by
slug (see `schema.TRANSLATION_SECTIONS`), each text optional; a slug the catalogue does not have,
or a guidance body not shaped like the English one, is a problem. Its texts are merged over the
inline translations into each row's `translations` (`models.Translatable`), with the keywords
residents search with in that language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from pydantic import ValidationError

from opencex.catalogue.models import GuidancePage, Service, ServiceArea, Team, Topic
from opencex.catalogue.schema import (
    TRANSLATION_SECTIONS,
    Entry,
    GuidancePageEntry,
    ServiceAreaEntry,
    ServiceEntry,
    TeamEntry,
    TopicEntry,
    body_shape,
)
from opencex.file_problems import sentences
from opencex.languages import ENGLISH, offered_languages, text_in

DEMO_CATALOGUES = Path(__file__).resolve().parent / "demo"


def demo_catalogue_file(profile_slug: str) -> Path:
    """The catalogue file shipped for a council profile: `catalogue/demo/<slug>.json`."""
    return DEMO_CATALOGUES / f"{profile_slug}.json"


class CatalogueError(ValueError):
    """A catalogue file that cannot be loaded, with every problem found, one per line."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            "The catalogue cannot be loaded:\n" + "\n".join(f"- {p}" for p in self.problems)
        )


@dataclass(frozen=True)
class Upserted:
    """What loading did to one kind of row."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True)
class LoadSummary:
    service_areas: Upserted
    teams: Upserted
    topics: Upserted
    services: Upserted
    retired_services: tuple[str, ...] = field(default=())
    guidance_pages: Upserted = field(default_factory=Upserted)
    retired_guidance_pages: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        parts = (self.service_areas, self.teams, self.topics, self.services, self.guidance_pages)
        retired = self.retired_services or self.retired_guidance_pages
        return bool(retired) or any(p.created or p.updated for p in parts)

    def __str__(self) -> str:
        lines = [
            f"Service areas: {self.service_areas}",
            f"Teams: {self.teams}",
            f"Topics: {self.topics}",
            f"Services: {self.services}",
        ]
        if self.retired_services:
            lines.append(f"Services retired (no longer in the file): {len(self.retired_services)}")
        if self.guidance_pages != Upserted() or self.retired_guidance_pages:
            lines.append(f"Guidance pages: {self.guidance_pages}")
        if self.retired_guidance_pages:
            retired = len(self.retired_guidance_pages)
            lines.append(f"Guidance pages retired (no longer in the file): {retired}")
        return "\n".join(lines)


@dataclass(frozen=True)
class TranslationFile:
    """A catalogue's texts in one other language, as read from `<name>.<language>.json`."""

    name: str  # the file's name, which problems begin with
    language: str  # the language its name gives
    data: Any


def load_catalogue_file(path: Path, **options) -> LoadSummary:
    """Load the catalogue file at `path` (JSON) with the translation files beside it; see
    `load_catalogue`."""
    path = Path(path)
    if not path.exists():
        raise CatalogueError([f"there is no catalogue file at {path}."])
    data = _read_json(path)
    if not isinstance(data, dict):
        raise CatalogueError([f"{path} must hold a JSON object."])
    providers_file = path.with_name(f"{path.stem}.providers.json")
    if providers_file.exists() and "providers" not in options:
        options["providers"] = _read_json(providers_file)
    return load_catalogue(data, translations=translation_files(path), **options)


def translation_files(path: Path) -> list[TranslationFile]:
    """The translation files beside the catalogue file at `path` (`oxford.pl.json` beside
    `oxford.json`), one for each language the site offers besides English that has one."""
    found = []
    for language in offered_languages():
        beside = path.with_name(f"{path.stem}.{language}.json")
        if language != ENGLISH and beside.exists():
            found.append(TranslationFile(beside.name, language, _read_json(beside)))
    return found


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CatalogueError([f"{path} is not valid JSON: {error}."]) from None


def load_catalogue(
    data: Mapping[str, Any],
    *,
    routing_teams: Iterable[str] | None = None,
    translations: Iterable[TranslationFile] = (),
    providers: Mapping[str, Any] | None = None,
) -> LoadSummary:
    """Upsert the catalogue in `data` in one transaction and return what changed.

    `routing_teams` are the team slugs cases without a service of their own go to; they default
    to the council profile's routing, and each must exist once the file is loaded.
    `translations` are the catalogue's translation files (`translation_files`).
    `providers` is the council's list of the other providers' sites (`<council>.providers.json`
    beside the catalogue: each provider's English name and its hosts): where given, a service
    done on another provider's site must name a listed provider and send residents to one of its
    hosts over https, so that a typing slip never sends a resident to someone else's site.
    """
    if routing_teams is None:
        routing = settings.COUNCIL_PROFILE.routing
        routing_teams = (routing.information_rights, routing.feedback, routing.general)
    rows = _validated(data, tuple(routing_teams), tuple(translations), providers)
    with transaction.atomic():
        areas, area_result = _upsert(ServiceArea, rows.service_areas)
        teams, team_result = _upsert(Team, _with_foreign_keys(rows.teams, service_area=areas))
        topics, topic_result = _upsert(Topic, rows.topics)
        _, service_result = _upsert(
            Service,
            _with_foreign_keys(rows.services, service_area=areas, team=teams, topic=topics),
        )
        retired = _retire(Service, rows.services.keys())
        guidance_result = Upserted()
        retired_guidance: tuple[str, ...] = ()
        if rows.guidance_pages is not None:
            guidance_result = _upsert_guidance(rows.guidance_pages, topics)
            retired_guidance = _retire(GuidancePage, rows.guidance_pages.keys())
    return LoadSummary(
        service_areas=area_result,
        teams=team_result,
        topics=topic_result,
        services=service_result,
        retired_services=retired,
        guidance_pages=guidance_result,
        retired_guidance_pages=retired_guidance,
    )


def _retire(model, kept_slugs) -> tuple[str, ...]:
    """Mark the live rows missing from the file as no longer live; returns their slugs."""
    retiring = model.objects.filter(is_live=True).exclude(slug__in=kept_slugs)
    retired = tuple(retiring.order_by("slug").values_list("slug", flat=True))
    # A queryset update skips auto_now: set updated_at so the search index notices.
    retiring.update(is_live=False, updated_at=timezone.now())
    return retired


def _upsert_guidance(rows: dict[str, dict[str, Any]], topics: dict[str, Topic]) -> Upserted:
    """Upsert guidance pages, then point each at the services it names (by slug)."""
    service_slugs = {slug: row.pop("services") for slug, row in rows.items()}
    pages, result = _upsert(GuidancePage, _with_foreign_keys(rows, topic=topics))
    services = {s.slug: s for s in Service.objects.filter(slug__in=_flatten(service_slugs))}
    for slug, wanted in service_slugs.items():
        page = pages[slug]
        wanted_services = [services[s] for s in wanted]
        current = sorted(page.services.values_list("slug", flat=True))
        if current != sorted(wanted):
            page.services.set(wanted_services)
            page.save(update_fields=["updated_at"])
    return result


def _flatten(groups: Mapping[str, list[str]]) -> set[str]:
    return {item for group in groups.values() for item in group}


@dataclass
class _Rows:
    """The file's rows as model field values keyed by slug; foreign keys still as slugs."""

    service_areas: dict[str, dict[str, Any]]
    teams: dict[str, dict[str, Any]]
    topics: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]
    guidance_pages: dict[str, dict[str, Any]] | None = None


_SECTIONS: tuple[tuple[str, str, type[Entry]], ...] = (
    ("service_areas", "service area", ServiceAreaEntry),
    ("teams", "team", TeamEntry),
    ("topics", "topic", TopicEntry),
    ("services", "service", ServiceEntry),
    ("guidance_pages", "guidance page", GuidancePageEntry),
)


def _entries(
    data: Mapping[str, Any], problems: list[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """Each section's entries that are valid on their own, by slug, and every slug each section
    names (valid or not: an entry with a problem is reported once, not again by those naming
    it). What is wrong (the shape of an entry, a slug used twice) goes into `problems`."""
    sections: dict[str, dict[str, Any]] = {}
    named: dict[str, set[str]] = {}
    for name, singular, model in _SECTIONS:
        if name == "guidance_pages" and name not in data:
            continue  # optional: a file without it leaves the guidance pages as they are
        entries = data.get(name)
        if not isinstance(entries, list):
            problems.append(f"'{name}' must be a list.")
            entries = []
        found: dict[str, Any] = {}
        named[name] = set()
        for position, entry in enumerate(entries, start=1):
            slug = entry.get("slug") if isinstance(entry, Mapping) else None
            if isinstance(slug, str):
                named[name].add(slug.strip())
            where = (
                f"{singular} '{slug.strip()}'"
                if isinstance(slug, str) and slug.strip()
                else (f"{name} entry {position}")
            )
            try:
                valid = model.model_validate(entry)
            except ValidationError as error:
                problems += sentences(error, where)
                continue
            if valid.slug in found:
                problems.append(f"{where} appears twice.")
            found[valid.slug] = valid
        sections[name] = found
    return sections, named


def _translated(
    sections: Mapping[str, Mapping[str, Any]],
    named: Mapping[str, set[str]],
    files: tuple[TranslationFile, ...],
    problems: list[str],
) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """By section and slug, each row's texts by language from the translation `files`; what is
    wrong with them goes into `problems`, each naming the file, the row and the field."""
    found: dict[str, dict[str, dict[str, dict[str, Any]]]] = {
        name: {} for name, _singular, _model in TRANSLATION_SECTIONS
    }
    for file in files:
        if not isinstance(file.data, Mapping):
            problems.append(f"{file.name} must hold a JSON object.")
            continue
        if file.data.get("language") != file.language:
            problems.append(
                f"{file.name}: 'language' must be '{file.language}', the language its name "
                f"gives (it is {file.data.get('language')!r})."
            )
        problems += [
            f"{file.name}: '{key}' is not a section a translation file knows; use "
            f"{', '.join(found)}."
            for key in sorted(set(file.data) - {"language", *found})
        ]
        for name, singular, model in TRANSLATION_SECTIONS:
            entries = file.data.get(name) or {}
            if not isinstance(entries, Mapping):
                problems.append(f"{file.name}: '{name}' must be an object of texts by slug.")
                continue
            for slug, entry in entries.items():
                where = f"{file.name}, {singular} '{slug}'"
                if slug not in named.get(name, ()):
                    problems.append(f"{where} is not in the catalogue.")
                    continue
                try:
                    texts = model.model_validate(entry)
                except ValidationError as error:
                    problems += sentences(error, where)
                    continue
                english = sections.get(name, {}).get(slug)
                body = getattr(texts, "body", None)
                if name == "guidance_pages" and english is not None and body:
                    problems += _body_problems(where, english.body, body)
                found[name].setdefault(slug, {})[file.language] = texts.stored()
    return found


def _body_problems(where: str, english: list[Any], translated: list[Any]) -> list[str]:
    """A translated guidance body must have the English body's blocks, in the same order."""
    theirs, ours = body_shape(english), body_shape(translated)
    for position, (wanted, given) in enumerate(zip_longest(theirs, ours), start=1):
        if wanted != given:
            return [
                f"{where}, body: block {position} is {_block_named(wanted)} in English but "
                f"{_block_named(given)} here; a translated body has the English body's blocks "
                "in the same order."
            ]
    return []


def _block_named(shape: str | None) -> str:
    return "missing" if shape is None else f"a {shape}"


def _merged(
    inline: Mapping[str, Mapping[str, Any]], from_files: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """A row's translations: the inline ones, with the translation files' texts over them."""
    merged = {language: dict(texts) for language, texts in inline.items()}
    for language, texts in from_files.items():
        merged[language] = {**merged.get(language, {}), **texts}
    return merged


def _validated(
    data: Mapping[str, Any],
    routing_teams: tuple[str, ...],
    translation_files: tuple[TranslationFile, ...] = (),
    providers: Mapping[str, Any] | None = None,
) -> _Rows:
    problems: list[str] = []
    sections, named = _entries(data, problems)
    translated = _translated(sections, named, translation_files, problems)
    areas, teams = sections["service_areas"], sections["teams"]
    topics, services = sections["topics"], sections["services"]
    if providers is not None:
        problems += _provider_problems(services.values(), providers)

    def refer(where: str, key: str, value: str, section: str) -> None:
        if value not in named[section]:
            problems.append(f"{where} names {key} '{value}', which is not in {section}.")

    for team in teams.values():
        refer(f"team '{team.slug}'", "service area", team.service_area, "service_areas")
    for service in services.values():
        where = f"service '{service.slug}'"
        if service.service_area:
            refer(where, "service_area", service.service_area, "service_areas")
        if service.team:
            refer(where, "team", service.team, "teams")
        refer(where, "topic", service.topic, "topics")
    guidance = sections.get("guidance_pages")
    for page in (guidance or {}).values():
        where = f"guidance page '{page.slug}'"
        if page.topic:
            refer(where, "topic", page.topic, "topics")
        problems += [
            f"{where} links to service '{slug}', which is not in services."
            for slug in page.services
            if slug not in named["services"]
        ]
    problems += [
        f"the council profile routes cases to team '{slug}', which is not in teams."
        for slug in routing_teams
        if slug not in named["teams"]
    ]
    if problems:
        raise CatalogueError(problems)

    def translations(section: str, slug: str, inline: Mapping[str, Any] | None = None) -> dict:
        return _merged(inline or {}, translated[section].get(slug, {}))

    return _Rows(
        service_areas={
            s: {
                "name": e.name,
                "description": e.description,
                "translations": translations("service_areas", s),
            }
            for s, e in areas.items()
        },
        teams={
            s: {"name": e.name, "service_area": e.service_area, "email": e.email}
            for s, e in teams.items()
        },
        topics={
            s: {"name": e.name, "translations": translations("topics", s)}
            for s, e in topics.items()
        },
        services={
            s: {
                **_service_row(e),
                "translations": translations("services", s, e.stored_translations()),
            }
            for s, e in services.items()
        },
        guidance_pages=None
        if guidance is None
        else {
            s: {**_guidance_row(e), "translations": translations("guidance_pages", s)}
            for s, e in guidance.items()
        },
    )


def _provider_problems(services: Iterable[ServiceEntry], providers: Mapping[str, Any]) -> list[str]:
    """Each service done on another provider's site whose provider is not in the list, or whose
    address is not https on one of that provider's hosts."""
    hosts = {
        name: set(listed)
        for name, listed in providers.items()
        if not name.startswith("_") and isinstance(listed, list)
    }
    problems = []
    for service in services:
        if not service.external_provider:
            continue
        where = f"service '{service.slug}'"
        name = text_in(service.external_provider, ENGLISH)
        address = urlsplit(service.external_url)
        if name not in hosts:
            problems.append(
                f"{where} names provider '{name}', which the providers file does not list."
            )
        elif address.scheme != "https" or address.hostname not in hosts[name]:
            problems.append(
                f"{where}: external_url {service.external_url} is not https on a host of "
                f"'{name}' ({', '.join(sorted(hosts[name]))})."
            )
    return problems


def _service_row(entry: ServiceEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "summary": entry.summary,
        "provider": entry.provider,
        "external_url": entry.external_url,
        "external_provider": entry.external_provider,
        "form_family": entry.form_family,
        "form_questions": list(entry.form_questions),
        "service_area": entry.service_area or None,
        "team": entry.team or None,
        "topic": entry.topic,
        "channels": list(entry.channels),
        "cost": entry.cost,
        "eligibility": entry.eligibility,
        "lgsl_code": entry.lgsl,
        "case_kind": entry.case_kind,
        "standard_days": entry.standard_days,
        "standard_text": entry.standard_text,
        "if_late": entry.if_late,
        "keywords": list(entry.keywords),
        "is_landlord_function": entry.landlord_function,
        "translations": entry.stored_translations(),
        "is_live": True,
    }


def _guidance_row(entry: GuidancePageEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "summary": entry.summary,
        "body": list(entry.body),
        "keywords": list(entry.keywords),
        "topic": entry.topic or None,
        "services": list(entry.services),
        "is_live": True,
    }


def _with_foreign_keys(
    rows: dict[str, dict[str, Any]], **targets: Mapping[str, models.Model]
) -> dict[str, dict[str, Any]]:
    """The rows with each foreign-key slug replaced by the saved object it names."""
    resolved = {}
    for slug, row in rows.items():
        row = dict(row)
        for key, objects in targets.items():
            row[key] = objects[row[key]] if row[key] is not None else None
        resolved[slug] = row
    return resolved


def _current_value(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname)
    return getattr(obj, name)


def _wanted_value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _upsert(model, rows: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], Upserted]:
    """Create the missing rows and update the changed ones; returns every row by slug."""
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=rows.keys())}
    created, updated, unchanged = [], 0, 0
    for slug, values in rows.items():
        obj = existing.get(slug)
        if obj is None:
            created.append(model(slug=slug, **values))
            continue
        changed = [
            name
            for name, value in values.items()
            if _current_value(obj, name) != _wanted_value(value)
        ]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                changed.append("updated_at")  # auto_now only writes when named
            obj.save(update_fields=changed)
            updated += 1
        else:
            unchanged += 1
    for obj in model.objects.bulk_create(created):
        existing[obj.slug] = obj
    return existing, Upserted(created=len(created), updated=updated, unchanged=unchanged)
