"""What the copy of the housing system holds about a resident, for the subject access export
(`inforights.export`), which may not import housing (housing builds on inforights' layer): this
registers itself with `inforights.export.register_export_part` as the app starts (`apps.py`)."""

from __future__ import annotations

from typing import Any

from opencex.housing.models import TenancyMember


def housing_held_about(resident) -> list[dict[str, Any]]:
    """Each tenancy `resident` is on: the home, their part in it, the rent account's lines and
    the repairs, as the housing management system last sent them."""
    members = (
        TenancyMember.objects.filter(resident=resident)
        .select_related("tenancy__property")
        .order_by("tenancy__started_on", "pk")
    )
    return [
        {
            "tenancy": tenancy.housing_ref,
            "type": tenancy.get_tenancy_type_display(),
            "home": str(tenancy.property),
            "you_are": member.get_role_display(),
            "from": tenancy.started_on,
            "to": tenancy.ended_on,
            "charge": tenancy.charge_amount,
            "charged": tenancy.get_charge_frequency_display(),
            "opening_balance": tenancy.opening_balance,
            "rent_account": [
                {
                    "on": line.posted_on,
                    "what": line.get_kind_display(),
                    "description": line.description,
                    "amount": line.amount,
                }
                for line in tenancy.transactions.order_by("posted_on", "pk")
            ],
            "repairs": [
                {
                    "reference": repair.repair_ref or None,
                    "case": repair.case.reference if repair.case else None,
                    "where": repair.room,
                    "what": repair.item,
                    "problem": repair.problem,
                    "description": repair.description,
                    "priority": repair.get_priority_display(),
                    "status": repair.get_status_display(),
                    "reported_at": repair.reported_at,
                    "completed_on": repair.completed_on,
                }
                for repair in tenancy.repairs.select_related("case").order_by("reported_at", "pk")
            ],
        }
        for member in members
        for tenancy in [member.tenancy]
    ]
