"""Due dates of real cases as they move through the services, against ../shared/RULES.md."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from opencex.cases.actions.clock import acknowledge_case, extend_deadline, pause_clock, resume_clock
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.routing import reassign_case
from opencex.cases.actions.status import record_status_change
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.models import CaseKind, Channel, EventKind, PauseReason, Status
from opencex.complaints.services import escalate_to_stage_two
from opencex.inforights import services as register
from tests.cases.conftest import at_ten
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def open_by_phone(actor, kind, day, **extra):
    case, created = open_case(
        actor=actor,
        kind=kind,
        channel=Channel.PHONE,
        subject="A request",
        description="Details of the request.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        received_at=at_ten(day),
        **extra,
    )
    assert created
    return case


def test_an_foi_request_is_due_on_the_twentieth_uk_working_day(contact_officer, ig_team):
    case = open_by_phone(contact_officer, CaseKind.FOI, "2025-04-11")
    assert case.due_on == D("2025-05-14")
    assert case.team == ig_team


def test_an_email_late_on_a_summer_evening_is_received_the_next_day(contact_officer, ig_team):
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.FOI,
        channel=Channel.EMAIL,
        subject="Spending",
        description="Please send me the spending data.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        received_at=dt.datetime(2025, 7, 1, 23, 30, tzinfo=dt.UTC),
    )
    assert case.received_on == D("2025-07-02")


def test_a_fees_notice_stops_the_foi_clock_both_days_included(contact_officer, ig_officer):
    case = open_by_phone(contact_officer, CaseKind.FOI, "2026-02-02")
    register.issue_fees_notice(actor=ig_officer, case=case, amount=25, on=D("2026-02-09"))
    case.refresh_from_db()
    assert case.due_on is None
    assert case.status == Status.AWAITING_RESIDENT
    register.record_fee_paid(actor=ig_officer, case=case, on=D("2026-02-20"))
    case.refresh_from_db()
    assert case.due_on == D("2026-03-16")
    assert case.status == Status.IN_PROGRESS


def test_clarification_restarts_the_foi_clock_from_the_day_it_arrives(contact_officer, ig_officer):
    case = open_by_phone(contact_officer, CaseKind.FOI, "2025-04-11")
    pause_clock(actor=ig_officer, case=case, reason=PauseReason.CLARIFICATION, on=D("2025-04-14"))
    resume_clock(actor=ig_officer, case=case, on=D("2025-08-15"))
    case.refresh_from_db()
    assert case.clock_started_on == D("2025-08-15")
    assert case.due_on == D("2025-09-15")
    assert case.events.filter(kind=EventKind.CLOCK_RESTARTED).exists()


def test_a_public_interest_extension_moves_foi_to_the_fortieth_working_day(
    contact_officer, ig_officer
):
    case = open_by_phone(contact_officer, CaseKind.FOI, "2025-10-24")
    with time_machine.travel(at_ten("2025-11-03")):  # told within the first 20 working days
        extend_deadline(actor=ig_officer, case=case, reason="Public interest test")
    case.refresh_from_db()
    # 20 working days from 24 October 2025 is 21 November; the 40th is 22 December, because
    # Scotland's St Andrew's Day holiday (Monday 1 December 2025) stops the UK-wide count.
    assert case.due_on == D("2025-12-22")


def test_a_subject_access_request_is_due_a_calendar_month_later(contact_officer, ig_officer):
    case = open_by_phone(contact_officer, CaseKind.SAR, "2025-05-31")
    assert case.due_on == D("2025-06-30")


def test_proof_of_identity_starts_the_subject_access_month(contact_officer, ig_officer):
    case = open_by_phone(contact_officer, CaseKind.SAR, "2025-03-10")
    register.ask_for_identity(actor=ig_officer, case=case, on=D("2025-03-10"))
    register.record_identity_verified(
        actor=ig_officer, case=case, evidence="Passport seen", on=D("2025-03-20")
    )
    case.refresh_from_db()
    # 20 April 2025 is Easter Sunday and 21 April Easter Monday: the next working day.
    assert case.due_on == D("2025-04-22")


def test_a_sar_clarification_moves_the_deadline_back_by_the_days_paused(
    contact_officer, ig_officer
):
    case = open_by_phone(contact_officer, CaseKind.SAR, "2025-03-15")
    pause_clock(actor=ig_officer, case=case, reason=PauseReason.CLARIFICATION, on=D("2025-03-17"))
    resume_clock(actor=ig_officer, case=case, on=D("2025-03-19"))
    case.refresh_from_db()
    # 15 April + 3 paused days = 18 April, Good Friday; Easter Monday follows the weekend.
    assert case.due_on == D("2025-04-22")


def test_a_complaint_must_be_acknowledged_within_five_working_days(contact_officer, feedback_team):
    case = open_by_phone(contact_officer, CaseKind.COMPLAINT, "2025-12-19")
    assert case.stage == 1
    assert case.due_on == D("2025-12-30")


def test_the_stage_one_response_is_counted_from_the_acknowledgement(
    contact_officer, feedback_caseworker
):
    case = open_by_phone(contact_officer, CaseKind.COMPLAINT, "2025-10-20")
    acknowledge_case(actor=feedback_caseworker, case=case, on=D("2025-10-22"))
    case.refresh_from_db()
    assert case.due_on == D("2025-11-05")


def test_a_stage_one_extension_is_at_most_ten_working_days_and_only_once(
    contact_officer, feedback_caseworker
):
    case = open_by_phone(contact_officer, CaseKind.COMPLAINT, "2025-10-20")
    acknowledge_case(actor=feedback_caseworker, case=case, on=D("2025-10-22"))
    with pytest.raises(CaseError, match="1 to 10"):
        extend_deadline(actor=feedback_caseworker, case=case, reason="Site visit", days=11)
    extend_deadline(actor=feedback_caseworker, case=case, reason="Site visit", days=10)
    case.refresh_from_db()
    assert case.due_on == D("2025-11-19")
    with pytest.raises(CaseError, match="already been extended"):
        extend_deadline(actor=feedback_caseworker, case=case, reason="Again", days=1)


def test_escalation_starts_a_stage_two_clock_with_a_different_handler(
    contact_officer, feedback_caseworker, feedback_team
):
    case = open_by_phone(contact_officer, CaseKind.COMPLAINT, "2025-10-20")
    reassign_case(actor=feedback_caseworker, case=case, officer=feedback_caseworker)
    acknowledge_case(actor=feedback_caseworker, case=case, on=D("2025-10-22"))
    record_status_change(actor=feedback_caseworker, case=case, to=Status.RESPONDED)
    escalate_to_stage_two(
        actor=feedback_caseworker, case=case, reason="Still missed", on=D("2025-11-10")
    )
    case.refresh_from_db()
    assert (case.stage, case.status, case.due_on) == (2, Status.RECEIVED, D("2025-11-17"))
    assert case.stage1_handled_by == feedback_caseworker
    with pytest.raises(PermissionDenied):  # the stage 1 officer no longer handles the case
        reassign_case(actor=feedback_caseworker, case=case, officer=feedback_caseworker)
    with pytest.raises(PermissionDenied):  # stage 2 is for someone else to handle
        acknowledge_case(actor=feedback_caseworker, case=case, on=D("2025-11-11"))
    stage_two_officer = UserFactory(role="caseworker", teams=[feedback_team])
    reassign_case(actor=stage_two_officer, case=case, officer=stage_two_officer)
    acknowledge_case(actor=stage_two_officer, case=case, on=D("2025-11-11"))
    case.refresh_from_db()
    assert case.due_on == D("2025-12-09")


def test_a_missed_bin_is_due_within_its_service_standard(contact_officer, missed_bin):
    case = open_by_phone(
        contact_officer, CaseKind.SERVICE_REQUEST, "2025-12-23", service=missed_bin
    )
    # 24 December, then 25-26 are bank holidays and 29-31 council closure days.
    assert case.due_on == D("2026-01-02")
    assert case.team == missed_bin.team


def test_every_due_date_can_be_explained(contact_officer, ig_officer):
    case = open_by_phone(contact_officer, CaseKind.FOI, "2025-04-11")
    explanation = " ".join(case_deadline(case).explanation)
    assert "Good Friday" in explanation
    assert "FOIA" in explanation
