"""Who may read the call figures and import them: the managers who read the reports."""

from __future__ import annotations

from opencex.insight.policies import can_view_reports


def can_view_telephony(actor) -> bool:
    return can_view_reports(actor)


def can_import_calls(actor) -> bool:
    return can_view_reports(actor)
