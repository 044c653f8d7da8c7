"""Audit rows for the audit tests: a case with timeline events, a resident whose special-category
data was read."""

from __future__ import annotations

from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import CaseEvent, EventKind
from opencex.people.models import SensitiveAccess
from tests.factories import CaseFactory, ResidentFactory, UserFactory


def timeline(events: int = 3) -> list[CaseEvent]:
    case = CaseFactory(resident=ResidentFactory())
    officer = UserFactory(role=Role.CASEWORKER)
    return [
        CaseEvent.objects.create(
            case=case,
            kind=EventKind.NOTE,
            at=timezone.now(),
            actor=officer,
            summary=f"Note {n}",
            body=f"Called Mrs Example back about her mother's care ({n}).",
            data={"n": n, "channel": "phone"},
        )
        for n in range(events)
    ]


def sensitive_read(purpose: str = "Handling case SR-TEST") -> SensitiveAccess:
    return SensitiveAccess.objects.create(
        resident=ResidentFactory(), actor=UserFactory(role=Role.CASEWORKER), purpose=purpose
    )
