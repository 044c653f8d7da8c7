"""Officers: the resident's tenancy and rent on the staff single view (by role), and the log of
the last imports from the housing system."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.housing.importing import csv_rows, import_rows
from opencex.housing.models import RentTransaction
from tests.factories import UserFactory
from tests.housing.conftest import make_tenant

pytestmark = pytest.mark.django_db


def test_an_officer_sees_the_residents_tenancy_and_rent_on_their_page(client):
    user, tenancy = make_tenant()
    RentTransaction.objects.create(
        transaction_ref="R1",
        tenancy=tenancy,
        posted_on=timezone.localdate() - dt.timedelta(days=1),
        kind="charge",
        amount=Decimal("98.50"),
    )
    client.force_login(UserFactory(role=Role.CONTACT_CENTRE))
    page = client.get(f"/staff/residents/{user.resident.pk}/").content.decode()
    assert "Council tenancy and rent" in page
    assert "Secure tenancy T-1001" in page
    assert "£98.50" in page
    assert "In arrears" in page


def test_a_role_without_a_need_does_not_see_the_tenancy(client):
    user, _tenancy = make_tenant()
    client.force_login(UserFactory(role=Role.INFORMATION_GOVERNANCE))
    page = client.get(f"/staff/residents/{user.resident.pk}/")
    assert page.status_code == 200
    assert "Council tenancy and rent" not in page.content.decode()


def test_the_import_log_shows_each_refused_row_by_line(client):
    import_rows(
        actor=None,
        kind="slots",
        rows=csv_rows("slot_ref,starts_at,ends_at\nS-1,tomorrow,2026-12-14T12:00\n", "slots"),
        source="csv",
        file_name="slots.csv",
    )
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    page = client.get("/staff/housing/imports/").content.decode()
    assert "slots.csv" in page
    assert "0 created, 0 updated, 0 unchanged, 1 refused, 0 unmatched." in page
    assert "&quot;starts_at&quot; must be a date and time" in page
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get("/staff/housing/imports/").status_code == 403
