"""The housing management system's adapter, as a contract: the system's documented JSON (the
files beside this test, one per endpoint) is read over real HTTP from a server on loopback by
`HttpHousingSystem` and from the folder by `LocalHousingSystem`, and both give the same rows,
which import as the CSV rows do."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from opencex.housing.importing import import_rows
from opencex.housing.models import AppointmentSlot, RentTransaction, Repair, Tenancy
from opencex.housing.system import (
    HousingSystemError,
    HttpHousingSystem,
    LocalHousingSystem,
    housing_system,
)
from opencex.people.models import Occupancy, Relationship
from tests.factories import PropertyFactory, ResidentFactory

FIXTURES = Path(__file__).resolve().parent / "housing_system"


class _SystemApi(SimpleHTTPRequestHandler):
    """Serves GET /{path} as the fixture {path}.json, only with the bearer token."""

    seen_tokens: list[str] = []

    def do_GET(self):
        self.seen_tokens.append(self.headers.get("Authorization", ""))
        if self.headers.get("Authorization") != "Bearer s3cret":
            self.send_error(401)
            return
        self.path = f"{self.path}.json"
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture
def system_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_SystemApi, directory=str(FIXTURES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_api_adapter_maps_the_systems_tenancies_to_import_rows(system_api):
    rows = HttpHousingSystem(system_api, "s3cret").rows("tenancies")
    assert rows[0] == (
        1,
        {
            "tenancy_ref": "QL-000123",
            "uprn": "999100000001",
            "tenancy_type": "secure",
            "start_date": "2018-05-14",
            "end_date": "",
            "charge_amount": "101.2",
            "charge_frequency": "weekly",
            "first_charge_date": "2026-04-06",
            "opening_balance": "0.00",
        },
    )
    assert rows[1][1]["tenancy_type"] == "leasehold"
    assert rows[1][1]["charge_frequency"] == "monthly"
    assert rows[2][1]["tenancy_type"] == "XYZ"  # an unknown code is left for the row check


def test_the_api_adapter_maps_people_transactions_repairs_and_slots(system_api):
    system = HttpHousingSystem(system_api, "s3cret")
    people = [row for _line, row in system.rows("tenants")]
    assert [(p["person_ref"], p["role"]) for p in people] == [
        ("QLP-9001", "tenant"),
        ("QLP-9002", "household_member"),
    ]
    assert [(r["kind"], r["amount"]) for _l, r in system.rows("rent")] == [
        ("charge", "101.20"),
        ("payment", "60.00"),
    ]
    ((_line, repair),) = system.rows("repairs")
    assert (repair["priority"], repair["status"], repair["needs_appointment"]) == (
        "routine", "booked", "yes",
    )  # fmt: skip
    ((_line, slot),) = system.rows("slots")
    assert slot["slot_ref"] == "ODS-2026-12-14-AM"


def test_the_api_adapter_sends_the_bearer_token_and_names_a_refusal(system_api):
    with pytest.raises(HousingSystemError, match="Could not read tenancies"):
        HttpHousingSystem(system_api, "wrong").rows("tenancies")


def test_the_local_default_reads_the_same_documents_to_the_same_rows(system_api):
    for kind in ("tenancies", "tenants", "rent", "repairs", "slots"):
        assert LocalHousingSystem(FIXTURES).rows(kind) == HttpHousingSystem(
            system_api, "s3cret"
        ).rows(kind)


@pytest.mark.django_db
def test_the_systems_records_import_and_a_second_import_changes_nothing(settings):
    settings.OPENCEX_HOUSING_SYSTEM_URL = ""
    settings.OPENCEX_HOUSING_SYSTEM_DIR = str(FIXTURES)
    home = PropertyFactory(uprn="999100000001", is_council_owned=True)
    PropertyFactory(uprn="999100000002", is_council_owned=True)
    joan = ResidentFactory(full_name="Joan Okoro", date_of_birth=dt.date(1961, 3, 2))
    Occupancy.objects.create(resident=joan, property=home, relationship=Relationship.TENANT)
    for kind in ("tenancies", "tenants", "rent", "repairs"):
        import_rows(actor=None, kind=kind, rows=housing_system().rows(kind), source="system")
    out = StringIO()
    call_command("import_housing", "slots", "--from-system", stdout=out)
    assert out.getvalue().startswith("slots: 1 created, 0 updated, 0 unchanged")
    tenancy = Tenancy.objects.get(housing_ref="QL-000123")
    assert tenancy.members.get().resident == joan  # Kit is not known to us: unmatched
    assert sorted(RentTransaction.objects.values_list("amount", flat=True)) == [
        Decimal("-60.00"),
        Decimal("101.20"),
    ]
    assert Repair.objects.get().repair_ref == "JOB-555"
    assert AppointmentSlot.objects.count() == 1
    again = import_rows(
        actor=None, kind="tenancies", rows=housing_system().rows("tenancies"), source="system"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert again.errors == [
        {
            "line": 3,
            "message": '"tenancy_type" must be one of secure, introductory, leasehold, not "xyz".',
        }
    ]
