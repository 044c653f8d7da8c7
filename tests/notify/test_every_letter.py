"""Every letter for every kind of case and every event that can happen to it: it says what the
case is, its reference, the date that now holds (the date the tracking page shows), and what to
do next; a text message fits three plain fragments. The template folders are discovered, so a new
message without a row here fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine

from opencex.cases.clock import EXTENDABLE_KINDS, allowed_pause_reasons, case_deadline
from opencex.cases.models import Case, CaseKind, ClockPause, EventKind, Status
from opencex.cases.timeline import record_event
from opencex.clocks.wording import long_date
from opencex.complaints.letters import ResponseLetter, response_context
from opencex.complaints.ombudsmen import ombudsman
from opencex.notify.letters import resident_context
from opencex.notify.rendering import SMS_MAX_LENGTH, render_message, template_names
from opencex.web.track_views import expected_date
from tests.factories import CaseFactory, ServiceFactory, UserFactory

K = CaseKind
ALL_KINDS = tuple(CaseKind)
INFORMATION = (K.FOI, K.EIR, K.SAR, K.FOI_INTERNAL_REVIEW)
PAUSABLE = tuple(kind for kind in CaseKind if allowed_pause_reasons(kind))
TODAY = dt.date(2025, 6, 4)  # a Wednesday

# How each kind is named to the resident, written out here rather than read from the code.
KIND_WORDS = {
    K.SERVICE_REQUEST: "your report of a missed bin collection",
    K.ENQUIRY: "your question about your council tax bill",
    K.COMPLAINT: "your complaint",
    K.COMPLIMENT: "your compliment",
    K.COMMENT: "your comment",
    K.FOI: "your Freedom of Information request",
    K.EIR: "your request for environmental information",
    K.SAR: "your request for the personal information we hold about you",
    K.FOI_INTERNAL_REVIEW: "your request for an internal review",
}
SERVICES = {
    K.SERVICE_REQUEST: "Report a missed bin collection",
    K.ENQUIRY: "Ask a question about your council tax bill",
}
NEXT_STEP_HEADINGS = (
    "What happens next",
    "If you are unhappy",
    "If you are not happy",
    "If you are still unhappy",
    "What you can do",
    "To pay",
    "You can make a new request",
)


@dataclass(frozen=True)
class Row:
    """One event, the kinds of case it can happen to, and how to put a case in that state."""

    template: str
    kinds: tuple[str, ...]
    state: Callable[[Case], None] = lambda case: None
    more: Callable[[Case], dict[str, Any]] = lambda case: {}
    channels: tuple[str, ...] = ("email", "sms")
    marks: tuple[Any, ...] = field(default=())


def _event(case: Case, kind: str) -> None:
    record_event(case, kind, None, "Something happened", visible=True)


def _acknowledged(case: Case) -> None:
    case.status, case.acknowledged_on = Status.ACKNOWLEDGED, TODAY
    _event(case, EventKind.ACKNOWLEDGED)


def _paused(case: Case) -> None:
    reason = sorted(allowed_pause_reasons(case.kind))[0]
    ClockPause.objects.create(case=case, reason=reason, started_on=TODAY)
    case.status = Status.AWAITING_RESIDENT
    _event(case, EventKind.CLOCK_PAUSED)


def _resumed(case: Case) -> None:
    reason = sorted(allowed_pause_reasons(case.kind))[0]
    ClockPause.objects.create(case=case, reason=reason, started_on=TODAY, ended_on=TODAY)
    case.status = Status.IN_PROGRESS
    _event(case, EventKind.CLOCK_RESUMED)


def _extended(case: Case) -> None:
    if case.kind == K.COMPLAINT:
        case.acknowledged_on, case.extension_days = TODAY, 10
    case.status, case.is_extended = Status.IN_PROGRESS, True
    _event(case, EventKind.EXTENDED)


def _in_progress(case: Case) -> None:
    if case.kind == K.COMPLAINT:
        case.acknowledged_on = TODAY
    case.status = (
        Status.IN_PROGRESS if case.kind not in {K.COMPLIMENT, K.COMMENT} else "acknowledged"
    )
    _event(case, EventKind.STATUS_CHANGED)


def _stage_two(case: Case) -> None:
    case.begin_stage_two(TODAY)
    _event(case, EventKind.ESCALATED)


def _status(status: str) -> Callable[[Case], None]:
    def set_status(case: Case) -> None:
        case.status = status
        _event(case, EventKind.STATUS_CHANGED)

    return set_status


def _response(case: Case) -> dict[str, Any]:
    letter = ResponseLetter(
        stage=case.stage or 1,
        outcome="partly_upheld",
        complaint_as_understood="You told us the crew missed your road twice.",
        decision_and_reasons="We partly uphold it: the crew missed it once.",
    )
    officer = UserFactory.build(full_name="Gareth Jones")
    return response_context(letter, ombudsman=ombudsman("lgsco"), officer=officer)


INFORMATION_EXTRAS = {
    "decision": "Information released in part",
    "response": "The totals are attached.",
    "reason": "We are weighing the public interest.",
    "told_within": "the first 20 working days",
    "amount": "25.00",
    "pay_by": TODAY + dt.timedelta(days=90),
    "fees_notice_on": TODAY - dt.timedelta(days=92),
}
# Messages to officers, and the save-and-return link (no case yet): not letters about a case.
NOT_ABOUT_A_CASE = {
    "staff_case_assigned",
    "staff_compliment_received",
    "staff_resident_replied",
    "staff_case_due_soon",
    "form_saved",
    "staff_support_review_due",
    # a booking's messages (tests/bookings/test_messages.py renders each).
    "booking_confirmed",
    "booking_cancelled",
    "booking_moved",
    "booking_refused",
    # bin collection reminders (tests/bincollections/test_reminders.py renders each).
    "bin_reminder",
    "bin_reminders_confirm",
    # a change made because of feedback (tests/yousaidwedid/test_messages.py renders it).
    "change_made",
    # the panels' messages (tests/panels/test_messages.py renders each).
    "panel_confirm",
    "panel_invitation",
    "panel_joined",
    "panel_parental_consent",
    "panel_still_happy",
    # the surveys' invitation and reminder (tests/surveys/test_messages.py renders each).
    "survey_invitation",
    "survey_reminder",
}

ROWS = [
    Row("case_received", ALL_KINDS),
    Row("case_status_changed", ALL_KINDS, _acknowledged),
    Row("case_status_changed", PAUSABLE, _paused),
    Row("case_status_changed", PAUSABLE, _resumed),
    Row("case_status_changed", tuple(sorted(EXTENDABLE_KINDS)), _extended),
    Row("case_status_changed", (K.COMPLAINT,), _stage_two),
    Row("case_status_changed", ALL_KINDS, _in_progress),
    Row("case_status_changed", (K.SERVICE_REQUEST, K.ENQUIRY), _status(Status.RESOLVED)),
    Row("case_status_changed", ALL_KINDS, _status(Status.WITHDRAWN)),
    Row("case_closed", ALL_KINDS, _status(Status.CLOSED)),
    Row("message_to_resident", ALL_KINDS, _in_progress, lambda case: {"message": "Hello."}),
    Row("case_marked_duplicate", ALL_KINDS, _status(Status.CLOSED)),
    Row("complaint_escalated", (K.COMPLAINT,), _stage_two),
    Row("complaint_extended", (K.COMPLAINT,), _extended, lambda case: {"reason": "A survey."}),
    Row("complaint_response", (K.COMPLAINT,), _status(Status.RESPONDED), _response),
    Row(
        "information_request_decision",
        INFORMATION,
        _status(Status.RESPONDED),
        lambda case: INFORMATION_EXTRAS,
    ),
    Row("information_request_extended", INFORMATION, _extended, lambda case: INFORMATION_EXTRAS),
    Row(
        "information_request_fees_notice",
        (K.FOI, K.EIR, K.SAR),
        _paused,
        lambda case: INFORMATION_EXTRAS,
    ),
    Row(
        "information_request_lapsed",
        (K.FOI, K.EIR),
        _status(Status.CLOSED),
        lambda case: INFORMATION_EXTRAS,
    ),
    Row(
        "case_expected_date_revised",
        (K.SERVICE_REQUEST, K.ENQUIRY),
        _in_progress,
        lambda case: {"reason": "The crew is short this week."},
    ),
    Row("case_taking_longer", (K.SERVICE_REQUEST, K.ENQUIRY), _in_progress),
    Row("case_likely_late", (K.SERVICE_REQUEST, K.ENQUIRY), _in_progress),
]
CASES = [
    pytest.param(row, kind, channel, id=f"{row.template}-{row.state.__name__}-{kind}-{channel}")
    if not row.marks
    else pytest.param(
        row, kind, channel, id=f"{row.template}-pending-{kind}-{channel}", marks=list(row.marks)
    )
    for row in ROWS
    for kind in row.kinds
    for channel in row.channels
]


@pytest.fixture(autouse=True)
def _a_wednesday_in_june():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def case_in_state(row: Row, kind: str) -> Case:
    service = ServiceFactory(title=SERVICES[kind]) if kind in SERVICES else None
    case = CaseFactory(
        kind=kind,
        service=service,
        reference="CASE-7KQM-3XHD",
        status=Status.RECEIVED,
        received_on=TODAY,
        clock_started_on=TODAY,
    )
    row.state(case)
    case.save()
    case.due_on = case_deadline(case).due  # as every service keeps it
    case.save()
    return Case.objects.get(pk=case.pk)


def test_every_message_template_has_a_row():
    covered = {row.template for row in ROWS} | NOT_ABOUT_A_CASE
    assert set(template_names()) == covered


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "kind", "channel"), CASES)
def test_letter_names_the_kind_reference_date_and_next_step(row, kind, channel):
    case = case_in_state(row, kind)
    context = resident_context(case, recipient=case.contact_email, channel=channel)
    message = render_message(row.template, channel, context | row.more(case))
    text = f"{message.subject}\n{message.body}"

    assert KIND_WORDS[kind].lower() in text.lower()
    assert case.reference in message.body
    if channel == "email":
        assert case.reference in message.subject
    if case.is_open and case.due_on is not None:
        shown = long_date(case.due_on)
        assert shown in expected_date(case)  # what the tracking page says
        assert shown in message.body
    if channel == "email":
        assert any(heading in message.body for heading in NEXT_STEP_HEADINGS)
        assert "/track/CASE-7KQM-3XHD" in message.body
    else:
        assert len(message.body) < SMS_MAX_LENGTH, len(message.body)
        assert message.body.isascii()
        assert "/track/CASE-7KQM-3XHD" in message.body or "01865" in message.body
