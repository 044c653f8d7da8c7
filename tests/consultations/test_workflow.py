"""The consultation's life: planned, checked, open, closed, results published; launch refused
while a clash has no reason or a group likely missed no answer; who may do each act; and every
act in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.consultations import services, workflow
from opencex.consultations.models import ConsultationEvent, Method, Status
from opencex.yousaidwedid import services as changes
from tests.consultations.conftest import a_plan, launched, planned
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_clash_blocks_the_launch_until_a_reason_is_recorded(officer, manager, team):
    planned(officer, team, title="Street trees")
    consultation = planned(officer, team)
    services.check_consultation(actor=officer, consultation=consultation)
    (clash,) = consultation.findings.all()
    services.record_equality_check(
        actor=officer,
        consultation=consultation,
        how_reached={c.group: "Door knocking." for c in consultation.equality_checks.all()},
    )
    with pytest.raises(services.ConsultationError, match="1 clashes or duplicates need a reason"):
        services.launch_consultation(actor=manager, consultation=consultation)
    services.acknowledge_finding(actor=officer, finding=clash, reason="Joint events agreed.")
    services.launch_consultation(actor=manager, consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.status == Status.OPEN


def test_a_group_likely_missed_needs_an_answer(officer, team):
    consultation = planned(officer, team, methods=[Method.ONLINE_SURVEY])
    services.check_consultation(actor=officer, consultation=consultation)
    with pytest.raises(services.ConsultationError, match="Residents whose main language"):
        services.record_equality_check(
            actor=officer,
            consultation=consultation,
            how_reached={"young_people": "Youth panel.", "older_people": "Age UK."},
        )


def test_launching_needs_a_check_first(officer, manager, team):
    consultation = planned(officer, team)
    with pytest.raises(workflow.NotNow):
        services.launch_consultation(actor=manager, consultation=consultation)


def test_changing_a_checked_plan_sends_it_back_to_be_checked(officer, team):
    consultation = planned(officer, team)
    services.check_consultation(actor=officer, consultation=consultation)
    services.change_plan(
        actor=officer, consultation=consultation, plan=a_plan(team, title="Parking in Cowley")
    )
    consultation.refresh_from_db()
    assert consultation.status == Status.PLANNED
    assert consultation.checked_at is None


def test_a_recheck_keeps_the_reasons_already_given(officer, team):
    planned(officer, team, title="Street trees")
    consultation = planned(officer, team)
    services.check_consultation(actor=officer, consultation=consultation)
    services.acknowledge_finding(
        actor=officer, finding=consultation.findings.get(), reason="Joint events."
    )
    services.check_consultation(actor=officer, consultation=consultation)
    assert consultation.findings.get().reason_to_proceed == "Joint events."


def test_only_a_manager_of_the_owning_team_launches(officer, manager, team):
    consultation = planned(officer, team, methods=list(Method.values))
    services.check_consultation(actor=officer, consultation=consultation)
    services.record_equality_check(actor=officer, consultation=consultation, how_reached={})
    other_manager = UserFactory(role=Role.TEAM_MANAGER, teams=[TeamFactory()])
    for refused in (officer, other_manager):
        with pytest.raises(PermissionDenied):
            services.launch_consultation(actor=refused, consultation=consultation)
    services.launch_consultation(actor=manager, consultation=consultation)


def test_officers_outside_the_owning_team_may_not_change_it(officer, team):
    consultation = planned(officer, team)
    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        services.check_consultation(actor=stranger, consultation=consultation)
    with pytest.raises(services.ConsultationError, match="a team you are in"):
        services.plan_consultation(actor=stranger, plan=a_plan(team))
    contact_centre = UserFactory(role=Role.CONTACT_CENTRE, teams=[team])
    with pytest.raises(PermissionDenied):
        services.plan_consultation(actor=contact_centre, plan=a_plan(team))


def test_an_end_before_the_start_is_refused(officer, team):
    with pytest.raises(services.ConsultationError, match="end date must be") as refused:
        planned(officer, team, starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 2, 28))
    assert refused.value.field == "ends_on"


def test_a_ward_the_council_does_not_have_is_refused(officer, team):
    with pytest.raises(services.ConsultationError, match="Not a ward"):
        planned(officer, team, wards=["Cowley", "Narnia"])


def test_results_are_published_with_the_changes_they_led_to(officer, manager, team):
    consultation = launched(officer, manager, team)  # March 2027
    with time_machine.travel(dt.datetime(2027, 4, 20, 10, tzinfo=dt.UTC), tick=False):
        services.close_consultation(actor=officer, consultation=consultation)
        with pytest.raises(services.ConsultationError, match="Record the results"):
            services.publish_results(actor=manager, consultation=consultation)
        change = changes.record_change(
            actor=manager,
            title="A parking zone in Cowley",
            you_said="Residents could not park near home.",
            we_did="We brought in permits.",
            service_area=team.service_area,
            made_on=dt.date(2027, 4, 19),
        )
        with pytest.raises(services.ConsultationError, match="today or in the past"):
            _outcome(officer, consultation, decided_on=dt.date(2027, 4, 21))
        _outcome(officer, consultation, decided_on=dt.date(2027, 4, 15), changes=[change])
        with pytest.raises(PermissionDenied):
            services.publish_results(actor=officer, consultation=consultation)
        services.publish_results(actor=manager, consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.status == Status.PUBLISHED
    assert consultation.outcome.published_at is not None
    assert consultation.outcome.responses == 412
    assert list(change.consultation_outcomes.all()) == [consultation.outcome]


def _outcome(officer, consultation, **fields):
    return services.record_outcome(
        actor=officer,
        consultation=consultation,
        responses=412,
        themes="Commuters park all day.",
        decision="A controlled parking zone from June.",
        decided_by="The Cabinet",
        **fields,
    )


def test_every_act_is_in_the_audit_trail(officer, manager, team):
    consultation = launched(officer, manager, team)
    actions = list(
        ConsultationEvent.objects.filter(consultation=consultation)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["planned", "checked", "equality_recorded", "launched"]
    with pytest.raises(TypeError):
        ConsultationEvent.objects.filter(consultation=consultation).delete()
