"""Every complaint date against ../shared/RULES.md ("Complaints"): stage 1 acknowledged within 5
working days and answered within 10 of the acknowledgement, one extension of up to 10; stage 2
acknowledged within 5 working days of the escalation request and answered within 20 of the
acknowledgement, one extension of up to 20. The council's region is England and Wales."""

from __future__ import annotations

import pytest

from opencex.cases.actions.status import record_status_change
from opencex.cases.models import Status
from opencex.complaints import services
from tests.complaints.conftest import D, complain

pytestmark = pytest.mark.django_db


def at_stage_two(handler, case, *, escalated_on: str):
    services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))
    record_status_change(actor=handler, case=case, to=Status.RESPONDED)
    return services.escalate_to_stage_two(
        actor=handler, case=case, reason="Still missed", on=D(escalated_on)
    )


def test_a_stage_one_complaint_is_acknowledged_within_five_working_days_skipping_christmas(
    complaints_service,
):
    case = complain(service=complaints_service, day="2025-12-19")

    assert (case.stage, case.due_on) == (1, D("2025-12-30"))


def test_a_stage_one_response_is_due_ten_working_days_after_the_acknowledgement(
    complaints_service, handler
):
    case = complain(service=complaints_service, day="2025-10-20")

    case = services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))

    assert case.due_on == D("2025-11-05")


def test_a_stage_one_extension_adds_up_to_ten_working_days(complaints_service, handler):
    case = complain(service=complaints_service, day="2025-10-20")
    services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))

    case = services.extend_complaint(actor=handler, case=case, reason="Site visit", days=10)

    assert case.due_on == D("2025-11-19")


def test_a_stage_one_extension_of_eleven_working_days_is_refused(complaints_service, handler):
    case = complain(service=complaints_service, day="2025-10-20")
    services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))

    with pytest.raises(services.CaseError, match="1 to 10 working days"):
        services.extend_complaint(actor=handler, case=case, reason="Site visit", days=11)


def test_a_second_extension_at_stage_one_is_refused(complaints_service, handler):
    case = complain(service=complaints_service, day="2025-10-20")
    services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))
    services.extend_complaint(actor=handler, case=case, reason="Site visit", days=3)

    with pytest.raises(services.CaseError, match="already been extended once"):
        services.extend_complaint(actor=handler, case=case, reason="Again", days=2)
    case.refresh_from_db()
    assert case.due_on == D("2025-11-10")


def test_an_extension_needs_a_reason(complaints_service, handler):
    case = complain(service=complaints_service, day="2025-10-20")
    services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))

    with pytest.raises(services.CaseError, match="Give the reason"):
        services.extend_complaint(actor=handler, case=case, reason=" ", days=3)


def test_stage_two_is_acknowledged_within_five_working_days_of_the_escalation_request(
    complaints_service, handler
):
    case = complain(service=complaints_service, day="2025-10-20")

    case = at_stage_two(handler, case, escalated_on="2025-11-10")

    assert (case.stage, case.status, case.due_on) == (2, Status.RECEIVED, D("2025-11-17"))


def test_a_stage_two_response_is_due_twenty_working_days_after_the_acknowledgement(
    complaints_service, handler, second_handler
):
    case = at_stage_two(
        handler, complain(service=complaints_service, day="2025-10-20"), escalated_on="2025-11-10"
    )

    case = services.acknowledge_complaint(actor=second_handler, case=case, on=D("2025-11-11"))

    assert case.due_on == D("2025-12-09")


def test_a_stage_two_extension_adds_up_to_twenty_working_days_over_christmas(
    complaints_service, handler, second_handler
):
    case = at_stage_two(
        handler, complain(service=complaints_service, day="2025-10-20"), escalated_on="2025-11-10"
    )
    services.acknowledge_complaint(actor=second_handler, case=case, on=D("2025-11-11"))

    case = services.extend_complaint(
        actor=second_handler, case=case, reason="Independent survey", days=20
    )

    # 25 and 26 December and 1 January are bank holidays; the council's Christmas closure days
    # do not stop a statutory clock.
    assert case.due_on == D("2026-01-09")


def test_a_stage_two_extension_of_twenty_one_working_days_is_refused(
    complaints_service, handler, second_handler
):
    case = at_stage_two(
        handler, complain(service=complaints_service, day="2025-10-20"), escalated_on="2025-11-10"
    )
    services.acknowledge_complaint(actor=second_handler, case=case, on=D("2025-11-11"))

    with pytest.raises(services.CaseError, match="1 to 20 working days"):
        services.extend_complaint(actor=second_handler, case=case, reason="Survey", days=21)


def test_a_second_extension_at_stage_two_is_refused(complaints_service, handler, second_handler):
    case = at_stage_two(
        handler, complain(service=complaints_service, day="2025-10-20"), escalated_on="2025-11-10"
    )
    services.acknowledge_complaint(actor=second_handler, case=case, on=D("2025-11-11"))
    services.extend_complaint(actor=second_handler, case=case, reason="Survey", days=5)

    with pytest.raises(services.CaseError, match="already been extended once"):
        services.extend_complaint(actor=second_handler, case=case, reason="More", days=5)


def test_an_extension_at_stage_one_does_not_carry_into_stage_two(
    complaints_service, handler, second_handler
):
    case = complain(service=complaints_service, day="2025-10-20")
    services.acknowledge_complaint(actor=handler, case=case, on=D("2025-10-22"))
    services.extend_complaint(actor=handler, case=case, reason="Site visit", days=10)
    record_status_change(actor=handler, case=case, to=Status.RESPONDED)
    services.escalate_to_stage_two(actor=handler, case=case, reason="Unhappy", on=D("2025-11-24"))
    services.acknowledge_complaint(actor=second_handler, case=case, on=D("2025-11-25"))

    case = services.extend_complaint(actor=second_handler, case=case, reason="Survey", days=20)

    # 20 working days from 25 November is 23 December; the 20 more skip 25, 26 December and
    # 1 January. The stage 1 extension of 10 days is not added again.
    assert case.due_on == D("2026-01-23")
