"""Special-category data withdrawn from use: left out of everyday reads, included when a subject
access export asks for everything the council still holds, and the read recorded either way."""

import datetime as dt

import pytest
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.people.models import AccessKind, SensitiveAccess
from opencex.people.services import read_sensitive_information, record_sensitive_information
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(role=Role.INFORMATION_GOVERNANCE)


@pytest.fixture
def resident(officer):
    resident = ResidentFactory()
    for category, details in [("mental_health", "Anxiety"), ("physical_health", "Asthma")]:
        record_sensitive_information(
            actor=officer,
            resident=resident,
            category=category,
            details=details,
            purpose="Adjust how we contact them.",
            lawful_basis="UK GDPR Art 9(2)(g)",
            review_on=dt.date(2027, 1, 1),
        )
    resident.sensitive_information.filter(details="Anxiety").update(withdrawn_at=timezone.now())
    return resident


def test_an_everyday_read_leaves_out_what_was_withdrawn(officer, resident):
    held = read_sensitive_information(actor=officer, resident=resident, purpose="Case SR-TEST")
    assert [entry.details for entry in held] == ["Asthma"]


def test_a_read_for_everything_held_includes_what_was_withdrawn(officer, resident):
    held = read_sensitive_information(
        actor=officer, resident=resident, purpose="Subject access export", include_withdrawn=True
    )
    assert sorted(entry.details for entry in held) == ["Anxiety", "Asthma"]
    log = SensitiveAccess.objects.order_by("pk").values_list("kind", "purpose")
    assert list(log) == [
        (AccessKind.IMPORTED, "Adjust how we contact them."),
        (AccessKind.IMPORTED, "Adjust how we contact them."),
        (AccessKind.NEED_TO_KNOW, "Subject access export"),
    ]
