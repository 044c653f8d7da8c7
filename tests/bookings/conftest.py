"""What the booking tests share: the bookable catalogue services, a signed-up resident, slots."""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from opencex.accounts.models import Role
from opencex.bookings.slots import open_slots
from tests.factories import ResidentFactory, ServiceFactory, UserFactory

LONDON = ZoneInfo("Europe/London")
BOOKABLE = [
    ("book-bulky-waste-collection", "Book a bulky waste collection"),
    ("book-community-centre", "Book a community centre"),
    ("hire-town-hall-room", "Hire a room at the Town Hall"),
    ("visit-museum-of-oxford", "Book a visit to the Museum of Oxford"),
]
_keys = itertools.count()


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def key() -> str:
    return f"test-key-{next(_keys)}"


def run_queued_refunds() -> list[int]:
    """Run the refund jobs that are queued and due, as the worker would (one `.call` each), and
    say what each refunded. A test that needs the real worker asks for `run_jobs` instead."""
    from django_tasks_db.models import DBTaskResult

    from opencex.bookings.payment_purpose import issue_refund_due_job

    queued = DBTaskResult.objects.ready().filter(task_path=issue_refund_due_job.module_path)
    refunded = []
    for job in queued.order_by("enqueued_at"):
        job.delete()  # the worker claims a job once
        refunded.append(issue_refund_due_job.call(**job.args_kwargs["kwargs"]))
    return refunded


@pytest.fixture
def services(db):
    return {slug: ServiceFactory(slug=slug, title=title) for slug, title in BOOKABLE}


@pytest.fixture
def resident(db):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org")
    return ResidentFactory(full_name="Ann Resident", email="ann@example.org", user=user)


@pytest.fixture
def officer(db):
    return UserFactory(role=Role.CONTACT_CENTRE)


@pytest.fixture
def slots(services):
    open_slots()
