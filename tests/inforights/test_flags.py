"""Duplicate, repeated and vexatious requests: found at intake by requester and wording, and
flagged by an officer with the reason."""

import pytest

from opencex.cases.models import CaseKind, EventKind
from opencex.inforights import decisions, services
from opencex.inforights.selectors import flag_repeat_requests

pytestmark = pytest.mark.django_db
K = CaseKind
AGENCY = "Please send the council's total spending on agency staff in 2024, by department."
AGENCY_AGAIN = "Send me the total spending on agency staff for 2024 by department again please."


def test_an_earlier_answered_request_from_the_same_email_with_the_same_words_is_a_repeat(
    open_request, ig_officer
):
    earlier = open_request(K.FOI, "2025-03-03", description=AGENCY)
    decisions.record_decision(actor=ig_officer, case=earlier, decision="released", reasons="£1m")
    later = open_request(K.FOI, "2025-05-01", description=AGENCY_AGAIN, contact_name="A. Example")

    [repeat] = flag_repeat_requests(later)
    assert repeat.case == earlier
    assert not repeat.is_still_open
    assert repeat.days_before == 59
    assert {"agency", "spending", "department"} <= set(repeat.shared_words)


def test_an_earlier_request_still_open_is_shown_as_a_duplicate(open_request):
    earlier = open_request(K.FOI, "2025-03-03", description=AGENCY)
    later = open_request(K.EIR, "2025-03-04", description=AGENCY_AGAIN)
    [duplicate] = flag_repeat_requests(later)
    assert duplicate.case == earlier
    assert duplicate.is_still_open


def test_the_same_words_from_someone_else_are_not_a_repeat(open_request):
    open_request(K.FOI, "2025-03-03", description=AGENCY)
    later = open_request(
        K.FOI,
        "2025-05-01",
        description=AGENCY,
        contact_name="Bo Other",
        contact_email="bo@example.org",
    )
    assert flag_repeat_requests(later) == []


def test_a_different_request_from_the_same_person_is_not_a_repeat(open_request):
    open_request(K.FOI, "2025-03-03", description=AGENCY)
    later = open_request(
        K.FOI,
        "2025-05-01",
        subject="Potholes",
        description="How many potholes were filled in 2024?",
    )
    assert flag_repeat_requests(later) == []


def test_a_request_more_than_a_year_earlier_is_not_shown(open_request):
    open_request(K.FOI, "2024-03-01", description=AGENCY)
    later = open_request(K.FOI, "2025-05-01", description=AGENCY_AGAIN)
    assert flag_repeat_requests(later) == []


def test_a_subject_access_request_is_not_compared_with_foi_requests(open_request):
    open_request(K.FOI, "2025-03-03", description=AGENCY)
    later = open_request(K.SAR, "2025-03-04", description=AGENCY_AGAIN)
    assert flag_repeat_requests(later) == []


def test_flagging_a_repeat_records_the_earlier_request_and_the_reason(open_request, ig_officer):
    earlier = open_request(K.FOI, "2025-03-03", description=AGENCY)
    later = open_request(K.FOI, "2025-05-01", description=AGENCY_AGAIN)
    entry = services.flag_request(
        actor=ig_officer, case=later, flag="repeat", other_case=earlier, reason="Answered in March."
    )

    assert (entry.repeat_of, entry.flag_reason, entry.flagged_by) == (
        earlier,
        "Answered in March.",
        ig_officer,
    )
    note = later.events.get(kind=EventKind.NOTE)
    assert earlier.reference in note.summary
    assert not note.is_visible_to_resident


def test_a_repeat_must_come_from_the_same_requester(open_request, ig_officer):
    earlier = open_request(K.FOI, "2025-03-03")
    later = open_request(
        K.FOI, "2025-05-01", contact_name="Bo Other", contact_email="bo@example.org"
    )
    with pytest.raises(services.RequestError) as refused:
        services.flag_request(
            actor=ig_officer, case=later, flag="repeat", other_case=earlier, reason="x"
        )
    assert "other_reference" in refused.value.errors


def test_a_vexatious_flag_needs_its_reason(open_request, ig_officer):
    case = open_request(K.FOI)
    with pytest.raises(services.RequestError) as refused:
        services.flag_request(actor=ig_officer, case=case, flag="vexatious", reason="  ")
    assert "reason" in refused.value.errors


def test_a_vexatious_flag_is_recorded_with_its_reason(open_request, ig_officer):
    case = open_request(K.EIR)
    entry = services.flag_request(
        actor=ig_officer, case=case, flag="vexatious", reason="Forty requests in a week."
    )
    assert entry.is_vexatious
    assert entry.is_flagged
