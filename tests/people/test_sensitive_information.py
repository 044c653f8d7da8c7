"""Special-category data: recorded with a purpose, read only by roles that need it, every read
recorded."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.people.models import AccessKind, SensitiveAccess
from opencex.people.services import (
    likely_duplicates,
    read_sensitive_information,
    record_sensitive_information,
)
from tests.factories import CaseFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(actor, resident, **extra):
    return record_sensitive_information(
        actor=actor,
        resident=resident,
        category="mental_health",
        details="Anxiety; prefers email.",
        purpose="Adjust how we contact them.",
        lawful_basis="UK GDPR Art 9(2)(g)",
        review_on=dt.date(2027, 1, 1),
        **extra,
    )


def test_a_caseworker_reads_vulnerability_and_the_read_is_recorded():
    resident = ResidentFactory()
    caseworker = UserFactory(role=Role.CASEWORKER)
    CaseFactory(resident=resident, assigned_to=caseworker)  # need to know: their case
    record(caseworker, resident)
    entries = read_sensitive_information(
        actor=caseworker, resident=resident, purpose="Handling case SR-TEST"
    )
    assert [e.category for e in entries] == ["mental_health"]
    log = SensitiveAccess.objects.order_by("pk").values_list("kind", "actor", "purpose")
    assert list(log) == [
        (AccessKind.IMPORTED, caseworker.pk, "Adjust how we contact them."),
        (AccessKind.NEED_TO_KNOW, caseworker.pk, "Handling case SR-TEST"),
    ]


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.RESIDENT, Role.PARTNER])
def test_roles_that_do_not_need_it_cannot_read_it(role):
    resident = ResidentFactory()
    record(UserFactory(role=Role.CASEWORKER), resident)
    with pytest.raises(PermissionDenied):
        read_sensitive_information(actor=UserFactory(role=role), resident=resident, purpose="x")
    # Only the import that put the data in: the refused read left no row.
    assert list(SensitiveAccess.objects.values_list("kind", flat=True)) == [AccessKind.IMPORTED]


def test_recording_a_vulnerability_flags_the_resident_for_priority_without_details():
    resident = ResidentFactory()
    record(UserFactory(role=Role.CONTACT_CENTRE), resident)
    resident.refresh_from_db()
    assert resident.is_priority


def test_information_is_only_held_with_a_purpose():
    with pytest.raises(ValueError, match="why"):
        record_sensitive_information(
            actor=UserFactory(role=Role.CASEWORKER),
            resident=ResidentFactory(),
            category="disability",
            details="Wheelchair user.",
            purpose=" ",
            lawful_basis="Consent",
            review_on=dt.date(2027, 1, 1),
        )


def test_a_likely_duplicate_is_found_by_email_phone_or_name_and_birth_date():
    existing = ResidentFactory(
        full_name="Ann Example",
        email="Ann@Example.org",
        phone="07700900123",
        date_of_birth=dt.date(1970, 5, 1),
    )
    assert list(likely_duplicates(full_name="X", email="ann@example.org")) == [existing]
    assert list(likely_duplicates(full_name="X", phone="+44 7700 900123")) == [existing]
    assert list(likely_duplicates(full_name="ann example", date_of_birth=dt.date(1970, 5, 1))) == [
        existing
    ]
    assert not likely_duplicates(full_name="Bob Other", email="bob@example.org").exists()
