"""Synthetic tenancies for `opencex demo`, consistent with the demo's residents and homes: the
demo resident account's own tenancy, council tenants and leaseholders from the history's people
(each where our records say they live), some in arrears, a repair waiting for a visit, and a
damp and mould repair on the Awaab's Law clock for a tenant with a vulnerability.

Everything goes in through the import interface (`housing.importing`, source "demo"), so the demo
proves the import as a housing system would use it. Made once per demo history: a run recorded
against the history's id is a no-op, and after `demo --reset` (a new history) the previous demo
tenancies and slots are removed and made again for the new residents.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Channel
from opencex.forms.loading import sync_form_definitions
from opencex.forms.models import FormDefinition
from opencex.forms.services import clock_for, kind_and_service
from opencex.housing.importing import import_rows
from opencex.housing.models import AppointmentSlot, ImportRun, ImportSource, Repair, Tenancy
from opencex.housing.repairs_catalogue import choice
from opencex.housing.services import REPAIR_FORM, repair_form_version
from opencex.people.models import Occupancy, Relationship, Resident, SensitiveCategory
from opencex.people.services import record_sensitive_information

PREFIX = "DEMO-"
TENANTS = 24
LEASEHOLDERS = 4
WEEKLY_RENT = (Decimal("92.40"), Decimal("98.75"), Decimal("104.10"), Decimal("111.60"))


def load_demo_housing(*, history, now: dt.datetime | None = None) -> str:
    """Load the demo's tenancies for `history` (the demo's DemoLoad) once; say what was done."""
    if history is None:
        return "Tenant portal: no demo history to build on."
    marker = f"demo history {history.pk}"
    if ImportRun.objects.filter(source=ImportSource.DEMO, note=marker).exists():
        return "Tenant portal: the demo tenancies are already loaded."
    now = now or timezone.now()
    with transaction.atomic():
        removed = _remove_previous()
        made = _load(history, now, marker)
    return f"Tenant portal: {made} demo tenancies" + (f" (replaced {removed})." if removed else ".")


def _remove_previous() -> int:
    AppointmentSlot.objects.filter(slot_ref__startswith=PREFIX).delete()
    doomed = Tenancy.objects.filter(housing_ref__startswith=PREFIX)
    count = doomed.count()
    doomed.delete()
    return count


def _occupancies(history, relationship: str, limit: int | None):
    first, last = (history.id_ranges.get("people.Resident") or [0, -1])[:2]
    return (
        Occupancy.objects.filter(
            relationship=relationship,
            ended_on__isnull=True,
            property__is_council_owned=True,
            resident__pk__range=(first, last),
        )
        .select_related("resident", "property")
        .order_by("resident__pk")[:limit]
    )


def _load(history, now: dt.datetime, marker: str) -> int:
    today = timezone.localdate(now)
    account_holders = Occupancy.objects.filter(
        resident__user__role=Role.RESIDENT,
        relationship=Relationship.TENANT,
        ended_on__isnull=True,
        property__is_council_owned=True,
    ).select_related("resident", "property")
    synthetic = list(_occupancies(history, Relationship.TENANT, None))
    chosen = synthetic[:TENANTS]
    # One tenant with a vulnerability (the history records some), for the damp and mould repair.
    vulnerable = next((o for o in synthetic if o.resident.is_priority), None)
    if vulnerable is None and chosen:  # a small history may have none among its tenants
        vulnerable = chosen[0]
        _record_vulnerability(vulnerable.resident, today)
    if vulnerable is not None and vulnerable not in chosen:
        chosen.append(vulnerable)
    homes = [*account_holders, *chosen]
    leases = list(_occupancies(history, Relationship.LEASEHOLDER, LEASEHOLDERS))
    tenancies, tenants, rent = [], [], []
    for number, occupancy in enumerate([*homes, *leases], start=1):
        ref = f"{PREFIX}T{number:04d}"
        is_lease = occupancy in leases
        charge = Decimal("145.00") if is_lease else WEEKLY_RENT[number % len(WEEKLY_RENT)]
        started = occupancy.started_on or today - dt.timedelta(days=3 * 365)
        tenancies.append(_tenancy_row(ref, occupancy, is_lease, started, charge, number, today))
        tenants.append(_tenant_row(ref, number, occupancy.resident, is_lease))
        rent += _rent_rows(ref, number, charge, is_lease, today, in_arrears=number % 4 == 1)
    for kind, rows in (("tenancies", tenancies), ("tenants", tenants), ("rent", rent)):
        import_rows(
            actor=None, kind=kind, rows=enumerate(rows, start=2), source="demo", note=marker
        )
    import_rows(
        actor=None,
        kind="slots",
        rows=enumerate(_slot_rows(now), start=2),
        source="demo",
        note=marker,
    )
    if homes:
        first = f"{PREFIX}T0001"
        import_rows(
            actor=None,
            kind="repairs",
            rows=[(2, _repair_row(first, now))],
            source="demo",
            note=marker,
        )
    _damp_repair_on_the_clock(vulnerable, now)
    return len(tenancies)


def _record_vulnerability(resident: Resident, today: dt.date) -> None:
    """Through the one door that records it (and raises the resident's priority), by the demo's
    caseworker."""
    recorder = User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by("pk").first()
    if recorder is None:
        return
    record_sensitive_information(
        actor=recorder,
        resident=resident,
        category=SensitiveCategory.VULNERABILITY,
        details="Asthma; a baby in the household.",
        purpose="To prioritise repairs that affect their health.",
        lawful_basis="UK GDPR Article 9(2)(g), substantial public interest",
        review_on=today + dt.timedelta(days=180),
    )
    resident.refresh_from_db()


def _tenancy_row(ref, occupancy, is_lease, started, charge, number, today) -> dict[str, str]:
    introductory = not is_lease and (today - started).days < 365
    first_charge = (
        today.replace(day=1) if is_lease else today - dt.timedelta(days=today.weekday() + 7)
    )
    return {
        "tenancy_ref": ref,
        "uprn": occupancy.property.uprn,
        "tenancy_type": "leasehold" if is_lease else ("introductory" if introductory else "secure"),
        "start_date": started.isoformat(),
        "charge_amount": str(charge),
        "charge_frequency": "monthly" if is_lease else "weekly",
        "first_charge_date": first_charge.isoformat(),
        "opening_balance": "0.00",
    }


def _tenant_row(ref: str, number: int, resident: Resident, is_lease: bool) -> dict[str, str]:
    return {
        "tenancy_ref": ref,
        "person_ref": f"{PREFIX}P{number:04d}",
        "role": "leaseholder" if is_lease else "tenant",
        "full_name": resident.full_name,
        "date_of_birth": resident.date_of_birth.isoformat() if resident.date_of_birth else "",
        "email": resident.email,
    }


def _rent_rows(ref, number, charge, is_lease, today, *, in_arrears) -> list[dict[str, str]]:
    """Eight weeks (or three months) of charges, each paid on the day in full, or short for an
    account in arrears."""
    rows = []
    periods = 3 if is_lease else 8
    for period in range(periods, 0, -1):
        day = (
            _first_of_month_before(today, months=period - 1)
            if is_lease
            else today - dt.timedelta(days=today.weekday() + 7 * (period - 1))
        )
        paid = charge - Decimal("25.00") if in_arrears else charge
        rows.append(
            _transaction(
                f"{ref}-C{period}",
                ref,
                day,
                "charge",
                charge,
                "Rent" if not is_lease else "Service charge",
            )
        )
        rows.append(
            _transaction(
                f"{ref}-P{period}",
                ref,
                day,
                "payment",
                paid,
                "Payment, thank you",
            )
        )
    return [row for row in rows if row["posted_on"] <= today.isoformat()]


def _first_of_month_before(today: dt.date, *, months: int) -> dt.date:
    years, month = divmod(today.month - 1 - months, 12)
    return dt.date(today.year + years, month + 1, 1)


def _transaction(tx_ref, ref, day, kind, amount, description) -> dict[str, str]:
    return {
        "transaction_ref": tx_ref,
        "tenancy_ref": ref,
        "posted_on": day.isoformat(),
        "kind": kind,
        "amount": str(amount),
        "description": description,
    }


def _slot_rows(now: dt.datetime) -> list[dict[str, str]]:
    """Morning and afternoon visits on the next ten weekdays."""
    rows: list[dict[str, str]] = []
    day = timezone.localdate(now)
    while len(rows) < 20:
        day += dt.timedelta(days=1)
        if day.weekday() >= 5:
            continue
        for label, start, end in (("AM", 8, 12), ("PM", 12, 17)):
            starts = timezone.make_aware(dt.datetime.combine(day, dt.time(start)))
            ends = timezone.make_aware(dt.datetime.combine(day, dt.time(end)))
            rows.append(
                {
                    "slot_ref": f"{PREFIX}{day:%Y%m%d}-{label}",
                    "starts_at": starts.isoformat(),
                    "ends_at": ends.isoformat(),
                    "contractor": "Oxford Direct Services",
                }
            )
    return rows


def _repair_row(tenancy_ref: str, now: dt.datetime) -> dict[str, str]:
    return {
        "repair_ref": f"{PREFIX}JOB-0001",
        "tenancy_ref": tenancy_ref,
        "description": "Kitchen extractor fan does not work (reported by phone).",
        "priority": "routine",
        "status": "reported",
        "reported_at": (now - dt.timedelta(days=2)).isoformat(),
    }


def _damp_repair_on_the_clock(vulnerable, now: dt.datetime) -> None:
    """Damp and mould reported online three days ago by a tenant with a vulnerability (the
    history recorded it), opened through the one door on the repair form's own clock rules."""
    if vulnerable is None:
        return
    if not FormDefinition.objects.filter(slug=REPAIR_FORM, is_live=True).exists():
        sync_form_definitions()
    tenancy = Tenancy.objects.filter(
        housing_ref__startswith=PREFIX, members__resident=vulnerable.resident
    ).first()
    damp = choice("bathroom", "walls-ceiling", "damp-mould")
    if tenancy is None or damp is None:
        return
    version = repair_form_version()
    answers = {
        **damp.form_answers(),
        "description": "Black mould spreading on the bathroom ceiling.",
    }
    clock = clock_for(None, answers, version=version)
    filed_under = kind_and_service(version, answers)
    resident = vulnerable.resident
    case, _created = open_case(
        actor=None,
        kind=filed_under["kind"],
        channel=Channel.WEB,
        subject=f"Repair: {damp.label('en')} at {tenancy.property}",
        description=answers["description"],
        contact_name=resident.full_name,
        contact_email=resident.email,
        contact_phone=resident.phone,
        resident=resident,
        service=filed_under["service"],
        property=tenancy.property,
        answers=answers,
        received_at=now - dt.timedelta(days=3),
        submission_key=f"housing-demo:{tenancy.housing_ref}:damp",
        hazard_class=clock.hazard_class,
        standard_days=clock.standard_days,
    )
    Repair.objects.get_or_create(
        case=case,
        defaults={
            "tenancy": tenancy,
            "room": damp.room.id,
            "item": damp.item.id,
            "problem": damp.problem.id,
            "description": answers["description"],
            "priority": damp.problem.priority,
            "needs_appointment": damp.problem.needs_appointment,
            "reported_at": case.received_at,
        },
    )
