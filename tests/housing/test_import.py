"""The import interface: CSV rows validated with their line numbers, upserted by the housing
system's references (a second import changes nothing), unmatched properties and people reported
and never invented."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opencex.accounts.models import Role
from opencex.housing.importing import RowProblem, csv_rows, import_rows
from opencex.housing.models import (
    AppointmentSlot,
    ImportRun,
    RentTransaction,
    Repair,
    Tenancy,
    TenancyMember,
)
from opencex.people.models import Occupancy, Relationship, Resident
from tests.factories import PropertyFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

TENANCIES = """tenancy_ref,uprn,tenancy_type,start_date,end_date,charge_amount,\
charge_frequency,first_charge_date,opening_balance
T-1,999100000001,secure,2018-05-14,,101.20,weekly,2026-04-06,0
T-2,999100000002,leasehold,2010-01-01,,1450.00,monthly,2026-04-01,250.00
T-3,999100000001,tenancy at will,2018-05-14,,,,,
T-4,999100000001,secure,14/05/2018,,,,,
T-5,999199999999,secure,2018-05-14,,,,,
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def homes(db):
    return [
        PropertyFactory(uprn="999100000001", is_council_owned=True),
        PropertyFactory(uprn="999100000002", is_council_owned=True),
    ]


def run_rows(kind: str, text: str) -> ImportRun:
    return import_rows(actor=None, kind=kind, rows=csv_rows(text, kind), source="csv")


def test_good_tenancy_rows_are_imported_by_their_housing_reference(homes):
    run = run_rows("tenancies", TENANCIES)
    assert run.created == 2
    secure = Tenancy.objects.get(housing_ref="T-1")
    assert secure.property == homes[0]
    assert secure.tenancy_type == "secure"
    assert secure.started_on == dt.date(2018, 5, 14)
    assert secure.charge_amount == Decimal("101.20")
    lease = Tenancy.objects.get(housing_ref="T-2")
    assert (lease.charge_frequency, lease.opening_balance) == ("monthly", Decimal("250.00"))


def test_bad_rows_are_refused_with_their_line_numbers_and_the_column(homes):
    run = run_rows("tenancies", TENANCIES)
    assert run.errors == [
        {
            "line": 4,
            "message": '"tenancy_type" must be one of secure, introductory, leasehold, '
            'not "tenancy at will".',
        },
        {"line": 5, "message": '"start_date" must be a date as YYYY-MM-DD, not "14/05/2018".'},
    ]


def test_a_row_naming_an_unknown_uprn_is_reported_unmatched_and_nothing_is_made(homes):
    run = run_rows("tenancies", TENANCIES)
    assert run.unmatched == [
        {
            "line": 6,
            "message": 'No property with UPRN 999199999999: tenancy "T-5" was not imported.',
        }
    ]
    assert not Tenancy.objects.filter(housing_ref="T-5").exists()


def test_importing_the_same_file_again_changes_nothing(homes):
    run_rows("tenancies", TENANCIES)
    again = run_rows("tenancies", TENANCIES)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Tenancy.objects.count() == 2


def test_a_changed_row_updates_its_tenancy_in_place(homes):
    run_rows("tenancies", TENANCIES)
    changed = run_rows("tenancies", TENANCIES.replace("101.20", "104.75"))
    assert (changed.created, changed.updated) == (0, 1)
    assert Tenancy.objects.get(housing_ref="T-1").charge_amount == Decimal("104.75")


def test_a_file_missing_a_column_is_refused_whole():
    with pytest.raises(RowProblem, match="Line 1: the header has no uprn column"):
        csv_rows("tenancy_ref,tenancy_type,start_date\nT-1,secure,2018-05-14\n", "tenancies")


def test_a_tenant_is_matched_to_the_resident_living_there_by_name_and_date_of_birth(homes):
    run_rows("tenancies", TENANCIES)
    resident = ResidentFactory(full_name="Joan Okoro", date_of_birth=dt.date(1961, 3, 2))
    Occupancy.objects.create(resident=resident, property=homes[0], relationship=Relationship.TENANT)
    namesake_elsewhere = ResidentFactory(full_name="Joan Okoro", date_of_birth=dt.date(1961, 3, 2))
    residents_before = Resident.objects.count()
    text = (
        "tenancy_ref,person_ref,role,full_name,date_of_birth,email\n"
        "T-1,P-77,tenant,joan okoro,1961-03-02,\n"
        "T-1,P-78,joint_tenant,Sam Okoro,1963-07-19,\n"
        "T-9,P-79,tenant,Ann Lee,1970-01-01,\n"
    )
    run = run_rows("tenants", text)
    member = TenancyMember.objects.get(person_ref="P-77")
    assert member.resident == resident != namesake_elsewhere
    assert run.created == 1
    assert [entry["line"] for entry in run.unmatched] == [3, 4]
    assert "matches no resident living at UPRN 999100000001" in run.unmatched[0]["message"]
    assert 'No tenancy "T-9"' in run.unmatched[1]["message"]
    assert Resident.objects.count() == residents_before  # never invented


JOAN = "tenancy_ref,person_ref,role,full_name,email\nT-1,P-77,tenant,Joan Okoro,joan@example.org\n"


def test_a_person_matched_once_is_found_again_by_the_housing_systems_reference(homes):
    run_rows("tenancies", TENANCIES)
    resident = ResidentFactory(full_name="Joan Okoro", email="joan@example.org")
    Occupancy.objects.create(resident=resident, property=homes[0], relationship=Relationship.TENANT)
    run_rows(
        "tenants",
        JOAN,
    )
    resident.full_name = "Joan Okoro-Smith"  # married since: the name no longer matches
    resident.save()
    again = run_rows(
        "tenants",
        JOAN,
    )
    assert (again.unchanged, again.unmatched) == (1, [])


def test_rent_transactions_are_signed_by_their_kind(homes):
    run_rows("tenancies", TENANCIES)
    text = (
        "transaction_ref,tenancy_ref,posted_on,kind,amount,description\n"
        "R-1,T-1,2026-11-02,charge,101.20,Rent\n"
        "R-2,T-1,2026-11-03,payment,90.00,Direct debit\n"
        "R-3,T-1,2026-11-04,adjustment,-5.00,Refund of overcharge\n"
        "R-4,T-1,2026-11-05,payment,-3.00,Wrong sign\n"
        "R-5,T-1,2026-11-05,payment,ten pounds,\n"
    )
    run = run_rows("rent", text)
    amounts = dict(RentTransaction.objects.values_list("transaction_ref", "amount"))
    assert amounts == {"R-1": Decimal("101.20"), "R-2": Decimal("-90.00"), "R-3": Decimal("-5.00")}
    assert [entry["line"] for entry in run.errors] == [5, 6]


def test_repairs_and_slots_are_imported_by_their_references(homes):
    run_rows("tenancies", TENANCIES)
    run = run_rows(
        "repairs",
        "repair_ref,tenancy_ref,description,priority,status,reported_at,completed_on\n"
        "RP-1,T-1,Kitchen tap drips,routine,reported,2026-11-20T10:15,\n",
    )
    assert run.created == 1
    assert Repair.objects.get(repair_ref="RP-1").tenancy.housing_ref == "T-1"
    slots = run_rows(
        "slots",
        "slot_ref,starts_at,ends_at,contractor\n"
        "S-1,2026-12-14T08:00,2026-12-14T12:00,Oxford Direct Services\n"
        "S-2,2026-12-14T12:00,2026-12-14T08:00,Oxford Direct Services\n",
    )
    assert AppointmentSlot.objects.get().slot_ref == "S-1"
    assert slots.errors == [{"line": 3, "message": '"ends_at" must be after "starts_at".'}]


def test_the_command_reports_each_refused_row_by_line_and_logs_the_run(homes, tmp_path):
    out = StringIO()
    with pytest.raises(CommandError, match="2 row\\(s\\) refused"):
        call_command(
            "import_housing", "tenancies", str(write(tmp_path, "t.csv", TENANCIES)), stdout=out
        )
    printed = out.getvalue()
    assert "tenancies: 2 created, 0 updated, 0 unchanged, 2 refused, 1 unmatched." in printed
    assert "line 4:" in printed
    assert "line 6 (unmatched):" in printed
    logged = ImportRun.objects.get()
    assert (logged.kind, logged.source, logged.file_name) == ("tenancies", "csv", "t.csv")


def test_only_an_administrator_may_import():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_rows(actor=UserFactory(role=Role.CASEWORKER), kind="slots", rows=[], source="csv")
