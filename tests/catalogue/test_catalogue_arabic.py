"""The catalogue's Arabic (catalogue/demo/oxford.ar.json) covers the English file entry by entry:
every service area, topic, service and guidance page, every field the English has, guidance
bodies of the same shape, and the phone numbers and prices exactly as the English writes them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DEMO = Path(__file__).parents[2] / "src/opencex/catalogue/demo"
ENGLISH = json.loads((DEMO / "oxford.json").read_text(encoding="utf-8"))
ARABIC = json.loads((DEMO / "oxford.ar.json").read_text(encoding="utf-8"))
SERVICE_FIELDS = ("title", "summary", "eligibility", "cost", "standard_text", "if_late", "keywords")
_LATIN = re.compile(r"[A-Za-z]")
_FIGURES = re.compile(r"£\d+|\b0\d{4} \d{6}\b")


def _by_slug(section: str) -> dict[str, dict]:
    return {entry["slug"]: entry for entry in ENGLISH[section]}


def _shape(body: list) -> list:
    """A guidance body's outline: a paragraph, a heading, or a list of so many items."""
    return [
        "paragraph" if isinstance(part, str) else "heading" if isinstance(part, dict) else len(part)
        for part in body
    ]


def test_it_is_the_arabic_file_with_the_four_sections():
    assert ARABIC["language"] == "ar"
    assert set(ARABIC) == {"language", "service_areas", "topics", "services", "guidance_pages"}


@pytest.mark.parametrize("section", ["service_areas", "topics", "services", "guidance_pages"])
def test_every_english_entry_has_arabic_and_nothing_else_does(section):
    assert set(ARABIC[section]) == set(_by_slug(section))


def test_service_areas_and_topics_have_every_field():
    for slug in _by_slug("service_areas"):
        assert set(ARABIC["service_areas"][slug]) == {"name", "description"}, slug
    for slug in _by_slug("topics"):
        assert set(ARABIC["topics"][slug]) == {"name"}, slug


@pytest.mark.parametrize("slug", sorted(_by_slug("services")))
def test_a_service_has_every_field_the_english_has_in_arabic(slug):
    english = _by_slug("services")[slug]
    arabic = ARABIC["services"][slug]
    assert set(arabic) == {field for field in SERVICE_FIELDS if english.get(field) is not None}
    for field, text in arabic.items():
        if field == "keywords":
            assert text
            assert all(isinstance(word, str) and word.strip() for word in text)
            continue
        assert isinstance(text, str), field
        assert text.strip(), field
        assert sorted(_FIGURES.findall(text)) == sorted(_FIGURES.findall(english[field])), field
        assert text != english[field] or not _LATIN.search(text), field  # not left in English


@pytest.mark.parametrize("slug", sorted(_by_slug("guidance_pages")))
def test_a_guidance_page_mirrors_the_english_body(slug):
    english = _by_slug("guidance_pages")[slug]
    arabic = ARABIC["guidance_pages"][slug]
    assert set(arabic) == {"title", "summary", "body", "keywords"}
    assert _shape(arabic["body"]) == _shape(english["body"])
    headings = [part for part in arabic["body"] if isinstance(part, dict) and "steps" not in part]
    assert all(set(heading) == {"heading"} and heading["heading"].strip() for heading in headings)
    assert "01865 249811" in json.dumps(arabic, ensure_ascii=False) or "01865 249811" not in (
        json.dumps(english)
    )
