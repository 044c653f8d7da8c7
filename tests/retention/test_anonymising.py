"""A case whose time is up keeps its statistics and loses its personal data; its timeline and
the special-category access log are redacted, never deleted; a dry run writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from opencex.accounts.models import Role
from opencex.audit.records import REMOVED_UNDER_RETENTION
from opencex.cases.actions.messages import send_message
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.attachments import store_attachment
from opencex.cases.models import Case, CaseEvent, CaseKind, Channel, Status
from opencex.notify.models import Notification
from opencex.people.models import AccessKind, Resident, SensitiveAccess
from opencex.people.services import read_sensitive_information, record_sensitive_information
from opencex.retention.models import AnonymisedCase, AnonymisedResident, RetentionRun
from opencex.retention.runs import apply_retention
from tests.factories import PropertyFactory, ResidentFactory, ServiceFactory, UserFactory
from tests.retention.conftest import at

pytestmark = pytest.mark.django_db

PHOTO = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def officer(teams):
    return UserFactory(role=Role.ADMINISTRATOR, full_name="Sam Officer")


@pytest.fixture
def closed_request(officer, private_media):
    """Ada's missed-bin request with a photo, a message and a notification, closed on 2 March
    2020; she has special-category data that an officer read."""
    service = ServiceFactory(slug="report-missed-bin")
    with time_machine.travel(at("2020-03-02"), tick=False):
        resident = ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")
        record_sensitive_information(
            actor=officer,
            resident=resident,
            category="mental_health",
            details="Anxiety; prefers email.",
            purpose="To contact her the way she can manage",
            lawful_basis="Art 9(2)(g)",
            review_on=dt.date(2021, 3, 2),
        )
        read_sensitive_information(actor=officer, resident=resident, purpose="Checking her needs")
        case, _ = open_case(
            actor=officer,
            kind=CaseKind.SERVICE_REQUEST,
            channel=Channel.PHONE,
            subject="Missed bin at 4 Cowley Road",
            description="My green bin was missed again, I am disabled and cannot carry it.",
            contact_name="Ada Okonkwo",
            contact_email="ada@example.org",
            contact_phone="07700900123",
            resident=resident,
            service=service,
            property=PropertyFactory(),
            answers={"bin": "green", "address": "4 Cowley Road"},
        )
        store_attachment(actor=officer, case=case, upload=SimpleUploadedFile("bin.png", PHOTO))
        send_message(actor=officer, case=case, body="Dear Ada, the crew will come back.")
        case = change_status(actor=officer, case=case, to=Status.RESOLVED, reason="Emptied")
        case = close_case(actor=officer, case=case, outcome="Bin emptied")
    return case


def _run(day: str, **options):
    with time_machine.travel(at(day, 3), tick=False):
        return apply_retention(dt.date.fromisoformat(day), **options)


def test_an_anonymised_case_keeps_its_statistics(closed_request):
    before = Case.objects.get(pk=closed_request.pk)

    _run("2022-03-02")

    case = Case.objects.get(pk=closed_request.pk)
    kept = ("reference", "kind", "service_id", "team_id", "channel", "status", "outcome")
    kept += ("received_on", "due_on", "closed_at", "priority")
    assert {field: getattr(case, field) for field in kept} == {
        field: getattr(before, field) for field in kept
    }
    assert case.outcome == "Bin emptied"
    assert AnonymisedCase.objects.get(case=case).because == "schedule"


def test_an_anonymised_case_loses_its_personal_data(
    closed_request, private_media, django_capture_on_commit_callbacks
):
    files = [path for path in private_media.rglob("*") if path.is_file()]
    assert files  # the photo is stored

    with django_capture_on_commit_callbacks(execute=True):
        _run("2022-03-02")

    case = Case.objects.get(pk=closed_request.pk)
    assert (case.contact_name, case.contact_email, case.contact_phone) == ("", "", "")
    assert (case.description, case.answers, case.subject) == ("", {}, REMOVED_UNDER_RETENTION)
    assert case.resident_id is None
    assert case.property_id is None
    assert not case.attachments.exists()
    assert not [path for path in private_media.rglob("*") if path.is_file()]
    assert not Notification.objects.filter(case=case).exists()


def test_the_timeline_is_redacted_not_deleted(closed_request):
    events = CaseEvent.objects.filter(case=closed_request)
    count = events.count()
    kinds_and_times = list(events.values_list("kind", "at", "actor_id"))

    _run("2022-03-02")

    assert events.count() == count
    assert list(events.values_list("kind", "at", "actor_id")) == kinds_and_times
    assert set(events.values_list("summary", "body")) == {(REMOVED_UNDER_RETENTION, "")}
    assert all(event.data == {} and event.redacted_at for event in events)
    assert "Ada" not in str(list(events.values()))


def test_the_special_category_access_log_is_redacted_not_deleted(closed_request):
    resident = Resident.objects.get(full_name="Ada Okonkwo")
    log = SensitiveAccess.objects.filter(resident=resident)
    assert sorted(log.values_list("kind", flat=True)) == [
        AccessKind.IMPORTED,
        AccessKind.NEED_TO_KNOW,
    ]

    # Her case goes after 2 years; her record, with no case left, 2 years after it last changed.
    _run("2022-03-02")

    resident.refresh_from_db()
    assert AnonymisedResident.objects.filter(resident=resident).exists()
    assert (resident.full_name, resident.email, resident.phone) == ("Anonymised resident", "", "")
    assert not resident.sensitive_information.exists()
    for row in log:
        assert (row.purpose, row.actor.full_name) == (REMOVED_UNDER_RETENTION, "Sam Officer")
        assert row.redacted_at is not None
    assert log.count() == 2


def test_the_database_refuses_any_other_change_to_the_timeline(closed_request):
    event = CaseEvent.objects.filter(case=closed_request).first()
    # The model refuses too; this asks the database itself.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_caseevent SET summary = %s WHERE id = %s", ["Edited", event.pk]
        )


def test_a_redacted_event_cannot_be_redacted_again_with_other_words(closed_request):
    _run("2022-03-02")
    event = CaseEvent.objects.filter(case=closed_request).first()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_caseevent SET body = %s WHERE id = %s", ["Put back", event.pk])


def test_a_dry_run_reports_what_would_go_and_writes_nothing(closed_request):
    case_before = Case.objects.values().get(pk=closed_request.pk)
    events_before = list(CaseEvent.objects.values())
    notifications = Notification.objects.count()

    report = _run("2022-03-02", dry_run=True)

    line = next(line for line in report.lines if line.schedule == "cases.service_request")
    assert (line.count, line.oldest) == (1, dt.date(2020, 3, 2))
    assert "Would remove" in str(report)
    assert "dry run" in str(report)
    assert Case.objects.values().get(pk=closed_request.pk) == case_before
    assert list(CaseEvent.objects.values()) == events_before
    assert Notification.objects.count() == notifications
    assert not AnonymisedCase.objects.exists()
    assert not RetentionRun.objects.exists()


def test_the_real_run_records_the_same_report_for_information_governance(closed_request):
    dry = _run("2022-03-02", dry_run=True)
    real = _run("2022-03-02")

    run = RetentionRun.objects.get()
    assert [line.count for line in real.lines] == [line.count for line in dry.lines]
    assert run.report == [line.as_json() for line in real.lines]
    assert run.today == dt.date(2022, 3, 2)
    assert run.by is None  # the daily job
