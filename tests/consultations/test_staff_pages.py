"""The staff pages: who may use them, the horizon scan's filters, planning with an error summary
for bad dates, the check showing a clash with a link, the reason and equality forms, launch,
and the results form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.consultations import services
from opencex.consultations.models import Audience, Consultation, Method, Status
from tests.consultations.conftest import launched, planned
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _plan_post(team, **changes) -> dict:
    data = {
        "title": "Parking permits in Cowley",
        "topic": "A controlled parking zone.",
        "service_area": team.service_area.pk,
        "team": team.pk,
        "audience": Audience.EVERYONE,
        "wards": ["Cowley"],
        "methods": [Method.ONLINE_SURVEY, Method.PAPER],
        "starts_on-day": "1",
        "starts_on-month": "3",
        "starts_on-year": "2027",
        "ends_on-day": "28",
        "ends_on-month": "3",
        "ends_on-year": "2027",
        "how_to_take_part": "Online at oxford.gov.uk/parking.",
    }
    data.update(changes)
    return data


def test_residents_may_not_see_the_horizon_scan(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    response = client.get(reverse("staff:consultations"))
    assert response.status_code in (302, 403)


def test_the_contact_centre_sees_the_scan_but_may_not_plan(client, officer, team):
    planned(officer, team)
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    response = client.get(
        reverse("staff:consultations"), {"start-day": "1", "start-month": "3", "start-year": "2027"}
    )
    assert response.status_code == 200
    assert b"Parking permits in Cowley" in response.content
    assert client.get(reverse("staff:consultation-plan")).status_code == 403


def test_the_scan_filters_by_ward_keeping_city_wide_ones(client, officer, team):
    planned(officer, team, title="Cowley parking")
    planned(officer, team, title="Summertown library", wards=["Summertown"])
    planned(officer, team, title="The budget", wards=[])
    client.force_login(officer)
    response = client.get(
        reverse("staff:consultations"),
        {
            "start-day": "1",
            "start-month": "2",
            "start-year": "2027",
            "months": "3",
            "ward": "Cowley",
        },
    )
    content = response.content.decode()
    assert "Cowley parking" in content
    assert "The budget" in content
    assert "Summertown library" not in content


def test_planning_with_the_end_before_the_start_shows_the_error_summary(client, officer, team):
    client.force_login(officer)
    response = client.post(
        reverse("staff:consultation-plan"),
        _plan_post(team, **{"ends_on-day": "1", "ends_on-month": "2"}),
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'href="#ends_on-day"' in content
    assert "The end date must be the same as or after the start date" in content
    assert not Consultation.objects.exists()


def test_an_officer_plans_checks_and_sees_the_clash_with_a_link(client, officer, team):
    other = planned(officer, team, title="Street trees")
    client.force_login(officer)
    response = client.post(reverse("staff:consultation-plan"), _plan_post(team))
    consultation = Consultation.objects.exclude(pk=other.pk).get()
    assert response.status_code == 302
    client.post(reverse("staff:consultation-check", args=[consultation.pk]))
    page = client.get(reverse("staff:consultation", args=[consultation.pk])).content.decode()
    assert "Clash" in page
    assert reverse("staff:consultation", args=[other.pk]) in page
    assert "It cannot be launched yet" in page


def test_a_blank_reason_and_a_missing_equality_answer_are_errors(client, officer, team):
    planned(officer, team, title="Street trees")
    consultation = planned(officer, team, methods=[Method.ONLINE_SURVEY])
    services.check_consultation(actor=officer, consultation=consultation)
    finding = consultation.findings.get()
    client.force_login(officer)
    response = client.post(
        reverse("staff:consultation-acknowledge", args=[consultation.pk, finding.pk]),
        {f"finding-{finding.pk}-reason": ""},
    )
    assert response.status_code == 400
    assert "Enter why the consultation should go ahead" in response.content.decode()
    response = client.post(reverse("staff:consultation-equality", args=[consultation.pk]), {})
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#other_languages"' in content
    assert "Say how the plan reaches residents whose main language is not english" in content


def test_a_manager_launches_from_the_page(client, officer, manager, team):
    consultation = planned(officer, team, methods=list(Method.values))
    services.check_consultation(actor=officer, consultation=consultation)
    services.record_equality_check(actor=officer, consultation=consultation, how_reached={})
    client.force_login(manager)
    client.post(reverse("staff:consultation-launch", args=[consultation.pk]))
    consultation.refresh_from_db()
    assert consultation.status == Status.OPEN


def test_an_officer_of_another_team_may_not_launch(client, officer, team):
    consultation = planned(officer, team, methods=list(Method.values))
    services.check_consultation(actor=officer, consultation=consultation)
    services.record_equality_check(actor=officer, consultation=consultation, how_reached={})
    client.force_login(UserFactory(role=Role.TEAM_MANAGER))
    response = client.post(reverse("staff:consultation-launch", args=[consultation.pk]))
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == Status.CHECKED


def test_the_results_form_refuses_a_decision_before_the_start(client, officer, manager, team):
    consultation = launched(officer, manager, team)
    services.close_consultation(actor=officer, consultation=consultation)
    client.force_login(officer)
    response = client.post(
        reverse("staff:consultation-results", args=[consultation.pk]),
        {
            "responses": "40",
            "themes": "Too few spaces.",
            "decision": "A zone.",
            "decided_by": "The Cabinet",
            "decided_on-day": "1",
            "decided_on-month": "1",
            "decided_on-year": "2027",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#decided_on-day"' in content
    assert "on or after the consultation started" in content


def test_a_far_future_scan_start_is_an_error_not_a_crash(client, officer):
    """Year 9999 plus the scan's months ran past the calendar's end: a 500 before."""
    client.force_login(officer)
    response = client.get(
        reverse("staff:consultations"),
        {"start-day": "1", "start-month": "12", "start-year": "9999", "months": "12"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Year must be between 1900 and 2100" in content


@pytest.mark.parametrize("year", ["9999", "1899", "2101"])
def test_planning_for_a_year_out_of_range_is_refused(client, officer, team, year):
    client.force_login(officer)
    response = client.post(
        reverse("staff:consultation-plan"), _plan_post(team, **{"ends_on-year": year})
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert 'href="#ends_on-day"' in content
    assert "Year must be between 1900 and 2100" in content
    assert not Consultation.objects.exists()


def test_a_results_date_in_year_9999_is_refused(client, officer, manager, team):
    consultation = launched(officer, manager, team)
    services.close_consultation(actor=officer, consultation=consultation)
    client.force_login(officer)
    response = client.post(
        reverse("staff:consultation-results", args=[consultation.pk]),
        {
            "responses": "3",
            "themes": "Themes.",
            "decision": "Decision.",
            "decided_by": "The Cabinet",
            "decided_on-day": "1",
            "decided_on-month": "1",
            "decided_on-year": "9999",
        },
    )
    assert response.status_code == 400
    assert "Year must be between 1900 and 2100" in response.content.decode()
