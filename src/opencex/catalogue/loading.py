"""Loads a catalogue file (service areas, teams, topics, services) into the database, by slug.

Loading is an upsert: run it again with the same file and nothing changes; change the file and
only what changed is written. A service missing from the file is retired (`is_live=False`), never
deleted, because cases keep pointing at the service they were about.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction

from opencex.catalogue.models import Channel, Provider, Service, ServiceArea, Team, Topic

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

    @property
    def changed(self) -> bool:
        parts = (self.service_areas, self.teams, self.topics, self.services)
        return bool(self.retired_services) or any(p.created or p.updated for p in parts)

    def __str__(self) -> str:
        lines = [
            f"Service areas: {self.service_areas}",
            f"Teams: {self.teams}",
            f"Topics: {self.topics}",
            f"Services: {self.services}",
        ]
        if self.retired_services:
            lines.append(f"Services retired (no longer in the file): {len(self.retired_services)}")
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
        retiring = Service.objects.filter(is_live=True).exclude(slug__in=rows.services.keys())
        retired = tuple(retiring.order_by("slug").values_list("slug", flat=True))
        retiring.update(is_live=False)
    return LoadSummary(
        service_areas=area_result,
        teams=team_result,
        topics=topic_result,
        services=service_result,
        retired_services=retired,
    )


@dataclass
class _Rows:
    """The file's rows as model field values keyed by slug; foreign keys still as slugs."""

    service_areas: dict[str, dict[str, Any]]
    teams: dict[str, dict[str, Any]]
    topics: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]


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

    for team_slug in routing_teams:
        if team_slug not in teams:
            problems.append(
                f"the council profile routes cases to team '{team_slug}', which is not in teams."
            )
    if problems:
        raise CatalogueError(problems)
    return _Rows(area_rows, team_rows, topic_rows, service_rows)


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
        "is_live": True,
    }
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
            obj.save(update_fields=changed)
            updated += 1
        else:
            unchanged += 1
    for obj in model.objects.bulk_create(created):
        existing[obj.slug] = obj
    return existing, Upserted(created=len(created), updated=updated, unchanged=unchanged)
