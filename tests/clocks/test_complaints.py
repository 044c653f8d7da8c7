"""Complaint clocks: responses counted from the acknowledgement, and their one extension."""

from datetime import date

import pytest

from opencex.clocks.calendars import WorkingDayCalendar
from opencex.clocks.rules import compute_deadline

ACKNOWLEDGED = date(2025, 5, 1)  # Thursday; 5 and 26 May are bank holidays


def test_a_stage_1_response_is_due_ten_working_days_after_the_acknowledgement(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("complaint-stage1-response", ACKNOWLEDGED, region=england_and_wales)
    assert deadline.due == date(2025, 5, 16)


def test_a_stage_1_response_may_be_extended_by_ten_working_days_after_its_due_date(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        "complaint-stage1-response", ACKNOWLEDGED, extension_days=10, region=england_and_wales
    )
    assert deadline.due == date(2025, 6, 2)


def test_a_shorter_stage_1_extension_is_accepted(england_and_wales: WorkingDayCalendar) -> None:
    deadline = compute_deadline(
        "complaint-stage1-response", ACKNOWLEDGED, extension_days=3, region=england_and_wales
    )
    assert deadline.due == date(2025, 5, 21)


def test_a_stage_1_extension_of_eleven_working_days_is_refused(
    england_and_wales: WorkingDayCalendar,
) -> None:
    with pytest.raises(ValueError, match="up to 10 working days, not 11"):
        compute_deadline(
            "complaint-stage1-response", ACKNOWLEDGED, extension_days=11, region=england_and_wales
        )


def test_a_stage_2_response_is_due_twenty_working_days_after_the_acknowledgement(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline("complaint-stage2-response", ACKNOWLEDGED, region=england_and_wales)
    assert deadline.due == date(2025, 6, 2)


def test_a_stage_2_response_may_be_extended_by_twenty_working_days(
    england_and_wales: WorkingDayCalendar,
) -> None:
    deadline = compute_deadline(
        "complaint-stage2-response", ACKNOWLEDGED, extension_days=20, region=england_and_wales
    )
    assert deadline.due == date(2025, 6, 30)


def test_a_stage_2_extension_of_twenty_one_working_days_is_refused(
    england_and_wales: WorkingDayCalendar,
) -> None:
    with pytest.raises(ValueError, match="up to 20 working days, not 21"):
        compute_deadline(
            "complaint-stage2-response", ACKNOWLEDGED, extension_days=21, region=england_and_wales
        )


def test_a_negative_extension_is_refused(england_and_wales: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        compute_deadline(
            "complaint-stage1-response", ACKNOWLEDGED, extension_days=-1, region=england_and_wales
        )


@pytest.mark.parametrize("kind", ["complaint-stage1-ack", "complaint-stage2-ack", "foi", "sar"])
def test_only_a_complaint_response_can_be_extended_by_days(
    kind: str, england_and_wales: WorkingDayCalendar
) -> None:
    with pytest.raises(ValueError, match="cannot be extended by days"):
        compute_deadline(kind, ACKNOWLEDGED, extension_days=1, region=england_and_wales)
