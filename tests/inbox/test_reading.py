"""Reading a kept email is safe to repeat, records its failures for a retry, and never drops an
email it cannot place."""

import dataclasses

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from opencex.cases.models import Case
from opencex.council.profile import Mailbox
from opencex.inbox.models import InboundEmail, InboundStatus
from opencex.inbox.services import receive_email
from opencex.inbox.tasks import MAX_READ_ATTEMPTS, read_email_into_case
from opencex.jobs.queue import enqueue
from tests.inbox.mail import compose

pytestmark = pytest.mark.django_db(transaction=True)


def keep(message, mailbox="foi@oxford.gov.uk") -> InboundEmail:
    inbound, _ = receive_email(raw=message.as_bytes(), mailbox=mailbox, received_at=timezone.now())
    return inbound


@pytest.fixture
def misconfigured_mailbox(settings) -> str:
    """A mailbox whose kind is not a case kind (the system check warns of it), so reading fails."""
    profile = settings.COUNCIL_PROFILE
    box = Mailbox(address="fio@oxford.gov.uk", kind="fio")
    settings.COUNCIL_PROFILE = dataclasses.replace(
        profile,
        inbox=dataclasses.replace(profile.inbox, mailboxes=(*profile.inbox.mailboxes, box)),
    )
    return box.address


def test_reading_an_email_again_changes_nothing(run_jobs):
    inbound = keep(compose())
    run_jobs()

    enqueue(read_email_into_case, inbound.pk)
    run_jobs()

    assert Case.objects.count() == 1
    inbound.refresh_from_db()
    assert (inbound.status, inbound.attempts) == (InboundStatus.CASE_OPENED, 1)


def test_a_failed_reading_is_recorded_and_tried_again_later(misconfigured_mailbox, run_jobs):
    inbound = keep(compose(), mailbox=misconfigured_mailbox)
    run_jobs()

    inbound.refresh_from_db()
    assert (inbound.status, inbound.attempts) == (InboundStatus.RECEIVED, 1)
    assert "fio" in inbound.error
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs == {"args": [inbound.pk], "kwargs": {"attempt": 2}}


def test_an_email_that_fails_on_the_last_attempt_is_marked_failed(misconfigured_mailbox, run_jobs):
    email = compose()
    inbound = keep(email, mailbox=misconfigured_mailbox)
    DBTaskResult.objects.all().delete()

    enqueue(read_email_into_case, inbound.pk, attempt=MAX_READ_ATTEMPTS)
    run_jobs()

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.FAILED
    assert bytes(inbound.raw) == email.as_bytes()  # still kept, to be read once mended


def test_an_email_to_an_address_the_profile_does_not_list_is_held(run_jobs):
    inbound = keep(compose(to="old-foi@oxford.gov.uk"), mailbox="old-foi@oxford.gov.uk")
    run_jobs()

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.HELD
    assert "old-foi@oxford.gov.uk" in inbound.note
    assert not Case.objects.exists()


def test_our_own_email_coming_back_makes_no_case(run_jobs):
    inbound = keep(compose(sender="Oxford City Council <noreply@oxford.gov.uk>"))
    run_jobs()

    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.IGNORED
    assert not Case.objects.exists()
