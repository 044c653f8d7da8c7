"""Each kind of case follows its lifecycle; anything else is refused with a clear reason."""

import pytest

from opencex.cases.models import CaseKind, Status
from opencex.cases.workflow import (
    LIFECYCLES,
    RESIDENT,
    STAFF,
    TransitionNotAllowed,
    check_transition,
)


def test_a_closed_complaint_cannot_be_reopened_by_a_status_change():
    with pytest.raises(TransitionNotAllowed, match="finished"):
        check_transition(
            kind=CaseKind.COMPLAINT, current=Status.CLOSED, to=Status.IN_PROGRESS, party=STAFF
        )


def test_the_refusal_names_what_the_case_can_become_instead():
    with pytest.raises(TransitionNotAllowed, match="it can become: acknowledged"):
        check_transition(
            kind=CaseKind.COMPLAINT, current=Status.RECEIVED, to=Status.RESPONDED, party=STAFF
        )


def test_a_resident_can_say_a_resolved_problem_is_not_fixed():
    check_transition(
        kind=CaseKind.SERVICE_REQUEST,
        current=Status.RESOLVED,
        to=Status.IN_PROGRESS,
        party=RESIDENT,
    )


def test_a_resident_cannot_resolve_their_own_request():
    with pytest.raises(TransitionNotAllowed, match="Only council staff"):
        check_transition(
            kind=CaseKind.SERVICE_REQUEST,
            current=Status.RECEIVED,
            to=Status.RESOLVED,
            party=RESIDENT,
        )


def test_moving_to_the_same_status_is_refused():
    with pytest.raises(TransitionNotAllowed, match="already"):
        check_transition(
            kind=CaseKind.FOI, current=Status.RECEIVED, to=Status.RECEIVED, party=STAFF
        )


@pytest.mark.parametrize("kind", list(CaseKind))
def test_every_kind_can_reach_a_final_status_from_its_start(kind):
    lifecycle = LIFECYCLES[kind]
    seen, frontier = {lifecycle.initial}, [lifecycle.initial]
    while frontier:
        for target in lifecycle.transitions.get(frontier.pop(), {}):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    assert Status.CLOSED in seen or Status.WITHDRAWN in seen
    assert seen & {Status.CLOSED}
