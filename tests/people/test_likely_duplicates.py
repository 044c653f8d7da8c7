"""The one exact duplicate rule: same email, same phone, or same name and date of birth, among
live records only (a record merged away is a tombstone, never a match)."""

from __future__ import annotations

from datetime import date

import pytest

from opencex.people.models import Resident
from opencex.people.services import likely_duplicates
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_each_exact_rule_finds_a_live_record_and_never_a_merged_away_one():
    kept = ResidentFactory(
        full_name="Ann Example",
        email="ann@example.org",
        phone="07700900123",
        date_of_birth=date(1980, 1, 2),
    )
    ResidentFactory(
        full_name="Ann Example",
        email="ann@example.org",
        phone="07700900123",
        date_of_birth=date(1980, 1, 2),
        merged_into=kept,
    )
    by_email = likely_duplicates(full_name="Someone", email="ANN@example.org")
    by_phone = likely_duplicates(full_name="Someone", phone="+44 7700 900123")
    by_name = likely_duplicates(full_name="ann example", date_of_birth=date(1980, 1, 2))

    for found in (by_email, by_phone, by_name):
        assert list(found) == [kept]
    assert list(Resident.objects.live()) == [kept]
