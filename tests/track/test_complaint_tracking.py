"""Complaints on the tracking page: the stage and our decision, asking for stage 2 (signed in,
or by reference and email; an empty reason gets the error summary), the ombudsman after the final
response, and the offer to complain about a request where the resident sounds unhappy."""

# The complaints tests' fixtures are imported below, so each test's argument "redefines" them.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.complaints import services
from opencex.complaints.models import Complaint, Outcome
from tests.complaints.conftest import (  # noqa: F401 - fixtures shared with the complaints tests
    complain,
    complaints_service,
    complaints_team,
    handler,
    repairs,
    second_handler,
    waste,
)

pytestmark = pytest.mark.django_db


def track(client, case, email="ann@example.org"):
    return client.post(reverse("web:track"), {"reference": case.reference, "email": email})


def page(case):
    return reverse("web:track-case", kwargs={"reference": case.reference})


def escalate(case):
    return reverse("web:track-escalate", kwargs={"reference": case.reference})


def answer(case, officer, **extra):
    services.acknowledge_complaint(actor=officer, case=case)
    services.record_complaint_response(
        actor=officer,
        case=case,
        outcome=Outcome.NOT_UPHELD,
        complaint_as_understood="Your bin was missed.",
        decision_and_reasons="It was not out by 7am.",
        **extra,
    )
    case.refresh_from_db()
    return case


def test_the_page_shows_the_stage_and_our_decision(client, complaints_service, waste, handler):
    case = answer(complain(service=complaints_service, about=waste), handler)
    track(client, case)

    body = client.get(page(case)).content.decode()

    assert "Complaint stage" in body
    assert "Stage 1" in body
    assert "Our decision at stage 1" in body
    assert "Not upheld" in body
    assert "We sent you our stage 1 response" in body
    assert "Ask for stage 2" in body


def test_stage_two_is_not_offered_before_the_stage_one_response(
    client, complaints_service, handler
):
    case = complain(service=complaints_service)
    services.acknowledge_complaint(actor=handler, case=case)
    track(client, case)

    assert "Ask for stage 2" not in client.get(page(case)).content.decode()


def test_a_visitor_by_reference_and_email_asks_for_stage_two(
    client, complaints_service, waste, handler
):
    case = answer(complain(service=complaints_service, about=waste), handler)
    track(client, case)

    response = client.post(escalate(case), {"reason": "The bin was out at 6am."})

    assert response.url == page(case)
    case.refresh_from_db()
    assert case.stage == 2
    assert "Your complaint is now at stage 2" in client.get(page(case)).content.decode()


def test_a_signed_in_resident_asks_for_stage_two(
    client, complaints_service, waste, handler, resident_user
):
    case = answer(complain(service=complaints_service, about=waste, user=resident_user), handler)
    client.force_login(resident_user)

    response = client.post(escalate(case), {"reason": "Still unhappy."})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == 2


def test_an_empty_reason_gets_the_error_summary(client, complaints_service, waste, handler):
    case = answer(complain(service=complaints_service, about=waste), handler)
    track(client, case)

    response = client.post(escalate(case), {"reason": " "})

    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert 'href="#id_reason"' in body
    assert "Tell us why you are unhappy with our stage 1 response" in body
    case.refresh_from_db()
    assert case.stage == 1


def test_a_visitor_without_the_reference_and_email_is_sent_to_the_tracking_form(
    client, complaints_service, handler
):
    case = answer(complain(service=complaints_service), handler)

    response = client.post(escalate(case), {"reason": "Unhappy"})

    assert response.url.startswith(reverse("web:track"))
    case.refresh_from_db()
    assert case.stage == 1


def test_after_the_final_response_the_page_names_the_housing_ombudsman_for_a_repair(
    client, complaints_service, repairs, handler, second_handler
):
    case = answer(complain(service=complaints_service, about=repairs), handler)
    services.escalate_to_stage_two(actor=handler, case=case, reason="Still leaking")
    answer(case, second_handler)
    track(client, case)

    body = client.get(page(case)).content.decode()

    assert "If you are still unhappy" in body
    assert "Housing Ombudsman Service" in body
    assert "0300 111 3000" in body
    assert "Ask for stage 2" not in body


def test_no_ombudsman_is_shown_before_the_final_response(
    client, complaints_service, waste, handler
):
    case = answer(complain(service=complaints_service, about=waste), handler)
    track(client, case)

    assert "Ombudsman" not in client.get(page(case)).content.decode()


def report(service, description):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description=description,
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=service,
    )
    return case


def test_a_first_report_gets_no_offer_to_complain(client, waste):
    case = report(waste, "My bin was not emptied on Monday.")
    track(client, case)

    assert "Do you want to make a complaint?" not in client.get(page(case)).content.decode()


def test_an_unhappy_reply_brings_the_offer_to_complain(client, waste):
    case = report(waste, "My bin was not emptied on Monday.")
    track(client, case)

    client.post(
        reverse("web:track-reply", kwargs={"reference": case.reference}),
        {"message": "Still not emptied and nobody has called me back."},
    )

    body = client.get(page(case)).content.decode()
    assert "Do you want to make a complaint?" in body
    assert reverse("web:track-complain", kwargs={"reference": case.reference}) in body


def test_the_complaint_form_starts_from_what_the_resident_said(client, waste):
    case = report(waste, "Third time my bin has been missed. Fed up.")
    track(client, case)

    response = client.get(reverse("web:track-complain", kwargs={"reference": case.reference}))

    assert response.status_code == 200
    assert "Third time my bin has been missed. Fed up." in response.content.decode()


def test_making_the_complaint_opens_it_and_lets_the_visitor_track_it(
    client, waste, complaints_service
):
    case = report(waste, "Third time my bin has been missed.")
    track(client, case)

    response = client.post(
        reverse("web:track-complain", kwargs={"reference": case.reference}),
        {"what_happened": "Missed three times.", "put_right": "Collect it every week."},
    )

    complaint = Complaint.objects.get(raised_from=case).case
    assert response.url == page(complaint)
    assert complaint.stage == 1
    complaint_page = client.get(page(complaint)).content.decode()
    assert "We have your complaint" in complaint_page
    assert "You made a complaint about this request" in client.get(page(case)).content.decode()


def test_an_empty_complaint_gets_the_error_summary(client, waste):
    case = report(waste, "Fed up.")
    track(client, case)

    response = client.post(reverse("web:track-complain", kwargs={"reference": case.reference}), {})

    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_what_happened"' in body
    assert "Tell us what you would like us to do" in body
