"""Loading a catalogue file: an idempotent upsert by slug that refuses a file it cannot trust."""

from __future__ import annotations

import copy
import json

import pytest
from django.conf import settings

from opencex.catalogue.loading import (
    CatalogueError,
    demo_catalogue_file,
    load_catalogue,
    load_catalogue_file,
)
from opencex.catalogue.models import Provider, Service, ServiceArea, Team, Topic
from tests.catalogue.conftest import routing_slugs

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        ServiceArea.objects.count(),
        Team.objects.count(),
        Topic.objects.count(),
        Service.objects.count(),
    )


def test_loading_the_same_file_twice_leaves_the_same_rows(catalogue):
    first = load_catalogue(catalogue)
    counts = _counts()

    second = load_catalogue(catalogue)

    assert _counts() == counts == (2, 4, 1, 2)
    assert first.changed
    assert not second.changed
    assert second.services.unchanged == 2


def test_a_changed_field_is_updated_in_place(catalogue):
    load_catalogue(catalogue)
    catalogue["services"][0]["standard_days"] = 3
    catalogue["services"][0]["standard_text"] = "Within 3 working days."

    summary = load_catalogue(catalogue)

    service = Service.objects.get(slug="report-missed-bin")
    assert (service.standard_days, service.standard_text) == (3, "Within 3 working days.")
    assert (summary.services.updated, summary.services.created) == (1, 0)


def test_empty_values_in_the_file_are_stored_as_blank_text(catalogue):
    load_catalogue(catalogue)

    pothole = Service.objects.get(slug="report-pothole")
    assert pothole.provider == Provider.COUNTY
    assert (pothole.standard_text, pothole.if_late, pothole.case_kind) == ("", "", "")
    assert pothole.team is None


def test_a_service_dropped_from_the_file_is_kept_but_no_longer_live(catalogue):
    load_catalogue(catalogue)
    smaller = copy.deepcopy(catalogue)
    smaller["services"] = [s for s in smaller["services"] if s["slug"] != "report-pothole"]

    summary = load_catalogue(smaller)

    assert summary.retired_services == ("report-pothole",)
    assert not Service.objects.get(slug="report-pothole").is_live
    assert Service.objects.get(slug="report-missed-bin").is_live


def test_a_service_back_in_the_file_is_live_again(catalogue):
    load_catalogue(catalogue)
    Service.objects.filter(slug="report-pothole").update(is_live=False)

    load_catalogue(catalogue)

    assert Service.objects.get(slug="report-pothole").is_live


def test_a_missing_team_reference_is_a_clear_error_and_nothing_is_written(catalogue):
    catalogue["services"][0]["team"] = "bin-crews"

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    assert "service 'report-missed-bin' names team 'bin-crews', which is not in teams" in str(
        raised.value
    )
    assert _counts() == (0, 0, 0, 0)


def test_every_problem_in_the_file_is_reported_at_once(catalogue):
    catalogue["teams"][-1]["service_area"] = "bins-area"
    catalogue["services"][1]["external_url"] = ""
    catalogue["services"][0]["standard_text"] = None

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    problems = raised.value.problems
    assert len(problems) == 3
    assert any("team 'waste-team' names service area 'bins-area'" in p for p in problems)
    assert any("'report-pothole' is the county's" in p for p in problems)
    assert any("needs both standard_days and standard_text" in p for p in problems)


def test_a_routing_team_missing_from_the_file_is_named(catalogue):
    general = settings.COUNCIL_PROFILE.routing.general
    catalogue["teams"] = [t for t in catalogue["teams"] if t["slug"] != general]

    with pytest.raises(CatalogueError, match=f"routes cases to team '{general}'"):
        load_catalogue(catalogue)


def test_a_file_that_is_not_json_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"services": [', encoding="utf-8")

    with pytest.raises(CatalogueError, match="is not valid JSON"):
        load_catalogue_file(broken)


def test_the_councils_own_catalogue_loads_with_its_county_signposts():
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug)

    summary = load_catalogue_file(path)

    services = Service.objects.live()
    county = services.filter(provider=Provider.COUNTY)
    assert services.count() >= 150
    assert county.count() >= 25
    assert not county.filter(external_url="").exists()
    assert Team.objects.filter(slug__in=routing_slugs()).count() == 3
    assert summary.services.created == len(json.loads(path.read_text())["services"])
    assert not load_catalogue_file(path).changed


def test_a_service_marked_as_a_landlord_function_is_loaded_as_one(catalogue):
    catalogue["services"][0]["landlord_function"] = True

    load_catalogue(catalogue)

    assert Service.objects.get(slug="report-missed-bin").is_landlord_function
    assert not Service.objects.get(slug="report-pothole").is_landlord_function


def test_the_demo_catalogue_marks_council_housing_repairs_as_a_landlord_function():
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))

    landlord = Service.objects.filter(is_landlord_function=True)
    assert landlord.exists()
    assert not landlord.filter(service_area__slug="waste").exists()
