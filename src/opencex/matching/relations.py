"""Every row in the database that points at a resident, found from the models themselves
(`Resident._meta`), so that a model added later with a key to a resident is moved by a merge
without anyone remembering to list it.

What does not move, and stays with the merged record (kept as a tombstone, `merged_into`):
- audit records (`audit.protection.AUDIT_MODELS`): the database refuses to rewrite them, and an
  audit record says what was true when it was written;
- a row the kept record already has its own of, where a unique constraint allows only one (one
  equality profile, one current occupancy of a property in a role, one panel membership or
  invitation per panel, one survey invitation): the kept record's row stands, the other is left
  and listed in the merge, and comes back with it on undo.

Who reads what stayed: the subject access export of the kept record holds every record merged
into it, through chains (`Resident.merged_records`, a folder per merged record), and retention
anonymises a merged record with its kept record, never on its own. Nothing else follows
`merged_into` to those rows: the staff resident page shows the kept record's own rows only (a
link to the merged record redirects there), and other readers see the merged record's rows only
when they ask for that record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from django.apps import apps
from django.db import models
from django.db.models import ForeignObjectRel, Q

from opencex.audit.protection import AUDIT_MODELS
from opencex.people.models import Resident

# The merge's own records point at both residents and must not move.
OWN_APP = "matching"


@dataclass(frozen=True)
class Link:
    """One kind of row pointing at a resident: a model and its field."""

    model: type[models.Model]
    field: models.ForeignKey

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def is_audit(self) -> bool:
        return self.label in AUDIT_MODELS

    def rows(self, resident: Resident) -> models.QuerySet:
        # The base manager: an app's default manager may hide rows (and every row moves).
        return self.model._base_manager.filter(**{self.field.name: resident})


def links_to_residents() -> list[Link]:
    """Every foreign key and one-to-one key to a resident, including hidden ones (related_name
    "+") and the tables behind many-to-many fields, except the merge's own records."""
    found = []
    for relation in Resident._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or relation.many_to_many:
            continue  # a many-to-many's table has its own foreign key, listed on its own
        model = relation.related_model
        if model._meta.app_label == OWN_APP:
            continue
        found.append(Link(model=model, field=cast(models.ForeignKey, relation.field)))
    return sorted(found, key=lambda link: (link.label, link.field.name))


def _unique_sets(link: Link) -> list[tuple[tuple[str, ...], Q | None]]:
    """The field sets that must be unique and include the resident's key, with their condition."""
    name = link.field.name
    meta = link.model._meta
    sets: list[tuple[tuple[str, ...], Q | None]] = []
    if link.field.unique:
        sets.append(((name,), None))
    sets += [(tuple(together), None) for together in meta.unique_together if name in together]
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            if constraint.expressions:
                raise NotImplementedError(
                    f"{link.label} has a unique constraint on expressions ({constraint.name}): "
                    "say in matching.relations how a merge treats it"
                )
            if name in constraint.fields:
                sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def _concrete(model: type[models.Model], name: str) -> models.Field:
    return cast(models.Field, model._meta.get_field(name))


def kept_already_has(link: Link, merged: Resident, kept: Resident) -> set[int]:
    """The merged record's rows of this kind that moving to `kept` would break a unique
    constraint with (`kept` has its own): two queries per unique constraint, whatever the rows."""
    already: set[int] = set()
    for fields, condition in _unique_sets(link):
        columns = [_concrete(link.model, f).attname for f in fields if f != link.field.name]
        theirs, ours = link.rows(merged), link.rows(kept)
        if condition is not None:
            theirs, ours = theirs.filter(condition), ours.filter(condition)
        taken = {tuple(values) for values in ours.values_list(*columns)} if columns else set()
        if not columns and ours.exists():
            taken = {()}
        for pk, *values in theirs.values_list("pk", *columns):
            if tuple(values) in taken:
                already.add(pk)
    return already


@dataclass(frozen=True)
class Row:
    label: str
    pk: int
    field: str

    def as_json(self) -> dict:
        return {"model": self.label, "pk": self.pk, "field": self.field}


@dataclass(frozen=True)
class Plan:
    """What a merge of `merged` into `kept` would do: the rows to move, and those to leave with
    the merged record and why."""

    move: list[Row]
    leave: list[tuple[Row, str]]

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for row in self.move:
            counted[row.label] = counted.get(row.label, 0) + 1
        return counted


AUDIT_STAYS = "an audit record: it is never rewritten and stays with the merged record"
KEPT_HAS_ONE = "the kept record already has its own, and only one is allowed"


def plan_merge(kept: Resident, merged: Resident, *, lock: bool = False) -> Plan:
    """Work out every row that moves (`lock`: lock them too, inside the merge's transaction)."""
    move: list[Row] = []
    leave: list[tuple[Row, str]] = []
    for link in links_to_residents():
        rows = link.rows(merged).order_by("pk")
        if lock:
            rows = rows.select_for_update()
        pks = list(rows.values_list("pk", flat=True))
        if not pks:
            continue
        had = set() if link.is_audit else kept_already_has(link, merged, kept)
        for pk in pks:
            found = Row(link.label, pk, link.field.name)
            if link.is_audit:
                leave.append((found, AUDIT_STAYS))
            elif pk in had:
                leave.append((found, KEPT_HAS_ONE))
            else:
                move.append(found)
    return Plan(move=move, leave=leave)


def _grouped(rows: list[dict]) -> Iterator[tuple[type[models.Model], str, list[int]]]:
    groups: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        groups.setdefault((row["model"], row["field"]), []).append(row["pk"])
    for (label, field), pks in groups.items():
        yield apps.get_model(label), field, pks


def point_rows(rows: list[dict], *, at: Resident, from_: Resident) -> int:
    """Point the listed rows at `at`, those that still point at `from_` (a row moved on or gone
    since is left as it is). Returns how many were moved."""
    moved = 0
    for model, field, pks in _grouped(rows):
        moved += model._base_manager.filter(pk__in=pks, **{field: from_}).update(**{field: at})
    return moved
