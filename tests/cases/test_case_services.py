"""Opening and changing cases through the one door: idempotency, timeline, refusals."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from opencex.cases.actions.messages import add_note
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.errors import CaseError, SubmissionConflict
from opencex.cases.models import Case, CaseEvent, CaseKind, Channel, EventKind, Priority, Status
from opencex.cases.references import ALPHABET
from opencex.cases.workflow import TransitionNotAllowed
from opencex.people.services import record_sensitive_information
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def submit(actor=None, key="form-123", description="My bin was not emptied.", **extra):
    return open_case(
        actor=actor,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Missed bin",
        description=description,
        contact_name="Ann Example",
        contact_email="ann@example.org",
        submission_key=key,
        **extra,
    )


def test_the_same_submission_twice_opens_one_case(general_team):
    first, created_first = submit()
    second, created_second = submit()
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Case.objects.count() == 1


def test_a_reused_submission_key_for_a_different_request_is_refused(general_team):
    submit()
    with pytest.raises(SubmissionConflict):
        submit(description="Something else entirely.")


def test_a_reference_is_readable_and_not_sequential(general_team):
    references = {submit(key=f"k{n}")[0].reference for n in range(20)}
    assert len(references) == 20
    for reference in references:
        prefix, first, second = reference.split("-")
        assert prefix == "SR"
        assert set(first + second) <= set(ALPHABET)
        assert len(first + second) == 8


def test_a_new_case_starts_its_timeline_and_is_visible_to_the_resident(general_team):
    case, _ = submit()
    event = case.events.get()
    assert event.kind == EventKind.CREATED
    assert event.is_visible_to_resident


def test_a_resident_cannot_log_a_case_as_if_by_phone(general_team):
    resident_user = UserFactory(role="resident")
    with pytest.raises(PermissionDenied):
        open_case(
            actor=resident_user,
            kind=CaseKind.ENQUIRY,
            channel=Channel.PHONE,
            subject="Question",
            description="A question.",
            contact_name="Ann Example",
        )


def test_a_vulnerable_resident_raises_the_priority_of_their_case(contact_officer, general_team):
    resident = ResidentFactory()
    record_sensitive_information(
        actor=contact_officer,
        resident=resident,
        category="vulnerability",
        details="Lives alone, limited mobility.",
        purpose="Prioritise repairs and contact by phone.",
        lawful_basis="UK GDPR Art 9(2)(g)",
        review_on="2027-01-01",
    )
    resident.refresh_from_db()
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Damp and mould",
        description="Black mould in the bedroom.",
        contact_name=resident.full_name,
        resident=resident,
    )
    assert case.priority == Priority.HIGH


def test_an_illegal_status_change_is_refused_and_leaves_no_trace(
    contact_officer, waste_caseworker, missed_bin
):
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Missed bin",
        description="Not emptied.",
        contact_name="Ann Example",
        service=missed_bin,
    )
    with pytest.raises(TransitionNotAllowed):
        change_status(actor=waste_caseworker, case=case, to=Status.RECEIVED)
    assert case.events.count() == 1


def test_a_caseworker_from_another_team_cannot_change_the_case(
    contact_officer, feedback_caseworker, missed_bin
):
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Missed bin",
        description="Not emptied.",
        contact_name="Ann Example",
        service=missed_bin,
    )
    with pytest.raises(PermissionDenied):
        change_status(actor=feedback_caseworker, case=case, to=Status.IN_PROGRESS)


def test_the_resident_can_reopen_a_closed_request_and_the_history_is_kept(
    contact_officer, waste_caseworker, missed_bin
):
    owner = UserFactory(role="resident")
    resident = ResidentFactory(user=owner)
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Missed bin",
        description="Not emptied.",
        contact_name=resident.full_name,
        resident=resident,
        service=missed_bin,
    )
    change_status(actor=waste_caseworker, case=case, to=Status.RESOLVED)
    close_case(actor=waste_caseworker, case=case, outcome="Collected on Tuesday.")
    change_status(actor=owner, case=case, to=Status.IN_PROGRESS, reason="Not fixed")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.closed_at is None
    assert case.events.count() == 4


def test_closing_needs_an_outcome(contact_officer, waste_caseworker, missed_bin):
    case, _ = open_case(
        actor=contact_officer,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.PHONE,
        subject="Missed bin",
        description="Not emptied.",
        contact_name="Ann Example",
        service=missed_bin,
    )
    change_status(actor=waste_caseworker, case=case, to=Status.RESOLVED)
    with pytest.raises(CaseError, match="outcome"):
        close_case(actor=waste_caseworker, case=case, outcome=" ")


def test_an_internal_note_is_not_shown_to_the_resident(contact_officer, general_team):
    case, _ = submit()
    note = add_note(actor=contact_officer, case=case, body="Called back, no answer.")
    assert not note.is_visible_to_resident


def test_the_timeline_cannot_be_edited_through_the_orm(general_team):
    case, _ = submit()
    event = case.events.get()
    event.summary = "Rewritten"
    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        CaseEvent.objects.filter(pk=event.pk).update(summary="Rewritten")


def test_the_database_refuses_to_edit_the_timeline(general_team):
    case, _ = submit()
    event = case.events.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_caseevent SET summary = %s WHERE id = %s", ["Rewritten", event.pk]
        )
    event.refresh_from_db()
    assert event.summary != "Rewritten"


def test_an_internal_review_must_be_about_an_foi_request(contact_officer, general_team):
    case, _ = submit()
    with pytest.raises(CaseError, match="FOI"):
        open_case(
            actor=contact_officer,
            kind=CaseKind.FOI_INTERNAL_REVIEW,
            channel=Channel.EMAIL,
            subject="Review",
            description="Please review.",
            contact_name="Ann Example",
            parent=case,
        )
