"""The stage response: what it records, what the letter says (RULES.md: the stage, the complaint
as understood, the decision and reasons, any remedy, what is still to be done, how to escalate;
the final response names the right ombudsman), and who may send it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.cases.actions.routing import reassign_case
from opencex.cases.errors import CaseError
from opencex.cases.models import EventKind, Status
from opencex.complaints import services
from opencex.complaints.models import Outcome, StageResponse
from opencex.notify.models import Notification
from tests.complaints.conftest import complain
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def respond(actor, case, **overrides):
    fields = {
        "outcome": Outcome.UPHELD,
        "complaint_as_understood": "Your bin was missed three weeks running.",
        "decision_and_reasons": "We uphold it. The crew skipped your road twice.",
        "apology": True,
        "remedy_action": "We have added your road to the crew's checklist.",
        "still_to_do": "The supervisor will check your collection next week.",
        **overrides,
    }
    return services.record_complaint_response(actor=actor, case=case, **fields)


def acknowledged(case, handler):
    return services.acknowledge_complaint(actor=handler, case=case)


def at_stage_two(case, handler, second_handler):
    respond(handler, acknowledged(case, handler))
    case = services.escalate_to_stage_two(actor=handler, case=case, reason="Missed again")
    return acknowledged(case, second_handler)


def test_a_stage_one_response_is_recorded_and_the_complaint_is_responded(
    complaints_service, waste, handler
):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)

    response = respond(handler, case, remedy_amount=Decimal("25.00"))

    case.refresh_from_db()
    assert (case.status, case.stage) == (Status.RESPONDED, 1)
    assert (response.stage, response.outcome, response.remedy_amount) == (
        1,
        Outcome.UPHELD,
        Decimal("25.00"),
    )
    assert response.responded_by == handler
    assert response.was_in_time


def test_the_stage_one_letter_sets_out_everything_the_code_asks_for(
    complaints_service, waste, handler
):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)

    letter = respond(handler, case, remedy_amount=Decimal("25.00")).letter

    assert "This is our stage 1 response to your complaint" in letter
    assert "Your bin was missed three weeks running." in letter
    assert "Our decision: Upheld" in letter
    assert "The crew skipped your road twice." in letter
    assert "We are sorry for what went wrong." in letter
    assert "We have added your road to the crew's checklist." in letter
    assert "We will pay you £25.00." in letter
    assert "The supervisor will check your collection next week." in letter
    assert "ask us to look at your complaint again at stage 2" in letter
    assert f"/track/{case.reference}" in letter
    assert "Ombudsman" not in letter


def test_the_response_is_on_the_residents_timeline_as_sent(complaints_service, waste, handler):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)

    response = respond(handler, case)

    event = case.events.get(kind=EventKind.MESSAGE_OUT)
    assert event.is_visible_to_resident
    assert event.body == response.letter
    assert event.data["stage"] == 1


def test_a_response_with_no_remedy_says_so(complaints_service, waste, handler):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)

    letter = respond(
        handler, case, outcome=Outcome.NOT_UPHELD, apology=False, remedy_action="", still_to_do=""
    ).letter

    assert "Our decision: Not upheld" in letter
    assert "We are not offering a remedy." in letter
    assert "Nothing: we have done everything we said we would." in letter


@pytest.mark.django_db(transaction=True)
def test_the_stage_one_response_is_emailed_to_the_resident(
    complaints_service, waste, handler, smtp_server, run_jobs
):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)
    run_jobs()
    smtp_server.messages.clear()

    respond(handler, case)
    run_jobs()

    [letter] = [m for m in smtp_server.messages if "stage 1 response" in m["Subject"]]
    assert letter["To"] == "ann@example.org"
    assert case.reference in letter["Subject"]
    assert "The crew skipped your road twice." in letter.get_content()


@pytest.mark.django_db(transaction=True)
def test_the_final_response_about_waste_names_the_local_government_ombudsman(
    complaints_service, waste, handler, second_handler, smtp_server, run_jobs
):
    case = at_stage_two(complain(service=complaints_service, about=waste), handler, second_handler)
    run_jobs()
    smtp_server.messages.clear()

    response = respond(second_handler, case, outcome=Outcome.PARTLY_UPHELD)
    run_jobs()

    [letter] = [m for m in smtp_server.messages if "final stage 2 response" in m["Subject"]]
    body = letter.get_content()
    assert "It is our final response." in body
    assert "Local Government and Social Care Ombudsman" in body
    assert "0300 061 0614" in body
    assert "https://www.lgo.org.uk" in body
    assert "PO Box 4771, Coventry, CV4 0EH" in body
    assert "Housing Ombudsman" not in body
    assert response.ombudsman == "lgsco"


@pytest.mark.django_db(transaction=True)
def test_the_final_response_about_a_council_home_repair_names_the_housing_ombudsman(
    complaints_service, repairs, handler, second_handler, smtp_server, run_jobs
):
    case = at_stage_two(
        complain(service=complaints_service, about=repairs), handler, second_handler
    )
    run_jobs()
    smtp_server.messages.clear()

    response = respond(second_handler, case)
    run_jobs()

    [letter] = [m for m in smtp_server.messages if "final stage 2 response" in m["Subject"]]
    body = letter.get_content()
    assert "Housing Ombudsman Service" in body
    assert "0300 111 3000" in body
    assert "https://www.housing-ombudsman.org.uk" in body
    assert "Local Government and Social Care Ombudsman" not in body
    assert response.ombudsman == "housing-ombudsman"


def test_the_officer_can_say_which_service_the_complaint_is_about(
    complaints_service, repairs, handler, second_handler
):
    case = complain(service=complaints_service)  # no earlier request: the service is unknown
    respond(handler, acknowledged(case, handler), about_service=repairs)
    case = services.escalate_to_stage_two(actor=handler, case=case, reason="Still leaking")
    case = acknowledged(case, second_handler)

    response = respond(second_handler, case)

    assert response.ombudsman == "housing-ombudsman"
    assert case.complaint.about_service == repairs


def test_a_complaint_cannot_be_answered_before_it_is_acknowledged(complaints_service, handler):
    case = complain(service=complaints_service)

    with pytest.raises(services.ComplaintError, match="Acknowledge the complaint"):
        respond(handler, case)
    assert not StageResponse.objects.exists()


def test_a_stage_is_answered_once(complaints_service, handler):
    case = acknowledged(complain(service=complaints_service), handler)
    respond(handler, case)

    with pytest.raises(services.ComplaintError, match="not open for a response"):
        respond(handler, case)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"outcome": "maybe"}, "upheld, partly upheld or not upheld"),
        ({"complaint_as_understood": " "}, "the complaint as understood"),
        ({"decision_and_reasons": ""}, "the decision and the reasons"),
        ({"remedy_amount": Decimal("-1")}, "less than £0"),
        ({"lesson_learned": "Check the round"}, "service the lesson learned is about"),
    ],
)
def test_an_incomplete_response_is_refused_and_nothing_is_sent(
    complaints_service, handler, overrides, message
):
    case = acknowledged(complain(service=complaints_service), handler)

    with pytest.raises(services.ComplaintError, match=message):
        respond(handler, case, **overrides)
    case.refresh_from_db()
    assert case.status == Status.ACKNOWLEDGED
    assert not Notification.objects.filter(template="complaint_response").exists()


def test_a_lesson_learned_is_tagged_to_the_service_and_its_service_area(
    complaints_service, waste, handler
):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)

    response = respond(
        handler, case, lesson_learned="Crews check the round sheet.", lesson_service=waste
    )

    assert response.lesson_service == waste
    assert response.lesson_service_area.slug == "waste-recycling"
    assert "Crews check the round sheet." not in response.letter  # staff only


def test_the_officer_who_answers_stage_one_becomes_its_handler(complaints_service, handler):
    case = acknowledged(complain(service=complaints_service), handler)
    assert case.assigned_to is None

    respond(handler, case)

    case.refresh_from_db()
    assert case.assigned_to == handler


def test_the_stage_one_officer_cannot_answer_stage_two(complaints_service, handler, second_handler):
    case = at_stage_two(complain(service=complaints_service), handler, second_handler)

    with pytest.raises(PermissionDenied, match="someone else must handle stage 2"):
        respond(handler, case)


def test_the_stage_one_officer_cannot_acknowledge_or_extend_stage_two(complaints_service, handler):
    case = complain(service=complaints_service)
    respond(handler, acknowledged(case, handler))
    case = services.escalate_to_stage_two(actor=handler, case=case, reason="Missed again")

    with pytest.raises(PermissionDenied):
        services.acknowledge_complaint(actor=handler, case=case)
    with pytest.raises(PermissionDenied):
        services.extend_complaint(actor=handler, case=case, reason="Busy", days=5)


def test_stage_two_cannot_be_given_back_to_the_stage_one_officer(
    complaints_service, handler, second_handler
):
    case = at_stage_two(complain(service=complaints_service), handler, second_handler)

    with pytest.raises(CaseError, match="someone other than the stage 1 officer"):
        reassign_case(actor=second_handler, case=case, officer=handler)


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.RESIDENT])
def test_only_handlers_can_respond(complaints_service, complaints_team, handler, role):
    case = acknowledged(complain(service=complaints_service), handler)
    outsider = UserFactory(role=role, teams=[complaints_team])

    with pytest.raises(PermissionDenied):
        respond(outsider, case)


def test_a_caseworker_in_another_team_cannot_respond(complaints_service, waste, handler):
    case = acknowledged(complain(service=complaints_service), handler)
    other = UserFactory(role=Role.CASEWORKER, teams=[waste.team])

    with pytest.raises(PermissionDenied):
        respond(other, case)


def test_a_response_sends_one_message_the_letter(complaints_service, waste, handler):
    case = acknowledged(complain(service=complaints_service, about=waste), handler)
    already = set(Notification.objects.filter(case=case).values_list("pk", flat=True))

    respond(handler, case)

    [sent] = Notification.objects.filter(case=case).exclude(pk__in=already)
    assert sent.template == "complaint_response"
