"""The consultation's state machine: which status may follow which, by which act, and who may
make it. The services ask `require(act, actor, consultation)` before they write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from opencex.consultations import policies
from opencex.consultations.models import Consultation, Status


@dataclass(frozen=True)
class Act:
    name: str
    from_statuses: frozenset[str]
    to_status: str | None  # None: the status stays as it is
    who: Callable[[object, Consultation], bool]


_CHANGE = policies.can_change_consultation
_APPROVE = policies.can_approve_consultation

ACTS: dict[str, Act] = {
    act.name: act
    for act in (
        # Changing the plan sends a checked plan back to be checked again.
        Act("change", frozenset({Status.PLANNED, Status.CHECKED}), Status.PLANNED, _CHANGE),
        Act("check", frozenset({Status.PLANNED, Status.CHECKED}), Status.CHECKED, _CHANGE),
        Act("acknowledge", frozenset({Status.CHECKED}), None, _CHANGE),
        Act("record_equality", frozenset({Status.CHECKED}), None, _CHANGE),
        Act("launch", frozenset({Status.CHECKED}), Status.OPEN, _APPROVE),
        Act("close", frozenset({Status.OPEN}), Status.CLOSED, _CHANGE),
        Act("record_outcome", frozenset({Status.CLOSED, Status.PUBLISHED}), None, _CHANGE),
        Act("publish", frozenset({Status.CLOSED}), Status.PUBLISHED, _APPROVE),
    )
}


class NotNow(Exception):
    """The act is not one the consultation's status allows."""


def may(act: str, actor, consultation: Consultation) -> bool:
    """Whether the page should offer the act: its status allows it and the actor may."""
    step = ACTS[act]
    return consultation.status in step.from_statuses and step.who(actor, consultation)


def require(act: str, actor, consultation: Consultation) -> Act:
    step = ACTS[act]
    if not step.who(actor, consultation):
        raise PermissionDenied("You cannot do that to this consultation.")
    if consultation.status not in step.from_statuses:
        raise NotNow(
            f"A consultation that is {consultation.get_status_display().lower()} "
            f"cannot be {_PAST[act]}."
        )
    return step


_PAST = {
    "change": "changed",
    "check": "checked",
    "acknowledge": "acknowledged",
    "record_equality": "given an equality check",
    "launch": "launched",
    "close": "closed",
    "record_outcome": "given results",
    "publish": "published",
}


def available_acts(actor, consultation: Consultation) -> set[str]:
    return {name for name in ACTS if may(name, actor, consultation)}
