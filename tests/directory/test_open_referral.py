"""Open Referral UK JSON and CSV: what an export holds, and export → empty database → import
gives the same directory back."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from opencex.directory import openreferral
from opencex.directory.models import Contact, Location, Organization, Service, TaxonomyTerm
from opencex.directory.services import save_directory_entries

pytestmark = pytest.mark.usefixtures("oxford_directory")


def snapshot() -> dict:
    """Everything an export should carry, keyed by ORUK id (slugs are local and not exported)."""
    return {
        str(service.oruk_id): {
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "eligibility": service.eligibility,
            "ages": (service.minimum_age, service.maximum_age),
            "schedule": service.schedule_description,
            "organization": (
                str(service.organization.oruk_id),
                service.organization.name,
                service.organization.description,
                service.organization.email,
                service.organization.url,
            ),
            "locations": sorted(
                (
                    str(place.oruk_id),
                    place.name,
                    place.address_1,
                    place.city,
                    place.postal_code,
                    place.latitude,
                    place.longitude,
                )
                for place in service.locations.all()
            ),
            "contacts": sorted(
                (str(c.oruk_id), c.name, c.title, c.email, c.phone) for c in service.contacts.all()
            ),
            "taxonomy": sorted(
                (str(t.oruk_id), t.name, t.vocabulary) for t in service.taxonomy_terms.all()
            ),
        }
        for service in Service.objects.all()
    }


def empty_the_directory() -> None:
    for model in (Contact, Service, Location, TaxonomyTerm, Organization):
        model.objects.all().delete()


def test_the_json_export_uses_oruk_names_and_shapes():
    data = openreferral.export_json()
    assert data["totalElements"] == len(data["content"]) == Service.objects.count()
    larder = next(s for s in data["content"] if s["name"] == "Barton Community Larder")
    assert larder["organization"]["name"] == "Barton Community Larder"
    assert larder["contacts"] == []  # a real organisation: no made-up number
    assert larder["eligibilitys"][0]["eligibility"].startswith("Anyone living in Oxford")
    assert larder["regular_schedules"][0]["description"] == "Tuesday, 11am to 1pm"
    place = larder["service_at_locations"][0]["location"]
    assert place["physical_addresses"][0]["postal_code"] == "OX3 9LS"
    assert place["latitude"] == pytest.approx(51.7706)
    assert {link["taxonomy"]["name"] for link in larder["service_taxonomys"]} == {
        "Food",
        "Money advice",
    }
    assert larder["fees"] == "£3.50 a visit"
    parcels = next(s for s in data["content"] if s["name"].startswith("Emergency food parcels"))
    assert parcels["contacts"][0]["phones"][0]["number"] == "01632 960221"


def test_json_round_trip_through_the_commands_gives_the_same_directory(tmp_path):
    before = snapshot()
    path = tmp_path / "directory.json"
    call_command("directory_export", str(path), stdout=StringIO())
    empty_the_directory()
    out = StringIO()
    call_command("directory_import", str(path), stdout=out)
    assert f"{len(before)} created, 0 updated" in out.getvalue()
    assert snapshot() == before


def test_importing_an_export_again_updates_in_place(tmp_path):
    path = tmp_path / "directory.json"
    call_command("directory_export", str(path), stdout=StringIO())
    data = json.loads(path.read_text())
    data["content"][0]["name"] = "A new name"
    path.write_text(json.dumps(data))
    before = Service.objects.count()
    out = StringIO()
    call_command("directory_import", str(path), stdout=out)
    assert f"0 created, {before} updated" in out.getvalue()
    assert Service.objects.count() == before
    assert Service.objects.filter(name="A new name").count() == 1


def test_importing_an_export_of_the_demo_keeps_it_marked_as_demo(tmp_path):
    path = tmp_path / "directory.json"
    call_command("directory_export", str(path), stdout=StringIO())
    call_command("directory_import", str(path), stdout=StringIO())
    assert not Service.objects.filter(is_demo=False).exists()
    assert not Organization.objects.filter(is_demo=False).exists()


def test_csv_round_trip_gives_the_same_directory(tmp_path):
    before = snapshot()
    path = tmp_path / "services.csv"
    call_command("directory_export", str(path), stdout=StringIO())
    assert path.read_text().splitlines()[0].startswith("id,name,description,url,email")
    empty_the_directory()
    call_command("directory_import", str(path), stdout=StringIO())
    after = snapshot()
    # The CSV keeps one contact per service; the demo has at most one.
    assert after == before


def test_a_service_another_publisher_wrote_is_imported_with_what_it_gives():
    entries = openreferral.entries_from_json(
        {
            "id": "2b1a4c1e-0a5b-4d1f-9d6e-2f9b2f1a1a11",
            "name": "Tenants' rights clinic",
            "description": "Free advice for private renters.",
            "organization": {"id": "7c3d2e1f-1b2c-4d3e-8f9a-0b1c2d3e4f50", "name": "Renters"},
            "service_at_locations": [
                {
                    "location": {
                        "id": "9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a",
                        "physical_addresses": [
                            {"address_1": "Cowley Road", "postal_code": "ox41jd"}
                        ],
                    }
                }
            ],
        }
    )
    save_directory_entries(entries)
    service = Service.objects.get(name="Tenants' rights clinic")
    place = service.locations.get()
    assert place.postal_code == "OX4 1JD"
    assert place.has_coordinates  # placed at its postcode sector
    assert service.slug == "tenants-rights-clinic"
    assert not service.is_demo


def test_a_file_that_is_not_oruk_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps({"content": [{"id": "not-a-uuid", "name": "X", "organization": {}}]})
    )
    before = snapshot()
    with pytest.raises(CommandError, match="is not Open Referral UK"):
        call_command("directory_import", str(path), stdout=StringIO())
    assert snapshot() == before
