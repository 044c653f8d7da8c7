"""Guidance pages with a short video (shown only with captions and a transcript) and numbered
steps a resident can print without JavaScript."""

from __future__ import annotations

import copy
import json

import pytest
from django.conf import settings
from django.urls import reverse

from opencex.catalogue.loading import CatalogueError, demo_catalogue_file, load_catalogue
from opencex.catalogue.models import GuidancePage

pytestmark = pytest.mark.django_db

# A test fixture, not shipped media: the addresses need not exist for the page to be checked.
VIDEO = {
    "src": "/media/guidance/pay-online.mp4",
    "captions": "/media/guidance/pay-online.en.vtt",
    "transcript": "Open the payment page. Type your reference. Pay by card.",
    "title": "How to pay online",
}


@pytest.fixture
def oxford():
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug)
    return json.loads(path.read_text(encoding="utf-8"))


def _with_video(oxford: dict, video: dict) -> dict:
    changed = copy.deepcopy(oxford)
    page = next(p for p in changed["guidance_pages"] if p["slug"] == "council-tax-bands")
    page["body"] = [*page["body"], {"video": video}]
    return changed


@pytest.mark.parametrize(
    ("left_out", "named"),
    [("captions", "captions (a WebVTT .vtt file)"), ("transcript", "transcript")],
)
def test_a_video_without_captions_or_a_transcript_is_refused_naming_the_page(
    oxford, left_out, named
):
    video = {key: value for key, value in VIDEO.items() if key != left_out}
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(_with_video(oxford, video))
    assert any(
        problem.startswith("guidance page 'council-tax-bands', body: the video in block")
        and f"needs {named}" in problem
        for problem in raised.value.problems
    ), raised.value.problems


def test_captions_that_are_not_webvtt_are_refused(oxford):
    with pytest.raises(CatalogueError, match=r"captions \(a WebVTT \.vtt file\)"):
        load_catalogue(_with_video(oxford, {**VIDEO, "captions": "/media/captions.srt"}))


def test_a_video_plays_with_captions_and_its_transcript_below(client, oxford):
    load_catalogue(_with_video(oxford, VIDEO))
    page = client.get(reverse("web:guidance", args=["council-tax-bands"])).text
    assert (
        '<video controls preload="metadata" width="100%" src="/media/guidance/pay-online.mp4">'
        in page
    )
    assert '<track kind="captions" src="/media/guidance/pay-online.en.vtt" srclang="en"' in page
    transcript = page.split("Read the video's transcript")[1]
    assert "Open the payment page. Type your reference. Pay by card." in transcript


def test_a_shipped_page_has_numbered_steps_and_a_print_view_without_javascript(client, oxford):
    load_catalogue(oxford)
    assert GuidancePage.objects.get(slug="getting-rid-of-large-items").steps
    page = client.get(reverse("web:guidance", args=["getting-rid-of-large-items"])).text
    assert '<ol class="govuk-list govuk-list--number app-steps">' in page
    printable = reverse("web:guidance-print", args=["getting-rid-of-large-items"])
    assert f'href="{printable}">Print these steps</a>' in page
    printed = client.get(printable).text
    assert 'media="print"' in printed
    assert "£22 or £33 an item" in printed
    assert "Never leave items in the street" not in printed  # only the steps


def test_a_page_without_steps_has_no_print_view(client, oxford):
    load_catalogue(oxford)
    assert client.get(reverse("web:guidance-print", args=["flooding"])).status_code == 404
