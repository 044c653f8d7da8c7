"""A catalogue's translation files (`oxford.pl.json` beside `oxford.json`): read with the catalogue,
checked against it, and merged into each row's translations."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from opencex.catalogue.loading import (
    CatalogueError,
    TranslationFile,
    demo_catalogue_file,
    load_catalogue,
    load_catalogue_file,
)
from opencex.catalogue.models import GuidancePage, Service, ServiceArea, Topic

pytestmark = pytest.mark.django_db

GUIDANCE = {
    "slug": "bin-days",
    "title": "Bin collection days",
    "summary": "When your bins are collected.",
    "body": [{"heading": "Which bin"}, "Put it out by 7am.", ["Blue bin", "Green bin"]],
    "keywords": ["bin day"],
    "topic": "bins",
    "services": ["report-missed-bin"],
}
POLISH_GUIDANCE = {
    "title": "Dni odbioru śmieci",
    "body": [
        {"heading": "Który pojemnik"},
        "Prosimy wystawić go do 7:00.",
        ["Niebieski", "Zielony"],
    ],
    "keywords": ["dzień odbioru śmieci"],
}


@pytest.fixture
def with_guidance(catalogue) -> dict:
    return {**catalogue, "guidance_pages": [GUIDANCE]}


def _polish(**sections) -> TranslationFile:
    return TranslationFile("oxford.pl.json", "pl", {"language": "pl", **sections})


def _problems(catalogue: dict, *files: TranslationFile) -> tuple[str, ...]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(catalogue, translations=files)
    return raised.value.problems


def test_a_translation_file_gives_every_kind_of_row_its_texts(with_guidance):
    load_catalogue(
        with_guidance,
        translations=[
            _polish(
                service_areas={"waste": {"name": "Odpady", "description": "Pojemniki."}},
                topics={"bins": {"name": "Śmieci"}},
                services={
                    "report-missed-bin": {"title": "Nieodebrane śmieci", "keywords": ["śmieci"]}
                },
                guidance_pages={"bin-days": POLISH_GUIDANCE},
            )
        ],
    )
    assert ServiceArea.objects.get(slug="waste").text_in("description", "pl") == "Pojemniki."
    assert Topic.objects.get(slug="bins").text_in("name", "pl-pl") == "Śmieci"
    service = Service.objects.get(slug="report-missed-bin")
    assert service.in_language("pl").title == "Nieodebrane śmieci"
    assert service.keywords_in("pl") == ["śmieci"]
    assert service.keywords_in("en") == ["bin not emptied"]
    page = GuidancePage.objects.get(slug="bin-days")
    assert page.translations["pl"]["keywords"] == ["dzień odbioru śmieci"]
    polish = page.in_language("pl")
    assert polish.title == "Dni odbioru śmieci"
    assert polish.blocks[1] == ("paragraph", "Prosimy wystawić go do 7:00.")


def test_a_text_the_file_leaves_out_is_shown_in_english(with_guidance):
    load_catalogue(
        with_guidance,
        translations=[_polish(guidance_pages={"bin-days": {"title": "Dni odbioru śmieci"}})],
    )
    polish = GuidancePage.objects.get(slug="bin-days").in_language("pl")
    assert polish.summary == "When your bins are collected."
    assert polish.blocks[0] == ("heading", "Which bin")
    assert Topic.objects.get(slug="bins").text_in("name", "pl") == "Bins and recycling"


def test_the_file_is_merged_over_the_inline_translations(catalogue):
    catalogue["services"][0]["translations"] = {"pl": {"title": "Inline", "cost": "Bezpłatnie"}}
    load_catalogue(
        catalogue, translations=[_polish(services={"report-missed-bin": {"title": "Z pliku"}})]
    )
    texts = Service.objects.get(slug="report-missed-bin").translations["pl"]
    assert texts == {"title": "Z pliku", "cost": "Bezpłatnie"}


def test_a_slug_the_catalogue_does_not_have_is_named_with_its_file(catalogue):
    problems = _problems(catalogue, _polish(services={"report-missing-bin": {"title": "Śmieci"}}))
    assert problems == ("oxford.pl.json, service 'report-missing-bin' is not in the catalogue.",)


def test_a_guidance_body_of_another_shape_is_refused(with_guidance):
    body = [{"heading": "Który pojemnik"}, "Do 7:00.", ["Niebieski"]]
    problems = _problems(with_guidance, _polish(guidance_pages={"bin-days": {"body": body}}))
    assert problems == (
        "oxford.pl.json, guidance page 'bin-days', body: block 3 is a list of 2 in English but "
        "a list of 1 here; a translated body has the English body's blocks in the same order.",
    )


def test_a_guidance_body_missing_a_block_is_refused(with_guidance):
    body = [{"heading": "Który pojemnik"}, "Do 7:00."]
    problems = _problems(with_guidance, _polish(guidance_pages={"bin-days": {"body": body}}))
    assert problems[0].startswith(
        "oxford.pl.json, guidance page 'bin-days', body: block 3 is a list of 2 in English but "
        "missing here"
    )


def test_a_field_of_the_wrong_kind_names_the_file_the_slug_and_the_field(catalogue):
    problems = _problems(
        catalogue,
        _polish(services={"report-missed-bin": {"title": 3, "slogan": "Czysto!"}}),
    )
    assert problems == (
        "oxford.pl.json, service 'report-missed-bin', title: Input should be a valid string "
        "(it is 3).",
        "oxford.pl.json, service 'report-missed-bin', slogan: is not a setting this file knows: "
        "check its spelling.",
    )


def test_a_file_naming_another_language_is_refused(catalogue):
    wrong = TranslationFile("oxford.pl.json", "pl", {"language": "ar"})
    assert _problems(catalogue, wrong) == (
        "oxford.pl.json: 'language' must be 'pl', the language its name gives (it is 'ar').",
    )


def test_loading_a_catalogue_file_reads_the_translation_files_beside_it(tmp_path, catalogue):
    (tmp_path / "council.json").write_text(json.dumps(catalogue))
    polish = {"language": "pl", "topics": {"bins": {"name": "Śmieci"}}}
    (tmp_path / "council.pl.json").write_text(json.dumps(polish))
    (tmp_path / "council.de.json").write_text("not read: the site does not offer German")
    load_catalogue_file(tmp_path / "council.json")
    assert Topic.objects.get(slug="bins").translations == {"pl": {"name": "Śmieci"}}


def test_a_translation_file_that_is_not_json_is_named(tmp_path, catalogue):
    (tmp_path / "council.json").write_text(json.dumps(catalogue))
    (tmp_path / "council.ar.json").write_text("{")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue_file(tmp_path / "council.json")
    assert "council.ar.json is not valid JSON" in raised.value.problems[0]


def test_loading_the_demo_catalogue_and_its_translations_again_changes_nothing():
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug)
    load_catalogue_file(path)
    assert not load_catalogue_file(path).changed


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_the_shipped_translation_covers_every_row_of_the_demo_catalogue(language):
    """Every service area, topic, service and guidance page of the demo catalogue is in the
    language: a title or name (a service's whole inline translation counts) and its keywords."""
    path = demo_catalogue_file(settings.COUNCIL_PROFILE.slug)
    translation = path.with_name(f"{path.stem}.{language}.json")
    assert translation.exists(), f"{translation.name} is not shipped"
    load_catalogue_file(path)
    for model, field in ((ServiceArea, "name"), (Topic, "name")):
        missing = [row.slug for row in model.objects.all() if not row.translated(language)]
        assert missing == [], (model.__name__, missing)
        assert all(row.translated(language).get(field) for row in model.objects.all())
    for model in (Service, GuidancePage):
        rows = model.objects.live()
        untitled = [row.slug for row in rows if not row.translated(language).get("title")]
        assert untitled == [], (model.__name__, untitled)
        unsearchable = [row.slug for row in rows if not row.keywords_in(language)]
        assert unsearchable == [], (model.__name__, unsearchable)
    for service in Service.objects.live():
        english = {
            f
            for f in ("summary", "eligibility", "cost", "standard_text", "if_late")
            if getattr(service, f)
        }
        assert english <= set(service.translated(language)), service.slug
    for page in GuidancePage.objects.live():
        texts = page.translated(language)
        assert texts.get("summary"), page.slug
        assert texts.get("body"), page.slug


def test_every_provider_named_in_the_demo_catalogue_has_its_name_in_each_language():
    catalogue = json.loads(demo_catalogue_file("oxford").read_text(encoding="utf-8"))
    named = {
        s["slug"]: s["external_provider"]
        for s in catalogue["services"]
        if s.get("external_provider")
    }
    assert named
    untranslated = [
        slug
        for slug, name in named.items()
        if not (isinstance(name, dict) and all(name.get(code, "").strip() for code in ("pl", "ar")))
    ]
    assert untranslated == []
