"""`policies.available_actions` is what the pages offer, and every action refuses what it leaves
out and accepts what it offers: for a spread of kinds, states and roles, each act is tried through
its one action (inside a savepoint that is rolled back) and the outcome compared with the policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import transaction

from opencex.accounts.models import Role
from opencex.cases import links, owners
from opencex.cases.actions.clock import acknowledge_case, extend_deadline, pause_clock, resume_clock
from opencex.cases.actions.expected_date import revise_expected_date
from opencex.cases.actions.hazard_steps import (
    SummaryGivenBy,
    record_further_work_begun,
    record_made_safe,
    record_summary_given,
)
from opencex.cases.actions.hazards import AwareBy, conclude_hazard_investigation, record_hazard
from opencex.cases.actions.messages import add_note, receive_message, send_message
from opencex.cases.actions.routing import reassign_case, set_priority
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    Case,
    CaseKind,
    Channel,
    ClockPause,
    HazardClass,
    PauseReason,
    Priority,
    Status,
)
from opencex.cases.policies import available_actions, generic_pause_reasons, status_targets
from opencex.cases.workflow import LIFECYCLES, STAFF, TransitionNotAllowed
from opencex.complaints.services import escalate_to_stage_two, record_complaint_response
from opencex.textrouting.services import route_case
from tests.cases.conftest import at_ten
from tests.factories import CaseFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

K, S = CaseKind, Status
TODAY = "2026-03-04"
RECEIVED = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _pinned_day():
    with time_machine.travel(at_ten(TODAY), tick=False):
        yield


def _status_to_try(case: Case) -> str:
    offered = status_targets(case)
    if offered:
        return offered[0]
    targets = LIFECYCLES[K(case.kind)].allowed_targets(S(case.status), STAFF)
    return targets[0] if targets else S.IN_PROGRESS


def _pause_reason(case: Case) -> str:
    return next(iter(sorted(generic_pause_reasons(case))), PauseReason.CLARIFICATION)


TRIES: dict[str, Callable[..., object]] = {
    "note": lambda actor, case, other: add_note(actor=actor, case=case, body="Checked."),
    "message": lambda actor, case, other: send_message(actor=actor, case=case, body="Hello."),
    "log-reply": lambda actor, case, other: receive_message(
        actor=actor, case=case, body="They rang.", channel=Channel.PHONE
    ),
    "status": lambda actor, case, other: change_status(
        actor=actor, case=case, to=_status_to_try(case), reason="Moving on"
    ),
    "acknowledge": lambda actor, case, other: acknowledge_case(actor=actor, case=case),
    "pause": lambda actor, case, other: pause_clock(
        actor=actor, case=case, reason=_pause_reason(case), note="Which street?"
    ),
    "resume": lambda actor, case, other: resume_clock(actor=actor, case=case),
    "extend": lambda actor, case, other: extend_deadline(
        actor=actor,
        case=case,
        reason="A site visit is needed",
        days=5 if case.kind == K.COMPLAINT else None,
    ),
    "reassign": lambda actor, case, other: reassign_case(
        actor=actor, case=case, team=case.team, reason="Routing"
    ),
    "route": lambda actor, case, other: route_case(
        actor=actor, case=case, service=ServiceFactory(team=case.team)
    ),
    "priority": lambda actor, case, other: set_priority(
        actor=actor, case=case, priority=Priority.URGENT, reason="Vulnerable resident"
    ),
    "close": lambda actor, case, other: close_case(actor=actor, case=case, outcome="Done."),
    "escalate": lambda actor, case, other: escalate_to_stage_two(
        actor=actor, case=case, reason="Still unhappy"
    ),
    "link": lambda actor, case, other: links.link_cases(
        actor=actor, case=case, other_reference=other.reference, reason="Same street"
    ),
    "duplicate": lambda actor, case, other: links.mark_duplicate(
        actor=actor, case=case, original_reference=other.reference, reason="Same report"
    ),
    "expected-date": lambda actor, case, other: revise_expected_date(
        actor=actor, case=case, expected_on=dt.date(2026, 4, 1), reason="A part is needed"
    ),
    "hazard": lambda actor, case, other: record_hazard(
        actor=actor,
        case=case,
        hazard_class=HazardClass.EMERGENCY,
        became_aware_by=AwareBy.CALL,
        became_aware_at=at_ten("2026-03-01"),
    ),
    "investigation": lambda actor, case, other: conclude_hazard_investigation(
        actor=actor, case=case, significant_hazard_found=True, on=dt.date(2026, 3, 4)
    ),
    "summary": lambda actor, case, other: record_summary_given(
        actor=actor, case=case, given_on=dt.date(2026, 3, 4), given_by=SummaryGivenBy.LETTER
    ),
    "made-safe": lambda actor, case, other: record_made_safe(
        actor=actor, case=case, at=at_ten(TODAY)
    ),
    "further-work": lambda actor, case, other: record_further_work_begun(
        actor=actor, case=case, began_on=dt.date(2026, 3, 4)
    ),
    "respond": lambda actor, case, other: record_complaint_response(
        actor=actor,
        case=case,
        outcome="upheld",
        complaint_as_understood="The bin was missed three times.",
        decision_and_reasons="We missed it; the crew has been told.",
    ),
}


def _accepted(act: str, actor, case: Case, other: Case) -> bool:
    try:
        with transaction.atomic():
            TRIES[act](actor, Case.objects.get(pk=case.pk), other)
            transaction.set_rollback(True)
    except (PermissionDenied, CaseError, TransitionNotAllowed):
        return False
    return True


def _case(team, kind, status=S.RECEIVED, **fields) -> Case:
    return CaseFactory(
        kind=kind,
        status=status,
        team=team,
        contact_email="ada@example.org",
        received_at=at_ten("2026-03-02"),
        received_on=RECEIVED,
        clock_started_on=RECEIVED,
        due_on=RECEIVED + dt.timedelta(days=20),
        **fields,
    )


def _council_home_repair(team, status=S.RECEIVED, **fields) -> Case:
    service = ServiceFactory(team=team, is_landlord_function=True)
    return _case(team, K.SERVICE_REQUEST, status, service=service, **fields)


def _paused(case: Case, reason: str) -> Case:
    ClockPause.objects.create(case=case, reason=reason, started_on=RECEIVED)
    return case


@pytest.fixture
def team(db):
    return TeamFactory(slug="customer-services")


@pytest.fixture
def officers(team):
    return {
        "caseworker": UserFactory(role=Role.CASEWORKER, teams=[team]),
        "team manager": UserFactory(role=Role.TEAM_MANAGER, teams=[team]),
        "contact centre": UserFactory(role=Role.CONTACT_CENTRE),
        "information governance": UserFactory(role=Role.INFORMATION_GOVERNANCE),
        "caseworker elsewhere": UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()]),
    }


CASES: dict[str, Callable] = {
    "new service request": lambda team, stage1: _case(team, K.SERVICE_REQUEST),
    "service request waiting for the resident": lambda team, stage1: _paused(
        _case(team, K.SERVICE_REQUEST, S.AWAITING_RESIDENT), PauseReason.CLARIFICATION
    ),
    "repair in a council home": lambda team, stage1: _council_home_repair(team),
    "council home repair waiting for the tenant": lambda team, stage1: _paused(
        _council_home_repair(team, S.AWAITING_RESIDENT), PauseReason.CLARIFICATION
    ),
    "emergency hazard": lambda team, stage1: _council_home_repair(
        team, S.IN_PROGRESS, hazard_class=HazardClass.EMERGENCY
    ),
    "damp and mould under investigation": lambda team, stage1: _council_home_repair(
        team, hazard_class=HazardClass.SIGNIFICANT
    ),
    "damp and mould investigated": lambda team, stage1: _council_home_repair(
        team,
        S.IN_PROGRESS,
        hazard_class=HazardClass.SIGNIFICANT,
        investigation_concluded_on=RECEIVED,
        significant_hazard_found=True,
    ),
    "damp and mould investigated, none found": lambda team, stage1: _council_home_repair(
        team,
        S.IN_PROGRESS,
        hazard_class=HazardClass.SIGNIFICANT,
        investigation_concluded_on=RECEIVED,
        significant_hazard_found=False,
    ),
    "damp and mould with every step recorded": lambda team, stage1: _council_home_repair(
        team,
        S.IN_PROGRESS,
        hazard_class=HazardClass.SIGNIFICANT,
        investigation_concluded_on=RECEIVED,
        significant_hazard_found=True,
        summary_given_on=RECEIVED,
        made_safe_at=at_ten("2026-03-03"),
        further_work_began_on=RECEIVED,
    ),
    "emergency hazard made safe": lambda team, stage1: _council_home_repair(
        team, S.IN_PROGRESS, hazard_class=HazardClass.EMERGENCY, made_safe_at=at_ten("2026-03-02")
    ),
    "resolved repair in a council home": lambda team, stage1: _council_home_repair(
        team, S.RESOLVED, hazard_class=HazardClass.SIGNIFICANT
    ),
    "resolved service request": lambda team, stage1: _case(team, K.SERVICE_REQUEST, S.RESOLVED),
    "closed enquiry": lambda team, stage1: _case(team, K.ENQUIRY, S.CLOSED),
    "new compliment": lambda team, stage1: _case(team, K.COMPLIMENT),
    "new complaint": lambda team, stage1: _case(team, K.COMPLAINT),
    "acknowledged complaint": lambda team, stage1: _case(
        team, K.COMPLAINT, S.ACKNOWLEDGED, acknowledged_on=RECEIVED
    ),
    "extended complaint": lambda team, stage1: _case(
        team,
        K.COMPLAINT,
        S.IN_PROGRESS,
        acknowledged_on=RECEIVED,
        is_extended=True,
        extension_days=5,
    ),
    "responded complaint": lambda team, stage1: _case(
        team, K.COMPLAINT, S.RESPONDED, acknowledged_on=RECEIVED
    ),
    "stage 2 complaint": lambda team, stage1: _case(
        team,
        K.COMPLAINT,
        S.ACKNOWLEDGED,
        stage=2,
        acknowledged_on=RECEIVED,
        stage1_handled_by=stage1,
    ),
    "withdrawn complaint": lambda team, stage1: _case(team, K.COMPLAINT, S.WITHDRAWN),
    "new FOI request": lambda team, stage1: _case(team, K.FOI),
    "FOI request waiting for clarification": lambda team, stage1: _paused(
        _case(team, K.FOI, S.AWAITING_RESIDENT), PauseReason.CLARIFICATION
    ),
    "FOI request waiting for a fee": lambda team, stage1: _paused(
        _case(team, K.FOI, S.AWAITING_RESIDENT), PauseReason.FEES_NOTICE
    ),
    "responded FOI request": lambda team, stage1: _case(team, K.FOI, S.RESPONDED),
    "SAR waiting for proof of identity": lambda team, stage1: _paused(
        _case(team, K.SAR, S.AWAITING_RESIDENT), PauseReason.IDENTITY
    ),
}


@pytest.mark.parametrize("situation", list(CASES))
def test_every_act_is_accepted_exactly_when_the_policy_offers_it(team, officers, situation):
    case = CASES[situation](team, officers["caseworker"])
    other = _case(team, case.kind)
    for role, actor in officers.items():
        offered = available_actions(actor, case)
        for act in TRIES:
            accepted = _accepted(act, actor, case, other)
            assert accepted == (act in offered), (
                f"{situation}, {role}: '{act}' is "
                f"{'offered' if act in offered else 'not offered'} but was "
                f"{'accepted' if accepted else 'refused'}"
            )


def test_the_stage_one_handler_is_offered_nothing_that_handles_stage_two(team, officers):
    stage_one_officer = officers["caseworker"]
    case = CASES["stage 2 complaint"](team, stage_one_officer)
    offered = available_actions(stage_one_officer, case)
    assert offered <= {"note", "log-reply", "reassign", "priority"}


def test_every_case_page_act_has_a_try_here():
    assert set(owners.CASE_PAGE_ACTS) <= set(TRIES)


def test_a_hazard_clock_is_never_offered_a_pause(team, officers):
    case = CASES["emergency hazard"](team, officers["caseworker"])

    assert "pause" not in available_actions(officers["caseworker"], case)


def test_pausing_a_hazard_clock_is_refused_saying_nothing_pauses_it(team, officers):
    case = CASES["damp and mould under investigation"](team, officers["caseworker"])

    with pytest.raises(CaseError, match="Nothing pauses an Awaab's Law clock"):
        pause_clock(
            actor=officers["caseworker"], case=case, reason=PauseReason.CLARIFICATION, note="?"
        )


def test_a_hazard_is_offered_only_on_a_repair_to_a_council_home(team, officers):
    ordinary = CASES["new service request"](team, officers["caseworker"])
    council_home = CASES["repair in a council home"](team, officers["caseworker"])

    assert "hazard" not in available_actions(officers["caseworker"], ordinary)
    assert "hazard" in available_actions(officers["caseworker"], council_home)
