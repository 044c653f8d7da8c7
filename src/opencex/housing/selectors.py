"""What an officer sees of a resident's council tenancies on the staff single view."""

from __future__ import annotations

from datetime import date
from typing import Any

from opencex.housing import policies
from opencex.housing.models import Tenancy
from opencex.housing.rent import rent_account


def tenancies_for_officer(actor, resident, *, today: date) -> list[dict[str, Any]]:
    """The resident's current tenancies with the people on them and the rent figures, for an
    officer whose role may see them; nothing for anyone else."""
    if not policies.can_see_tenancies(actor):
        return []
    tenancies = (
        Tenancy.objects.filter(members__resident=resident, ended_on__isnull=True)
        .select_related("property")
        .distinct()
    )
    return [
        {
            "tenancy": tenancy,
            "members": tenancy.members.select_related("resident"),
            "account": rent_account(tenancy, today=today),
        }
        for tenancy in tenancies
    ]
