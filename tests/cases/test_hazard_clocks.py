"""Awaab's Law on a real case: the hazard class chooses the clock, counted from when the council
became aware by any channel; an officer concludes the investigation, which starts the summary and
safety-work clocks (RULES.md, "Hazards in council homes")."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases.actions.hazards import AwareBy, conclude_hazard_investigation, record_hazard
from opencex.cases.actions.opening import open_case
from opencex.cases.clock import case_deadline
from opencex.cases.errors import CaseError
from opencex.cases.hazards import choose_clock, clock_rule_problems
from opencex.cases.models import CaseKind, Channel, EventKind, HazardClass
from tests.cases.conftest import LONDON, at_ten
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def repairs_team(db):
    return TeamFactory(slug="housing-repairs", name="Housing Repairs")


@pytest.fixture
def repairs(repairs_team):
    return ServiceFactory(
        slug="report-housing-repair",
        team=repairs_team,
        standard_days=20,
        is_landlord_function=True,
    )


@pytest.fixture
def repairs_officer(repairs_team):
    return UserFactory(role=Role.CASEWORKER, teams=[repairs_team])


def report(actor, service, received_at, channel=Channel.PHONE, **extra):
    case, _ = open_case(
        actor=actor,
        kind=CaseKind.SERVICE_REQUEST,
        channel=channel,
        subject="Repair",
        description="Something needs fixing.",
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=service,
        received_at=received_at,
        **extra,
    )
    return case


def test_an_emergency_hazard_reported_on_christmas_eve_is_due_at_2130_on_christmas_day(
    repairs_officer, repairs
):
    case = report(
        repairs_officer,
        repairs,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )
    assert case.due_on == D("2026-12-25")
    assert case.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)
    assert case_deadline(case).promise == "by 21:30 on Friday 25 December 2026"


def test_damp_and_mould_reported_friday_18_december_is_investigated_by_6_january(
    repairs_officer, repairs
):
    case = report(
        repairs_officer, repairs, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT
    )
    assert (case.due_on, case.due_at) == (D("2027-01-06"), None)
    assert "investigate by the 10th working day" in case_deadline(case).explanation[0]


def test_an_urgent_repair_runs_on_the_3_working_days_its_answers_chose(repairs_officer, repairs):
    case = report(repairs_officer, repairs, at_ten("2026-06-05"), standard_days=3)
    assert case.due_on == D("2026-06-10")


def test_a_repair_with_no_hazard_keeps_its_service_standard(repairs_officer, repairs):
    case = report(repairs_officer, repairs, at_ten("2026-06-05"))
    assert (case.hazard_class, case.due_on) == ("", D("2026-07-03"))


def test_an_officer_records_a_hazard_from_an_email_counted_from_when_the_council_became_aware(
    repairs_officer, repairs
):
    case = report(repairs_officer, repairs, at_ten("2026-12-21"), channel=Channel.EMAIL)
    seen_on_a_visit = dt.datetime(2026, 12, 18, 15, 0, tzinfo=LONDON)
    with time_machine.travel(at_ten("2026-12-21"), tick=False):
        case = record_hazard(
            actor=repairs_officer,
            case=case,
            hazard_class=HazardClass.SIGNIFICANT,
            became_aware_by=AwareBy.VISIT,
            became_aware_at=seen_on_a_visit,
        )
    assert case.due_on == D("2027-01-06")
    event = case.events.get(kind=EventKind.HAZARD_RECORDED)
    assert event.summary == "Significant hazard recorded"
    assert event.is_visible_to_resident


def test_an_emergency_recorded_by_an_officer_is_due_24_hours_from_becoming_aware(
    repairs_officer, repairs
):
    case = report(repairs_officer, repairs, dt.datetime(2026, 3, 29, 9, 0, tzinfo=LONDON))
    with time_machine.travel(dt.datetime(2026, 3, 29, 9, 5, tzinfo=LONDON), tick=False):
        case = record_hazard(
            actor=repairs_officer,
            case=case,
            hazard_class=HazardClass.EMERGENCY,
            became_aware_by=AwareBy.CALL,
            became_aware_at=dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC),
        )
    # 00:30 GMT, before the clocks went forward: 24 real hours later reads 01:30 BST.
    assert case.due_at == dt.datetime(2026, 3, 30, 1, 30, tzinfo=LONDON)


def test_a_hazard_the_report_described_counts_from_when_the_report_was_received(
    repairs_officer, repairs
):
    case = report(repairs_officer, repairs, dt.datetime(2026, 12, 18, 21, 30, tzinfo=LONDON))
    with time_machine.travel(at_ten("2026-12-19"), tick=False):
        case = record_hazard(
            actor=repairs_officer,
            case=case,
            hazard_class=HazardClass.EMERGENCY,
            became_aware_by=AwareBy.REPORT,
            became_aware_at=at_ten("2026-12-19"),  # classed later: the clock does not move
        )
    assert case.due_at == dt.datetime(2026, 12, 19, 21, 30, tzinfo=LONDON)
    assert case.became_aware_at is None


def test_a_hazard_found_later_on_a_visit_counts_from_the_visit(repairs_officer, repairs):
    case = report(repairs_officer, repairs, at_ten("2026-12-18"))
    with time_machine.travel(at_ten("2026-12-21"), tick=False):
        case = record_hazard(
            actor=repairs_officer,
            case=case,
            hazard_class=HazardClass.EMERGENCY,
            became_aware_by=AwareBy.VISIT,
            became_aware_at=dt.datetime(2026, 12, 21, 9, 15, tzinfo=LONDON),
        )
    assert case.due_at == dt.datetime(2026, 12, 22, 9, 15, tzinfo=LONDON)


def test_the_council_cannot_become_aware_in_the_future(repairs_officer, repairs):
    case = report(repairs_officer, repairs, at_ten("2026-12-18"))
    with (
        time_machine.travel(at_ten("2026-12-21"), tick=False),
        pytest.raises(CaseError, match="in the future"),
    ):
        record_hazard(
            actor=repairs_officer,
            case=case,
            hazard_class=HazardClass.EMERGENCY,
            became_aware_by=AwareBy.CALL,
            became_aware_at=at_ten("2026-12-22"),
        )


def test_a_call_needs_the_time_it_came_in(repairs_officer, repairs):
    case = report(repairs_officer, repairs, at_ten("2026-12-18"))
    with pytest.raises(CaseError, match="date and time"):
        record_hazard(
            actor=repairs_officer,
            case=case,
            hazard_class=HazardClass.EMERGENCY,
            became_aware_by=AwareBy.CALL,
        )


def test_a_hazard_is_refused_on_a_repair_to_a_home_the_council_does_not_let(repairs_officer):
    streets = ServiceFactory(team=repairs_officer.teams.get(), is_landlord_function=False)
    case = report(repairs_officer, streets, at_ten("2026-12-18"))
    with pytest.raises(CaseError, match="council's own homes"):
        record_hazard(actor=repairs_officer, case=case, hazard_class=HazardClass.EMERGENCY)


def test_only_an_officer_handling_the_case_may_record_a_hazard(repairs_officer, repairs):
    case = report(repairs_officer, repairs, at_ten("2026-12-18"))
    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        record_hazard(actor=stranger, case=case, hazard_class=HazardClass.EMERGENCY)


def test_a_concluded_investigation_that_found_a_hazard_owes_safety_work_by_13_january(
    repairs_officer, repairs
):
    case = report(
        repairs_officer, repairs, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT
    )
    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        case = conclude_hazard_investigation(
            actor=repairs_officer, case=case, significant_hazard_found=True
        )
    assert case.due_on == D("2027-01-13")
    explanation = case_deadline(case).explanation
    assert "Written summary due: Monday 11 January 2027." in explanation
    assert explanation[-1] == "Due: Wednesday 13 January 2027."


def test_a_concluded_investigation_that_found_no_hazard_owes_the_summary_by_11_january(
    repairs_officer, repairs
):
    case = report(
        repairs_officer, repairs, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT
    )
    with time_machine.travel(at_ten("2027-01-07"), tick=False):
        case = conclude_hazard_investigation(
            actor=repairs_officer,
            case=case,
            significant_hazard_found=False,
            on=D("2027-01-06"),
        )
    assert case.due_on == D("2027-01-11")
    assert case.events.filter(kind=EventKind.INVESTIGATION_CONCLUDED).exists()


def test_an_emergency_has_no_investigation_to_conclude(repairs_officer, repairs):
    case = report(
        repairs_officer,
        repairs,
        at_ten("2026-12-18"),
        hazard_class=HazardClass.EMERGENCY,
    )
    with time_machine.travel(at_ten("2026-12-18"), tick=False), pytest.raises(CaseError):
        conclude_hazard_investigation(
            actor=repairs_officer, case=case, significant_hazard_found=True
        )


RULES = [
    {"when": {"gas_smell": "yes"}, "hazard": "emergency", "tell": ["gas_emergency"]},
    {"when": {"problem": "damp_mould", "urgency": "urgent"}, "hazard": "emergency"},
    {"when": {"problem": "damp_mould"}, "hazard": "significant"},
    {"when": {"urgency": "urgent"}, "standard_days": 3},
]


@pytest.mark.parametrize(
    ("answers", "hazard", "days", "tell"),
    [
        ({"gas_smell": "yes", "problem": "leak"}, "emergency", None, ("gas_emergency",)),
        ({"gas_smell": "no", "problem": "damp_mould", "urgency": "urgent"}, "emergency", None, ()),
        (
            {"gas_smell": "no", "problem": "damp_mould", "urgency": "routine"},
            "significant",
            None,
            (),
        ),
        ({"gas_smell": "no", "problem": "leak", "urgency": "urgent"}, "", 3, ()),
        ({"gas_smell": "no", "problem": "leak", "urgency": "routine"}, "", None, ()),
    ],
)
def test_the_first_rule_that_matches_the_answers_chooses_the_clock(answers, hazard, days, tell):
    choice = choose_clock(RULES, answers)
    assert (choice.hazard_class, choice.standard_days, choice.tell) == (hazard, days, tell)


def test_a_checkbox_answer_matches_a_rule_when_it_includes_the_value():
    rules = [{"when": {"rooms": "bedroom"}, "hazard": "significant"}]
    assert choose_clock(rules, {"rooms": ["kitchen", "bedroom"]}).hazard_class == "significant"


def test_a_clock_rule_about_an_unknown_question_or_answer_is_a_problem_named_in_words():
    questions = {"urgency": {"type": "radios", "options": [{"value": "urgent"}]}}
    problems = clock_rule_problems(
        [
            {"when": {"gas": "yes"}, "hazard": "emergency"},
            {"when": {"urgency": "soon"}, "hazard": "emergency"},
            {"when": {"urgency": "urgent"}, "hazard": "serious"},
            {"when": {"urgency": "urgent"}, "hazard": "emergency", "standard_days": 3},
            {"when": {"urgency": "urgent"}, "tell": ["fire_brigade"]},
        ],
        questions,
    )
    assert problems == [
        '"case.clock_from", rule 1: "gas" is not a radios or checkboxes question.',
        '"case.clock_from", rule 2: "soon" is not an option of "urgency".',
        '"case.clock_from", rule 3: "hazard" must be "emergency" or "significant".',
        '"case.clock_from", rule 4: a hazard runs on its own clock, so give no standard_days.',
        '"case.clock_from", rule 5: "tell" lists any of gas_emergency, out_of_hours.',
    ]
