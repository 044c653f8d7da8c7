"""The complaint and information-request figures read what the real services write: a complaint
extended, answered, escalated and answered again, and an FOI request decided, reviewed and taken
to the ICO, all this month."""

from __future__ import annotations

import pytest
from django.utils import timezone

from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.complaints import services as complaints
from opencex.complaints.models import Outcome
from opencex.inforights import decisions
from opencex.insight.complaints import complaints_by_stage, lessons_learned
from opencex.insight.information_requests import (
    ExemptionCited,
    InTime,
    exemptions_cited,
    foi_answered_in_time,
    information_requests,
)
from opencex.insight.periods import this_month
from tests.complaints.conftest import complain

pytestmark = pytest.mark.django_db


def _respond(actor, case, outcome: str, **fields):
    return complaints.record_complaint_response(
        actor=actor, case=case, outcome=outcome, complaint_as_understood="The bin was missed.",
        decision_and_reasons="The crew skipped the road.", **fields,
    )  # fmt: skip


def test_a_complaint_through_both_stages_is_counted_at_each(
    complaints_service, waste, handler, second_handler
):
    case = complain(service=complaints_service, about=waste)
    complaints.acknowledge_complaint(actor=handler, case=case)
    complaints.extend_complaint(actor=handler, case=case, reason="Waiting for the crew", days=5)
    _respond(
        handler, case, Outcome.UPHELD, about_service=waste,
        lesson_learned="Check the whole road before leaving it.", lesson_service=waste,
    )  # fmt: skip
    case = complaints.escalate_to_stage_two(actor=handler, case=case, reason="Missed again")
    complaints.acknowledge_complaint(actor=second_handler, case=case)
    _respond(second_handler, case, Outcome.NOT_UPHELD)

    period = this_month(timezone.localdate())
    stage_1, _, stage_2, _ = complaints_by_stage(period)

    assert stage_1.group == stage_2.group == "Waste and recycling"
    assert (stage_1.received, stage_1.responded, stage_1.in_time) == (1, 1, 1)
    assert (stage_1.extended, stage_1.upheld, stage_1.escalated) == (1, 1, 1)
    assert (stage_2.received, stage_2.responded, stage_2.in_time) == (1, 1, 1)
    assert (stage_2.extended, stage_2.not_upheld) == (0, 1)
    assert [lesson.lesson for lesson in lessons_learned(period)] == [
        "Check the whole road before leaving it."
    ]


def test_an_foi_request_decided_reviewed_and_taken_to_the_ico_is_counted(
    contact_officer, ig_officer
):
    case, _ = open_case(
        actor=contact_officer, kind=CaseKind.FOI, channel=Channel.EMAIL,
        subject="Agency staff", description="Spending on agency staff in 2025, please.",
        contact_name="Ann Example", contact_email="ann@example.org",
    )  # fmt: skip
    decisions.record_decision(
        actor=ig_officer, case=case, decision="part_released", exemptions=["foia-s21"],
        reasons="Some of it is already published.",
    )  # fmt: skip
    decisions.request_internal_review(actor=ig_officer, case=case, reason="I want all of it.")
    decisions.record_ico_complaint(
        actor=ig_officer, case=case, ico_reference="IC-400001-A1B2",
        received_on=timezone.localdate(),
    )  # fmt: skip

    period = this_month(timezone.localdate())
    figures = {row.kind: row for row in information_requests(period) if row.is_total}

    foi = figures[CaseKind.FOI]
    assert (foi.received, foi.answered, foi.in_time, foi.part_released) == (1, 1, 1, 1)
    assert (foi.ico_complaints, foi.working_days) == (1, 0)
    assert figures[CaseKind.FOI_INTERNAL_REVIEW].received == 1
    assert foi_answered_in_time(period) == InTime(answered=1, judged=1, in_time=1)
    assert exemptions_cited(period) == [
        ExemptionCited("foia-s21", "Section 21: Information accessible to the applicant by "
                       "other means", 1)
    ]  # fmt: skip
