"""The staff complaint page and its actions, the possible-complaints list and the lessons learned:
who may use them, the GOV.UK error summary on bad input, the wording check and letter preview."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel, Status
from opencex.complaints import services
from opencex.complaints.models import Outcome, StageResponse
from tests.complaints.conftest import complain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def page(case):
    return reverse("staff:complaint", args=[case.reference])


def action(case, name):
    return reverse(f"staff:complaint-{name}", args=[case.reference])


RESPONSE = {
    "respond-outcome": Outcome.PARTLY_UPHELD,
    "respond-complaint_as_understood": "Your bin was missed three times.",
    "respond-decision_and_reasons": "We missed it twice. The third time it was not out.",
    "respond-apology": "on",
    "respond-remedy_action": "We have added your road to the checklist.",
    "respond-still_to_do": "",
    "respond-lesson_learned": "",
    "respond-lesson_service": "",
    "respond-about_service": "",
}


@pytest.fixture
def acknowledged(complaints_service, waste, handler):
    case = complain(service=complaints_service, about=waste)
    return services.acknowledge_complaint(actor=handler, case=case)


def test_a_handler_sees_the_complaint_with_its_clock_and_ombudsman(client, acknowledged, handler):
    client.force_login(handler)

    response = client.get(page(acknowledged))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Stage 1 complaint" in body
    assert "Report a missed bin collection" in body  # the service complained about
    assert "Local Government and Social Care Ombudsman" in body
    assert 'id="clock-explanation"' in body
    assert "Respond at stage 1" in body


def test_a_caseworker_in_another_team_gets_not_found(client, acknowledged, waste):
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[waste.team]))

    assert client.get(page(acknowledged)).status_code == 404


def test_a_contact_centre_officer_who_can_see_it_may_not_handle_it(
    client, acknowledged, complaints_team
):
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE, teams=[complaints_team]))

    assert client.get(page(acknowledged)).status_code == 403
    assert client.post(action(acknowledged, "respond"), RESPONSE).status_code == 403


def test_a_resident_is_refused_and_a_visitor_sent_to_sign_in(client, acknowledged, resident_user):
    assert "/staff/sign-in/" in client.get(page(acknowledged)).url
    client.force_login(resident_user)
    assert client.get(page(acknowledged)).status_code == 403


def test_a_request_is_not_a_complaint_page(client, waste):
    officer = UserFactory(role=Role.CASEWORKER, teams=[waste.team])
    request, _ = open_case(
        actor=officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Bin",
        description="Missed",
        contact_name="Ann",
        service=waste,
    )
    client.force_login(officer)

    assert client.get(page(request)).status_code == 404


def test_acknowledging_starts_the_response_clock(client, complaints_service, handler):
    case = complain(service=complaints_service)
    client.force_login(handler)

    response = client.post(action(case, "acknowledge"))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED


def test_check_and_preview_shows_wording_warnings_and_the_letter_without_sending(
    client, acknowledged, handler
):
    client.force_login(handler)
    posted = {**RESPONSE, "respond-remedy_action": "We will utilise a new checklist."}

    response = client.post(action(acknowledged, "respond"), posted)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Instead of “utilise”, write “use”." in body
    assert 'id="letter-preview"' in body
    assert "This is our stage 1 response to your complaint" in body
    assert "Send response" in body
    assert not StageResponse.objects.exists()


def test_sending_records_the_response(client, acknowledged, handler):
    client.force_login(handler)

    response = client.post(action(acknowledged, "respond"), {**RESPONSE, "send": "1"})

    assert response.status_code == 302
    stage_response = StageResponse.objects.get()
    assert (stage_response.stage, stage_response.outcome) == (1, Outcome.PARTLY_UPHELD)
    assert stage_response.apology


def test_an_empty_response_is_summarised_as_errors(client, acknowledged, handler):
    client.force_login(handler)

    response = client.post(action(acknowledged, "respond"), {"send": "1"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert 'href="#respond-outcome"' in body
    assert "Choose upheld, partly upheld or not upheld" in body
    assert "Write the complaint as you understand it" in body
    assert "Write your decision and the reasons for it" in body


def test_a_lesson_without_its_service_is_an_error(client, acknowledged, handler):
    client.force_login(handler)
    posted = {**RESPONSE, "respond-lesson_learned": "Check the round.", "send": "1"}

    response = client.post(action(acknowledged, "respond"), posted)

    assert response.status_code == 400
    assert "Choose the service the lesson learned is for" in response.content.decode()


def test_a_stage_one_extension_over_ten_days_is_shown_as_an_error(client, acknowledged, handler):
    client.force_login(handler)

    response = client.post(
        action(acknowledged, "extend"), {"extend-days": "11", "extend-reason": "Survey"}
    )

    assert response.status_code == 400
    assert "A stage 1 extension is 1 to 10 working days." in response.content.decode()


def test_an_extension_without_a_reason_is_shown_as_an_error(client, acknowledged, handler):
    client.force_login(handler)

    response = client.post(action(acknowledged, "extend"), {"extend-days": "5"})

    assert response.status_code == 400
    assert 'href="#extend-reason"' in response.content.decode()


def test_extending_moves_the_deadline(client, acknowledged, handler):
    client.force_login(handler)
    before = acknowledged.due_on

    response = client.post(
        action(acknowledged, "extend"), {"extend-days": "5", "extend-reason": "Survey"}
    )

    assert response.status_code == 302
    acknowledged.refresh_from_db()
    assert acknowledged.is_extended
    assert acknowledged.due_on > before


def test_staff_escalate_with_a_reason(client, acknowledged, handler):
    client.force_login(handler)
    assert client.post(action(acknowledged, "escalate"), {}).status_code == 400

    response = client.post(action(acknowledged, "escalate"), {"escalate-reason": "Phoned"})

    assert response.status_code == 302
    acknowledged.refresh_from_db()
    assert acknowledged.stage == 2


def test_the_stage_one_officer_can_read_stage_two_but_not_act(
    client, acknowledged, handler, second_handler
):
    services.record_complaint_response(
        actor=handler,
        case=acknowledged,
        outcome=Outcome.NOT_UPHELD,
        complaint_as_understood="Missed bin.",
        decision_and_reasons="It was not out.",
    )
    services.escalate_to_stage_two(actor=handler, case=acknowledged, reason="Unhappy")
    client.force_login(handler)

    response = client.get(page(acknowledged))

    assert response.status_code == 200
    body = response.content.decode()
    assert "someone else must handle stage 2" in body
    assert "Acknowledge today" not in body
    assert client.post(action(acknowledged, "acknowledge")).status_code == 403
    client.force_login(second_handler)
    assert "Acknowledge today" in client.get(page(acknowledged)).content.decode()


def test_possible_complaints_are_listed_and_treated_as_a_complaint_in_one_click(
    client, waste, complaints_service
):
    officer = UserFactory(role=Role.CASEWORKER, teams=[waste.team])
    request, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="Third time this month. I'm fed up.",
        contact_name="Ann",
        contact_email="ann@example.org",
        service=waste,
    )
    client.force_login(officer)

    listed = client.get(reverse("staff:possible-complaints"))
    assert request.reference in listed.content.decode()

    response = client.post(reverse("staff:treat-as-complaint", args=[request.reference]))

    assert response.status_code == 302
    assert request.complaints_raised.get().case.kind == CaseKind.COMPLAINT
    again = client.post(reverse("staff:treat-as-complaint", args=[request.reference]), follow=True)
    assert "already opened" in again.content.decode()


def test_treat_as_complaint_is_not_found_for_a_case_the_officer_cannot_see(client, waste, repairs):
    request, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin",
        description="Fed up",
        contact_name="Ann",
        contact_email="ann@example.org",
        service=waste,
    )
    client.force_login(UserFactory(role=Role.CASEWORKER, teams=[repairs.team]))

    assert (
        client.post(reverse("staff:treat-as-complaint", args=[request.reference])).status_code
        == 404
    )


def test_lessons_learned_are_listed_by_service_area(client, acknowledged, handler, waste, repairs):
    services.record_complaint_response(
        actor=handler,
        case=acknowledged,
        outcome=Outcome.UPHELD,
        complaint_as_understood="Missed bin.",
        decision_and_reasons="We missed it.",
        lesson_learned="Crews tick off every house.",
        lesson_service=waste,
    )
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))

    waste_lessons = client.get(reverse("staff:complaint-lessons"), {"area": "waste-recycling"})
    housing_lessons = client.get(reverse("staff:complaint-lessons"), {"area": "council-housing"})

    assert "Crews tick off every house." in waste_lessons.content.decode()
    assert "Crews tick off every house." not in housing_lessons.content.decode()
