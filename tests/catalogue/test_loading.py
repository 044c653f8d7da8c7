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
    assert any("service 'report-pothole': it is the county's" in p for p in problems)
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


def test_a_misspelt_setting_is_named_rather_than_dropped(catalogue):
    catalogue["services"][0]["standard_day"] = 2

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    assert raised.value.problems == (
        "service 'report-missed-bin', standard_day: is not a setting this file knows: "
        "check its spelling.",
    )


def test_a_value_of_the_wrong_kind_names_the_entry_and_the_field(catalogue):
    catalogue["services"][0]["standard_days"] = "two"
    catalogue["services"][1]["channels"] = ["online", "carrier pigeon"]

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    assert raised.value.problems[0].startswith(
        "service 'report-missed-bin', standard_days: Input should be a valid integer"
    )
    assert raised.value.problems[1].startswith("service 'report-pothole', channels[1]: Input ")
    assert "(it is 'carrier pigeon')" in raised.value.problems[1]


def test_a_required_text_left_out_or_empty_is_named(catalogue):
    del catalogue["topics"][0]["name"]
    catalogue["services"][0]["title"] = "  "

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    assert raised.value.problems == (
        "topic 'bins', name: is required.",
        "service 'report-missed-bin', title: is empty.",
    )


def test_a_guidance_body_names_the_block_that_is_not_text(catalogue):
    catalogue["guidance_pages"] = [
        {"slug": "bins", "title": "Bins", "summary": "When.", "body": ["Weekly.", {"h": 1}]}
    ]

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    assert raised.value.problems == (
        "guidance page 'bins', body: block 2 is not a paragraph (text), a bulleted list (a list "
        'of text), a heading ({"heading": text}), numbered steps ({"steps": [text, ...]}) or a '
        'video ({"video": {"src", "captions", "transcript"}}).',
    )


def test_an_entry_without_a_slug_is_named_by_its_place(catalogue):
    catalogue["teams"].append({"name": "Parks", "service_area": "waste"})

    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue)

    assert raised.value.problems == (f"teams entry {len(catalogue['teams'])}, slug: is required.",)


def test_a_service_on_another_providers_site_must_be_on_one_of_its_listed_hosts(catalogue):
    service = catalogue["services"][0]
    service["external_provider"] = {"en": "Planning Portal", "pl": "Planning Portal"}
    providers = {"_about": "hosts by provider", "Planning Portal": ["www.planningportal.co.uk"]}

    service["external_url"] = "https://www.planningportal.co.uk/applications"
    load_catalogue(catalogue, providers=providers)  # on the provider's site: loaded

    for address in (
        "https://www.planningportal.co.uk.example.net/",
        "http://www.planningportal.co.uk/",
    ):
        service["external_url"] = address
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(catalogue, providers=providers)
        assert (
            f"service 'report-missed-bin': external_url {address} is not https on a host of "
            "'Planning Portal' (www.planningportal.co.uk)." in raised.value.problems
        )

    service["external_provider"] = "Planning Portl"
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue, providers=providers)
    assert (
        "service 'report-missed-bin' names provider 'Planning Portl', which the providers file "
        "does not list." in raised.value.problems
    )


def test_the_demo_catalogue_is_loaded_with_the_providers_file_beside_it():
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug)
    assert path.with_name(f"{path.stem}.providers.json").exists()
    summary = load_catalogue_file(path)
    assert summary.services.created
