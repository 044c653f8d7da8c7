"""Loads a catalogue file (service areas, teams, topics, services, guidance pages) by slug.

Loading is an upsert: run it again with the same file and nothing changes; change the file and
only what changed is written. A service missing from the file is retired (`is_live=False`), never
deleted, because cases keep pointing at the service they were about. Guidance pages are optional
in a file: a file without a `guidance_pages` section leaves the guidance pages as they are.

A service may have "translations": {"pl": {"title": ..., "summary": ...}, "ar": {...}}, its
resident-facing texts (TRANSLATED_SERVICE_FIELDS) in the other languages the site offers; the
service's own fields are the English, shown wherever a translation is missing. The search index
reads the English only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from opencex.catalogue.models import (
    TRANSLATED_SERVICE_FIELDS,
    Channel,
    GuidancePage,
    Provider,
    Service,
    ServiceArea,
    Team,
    Topic,
)
from opencex.languages import ENGLISH, offered_languages

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


_VALID_PROVIDERS = frozenset(Provider.values)
_VALID_CHANNELS = frozenset(Channel.values)


def load_catalogue_file(path: Path, **options) -> LoadSummary:
    """Load the catalogue file at `path` (JSON); see `load_catalogue`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogueError([f"there is no catalogue file at {path}."]) from None
    except json.JSONDecodeError as error:
        raise CatalogueError([f"{path} is not valid JSON: {error}."]) from None
    if not isinstance(data, dict):
        raise CatalogueError([f"{path} must hold a JSON object."])
    return load_catalogue(data, **options)


def load_catalogue(
    data: Mapping[str, Any], *, routing_teams: Iterable[str] | None = None
) -> LoadSummary:
    """Upsert the catalogue in `data` in one transaction and return what changed.

    `routing_teams` are the team slugs cases without a service of their own go to; they default
    to the council profile's routing, and each must exist once the file is loaded.
    """
    if routing_teams is None:
        routing = settings.COUNCIL_PROFILE.routing
        routing_teams = (routing.information_rights, routing.feedback, routing.general)
    rows = _validated(data, tuple(routing_teams))
    with transaction.atomic():
        areas, area_result = _upsert(ServiceArea, rows.service_areas)
        teams, team_result = _upsert(Team, _with_foreign_keys(rows.teams, service_area=areas))
        topics, topic_result = _upsert(Topic, rows.topics)
        _, service_result = _upsert(
            Service,
            _with_foreign_keys(rows.services, service_area=areas, team=teams, topic=topics),
        )
        retired = _retire(Service, rows.services.keys())
        guidance_result, retired_guidance = Upserted(), ()
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


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _validated(data: Mapping[str, Any], routing_teams: tuple[str, ...]) -> _Rows:
    problems: list[str] = []

    def section(name: str) -> list[Mapping[str, Any]]:
        entries = data.get(name)
        if not isinstance(entries, list):
            problems.append(f"'{name}' must be a list.")
            return []
        return entries

    def keyed(name: str, entries: list[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
        found: dict[str, Mapping[str, Any]] = {}
        for position, entry in enumerate(entries, start=1):
            slug = _text(entry.get("slug")) if isinstance(entry, Mapping) else ""
            if not slug:
                problems.append(f"{name} entry {position} has no slug.")
            elif slug in found:
                problems.append(f"{name} '{slug}' appears twice.")
            else:
                found[slug] = entry
        return found

    areas = keyed("service_areas", section("service_areas"))
    teams = keyed("teams", section("teams"))
    topics = keyed("topics", section("topics"))
    services = keyed("services", section("services"))

    area_rows = {
        slug: {"name": _text(e.get("name")), "description": _text(e.get("description"))}
        for slug, e in areas.items()
    }
    topic_rows = {slug: {"name": _text(e.get("name"))} for slug, e in topics.items()}
    for kind, rows in (("service area", area_rows), ("topic", topic_rows)):
        problems += [
            f"{kind} '{slug}' has no name." for slug, row in rows.items() if not row["name"]
        ]

    team_rows = {}
    for slug, entry in teams.items():
        row = {
            "name": _text(entry.get("name")),
            "service_area": _text(entry.get("service_area")),
            "email": _text(entry.get("email")),
        }
        if not row["name"]:
            problems.append(f"team '{slug}' has no name.")
        if row["service_area"] not in areas:
            problems.append(
                f"team '{slug}' names service area '{row['service_area']}', "
                "which is not in service_areas."
            )
        team_rows[slug] = row

    service_rows = {}
    for slug, entry in services.items():
        row, service_problems = _service_row(slug, entry, areas, teams, topics)
        problems += service_problems
        service_rows[slug] = row

    guidance_rows = None
    if "guidance_pages" in data:
        guidance = keyed("guidance_pages", section("guidance_pages"))
        guidance_rows = {}
        for slug, entry in guidance.items():
            row, page_problems = _guidance_row(slug, entry, topics, services)
            problems += page_problems
            guidance_rows[slug] = row

    for team_slug in routing_teams:
        if team_slug not in teams:
            problems.append(
                f"the council profile routes cases to team '{team_slug}', which is not in teams."
            )
    if problems:
        raise CatalogueError(problems)
    return _Rows(area_rows, team_rows, topic_rows, service_rows, guidance_rows)


def _service_row(slug, entry, areas, teams, topics) -> tuple[dict[str, Any], list[str]]:
    where = f"service '{slug}'"
    problems = []
    row = {
        "title": _text(entry.get("title")),
        "summary": _text(entry.get("summary")),
        "provider": _text(entry.get("provider")) or Provider.COUNCIL,
        "external_url": _text(entry.get("external_url")),
        "service_area": _text(entry.get("service_area")) or None,
        "team": _text(entry.get("team")) or None,
        "topic": _text(entry.get("topic")),
        "channels": list(entry.get("channels") or []),
        "cost": _text(entry.get("cost")),
        "eligibility": _text(entry.get("eligibility")),
        "lgsl_code": entry.get("lgsl"),
        "case_kind": _text(entry.get("case_kind")),
        "standard_days": entry.get("standard_days"),
        "standard_text": _text(entry.get("standard_text")),
        "if_late": _text(entry.get("if_late")),
        "keywords": [_text(k) for k in entry.get("keywords") or [] if _text(k)],
        "is_landlord_function": bool(entry.get("landlord_function")),
        "is_live": True,
    }
    row["translations"], translation_problems = _translations(where, entry.get("translations"))
    problems += translation_problems
    if not row["title"]:
        problems.append(f"{where} has no title.")
    if not row["summary"]:
        problems.append(f"{where} has no summary.")
    if row["provider"] not in _VALID_PROVIDERS:
        problems.append(
            f"{where} has provider '{row['provider']}'; use one of {sorted(_VALID_PROVIDERS)}."
        )
    if row["provider"] == Provider.COUNTY and not row["external_url"]:
        problems.append(f"{where} is the county's, so it needs an external_url to send people to.")
    for key, known, section in (
        ("service_area", areas, "service_areas"),
        ("team", teams, "teams"),
        ("topic", topics, "topics"),
    ):
        value = row[key]
        if (value or key == "topic") and value not in known:
            problems.append(f"{where} names {key} '{value or ''}', which is not in {section}.")
    unknown_channels = [c for c in row["channels"] if c not in _VALID_CHANNELS]
    if unknown_channels:
        problems.append(
            f"{where} has unknown channels {unknown_channels}; use {sorted(_VALID_CHANNELS)}."
        )
    for key in ("lgsl_code", "standard_days"):
        value = row[key]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            problems.append(f"{where}: {key.removesuffix('_code')} must be a whole number.")
    days, text = row["standard_days"], row["standard_text"]
    if (days is None) != (not text):
        problems.append(f"{where}: a service standard needs both standard_days and standard_text.")
    elif isinstance(days, int) and days < 1:
        problems.append(f"{where}: standard_days must be 1 or more.")
    return row, problems


def _translations(where: str, value: Any) -> tuple[dict[str, dict[str, str]], list[str]]:
    """A service's "translations" as stored, and what is wrong with them."""
    if value is None:
        return {}, []
    others = [code for code in offered_languages() if code != ENGLISH]
    shape = (
        f'{where}: "translations" must map a language ({", ".join(others)}) to its texts '
        f"({', '.join(TRANSLATED_SERVICE_FIELDS)})."
    )
    if not isinstance(value, Mapping):
        return {}, [shape]
    problems, translations = [], {}
    for code, texts in value.items():
        if code == ENGLISH:
            problems.append(f"{where}: English goes in the service's own fields, not translations.")
        elif code not in others:
            problems.append(
                f"{where} has translations in '{code}', a language this site does not offer "
                f"(it offers {', '.join(others)} besides English)."
            )
        elif not isinstance(texts, Mapping):
            problems.append(shape)
        else:
            unknown = sorted(set(texts) - set(TRANSLATED_SERVICE_FIELDS))
            if unknown:
                problems.append(
                    f"{where}: '{code}' translates {unknown}, which are not texts of a service; "
                    f"use {list(TRANSLATED_SERVICE_FIELDS)}."
                )
            not_text = sorted(name for name, text in texts.items() if not isinstance(text, str))
            if not_text:
                problems.append(f"{where}: the '{code}' translations of {not_text} must be text.")
            kept = {name: _text(texts[name]) for name in TRANSLATED_SERVICE_FIELDS if name in texts}
            translations[code] = {name: text for name, text in kept.items() if text}
    return translations, problems


def _guidance_row(slug, entry, topics, services) -> tuple[dict[str, Any], list[str]]:
    where = f"guidance page '{slug}'"
    problems = []
    body = entry.get("body") or []
    row = {
        "title": _text(entry.get("title")),
        "summary": _text(entry.get("summary")),
        "body": body,
        "keywords": [_text(k) for k in entry.get("keywords") or [] if _text(k)],
        "topic": _text(entry.get("topic")) or None,
        "services": [_text(s) for s in entry.get("services") or [] if _text(s)],
        "is_live": True,
    }
    if not row["title"]:
        problems.append(f"{where} has no title.")
    if not row["summary"]:
        problems.append(f"{where} has no summary.")
    if not isinstance(body, list) or not all(_is_block(block) for block in body):
        problems.append(
            f"{where}: body must be a list of paragraphs (text), bulleted lists (lists of text) "
            'and headings ({"heading": text}).'
        )
    if row["topic"] is not None and row["topic"] not in topics:
        problems.append(f"{where} names topic '{row['topic']}', which is not in topics.")
    problems += [
        f"{where} links to service '{s}', which is not in services."
        for s in row["services"]
        if s not in services
    ]
    return row, problems


def _is_block(block: Any) -> bool:
    if isinstance(block, str):
        return bool(block.strip())
    if isinstance(block, list):
        return bool(block) and all(isinstance(item, str) for item in block)
    is_heading = isinstance(block, dict) and set(block) == {"heading"}
    return is_heading and isinstance(block["heading"], str)


def _with_foreign_keys(
    rows: dict[str, dict[str, Any]], **targets: dict[str, models.Model]
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
    if field.is_relation:
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
