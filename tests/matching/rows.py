"""One row of every kind that points at a resident, for the merge tests.

`make_row(link, resident)` fills a model's required fields itself (the first choice, a unique
text, today, a new related row), so that a model added later with a key to a resident gets a
row here without anyone writing a factory. A model whose rules need particular values says so in
`GIVEN`. `NOT_MADE` lists the kinds a merge refuses rather than moves, each with why."""

from __future__ import annotations

import itertools
import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from opencex.matching.relations import Link
from opencex.people.models import Resident
from tests.factories import UserFactory

_numbers = itertools.count(1)

# Values a model's own rules (check constraints, validation) need.
GIVEN: dict[str, dict[str, Any]] = {
    "people.EqualityProfile": {"consent_given": True},
    "people.Occupancy": {"ended_on": None},
    "panels.Membership": {"left_at": None, "consent_given": True},
}

# A merge refuses an anonymised record (its personal details are gone): these are never moved.
NOT_MADE = {
    "retention.AnonymisedResident": "a merge of an anonymised record is refused",
    "retention.Erasure": "an erased record is anonymised, and a merge of one is refused",
}


def _value(field: models.Field) -> Any:
    number = next(_numbers)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"row{number}@example.org"
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.URLField):
        return f"https://example.org/{number}"
    if isinstance(field, models.SlugField):
        return f"row-{number}"
    if isinstance(field, models.CharField | models.TextField):
        return f"Row {number}"[: field.max_length or 100]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal("1.00")
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return timezone.localdate()
    if isinstance(field, models.DurationField):
        return timezone.timedelta(minutes=30)
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.BinaryField):
        return b""
    if isinstance(field, models.FileField):
        return f"rows/{number}.txt"
    raise NotImplementedError(f"tests/matching/rows.py: no value for {field!r}")


def make(model: type[models.Model], owner: Resident, /, **given: Any) -> models.Model:
    values = {**GIVEN.get(model._meta.label, {}), **given}
    for field in model._meta.concrete_fields:
        if field.name in values or field.attname in values:
            continue
        if field.auto_created or isinstance(field, models.AutoField):
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.has_default() or field.null:
            continue
        if field.is_relation:
            target = field.related_model
            if target is Resident:
                values[field.name] = owner
            elif target._meta.label == "accounts.User":
                values[field.name] = UserFactory()
            else:  # any one will do, and reusing it keeps unique choices (a panel's kind) free
                values[field.name] = target._base_manager.first() or make(target, owner)
            continue
        if field.blank and isinstance(field, models.CharField | models.TextField):
            continue
        values[field.name] = _value(field)
    return model._base_manager.create(**values)


def make_row(link: Link, resident: Resident) -> models.Model:
    return make(link.model, resident, **{link.field.name: resident})


def candidate_pair(first: Resident, second: Resident, *, reasons=("same date of birth",)):
    """A pair as the engine would have proposed it (a likely one), with its suggestion."""
    from opencex.aigovernance.services import record_suggestion
    from opencex.matching.models import CandidatePair

    suggestion = record_suggestion(
        model_key="resident_matching",
        model_version="linkage-test",
        subject_type="resident",
        subject_id=first.pk,
        suggested={"same_person_as": second.pk},
        confidence=0.93,
        reasons=reasons,
    )
    return CandidatePair.objects.create(
        resident_a=first,
        resident_b=second,
        probability=0.93,
        reasons=list(reasons),
        model_version="linkage-test",
        is_likely=True,
        source="sweep",
        fingerprint="x",
        suggestion=suggestion,
    )
