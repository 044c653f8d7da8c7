"""Guidance pages load from the catalogue file with the services, by slug, and retire likewise."""

from __future__ import annotations

import copy
import json

import pytest
from django.conf import settings

from opencex.catalogue.loading import CatalogueError, demo_catalogue_file, load_catalogue
from opencex.catalogue.models import GuidancePage, Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def oxford():
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug)
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_councils_file_has_guidance_pages_linked_to_its_services(oxford):
    summary = load_catalogue(oxford)
    assert summary.guidance_pages.created >= 15
    page = GuidancePage.objects.get(slug="bin-collection-days")
    assert set(page.services.values_list("slug", flat=True)) == {
        "check-bin-collection-day",
        "report-missed-bin",
    }


def test_guidance_slugs_do_not_clash_with_service_slugs(oxford):
    load_catalogue(oxford)
    pages = set(GuidancePage.objects.values_list("slug", flat=True))
    assert not pages & set(Service.objects.values_list("slug", flat=True))


def test_loading_twice_changes_nothing(oxford):
    load_catalogue(oxford)
    second = load_catalogue(oxford)
    assert not second.changed


def test_a_page_dropped_from_the_file_is_kept_but_no_longer_live(oxford):
    load_catalogue(oxford)
    smaller = copy.deepcopy(oxford)
    smaller["guidance_pages"] = [p for p in smaller["guidance_pages"] if p["slug"] != "flooding"]
    summary = load_catalogue(smaller)
    assert summary.retired_guidance_pages == ("flooding",)
    assert not GuidancePage.objects.get(slug="flooding").is_live


def test_a_file_without_guidance_leaves_the_pages_alone(oxford):
    load_catalogue(oxford)
    without = {key: value for key, value in oxford.items() if key != "guidance_pages"}
    load_catalogue(without)
    assert GuidancePage.objects.live().count() == len(oxford["guidance_pages"])


def test_a_page_linking_to_an_unknown_service_is_refused(oxford):
    broken = copy.deepcopy(oxford)
    broken["guidance_pages"][0]["services"] = ["no-such-service"]
    broken["guidance_pages"][1]["body"] = [{"table": []}]
    with pytest.raises(CatalogueError) as error:
        load_catalogue(broken)
    assert "links to service 'no-such-service'" in str(error.value)
    assert "body: block 1 is not a paragraph" in str(error.value)
    assert not GuidancePage.objects.exists()


def test_editing_a_service_moves_its_updated_at(oxford):
    load_catalogue(oxford)
    before = Service.objects.get(slug="report-pothole").updated_at
    changed = copy.deepcopy(oxford)
    next(s for s in changed["services"] if s["slug"] == "report-pothole")["title"] = "Pothole"
    load_catalogue(changed)
    assert Service.objects.get(slug="report-pothole").updated_at > before
