"""The lifecycle of each kind of case: which status changes are allowed, and who may make them.

Status changes that carry their own meaning (acknowledging, pausing the clock, escalating a
complaint, closing) go through their own service; this table is the single check they all use.
"""

from __future__ import annotations

from dataclasses import dataclass

from opencex.cases.models import OPEN_STATUSES, CaseKind, Status

S = Status
STAFF = "staff"
RESIDENT = "resident"


class TransitionNotAllowed(Exception):
    """A status change the case's lifecycle does not allow, with a message an officer can read."""


@dataclass(frozen=True)
class Lifecycle:
    initial: Status
    transitions: dict[Status, dict[Status, frozenset[str]]]

    def allowed_targets(self, current: Status, party: str) -> list[Status]:
        return [to for to, who in self.transitions.get(current, {}).items() if party in who]


def _staff(*targets: Status) -> dict[Status, frozenset[str]]:
    return {target: frozenset({STAFF}) for target in targets}


_REQUEST = Lifecycle(
    initial=S.RECEIVED,
    transitions={
        S.RECEIVED: _staff(S.IN_PROGRESS, S.AWAITING_RESIDENT, S.RESOLVED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.IN_PROGRESS: _staff(S.AWAITING_RESIDENT, S.RESOLVED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.AWAITING_RESIDENT: _staff(S.IN_PROGRESS, S.RESOLVED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        # "It is not fixed": the resident can reopen a resolved or closed request.
        S.RESOLVED: _staff(S.CLOSED) | {S.IN_PROGRESS: frozenset({STAFF, RESIDENT})},
        S.CLOSED: {S.IN_PROGRESS: frozenset({STAFF, RESIDENT})},
    },
)

_FEEDBACK = Lifecycle(
    initial=S.RECEIVED,
    transitions={
        S.RECEIVED: _staff(S.ACKNOWLEDGED, S.CLOSED),
        S.ACKNOWLEDGED: _staff(S.CLOSED),
    },
)

_COMPLAINT = Lifecycle(
    initial=S.RECEIVED,
    transitions={
        S.RECEIVED: _staff(S.ACKNOWLEDGED) | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.ACKNOWLEDGED: _staff(S.IN_PROGRESS, S.RESPONDED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.IN_PROGRESS: _staff(S.RESPONDED) | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.RESPONDED: _staff(S.CLOSED),
    },
)

_INFORMATION_REQUEST = Lifecycle(
    initial=S.RECEIVED,
    transitions={
        S.RECEIVED: _staff(S.ACKNOWLEDGED, S.IN_PROGRESS, S.AWAITING_RESIDENT, S.RESPONDED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.ACKNOWLEDGED: _staff(S.IN_PROGRESS, S.AWAITING_RESIDENT, S.RESPONDED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.IN_PROGRESS: _staff(S.AWAITING_RESIDENT, S.RESPONDED)
        | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.AWAITING_RESIDENT: _staff(S.IN_PROGRESS) | {S.WITHDRAWN: frozenset({STAFF, RESIDENT})},
        S.RESPONDED: _staff(S.CLOSED),
    },
)

LIFECYCLES: dict[CaseKind, Lifecycle] = {
    CaseKind.SERVICE_REQUEST: _REQUEST,
    CaseKind.ENQUIRY: _REQUEST,
    CaseKind.COMPLIMENT: _FEEDBACK,
    CaseKind.COMMENT: _FEEDBACK,
    CaseKind.COMPLAINT: _COMPLAINT,
    CaseKind.FOI: _INFORMATION_REQUEST,
    CaseKind.EIR: _INFORMATION_REQUEST,
    CaseKind.SAR: _INFORMATION_REQUEST,
    CaseKind.FOI_INTERNAL_REVIEW: _INFORMATION_REQUEST,
}


def check_transition(*, kind: str, current: str, to: str, party: str) -> None:
    """Raise TransitionNotAllowed unless `party` ("staff" or "resident") may move `current`→`to`."""
    lifecycle = LIFECYCLES[CaseKind(kind)]
    current_status, target = Status(current), Status(to)
    if current_status == target:
        raise TransitionNotAllowed(f"The case is already {target.label.lower()}.")
    allowed = lifecycle.transitions.get(current_status, {})
    if target not in allowed:
        options = ", ".join(s.label.lower() for s in allowed) or "nothing (it is finished)"
        raise TransitionNotAllowed(
            f"A {CaseKind(kind).label.lower()} that is {current_status.label.lower()} cannot "
            f"become {target.label.lower()}; it can become: {options}."
        )
    if party not in allowed[target]:
        raise TransitionNotAllowed(
            f"Only council staff can make a {CaseKind(kind).label.lower()} {target.label.lower()}."
        )


def check_closing_as_duplicate(*, kind: str, current: str) -> None:
    """Raise TransitionNotAllowed unless the case is still open. An open case of any kind may be
    closed as a duplicate from whatever status it is in: the work carries on under the original."""
    if Status(current) not in OPEN_STATUSES:
        raise TransitionNotAllowed(
            f"A {CaseKind(kind).label.lower()} that is {Status(current).label.lower()} cannot be "
            "closed as a duplicate; only an open case can."
        )
