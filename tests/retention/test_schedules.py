"""Each schedule's boundary, with pinned dates: on the day before a record's time is up it is
kept; on the day it is up, it goes. And a second run removes nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.accounts.models import Role, SignInLink
from opencex.cases.models import CaseKind, Status
from opencex.forms.models import FormDefinition, FormSession, FormVersion
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.matching.services import merge_residents
from opencex.notify.models import Notification, NotificationStatus
from opencex.retention.models import AnonymisedCase, AnonymisedResident
from opencex.retention.runs import apply_retention
from tests.factories import CaseFactory, ResidentFactory, UserFactory
from tests.retention.conftest import at

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)

# Oxford's profile: a case closed on 10 March 2020 is kept until the day its period ends.
CASE_EXPIRY = {
    CaseKind.COMPLAINT: "2026-03-10",
    CaseKind.FOI: "2023-03-10",
    CaseKind.EIR: "2023-03-10",
    CaseKind.FOI_INTERNAL_REVIEW: "2023-03-10",
    CaseKind.SAR: "2022-03-10",
    CaseKind.SERVICE_REQUEST: "2022-03-10",
    CaseKind.ENQUIRY: "2022-03-10",
    CaseKind.COMPLIMENT: "2021-03-10",
    CaseKind.COMMENT: "2021-03-10",
}


def _run_on(day: dt.date, **options):
    with time_machine.travel(at(day.isoformat(), 12), tick=False):
        return apply_retention(day, **options)


def _closed_case(kind: str, closed: str, **fields):
    with time_machine.travel(at(closed), tick=False):
        if kind == CaseKind.FOI_INTERNAL_REVIEW:  # a review is of a request
            fields["parent"] = _closed_case(CaseKind.FOI, closed)
        return CaseFactory(kind=kind, status=Status.CLOSED, closed_at=timezone.now(), **fields)


@pytest.mark.parametrize("kind", sorted(CASE_EXPIRY))
def test_a_closed_case_is_kept_the_day_before_its_time_is_up_and_anonymised_on_the_day(kind):
    case = _closed_case(kind, "2020-03-10")
    expiry = dt.date.fromisoformat(CASE_EXPIRY[kind])

    _run_on(expiry - DAY)
    assert not AnonymisedCase.objects.filter(case=case).exists()

    _run_on(expiry)
    assert AnonymisedCase.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.description == ""


def test_a_withdrawn_case_counts_its_time_from_its_last_change():
    with time_machine.travel(at("2020-03-10"), tick=False):
        case = CaseFactory(kind=CaseKind.SERVICE_REQUEST, status=Status.WITHDRAWN)
    _run_on(dt.date(2022, 3, 9))
    assert not AnonymisedCase.objects.filter(case=case).exists()
    _run_on(dt.date(2022, 3, 10))
    assert AnonymisedCase.objects.filter(case=case).exists()


def test_an_open_case_is_never_anonymised_however_old():
    with time_machine.travel(at("2010-01-04"), tick=False):
        case = CaseFactory(kind=CaseKind.COMPLIMENT, status=Status.IN_PROGRESS)
    _run_on(dt.date(2026, 1, 4))
    assert not AnonymisedCase.objects.filter(case=case).exists()


def test_a_request_a_complaint_was_raised_from_is_kept_as_long_as_the_complaint():
    request = _closed_case(CaseKind.SERVICE_REQUEST, "2020-03-10")
    complaint = _closed_case(CaseKind.COMPLAINT, "2020-06-01")
    from opencex.complaints.models import Complaint

    Complaint.objects.create(case=complaint, raised_from=request)

    report = _run_on(dt.date(2024, 1, 1))
    line = next(line for line in report.lines if line.schedule == "cases.service_request")
    assert (line.count, line.held) == (0, 1)
    assert not AnonymisedCase.objects.filter(case=request).exists()

    _run_on(dt.date(2026, 6, 1))
    assert AnonymisedCase.objects.filter(case__in=[request, complaint]).count() == 2


# ---- records ------------------------------------------------------------------------------------


def _inbound_email():
    with time_machine.travel(at("2026-01-01"), tick=False):
        return InboundEmail.objects.create(
            message_id="<m1@example.org>",
            mailbox="foi@oxford.gov.uk",
            sender="Priya <priya@example.org>",
            subject="Fines",
            raw=b"From: priya@example.org\r\n\r\nHow many fines?",
            received_at=timezone.now(),
            status=InboundStatus.CASE_OPENED,
            processed_at=timezone.now(),
        )


def _email_is_gone(email) -> bool:
    email.refresh_from_db()  # the record stays, so a reply in its thread finds its case
    return bytes(email.raw) == b"" and email.sender == "" and email.subject == ""


def _form_session():
    definition = FormDefinition.objects.create(slug="bins", title="Bins", case_kind="enquiry")
    version = FormVersion.objects.create(definition=definition, number=1, schema={})
    with time_machine.travel(at("2026-01-01"), tick=False):
        return FormSession.objects.create(
            token="t1",
            version=version,
            channel="web",
            answers={"name": "Ada"},
            expires_at=timezone.now() + 30 * DAY,
        )


def _notification():
    with time_machine.travel(at("2026-01-15"), tick=False):
        return Notification.objects.create(
            channel="email",
            recipient="ada@example.org",
            template="case_created",
            body="We have your request.",
            status=NotificationStatus.SENT,
            sent_at=timezone.now(),
            adapter="smtp",
        )


def _sign_in_link():
    with time_machine.travel(at("2026-01-01"), tick=False):
        return SignInLink.objects.create(
            email="ada@example.org",
            token_hash="a" * 64,
            expires_at=timezone.now() + dt.timedelta(minutes=30),
        )


def _finished_task():
    with time_machine.travel(at("2026-01-01"), tick=False):
        return DBTaskResult.objects.create(
            task_path="opencex.notify.tasks.send_notification",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            queue_name="default",
            run_after=timezone.now(),
            status=TaskResultStatus.SUCCESSFUL,
            finished_at=timezone.now(),
            exception_class_path="",
            traceback="",
        )


def _session():
    return Session.objects.create(
        session_key="s" * 32, session_data="e30:", expire_date=at("2026-01-01")
    )


def _resident():
    with time_machine.travel(at("2026-01-01"), tick=False):
        return ResidentFactory()


def _is_deleted(thing) -> bool:
    return not type(thing).objects.filter(pk=thing.pk).exists()


def _resident_is_anonymised(resident) -> bool:
    return AnonymisedResident.objects.filter(resident=resident).exists()


RECORDS = {
    # what: (make it, the first day it is no longer kept, is it gone?)
    "raw email, 90 days after it was read": (_inbound_email, "2026-04-01", _email_is_gone),
    "unfinished form, 30 days after last change": (_form_session, "2026-01-31", _is_deleted),
    "notification, 18 months after it was written": (_notification, "2027-07-15", _is_deleted),
    "sign-in link, 7 days after it ran out": (_sign_in_link, "2026-01-08", _is_deleted),
    "finished job, 30 days after it finished": (_finished_task, "2026-01-31", _is_deleted),
    "session, once it has expired": (_session, "2026-01-01", _is_deleted),
    "resident with no case, 2 years on": (_resident, "2028-01-01", _resident_is_anonymised),
}


@pytest.mark.parametrize("what", sorted(RECORDS))
def test_a_record_is_kept_the_day_before_its_time_is_up_and_removed_on_the_day(what):
    make, expiry_day, is_gone = RECORDS[what]
    thing = make()
    expiry = dt.date.fromisoformat(expiry_day)

    _run_on(expiry - DAY)
    assert not is_gone(thing)

    report = _run_on(expiry)
    assert is_gone(thing)
    assert report.total == 1


def test_a_queued_notification_is_never_deleted():
    message = _notification()
    Notification.objects.filter(pk=message.pk).update(status=NotificationStatus.QUEUED)
    _run_on(dt.date(2030, 1, 1))
    assert Notification.objects.filter(pk=message.pk).exists()


def test_a_second_run_on_the_same_day_removes_nothing_more():
    for make, _, _ in RECORDS.values():
        make()
    for kind in CASE_EXPIRY:
        _closed_case(kind, "2020-03-10")

    first = _run_on(dt.date(2030, 1, 1))
    second = _run_on(dt.date(2030, 1, 1))

    assert first.total == 7 + len(CASE_EXPIRY) + 1  # the review's parent FOI too
    assert second.total == 0


def test_a_merged_record_is_not_aged_on_its_own_and_goes_with_the_record_it_was_merged_into():
    """The tombstone's last change is a year older than its kept record's: it stays until the
    kept record's time is up, then both are anonymised, counted as one resident."""
    with time_machine.travel(at("2026-01-01"), tick=False):
        kept, merged = ResidentFactory(), ResidentFactory()
        merge_residents(
            actor=UserFactory(role=Role.TEAM_MANAGER), kept=kept, merged=merged, reason="Same"
        )
    with time_machine.travel(at("2027-01-01"), tick=False):
        kept.save()  # the kept record changed a year later

    _run_on(dt.date(2028, 1, 1))
    assert not _resident_is_anonymised(merged)
    assert not _resident_is_anonymised(kept)

    report = _run_on(dt.date(2029, 1, 1))
    assert _resident_is_anonymised(kept)
    assert _resident_is_anonymised(merged)
    assert report.total == 1
