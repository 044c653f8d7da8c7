"""Awaab's Law after the investigation: the written summary given, the home made safe (or, for an
emergency, alternative accommodation offered) and the further work begun are each recorded
through their one action, offered only when they apply, dated by the clocks' own rules (RULES.md:
concluding 2027-01-06 → summary by 2027-01-11, safety work by 2027-01-13), and a step recorded
late is shown late."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases.actions.hazard_steps import (
    SummaryGivenBy,
    record_further_work_begun,
    record_made_safe,
    record_summary_given,
)
from opencex.cases.actions.hazards import conclude_hazard_investigation, record_hazard
from opencex.cases.errors import CaseError
from opencex.cases.hazard_steps import StepName, hazard_steps, step_of
from opencex.cases.models import EventKind, HazardClass
from opencex.cases.outbound import TOPIC_OF_KIND
from opencex.cases.policies import available_actions
from opencex.events.models import Event
from opencex.notify.models import Notification
from tests.cases.conftest import LONDON, at_ten
from tests.cases.test_hazard_clocks import report
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
STEPS = {"summary", "made-safe", "further-work"}


@pytest.fixture
def repairs_team(db):
    return TeamFactory(slug="housing-repairs", name="Housing Repairs")


@pytest.fixture
def repairs(repairs_team):
    return ServiceFactory(
        slug="report-housing-repair", team=repairs_team, standard_days=20, is_landlord_function=True
    )


@pytest.fixture
def repairs_officer(repairs_team):
    return UserFactory(role=Role.CASEWORKER, teams=[repairs_team])


@pytest.fixture
def damp(repairs_officer, repairs):
    """Damp and mould reported Friday 18 December 2026; the investigation concluded on
    Wednesday 6 January 2027 and found a significant hazard."""
    case = report(
        repairs_officer, repairs, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT
    )
    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        return conclude_hazard_investigation(
            actor=repairs_officer, case=case, significant_hazard_found=True
        )


def test_the_steps_are_due_on_the_worked_dates_of_the_rules(damp):
    steps = {step.name: step for step in hazard_steps(damp)}

    assert steps[StepName.INVESTIGATION].done_on == D("2027-01-06")
    assert steps[StepName.SUMMARY].due_on == D("2027-01-11")
    assert steps[StepName.MADE_SAFE].due_on == D("2027-01-13")
    assert steps[StepName.FURTHER_WORK].due_on == D("2027-01-13")  # 5 working days too


def test_recording_the_summary_marks_it_done_and_tells_the_tenant_its_words(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        case = record_summary_given(
            actor=repairs_officer,
            case=damp,
            given_on=D("2027-01-08"),
            given_by=SummaryGivenBy.PORTAL,
            summary="We found mould caused by a leaking gutter; we will fix the gutter.",
        )
        step = step_of(case, StepName.SUMMARY)

    assert step.done_on == D("2027-01-08")
    assert not step.is_late()
    event = case.events.get(kind=EventKind.SUMMARY_GIVEN)
    assert event.is_visible_to_resident
    assert event.data["by"] == "portal"
    assert event.data["late"] is False
    message = case.events.get(kind=EventKind.MESSAGE_OUT)
    assert "leaking gutter" in message.body
    assert Notification.objects.filter(case=case, template="message_to_resident").exists()


def test_a_summary_on_the_portal_needs_its_words(damp, repairs_officer):
    with (
        time_machine.travel(at_ten("2027-01-08"), tick=False),
        pytest.raises(CaseError, match="Write the summary"),
    ):
        record_summary_given(
            actor=repairs_officer,
            case=damp,
            given_on=D("2027-01-08"),
            given_by=SummaryGivenBy.PORTAL,
        )


def test_a_summary_given_after_its_date_is_recorded_and_shown_late(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-14"), tick=False):
        case = record_summary_given(
            actor=repairs_officer,
            case=damp,
            given_on=D("2027-01-12"),
            given_by=SummaryGivenBy.LETTER,
        )
        step = step_of(case, StepName.SUMMARY)

    assert step.done_on == D("2027-01-12")
    assert step.is_late()
    event = case.events.get(kind=EventKind.SUMMARY_GIVEN)
    assert event.summary.endswith("(late)")
    assert event.data["late"] is True


def test_a_summary_not_given_by_its_date_is_late(damp):
    with time_machine.travel(at_ten("2027-01-11"), tick=False):
        assert not step_of(damp, StepName.SUMMARY).is_late()
    with time_machine.travel(at_ten("2027-01-12"), tick=False):
        assert step_of(damp, StepName.SUMMARY).is_late()


def test_making_the_home_safe_by_13_january_is_on_time_and_the_tenant_is_told(
    damp, repairs_officer
):
    made_safe = dt.datetime(2027, 1, 13, 16, 0, tzinfo=LONDON)
    with time_machine.travel(at_ten("2027-01-14"), tick=False):
        case = record_made_safe(actor=repairs_officer, case=damp, at=made_safe)
        step = step_of(case, StepName.MADE_SAFE)

    assert case.made_safe_at == made_safe
    assert step.done_on == D("2027-01-13")
    assert not step.is_late()
    assert case.events.get(kind=EventKind.MADE_SAFE).summary == "Home made safe"
    assert Notification.objects.filter(case=case, template="case_status_changed").exists()


def test_making_the_home_safe_after_13_january_is_shown_late(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-15"), tick=False):
        case = record_made_safe(actor=repairs_officer, case=damp, at=at_ten("2027-01-14"))

    assert step_of(case, StepName.MADE_SAFE).is_late()
    assert case.events.get(kind=EventKind.MADE_SAFE).data["late"] is True


def test_further_work_that_could_not_begin_in_5_working_days_runs_on_12_weeks(
    damp, repairs_officer
):
    with time_machine.travel(at_ten("2027-03-01"), tick=False):
        case = record_further_work_begun(
            actor=repairs_officer,
            case=damp,
            began_on=D("2027-03-01"),
            delay_reason="The roof needs scaffolding, booked for March.",
        )
        step = step_of(case, StepName.FURTHER_WORK)

    assert step.twelve_week_route
    assert step.due_on == D("2027-03-31")  # 12 weeks from 6 January 2027
    assert not step.is_late()
    event = case.events.get(kind=EventKind.FURTHER_WORK_BEGUN)
    assert "scaffolding" in event.body
    assert event.data["twelve_week_route"] is True


def test_further_work_begun_after_5_working_days_without_a_reason_is_late(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-20"), tick=False):
        case = record_further_work_begun(actor=repairs_officer, case=damp, began_on=D("2027-01-20"))

    assert step_of(case, StepName.FURTHER_WORK).is_late()


def test_an_emergency_made_safe_within_24_hours_is_on_time(repairs_officer, repairs):
    case = report(
        repairs_officer,
        repairs,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )
    assert available_actions(repairs_officer, case) & STEPS == {"made-safe"}
    with time_machine.travel(dt.datetime(2026, 12, 25, 23, 0, tzinfo=LONDON), tick=False):
        case = record_made_safe(
            actor=repairs_officer,
            case=case,
            at=dt.datetime(2026, 12, 25, 21, 0, tzinfo=LONDON),
            alternative_accommodation=True,
        )
        [step] = hazard_steps(case)

    assert step.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)
    assert step.alternative_accommodation
    assert not step.is_late()
    assert case.events.get(kind=EventKind.MADE_SAFE).summary == "Alternative accommodation offered"


def test_an_emergency_made_safe_after_24_hours_is_late(repairs_officer, repairs):
    case = report(
        repairs_officer,
        repairs,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )
    with time_machine.travel(dt.datetime(2026, 12, 26, 9, 0, tzinfo=LONDON), tick=False):
        case = record_made_safe(
            actor=repairs_officer, case=case, at=dt.datetime(2026, 12, 25, 21, 31, tzinfo=LONDON)
        )

    assert hazard_steps(case)[0].is_late()


def test_alternative_accommodation_is_refused_for_a_significant_hazard(damp, repairs_officer):
    with (
        time_machine.travel(at_ten("2027-01-08"), tick=False),
        pytest.raises(CaseError, match="emergency hazard only"),
    ):
        record_made_safe(
            actor=repairs_officer,
            case=damp,
            at=at_ten("2027-01-08"),
            alternative_accommodation=True,
        )


def test_before_the_investigation_concludes_no_step_after_it_is_offered_or_accepted(
    repairs_officer, repairs
):
    case = report(
        repairs_officer, repairs, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT
    )
    with time_machine.travel(at_ten("2026-12-21"), tick=False):
        assert available_actions(repairs_officer, case) & STEPS == set()
        with pytest.raises(CaseError, match="Record the investigation's conclusion first"):
            record_summary_given(
                actor=repairs_officer,
                case=case,
                given_on=D("2026-12-21"),
                given_by=SummaryGivenBy.LETTER,
            )


def test_no_significant_hazard_found_owes_the_summary_and_no_safety_work(repairs_officer, repairs):
    case = report(
        repairs_officer, repairs, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT
    )
    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        case = conclude_hazard_investigation(
            actor=repairs_officer, case=case, significant_hazard_found=False
        )
        assert available_actions(repairs_officer, case) & STEPS == {"summary"}
        with pytest.raises(CaseError, match="record the investigation's finding first"):
            record_made_safe(actor=repairs_officer, case=case, at=at_ten("2027-01-06"))
    steps = {step.name: step for step in hazard_steps(case)}
    assert steps[StepName.MADE_SAFE].not_needed
    assert steps[StepName.FURTHER_WORK].not_needed


def test_each_step_is_recorded_once(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        case = record_summary_given(
            actor=repairs_officer, case=damp, given_on=D("2027-01-08"), given_by="email"
        )
        assert "summary" not in available_actions(repairs_officer, case)
        with pytest.raises(CaseError, match="already been recorded"):
            record_summary_given(
                actor=repairs_officer, case=damp, given_on=D("2027-01-08"), given_by="email"
            )


def test_a_step_cannot_be_dated_before_the_investigation_or_in_the_future(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        with pytest.raises(CaseError, match="before the investigation concluded"):
            record_further_work_begun(actor=repairs_officer, case=damp, began_on=D("2027-01-05"))
        with pytest.raises(CaseError, match="in the future"):
            record_made_safe(actor=repairs_officer, case=damp, at=at_ten("2027-01-09"))


def test_an_officer_outside_the_repairs_team_cannot_record_a_step(damp):
    stranger = UserFactory(role=Role.CASEWORKER)
    with time_machine.travel(at_ten("2027-01-08"), tick=False), pytest.raises(PermissionDenied):
        record_summary_given(actor=stranger, case=damp, given_on=D("2027-01-08"), given_by="email")


def test_each_step_is_told_to_the_back_offices_under_its_own_topic(damp, repairs_officer):
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        record_summary_given(
            actor=repairs_officer, case=damp, given_on=D("2027-01-08"), given_by="letter"
        )
        record_made_safe(actor=repairs_officer, case=damp, at=at_ten("2027-01-08"))
        record_further_work_begun(actor=repairs_officer, case=damp, began_on=D("2027-01-08"))

    topics = set(Event.objects.values_list("topic", flat=True))
    assert {
        TOPIC_OF_KIND[EventKind.SUMMARY_GIVEN],
        TOPIC_OF_KIND[EventKind.MADE_SAFE],
        TOPIC_OF_KIND[EventKind.FURTHER_WORK_BEGUN],
    } <= topics


def test_the_case_is_due_by_the_next_step_the_law_dates_and_has_no_date_once_all_are_done(
    damp, repairs_officer
):
    assert damp.due_on == D("2027-01-13")  # made safe, and further work begun, by then
    with time_machine.travel(at_ten("2027-01-12"), tick=False):
        case = record_made_safe(actor=repairs_officer, case=damp, at=at_ten("2027-01-12"))
        case = record_further_work_begun(
            actor=repairs_officer,
            case=case,
            began_on=D("2027-01-12"),
            delay_reason="The roof needs scaffolding.",
        )
        assert case.due_on == D("2027-01-11")  # the summary is still owed, and late
        case = record_summary_given(
            actor=repairs_officer, case=case, given_on=D("2027-01-12"), given_by="letter"
        )

    assert case.due_on is None
    assert case.due_at is None


def test_once_made_safe_the_tenant_is_told_the_date_the_further_work_must_begin(
    damp, repairs_officer
):
    with time_machine.travel(at_ten("2027-01-12"), tick=False):
        case = record_summary_given(
            actor=repairs_officer, case=damp, given_on=D("2027-01-08"), given_by="letter"
        )
        case = record_made_safe(actor=repairs_officer, case=case, at=at_ten("2027-01-12"))

    assert case.due_on == D("2027-01-13")  # further work: the same 5 working days
    letter = Notification.objects.filter(case=case, template="case_status_changed").latest("pk")
    assert "We have made your home safe" in letter.body
    assert "start any further work it needs by Wednesday 13 January 2027" in letter.body


def test_an_emergency_made_safe_has_no_date_left_and_its_letter_promises_none(
    repairs_officer, repairs
):
    case = report(
        repairs_officer,
        repairs,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )
    with time_machine.travel(dt.datetime(2026, 12, 25, 12, 0, tzinfo=LONDON), tick=False):
        case = record_made_safe(
            actor=repairs_officer, case=case, at=dt.datetime(2026, 12, 25, 11, 0, tzinfo=LONDON)
        )

    assert (case.due_on, case.due_at) == (None, None)
    letter = Notification.objects.filter(case=case, template="case_status_changed").latest("pk")
    assert "We have made your home safe" in letter.body
    assert "9:30pm" not in letter.body


def test_once_made_safe_an_emergency_cannot_be_put_on_another_clock(repairs_officer, repairs):
    case = report(
        repairs_officer,
        repairs,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )
    with time_machine.travel(dt.datetime(2026, 12, 25, 12, 0, tzinfo=LONDON), tick=False):
        case = record_made_safe(
            actor=repairs_officer, case=case, at=dt.datetime(2026, 12, 25, 11, 0, tzinfo=LONDON)
        )
        assert "hazard" not in available_actions(repairs_officer, case)
        with pytest.raises(CaseError, match="recorded as made safe"):
            record_hazard(actor=repairs_officer, case=case, hazard_class=HazardClass.SIGNIFICANT)
