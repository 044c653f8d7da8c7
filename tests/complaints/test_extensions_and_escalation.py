"""Extension notices carry the ombudsman's contact details (RULES.md); escalation to stage 2 by
the resident (signed in, or by reference and email) once answered or late, and by staff."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, EventKind, Status
from opencex.cases.policies import ReferenceGrant
from opencex.complaints import services
from opencex.complaints.models import Outcome
from opencex.notify.models import Notification
from tests.complaints.conftest import complain
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def answered(case, handler):
    services.acknowledge_complaint(actor=handler, case=case)
    services.record_complaint_response(
        actor=handler,
        case=case,
        outcome=Outcome.NOT_UPHELD,
        complaint_as_understood="The crew left your bin.",
        decision_and_reasons="It was out after 7am.",
    )
    case.refresh_from_db()
    return case


@pytest.mark.django_db(transaction=True)
def test_a_stage_one_extension_notice_gives_the_reason_date_and_ombudsman(
    complaints_service, waste, handler, smtp_server, run_jobs
):
    case = complain(service=complaints_service, about=waste)
    services.acknowledge_complaint(actor=handler, case=case)
    run_jobs()
    smtp_server.messages.clear()

    case = services.extend_complaint(
        actor=handler, case=case, reason="We are waiting for the crew's report.", days=5
    )
    run_jobs()

    [notice] = [m for m in smtp_server.messages if "need more time" in m["Subject"]]
    body = notice.get_content()
    assert "We are waiting for the crew's report." in body
    assert f"{case.due_on:%-d %B %Y}" in body
    assert "Local Government and Social Care Ombudsman" in body
    assert "0300 061 0614" in body
    assert "https://www.lgo.org.uk" in body


def test_an_extension_notice_about_a_council_home_gives_the_housing_ombudsman(
    complaints_service, repairs, handler
):
    case = complain(service=complaints_service, about=repairs)
    services.acknowledge_complaint(actor=handler, case=case)

    services.extend_complaint(actor=handler, case=case, reason="Surveyor visit", days=10)

    notice = Notification.objects.get(case=case, template="complaint_extended")
    assert "Housing Ombudsman Service" in notice.body
    assert "0300 111 3000" in notice.body


def test_a_stage_two_extension_notice_also_gives_the_ombudsman(
    complaints_service, waste, handler, second_handler
):
    case = answered(complain(service=complaints_service, about=waste), handler)
    case = services.escalate_to_stage_two(actor=handler, case=case, reason="Unhappy")
    services.acknowledge_complaint(actor=second_handler, case=case)

    services.extend_complaint(actor=second_handler, case=case, reason="Survey", days=15)

    notice = Notification.objects.get(case=case, template="complaint_extended")
    assert "stage 2 complaint" in notice.body
    assert "Local Government and Social Care Ombudsman" in notice.body


def test_a_signed_in_resident_escalates_an_answered_complaint(
    complaints_service, waste, handler, resident_user
):
    case = answered(complain(service=complaints_service, about=waste, user=resident_user), handler)

    case = services.escalate_to_stage_two(
        actor=resident_user, case=case, reason="The bin was out at 6am."
    )

    assert (case.stage, case.status) == (2, Status.RECEIVED)
    assert case.clock_started_on == timezone.localdate()
    assert case.stage1_handled_by == handler
    event = case.events.get(kind=EventKind.ESCALATED)
    assert (event.actor, event.body) == (resident_user, "The bin was out at 6am.")
    assert Notification.objects.filter(case=case, template="complaint_escalated").exists()


def test_an_escalation_sends_the_stage_two_letter_and_not_the_general_update(
    complaints_service, waste, handler
):
    case = answered(complain(service=complaints_service, about=waste), handler)
    grant = ReferenceGrant(case_id=case.pk, email="Ann@Example.org")
    before = set(Notification.objects.filter(case=case).values_list("pk", flat=True))

    services.escalate_to_stage_two(actor=None, grant=grant, case=case, reason="Still missed.")

    sent = Notification.objects.filter(case=case).exclude(pk__in=before)
    assert list(sent.values_list("template", flat=True)) == ["complaint_escalated"]


def test_a_visitor_with_the_reference_and_email_escalates_an_answered_complaint(
    complaints_service, waste, handler
):
    case = answered(complain(service=complaints_service, about=waste), handler)
    grant = ReferenceGrant(case_id=case.pk, email="Ann@Example.org")

    case = services.escalate_to_stage_two(
        actor=None, grant=grant, case=case, reason="The bin was out at 6am."
    )

    assert (case.stage, case.status) == (2, Status.RECEIVED)
    event = case.events.get(kind=EventKind.ESCALATED)
    assert event.actor is None


def test_a_visitor_with_the_wrong_email_cannot_escalate(complaints_service, handler):
    case = answered(complain(service=complaints_service), handler)
    grant = ReferenceGrant(case_id=case.pk, email="someone@example.org")

    with pytest.raises(PermissionDenied):
        services.escalate_to_stage_two(actor=None, grant=grant, case=case, reason="Unhappy")
    case.refresh_from_db()
    assert case.stage == 1


def test_a_resident_cannot_escalate_before_the_stage_one_response_is_due(
    complaints_service, handler, resident_user
):
    case = complain(service=complaints_service, user=resident_user)
    services.acknowledge_complaint(actor=handler, case=case)

    with pytest.raises(services.ComplaintError, match="once we have sent our stage 1 response"):
        services.escalate_to_stage_two(actor=resident_user, case=case, reason="Too slow")


def test_a_resident_can_escalate_when_the_stage_one_response_is_late(
    complaints_service, handler, resident_user
):
    case = complain(service=complaints_service, user=resident_user)
    last_month = timezone.localdate() - dt.timedelta(days=40)
    services.acknowledge_complaint(actor=handler, case=case)
    type(case).objects.filter(pk=case.pk).update(due_on=last_month)  # the response is overdue

    case = services.escalate_to_stage_two(actor=resident_user, case=case, reason="No reply")

    assert case.stage == 2


def test_a_resident_cannot_backdate_their_escalation(complaints_service, handler, resident_user):
    case = answered(complain(service=complaints_service, user=resident_user), handler)

    with pytest.raises(services.ComplaintError, match="the day you ask"):
        services.escalate_to_stage_two(
            actor=resident_user,
            case=case,
            reason="Unhappy",
            on=timezone.localdate() - dt.timedelta(days=3),
        )


def test_escalation_needs_a_reason(complaints_service, handler, resident_user):
    case = answered(complain(service=complaints_service, user=resident_user), handler)

    with pytest.raises(services.ComplaintError, match="Say why you are unhappy"):
        services.escalate_to_stage_two(actor=resident_user, case=case, reason="  ")


def test_staff_escalate_when_the_resident_asks_by_phone_even_before_a_response(
    complaints_service, handler
):
    case = complain(service=complaints_service)
    services.acknowledge_complaint(actor=handler, case=case)

    case = services.escalate_to_stage_two(actor=handler, case=case, reason="Asked by phone")

    assert case.stage == 2


def test_a_stage_two_complaint_cannot_be_escalated_again(
    complaints_service, handler, resident_user
):
    case = answered(complain(service=complaints_service, user=resident_user), handler)
    case = services.escalate_to_stage_two(actor=resident_user, case=case, reason="Unhappy")

    with pytest.raises(services.ComplaintError):
        services.escalate_to_stage_two(actor=resident_user, case=case, reason="Again")


def test_another_resident_cannot_escalate(complaints_service, handler, resident_user):
    case = answered(complain(service=complaints_service, user=resident_user), handler)
    stranger = UserFactory(role="resident", email="bob@example.org")
    ResidentFactory(user=stranger, email=stranger.email)

    with pytest.raises(PermissionDenied):
        services.escalate_to_stage_two(actor=stranger, case=case, reason="Unhappy")


def test_only_complaints_have_stages_to_escalate(waste):
    officer = UserFactory(role="caseworker", teams=[waste.team])
    request, _ = open_case(
        actor=officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel="phone",
        subject="Bin",
        description="Missed",
        contact_name="Ann",
        service=waste,
    )

    with pytest.raises(services.CaseError, match="Only a stage 1 complaint"):
        services.escalate_to_stage_two(actor=officer, case=request, reason="Unhappy")


def test_an_extension_sends_one_message_the_notice_with_the_ombudsman(
    complaints_service, waste, handler
):
    case = complain(service=complaints_service, about=waste)
    services.acknowledge_complaint(actor=handler, case=case)
    already = set(Notification.objects.filter(case=case).values_list("pk", flat=True))

    services.extend_complaint(actor=handler, case=case, reason="Surveyor visit", days=5)

    [notice] = Notification.objects.filter(case=case).exclude(pk__in=already)
    assert notice.template == "complaint_extended"
