"""Records from the housing management system, validated row by row and upserted by the
system's own references, so that the same file (or the same answer from its API) imported twice
changes nothing the second time.

Every source gives rows of text keyed by the column names in docs/housing.md: a CSV file
(`opencex import_housing KIND FILE`) or the system's API through `housing.system` (which maps its
JSON to the same rows). A row is refused with its line number and a sentence that names the
column; a valid row naming a property (UPRN) or a person we cannot match is reported as
unmatched, never invented.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from opencex.cases.models import Case
from opencex.cases.references import normalise_reference
from opencex.housing import policies
from opencex.housing.models import (
    AppointmentSlot,
    ChargeFrequency,
    ImportRun,
    ImportSource,
    MemberRole,
    Priority,
    RentTransaction,
    Repair,
    RepairStatus,
    Tenancy,
    TenancyMember,
    TenancyType,
    TransactionKind,
)
from opencex.people.models import Property, Resident


class RowProblem(ValueError):
    """A row we cannot take: the message names the column and what is wrong."""


class Unmatched(ValueError):
    """A valid row naming a property or person we do not know."""


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


Row = Mapping[str, str]


# ---- reading values ----------------------------------------------------------------------------


def _text(row: Row, column: str, *, required: bool = True, max_length: int = 200) -> str:
    value = (row.get(column) or "").strip()
    if required and not value:
        raise RowProblem(f'"{column}" is empty.')
    if len(value) > max_length:
        raise RowProblem(f'"{column}" is longer than {max_length} characters.')
    return value


def _date(row: Row, column: str, *, required: bool = True) -> date | None:
    value = _text(row, column, required=required)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowProblem(f'"{column}" must be a date as YYYY-MM-DD, not "{value}".') from None


def _moment(row: Row, column: str) -> datetime:
    value = _text(row, column)
    moment = parse_datetime(value)
    if moment is None:
        raise RowProblem(f'"{column}" must be a date and time as YYYY-MM-DDTHH:MM, not "{value}".')
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _money(row: Row, column: str, *, required: bool = True) -> Decimal:
    value = _text(row, column, required=required).replace("£", "").replace(",", "")
    if not value:
        return Decimal("0.00")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise RowProblem(f'"{column}" must be an amount in pounds such as 95.40.') from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")) or abs(amount) >= 10**7:
        raise RowProblem(f'"{column}" must be an amount in pounds such as 95.40.')
    return amount.quantize(Decimal("0.01"))


def _choice(row: Row, column: str, choices, *, required: bool = True, default: str = "") -> str:
    value = _text(row, column, required=required).lower() or default
    if value not in choices.values:
        raise RowProblem(f'"{column}" must be one of {", ".join(choices.values)}, not "{value}".')
    return value


def _tenancy(row: Row) -> Tenancy:
    ref = _text(row, "tenancy_ref", max_length=40)
    tenancy = Tenancy.objects.filter(housing_ref=ref).first()
    if tenancy is None:
        raise Unmatched(f'No tenancy "{ref}": import the tenancies first.')
    return tenancy


def _save(model, key: dict[str, Any], fields: dict[str, Any], outcome: Outcome):
    """Create or update by the system's reference; count what changed."""
    existing = model.objects.filter(**key).first()
    if existing is None:
        outcome.created += 1
        return model.objects.create(**key, **fields)
    changed = {name: value for name, value in fields.items() if getattr(existing, name) != value}
    if not changed:
        outcome.unchanged += 1
        return existing
    for name, value in changed.items():
        setattr(existing, name, value)
    existing.save(update_fields=list(changed))
    outcome.updated += 1
    return existing


# ---- one function per kind -------------------------------------------------------------------


def import_tenancy(row: Row, outcome: Outcome) -> None:
    ref = _text(row, "tenancy_ref", max_length=40)
    uprn = _text(row, "uprn", max_length=12)
    started_on, ended_on = _date(row, "start_date"), _date(row, "end_date", required=False)
    if started_on and ended_on and ended_on < started_on:
        raise RowProblem('"end_date" is before "start_date".')
    fields = {
        "tenancy_type": _choice(row, "tenancy_type", TenancyType),
        "started_on": started_on,
        "ended_on": ended_on,
        "charge_amount": _money(row, "charge_amount", required=False),
        "charge_frequency": _choice(
            row, "charge_frequency", ChargeFrequency, required=False, default="weekly"
        ),
        "first_charge_on": _date(row, "first_charge_date", required=False),
        "opening_balance": _money(row, "opening_balance", required=False),
    }
    home = Property.objects.filter(uprn=uprn).first()
    if home is None:
        raise Unmatched(f'No property with UPRN {uprn}: tenancy "{ref}" was not imported.')
    _save(Tenancy, {"housing_ref": ref}, {"property": home, **fields}, outcome)


def import_tenant(row: Row, outcome: Outcome) -> None:
    person_ref = _text(row, "person_ref", max_length=40)
    role = _choice(row, "role", MemberRole)
    full_name = _text(row, "full_name")
    date_of_birth = _date(row, "date_of_birth", required=False)
    email = _text(row, "email", required=False).lower()
    tenancy = _tenancy(row)
    resident = _matching_resident(tenancy, person_ref, full_name, date_of_birth, email)
    _save(
        TenancyMember,
        {"tenancy": tenancy, "person_ref": person_ref},
        {"resident": resident, "role": role},
        outcome,
    )


def _matching_resident(
    tenancy: Tenancy, person_ref: str, full_name: str, date_of_birth: date | None, email: str
) -> Resident:
    """The resident this person is: the one matched before by the system's person reference,
    else the one living at the tenancy's home (by our occupancies) with that name and the same
    date of birth or email. Never a guess between two, never a new resident."""
    known = TenancyMember.objects.filter(person_ref=person_ref).select_related("resident").first()
    if known is not None:
        return known.resident
    candidates = (
        Resident.objects.live()
        .filter(
            occupancies__property=tenancy.property,
            occupancies__ended_on__isnull=True,
            full_name__iexact=full_name,
        )
        .distinct()
    )
    if date_of_birth is not None:
        candidates = candidates.filter(date_of_birth=date_of_birth)
    elif email:
        candidates = candidates.filter(email__iexact=email)
    else:
        raise RowProblem('Give "date_of_birth" or "email" so that the person can be matched.')
    found = list(candidates[:2])
    if len(found) != 1:
        why = "more than one resident" if found else "no resident"
        raise Unmatched(
            f'Person "{person_ref}" ({full_name}) matches {why} living at UPRN '
            f"{tenancy.property.uprn}: not linked."
        )
    return found[0]


def import_rent_transaction(row: Row, outcome: Outcome) -> None:
    ref = _text(row, "transaction_ref", max_length=40)
    kind = _choice(row, "kind", TransactionKind)
    amount = _money(row, "amount")
    if kind != TransactionKind.ADJUSTMENT and amount < 0:
        raise RowProblem('"amount" of a charge or payment is positive; its kind gives the sign.')
    signed = -amount if kind == TransactionKind.PAYMENT else amount
    fields = {
        "posted_on": _date(row, "posted_on"),
        "kind": kind,
        "description": _text(row, "description", required=False),
        "amount": signed,
    }
    _save(RentTransaction, {"transaction_ref": ref}, {"tenancy": _tenancy(row), **fields}, outcome)


def import_repair(row: Row, outcome: Outcome) -> None:
    ref = _text(row, "repair_ref", max_length=40)
    fields = {
        "description": _text(row, "description", max_length=2000),
        "priority": _choice(row, "priority", Priority),
        "status": _choice(row, "status", RepairStatus),
        "reported_at": _moment(row, "reported_at"),
        "completed_on": _date(row, "completed_on", required=False),
        "needs_appointment": _text(row, "needs_appointment", required=False).lower()
        not in {"no", "false", "0"},
    }
    tenancy = _tenancy(row)
    case_reference = _text(row, "case_reference", required=False, max_length=40)
    if case_reference:
        fields["case"] = _reported_case(ref, case_reference, tenancy)
    _save(Repair, {"repair_ref": ref}, {"tenancy": tenancy, **fields}, outcome)


def _reported_case(ref: str, case_reference: str, tenancy: Tenancy) -> Case:
    """The case of a repair reported here that the housing system has taken up: its repair row
    takes the system's reference, so the system's status and visits show on the tenant's page."""
    case = Case.objects.filter(reference=normalise_reference(case_reference)).first()
    if case is None or case.property_id != tenancy.property_id:
        raise Unmatched(f'No case "{case_reference}" about this tenancy\'s home.')
    held = Repair.objects.filter(case=case).exclude(repair_ref=ref).first()
    if held is not None and held.repair_ref:
        raise RowProblem(f'Case "{case.reference}" is already repair "{held.repair_ref}".')
    if held is not None:
        held.repair_ref = ref
        held.save(update_fields=["repair_ref"])
    return case


def import_slot(row: Row, outcome: Outcome) -> None:
    ref = _text(row, "slot_ref", max_length=40)
    starts_at, ends_at = _moment(row, "starts_at"), _moment(row, "ends_at")
    if ends_at <= starts_at:
        raise RowProblem('"ends_at" must be after "starts_at".')
    fields = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "contractor": _text(row, "contractor", required=False),
    }
    _save(AppointmentSlot, {"slot_ref": ref}, fields, outcome)


IMPORTERS: dict[str, Callable[[Row, Outcome], None]] = {
    "tenancies": import_tenancy,
    "tenants": import_tenant,
    "rent": import_rent_transaction,
    "repairs": import_repair,
    "slots": import_slot,
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "tenancies": (
        "tenancy_ref", "uprn", "tenancy_type", "start_date", "end_date", "charge_amount",
        "charge_frequency", "first_charge_date", "opening_balance",
    ),
    "tenants": ("tenancy_ref", "person_ref", "role", "full_name", "date_of_birth", "email"),
    "rent": ("transaction_ref", "tenancy_ref", "posted_on", "kind", "amount", "description"),
    "repairs": (
        "repair_ref", "tenancy_ref", "description", "priority", "status", "reported_at",
        "completed_on", "needs_appointment", "case_reference",
    ),
    "slots": ("slot_ref", "starts_at", "ends_at", "contractor"),
}  # fmt: skip


# ---- a run -------------------------------------------------------------------------------------


def import_rows(
    *,
    actor,
    kind: str,
    rows: Iterable[tuple[int, Row]],
    source: str,
    file_name: str = "",
    note: str = "",
) -> ImportRun:
    """Import `rows` (each with its line number) of one kind, and record the run. Each row is
    its own transaction: a bad row is reported and the others are still taken."""
    if actor is not None and not policies.can_import(actor):
        raise PermissionDenied("Only an administrator may import housing records.")
    if kind not in IMPORTERS:
        raise ValueError(f"Unknown kind '{kind}'; use one of: {', '.join(IMPORTERS)}.")
    importer, outcome = IMPORTERS[kind], Outcome()
    run = ImportRun(
        kind=kind,
        source=ImportSource(source),
        file_name=file_name[:300],
        started_at=timezone.now(),
        actor=actor,
        note=note,
    )
    for line, row in rows:
        try:
            with transaction.atomic():
                importer(row, outcome)
        except RowProblem as problem:
            run.errors.append({"line": line, "message": str(problem)})
        except Unmatched as unmatched:
            run.unmatched.append({"line": line, "message": str(unmatched)})
    run.created, run.updated, run.unchanged = outcome.created, outcome.updated, outcome.unchanged
    run.finished_at = timezone.now()
    run.save()
    return run


def csv_rows(text: str, kind: str) -> list[tuple[int, Row]]:
    """The rows of a CSV file with a header line, numbered as a spreadsheet numbers its lines
    (the header is line 1). A file missing a column is refused whole."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [
        column
        for column in COLUMNS[kind]
        if column not in (reader.fieldnames or []) and _is_required_column(kind, column)
    ]
    if missing:
        raise RowProblem(f"Line 1: the header has no {', '.join(missing)} column.")
    return [(reader.line_num, row) for row in reader]


_OPTIONAL_COLUMNS = {
    "end_date", "charge_amount", "charge_frequency", "first_charge_date", "opening_balance",
    "date_of_birth", "email", "description", "completed_on", "needs_appointment", "contractor",
    "case_reference",
}  # fmt: skip


def _is_required_column(kind: str, column: str) -> bool:
    return column not in _OPTIONAL_COLUMNS or (kind == "repairs" and column == "description")
