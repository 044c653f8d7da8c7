"""Reads the cases app asks of the integrations (through `cases.policies`)."""

from __future__ import annotations

from opencex.cases.models import Case
from opencex.integrations.models import BackOfficeRecord


def holds_record(system: str, case: Case) -> bool:
    """Does `system` hold a record of `case`? (a back office may act only on its own cases)"""
    return BackOfficeRecord.objects.filter(system=system, case_id=case.pk).exists()
