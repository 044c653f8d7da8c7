"""Every date path of the register against ../shared/RULES.md: fees notices, clarification,
extensions, internal review, the subject access month with identity and extension, and lapse."""

from decimal import Decimal

import pytest

from opencex.cases.actions.clock import pause_clock, resume_clock
from opencex.cases.models import CaseKind, EventKind, PauseReason, Status
from opencex.inforights import decisions, services
from opencex.inforights.lapsing import fee_lapses_on, lapse_unpaid_fees
from opencex.inforights.models import InformationRequest
from opencex.notify.models import Notification
from tests.inforights.conftest import D, at_ten

pytestmark = pytest.mark.django_db
K = CaseKind


def _refreshed(case):
    case.refresh_from_db()
    return case


# --- FOI and EIR --------------------------------------------------------------------------------


def test_an_foi_fees_notice_stops_the_clock_from_notice_to_payment_both_included(
    open_request, ig_officer
):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("25.00"), on=D("2026-02-09")
    )
    assert _refreshed(case).due_on is None
    services.record_fee_paid(actor=ig_officer, case=case, on=D("2026-02-20"))

    assert _refreshed(case).due_on == D("2026-03-16")
    entry = InformationRequest.objects.get(case=case)
    assert (entry.fee_amount, entry.fees_notice_on, entry.fee_paid_on) == (
        Decimal("25.00"),
        D("2026-02-09"),
        D("2026-02-20"),
    )


def test_the_requester_is_sent_the_fees_notice_with_the_day_to_pay_by(open_request, ig_officer):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("25"), on=D("2026-02-09")
    )

    notice = Notification.objects.get(template="information_request_fees_notice")
    assert "£25.00" in notice.body
    assert "Friday 8 May 2026" in notice.body


def test_an_eir_clarification_restarts_the_clock_from_the_day_it_arrives(open_request, ig_officer):
    case = open_request(K.EIR, "2025-09-01")
    pause_clock(actor=ig_officer, case=case, reason=PauseReason.CLARIFICATION, on=D("2025-09-03"))
    resume_clock(actor=ig_officer, case=case, on=D("2025-10-24"))

    case = _refreshed(case)
    assert case.clock_started_on == D("2025-10-24")
    assert case.due_on == D("2025-11-21")


def test_a_public_interest_extension_moves_foi_to_the_fortieth_working_day(
    open_request, ig_officer
):
    case = open_request(K.FOI, "2025-04-11")
    services.extend_for_public_interest(
        actor=ig_officer, case=case, reason="Weighing s43(2).", on=D("2025-05-14")
    )

    assert _refreshed(case).due_on == D("2025-06-12")
    told = Notification.objects.get(template="information_request_extended")
    assert "section 10(3)" in told.body
    assert "Thursday 12 June 2025" in told.body


def test_a_public_interest_extension_is_refused_after_the_twentieth_working_day(
    open_request, ig_officer
):
    case = open_request(K.FOI, "2025-04-11")
    with pytest.raises(services.RequestError, match="14 May 2025"):
        services.extend_for_public_interest(
            actor=ig_officer, case=case, reason="Weighing s43(2).", on=D("2025-05-15")
        )
    case = _refreshed(case)
    assert (case.is_extended, case.due_on) == (False, D("2025-05-14"))


def test_an_eir_request_extended_as_complex_and_voluminous_is_due_on_the_fortieth_day(
    open_request, ig_officer
):
    case = open_request(K.EIR, "2025-10-24")
    services.extend_as_complex(
        actor=ig_officer, case=case, reason="Ten years of records.", on=D("2025-11-03")
    )
    assert _refreshed(case).due_on == D("2025-12-22")


def test_an_foi_request_cannot_take_the_eir_complex_extension(open_request, ig_officer):
    case = open_request(K.FOI, "2025-10-24")
    with pytest.raises(services.RequestError):
        services.extend_as_complex(actor=ig_officer, case=case, reason="Big.", on=D("2025-10-27"))


def test_an_internal_review_is_due_twenty_working_days_after_it_was_asked_for(
    open_request, ig_officer
):
    case = open_request(K.FOI, "2025-07-01")
    decisions.record_decision(
        actor=ig_officer, case=case, decision="released", reasons="Attached is the spending."
    )
    review = decisions.request_internal_review(
        actor=ig_officer, case=case, reason="Some is missing.", received_at=at_ten("2025-08-15")
    )

    assert (review.kind, review.parent, review.received_on) == (
        K.FOI_INTERNAL_REVIEW,
        case,
        D("2025-08-15"),
    )
    assert review.due_on == D("2025-09-15")


# --- Subject access -----------------------------------------------------------------------------


def test_a_subject_access_request_is_due_on_the_corresponding_day_next_month(open_request):
    assert open_request(K.SAR, "2025-03-15").due_on == D("2025-04-15")


def test_a_subject_access_request_on_the_31st_is_due_on_the_last_day_of_june(open_request):
    assert open_request(K.SAR, "2025-05-31").due_on == D("2025-06-30")


def test_waiting_for_identity_stops_the_subject_access_clock(open_request, ig_officer):
    case = open_request(K.SAR, "2025-03-15")
    services.ask_for_identity(actor=ig_officer, case=case, on=D("2025-03-15"))

    case = _refreshed(case)
    assert (case.status, case.due_on) == (Status.AWAITING_RESIDENT, None)


def test_the_month_runs_from_the_day_identity_is_verified_when_it_is_later(
    open_request, ig_officer
):
    case = open_request(K.SAR, "2025-03-15")
    services.ask_for_identity(actor=ig_officer, case=case, on=D("2025-03-15"))
    services.record_identity_verified(
        actor=ig_officer, case=case, evidence="Passport seen at the Town Hall", on=D("2025-03-20")
    )

    case = _refreshed(case)
    assert case.clock_started_on == D("2025-03-20")
    # 20 April 2025 is Easter Sunday and 21 April Easter Monday: the next working day.
    assert case.due_on == D("2025-04-22")
    assert case.events.filter(kind=EventKind.CLOCK_RESTARTED).exists()
    entry = InformationRequest.objects.get(case=case)
    assert (entry.identity_verified_on, entry.identity_evidence) == (
        D("2025-03-20"),
        "Passport seen at the Town Hall",
    )


def test_identity_verified_on_the_day_of_the_request_keeps_the_month_from_the_request(
    open_request, ig_officer
):
    case = open_request(K.SAR, "2025-05-31")
    services.ask_for_identity(actor=ig_officer, case=case, on=D("2025-05-31"))
    services.record_identity_verified(
        actor=ig_officer, case=case, evidence="Driving licence", on=D("2025-05-31")
    )
    assert _refreshed(case).due_on == D("2025-06-30")


def test_a_subject_access_extension_is_three_months_from_the_start(open_request, ig_officer):
    case = open_request(K.SAR, "2025-05-31")
    services.extend_as_complex(
        actor=ig_officer, case=case, reason="Records in three services.", on=D("2025-06-30")
    )
    # 31 August 2025 is a Sunday: the next working day.
    assert _refreshed(case).due_on == D("2025-09-01")


def test_a_subject_access_extension_is_refused_after_the_first_month(open_request, ig_officer):
    case = open_request(K.SAR, "2025-05-31")
    with pytest.raises(services.RequestError, match="first month"):
        services.extend_as_complex(
            actor=ig_officer, case=case, reason="Records.", on=D("2025-07-01")
        )


def test_a_subject_access_clarification_moves_the_deadline_back_by_the_days_stopped(
    open_request, ig_officer
):
    case = open_request(K.SAR, "2025-03-03")
    pause_clock(actor=ig_officer, case=case, reason=PauseReason.CLARIFICATION, on=D("2025-03-10"))
    resume_clock(actor=ig_officer, case=case, on=D("2025-03-14"))
    # 3 April plus the five days 10 to 14 March, both included.
    assert _refreshed(case).due_on == D("2025-04-08")


# --- Fees unpaid for three months ---------------------------------------------------------------


def test_a_fee_may_be_paid_until_the_day_before_the_corresponding_day_three_months_on():
    assert fee_lapses_on(D("2026-02-09")) == D("2026-05-09")
    assert fee_lapses_on(D("2026-01-31")) == D("2026-05-01")
    assert fee_lapses_on(D("2025-12-01")) == D("2026-03-01")


def test_an_foi_request_with_its_fee_unpaid_lapses_three_months_after_the_notice(
    open_request, ig_officer
):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
    )

    assert lapse_unpaid_fees(D("2026-05-08")) == 0
    assert _refreshed(case).status == Status.AWAITING_RESIDENT
    assert lapse_unpaid_fees(D("2026-05-09")) == 1

    case = _refreshed(case)
    assert case.status == Status.WITHDRAWN
    assert InformationRequest.objects.get(case=case).lapsed_on == D("2026-05-09")
    assert case.pauses.get().ended_on == D("2026-05-08")
    assert Notification.objects.filter(case=case, template="information_request_lapsed").exists()


def test_lapsing_twice_lapses_once(open_request, ig_officer):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
    )
    assert lapse_unpaid_fees(D("2026-06-01")) == 1
    assert lapse_unpaid_fees(D("2026-06-02")) == 0


def test_a_paid_fee_never_lapses(open_request, ig_officer):
    case = open_request(K.FOI, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
    )
    services.record_fee_paid(actor=ig_officer, case=case, on=D("2026-05-08"))

    assert lapse_unpaid_fees(D("2026-06-01")) == 0
    assert _refreshed(case).status == Status.IN_PROGRESS


def test_an_eir_fee_stops_the_clock_but_never_lapses_the_request(open_request, ig_officer):
    case = open_request(K.EIR, "2026-02-02")
    services.issue_fees_notice(
        actor=ig_officer, case=case, amount=Decimal("40"), on=D("2026-02-09")
    )
    assert lapse_unpaid_fees(D("2026-09-01")) == 0
    assert _refreshed(case).status == Status.AWAITING_RESIDENT
