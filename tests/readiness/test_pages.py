"""The staff pages and the public plan: who may use them, the strand form's error summary,
moderation through the page, the action plan's filters, the CSV files, and the public page
with no staff names."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.catalogue.models import ServiceArea
from opencex.readiness import services
from opencex.readiness.models import Action, AssessmentStatus, Rag
from tests.factories import UserFactory
from tests.readiness.conftest import submitted

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CONTACT_CENTRE, Role.CASEWORKER])
def test_only_managers_information_governance_and_administrators_see_readiness(client, role):
    client.force_login(UserFactory(role=role))
    for name in ["staff:readiness", "staff:readiness-actions", "staff:readiness-cse"]:
        assert client.get(reverse(name)).status_code == 403


def test_a_level_without_evidence_shows_the_error_summary(client, area, lead):
    assessment = services.start_assessment(actor=lead, service_area=area)
    client.force_login(lead)
    url = reverse("staff:readiness-assessment-strand", args=[assessment.pk, "alpha"])
    response = client.post(url, {"a1-level": "2", "a1-evidence": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_a1-evidence"' in page
    response = client.post(url, {"a1-level": "2", "a1-evidence": "Our page."})
    assert response.status_code == 302
    assert assessment.answers.get(question_key="a1").self_level == 2


def test_submitting_unfinished_says_what_is_missing(client, area, lead):
    assessment = services.start_assessment(actor=lead, service_area=area)
    client.force_login(lead)
    response = client.post(reverse("staff:readiness-assessment-submit", args=[assessment.pk]))
    assert response.status_code == 400
    assert "4 still need a level and evidence" in response.content.decode()


def test_the_assessor_gets_no_moderation_page(client, area, lead):
    assessment = submitted(area, lead)
    client.force_login(lead)
    url = reverse("staff:readiness-assessment-moderate", args=[assessment.pk])
    assert client.get(url).status_code == 403


def test_the_moderator_confirms_through_the_page(client, area, lead, moderator):
    assessment = submitted(area, lead)
    client.force_login(moderator)
    url = reverse("staff:readiness-assessment-moderate", args=[assessment.pk])
    assert client.get(url).status_code == 200
    data = {"a1-level": "1", "a2-level": "4", "b1-level": "2", "b2-level": "2"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'href="#id_b2-reason"' in response.content.decode()
    data["b2-reason"] = "No published standard."
    assert client.post(url, data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.CONFIRMED
    assert Action.objects.count() == 3


def test_the_plan_filters_by_strand_and_overdue(client, confirmed, lead):
    client.force_login(lead)
    url = reverse("staff:readiness-actions")
    page = client.get(url, {"strand": "beta"}).content.decode()
    assert "Improve B1" in page
    assert "Improve A1" not in page
    with time_machine.travel(dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        client.force_login(lead)  # the session of December has expired by March
        page = client.get(url, {"overdue": "on"}).content.decode()
        assert "Improve B1" in page
        assert "Improve A1" not in page
        assert "Red 2, amber 0, green 0, complete 0." in page
        rows = _csv(client.get(reverse("staff:readiness-actions-csv"), {"rag": "red"}))
    assert rows[0][:3] == ["Action", "Service area", "Strand"]
    assert sorted(row[0] for row in rows[1:]) == ["Improve B1", "Improve B2"]
    assert {row[6] for row in rows[1:]} == {"red"}


def test_the_action_page_shows_its_measures_against_target(client, confirmed, lead):
    action = Action.objects.get(question_key="b1")
    client.force_login(lead)
    page = client.get(reverse("staff:readiness-action", args=[action.pk])).content.decode()
    assert "Cases finished in time" in page
    assert "Requests made online" in page
    assert "Last whole month: 1 November 2026 to 30 November 2026" in page
    response = client.post(
        reverse("staff:readiness-action", args=[action.pk]), {"rag": "complete", "text": "Done"}
    )
    assert response.status_code == 400
    assert "Enter the evidence that the action is complete" in response.content.decode()


def test_the_overview_shows_the_matrix_and_its_chart(client, confirmed, lead):
    client.force_login(lead)
    page = client.get(reverse("staff:readiness")).content.decode()
    assert 'role="img"' in page
    assert "Council-wide readiness by strand" in page
    assert reverse("staff:readiness-area", args=["waste"]) in page
    page = client.get(reverse("staff:readiness-area", args=["waste"])).content.decode()
    assert "Overall readiness over time: Waste and recycling" in page


def test_the_scores_csv_has_a_row_per_area(client, confirmed, lead):
    client.force_login(lead)
    rows = _csv(client.get(reverse("staff:readiness-scores-csv")))
    assert rows == [
        ["Service area", "Alpha strand", "Beta strand", "Overall", "Confirmed"],
        ["Waste and recycling", "2.5", "2.0", "2.3", "2026-12-01"],
    ]


def test_the_cse_evidence_lists_answers_and_completed_actions_by_criterion(client, confirmed, lead):
    action = Action.objects.get(question_key="b1")
    services.update_action(
        actor=lead, action=action, text="Done", rag=Rag.COMPLETE, evidence="Standards published."
    )
    client.force_login(lead)
    page = client.get(reverse("staff:readiness-cse")).content.decode()
    assert "Criterion 1: Customer Insight" in page
    rows = _csv(client.get(reverse("staff:readiness-cse-csv")))
    found = {(row[2], row[3], row[5], row[8]) for row in rows[1:]}
    assert found == {
        ("1.3.1", "no", "assessment", "Evidence for a1 at level 1."),
        ("4.1.2", "yes", "assessment", "Evidence for a1 at level 1."),
        ("3.3", "no", "assessment", "Evidence for a2 at level 4."),
        ("5.1.1", "no", "assessment", "Evidence for b1 at level 2."),
        ("5.1.1", "no", "action", "Standards published."),
    }


def test_the_public_plan_shows_actions_and_scores_without_staff_names(client, confirmed, lead):
    with time_machine.travel(dt.datetime(2027, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("web:our-plan"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Improve B1" in page
    assert "March 2027" in page
    assert "2.5 out of 5" in page
    assert "2.0 out of 5" in page
    assert "0 complete, 1 on track, 0 at risk, 0 behind" in page  # alpha: a1, due in June
    assert "0 complete, 0 on track, 0 at risk, 2 behind" in page  # beta: b1, b2 overdue
    assert lead.full_name not in page
    assert "Mo Derator" not in page
    assert "Lena" not in page


def test_an_action_kept_off_the_public_plan_is_not_shown(client, confirmed):
    Action.objects.filter(question_key="a1").update(is_public=False)
    page = client.get(reverse("web:our-plan")).content.decode()
    assert "Improve A1" not in page
    assert "Improve B1" in page


def test_the_reports_page_links_to_readiness(client, lead):
    client.force_login(lead)
    page = client.get(reverse("staff:reports")).content.decode()
    assert reverse("staff:readiness") in page


def test_the_performance_page_links_to_the_plan(client):
    page = client.get(reverse("web:performance")).content.decode()
    assert reverse("web:our-plan") in page


def test_the_areas_to_start_are_read_in_one_query_however_many_there_are(
    client, lead, django_assert_max_num_queries
):
    from opencex.readiness import policies
    from tests.factories import ServiceAreaFactory

    ServiceAreaFactory.create_batch(12)
    mine = set(policies.areas_assessable_by(lead))
    assert mine == {area for area in ServiceArea.objects.all() if policies.can_assess(lead, area)}
    assert mine  # the lead's own area
    client.force_login(lead)
    with django_assert_max_num_queries(10):  # 7; not one query per service area (13 here)
        assert client.get(reverse("staff:readiness")).status_code == 200
