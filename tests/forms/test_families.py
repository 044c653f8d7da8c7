"""Form families: one form per catalogue service from its family, made again when the service
changes, an administrator's edit kept, a definition file for the service winning over it."""

from __future__ import annotations

import json
import re

import pytest

from opencex.accounts.models import Role
from opencex.forms.loading import (
    DEFINITIONS_DIR,
    FAMILIES_DIR,
    read_definition,
    read_families,
    sync_form_definitions,
)
from opencex.forms.models import FormDefinition
from opencex.forms.schema import SchemaError
from opencex.forms.services import publish_version
from tests.factories import ServiceFactory, UserFactory
from tests.forms.test_translations import _numbers, _resident_texts

pytestmark = pytest.mark.django_db

HAND_WRITTEN = (
    "tell-us-you-are-moving",
    "apply-single-person-discount",
    "report-benefits-change",
    "tell-us-business-property-change",
    "buy-car-park-season-ticket",
    "report-rats-or-mice",
    "report-wasps-nest",
    "report-bed-bugs",
    "report-cockroaches-or-fleas",
    "report-noise-nuisance",
    "report-abandoned-vehicle",
)


def _graffiti(**fields):
    defaults = {
        "slug": "report-graffiti",
        "title": "Report graffiti",
        "summary": "Tell us about graffiti on a wall, fence or building.",
        "form_family": "report-a-problem",
        "translations": {"pl": {"title": "Zgłoszenie graffiti"}},
    }
    return ServiceFactory(**{**defaults, **fields})


def test_a_service_naming_a_family_gets_its_own_form_made_from_it():
    service = _graffiti()

    report = sync_form_definitions()

    form = FormDefinition.objects.get(slug="report-graffiti")
    schema = form.current_version().schema
    assert "report-graffiti" in report.created
    assert (form.title, form.service, form.case_kind) == (
        "Report graffiti",
        service,
        "service_request",
    )
    # The title in each language the catalogue gives it, the summary on the start page.
    assert schema["title"] == {"en": "Report graffiti", "pl": "Zgłoszenie graffiti"}
    assert schema["intro"][0] == "Tell us about graffiti on a wall, fence or building."
    assert schema["case"]["subject"] == "Report graffiti: {location}"
    assert [page["id"] for page in schema["pages"]] == ["location", "problem", "photo", "contact"]
    assert form.is_live


def test_a_service_without_a_family_gets_no_form():
    ServiceFactory(slug="pay-a-bill", form_family="")

    sync_form_definitions()

    assert not FormDefinition.objects.filter(slug="pay-a-bill").exists()


def test_the_form_is_made_again_only_when_the_service_changes():
    service = _graffiti()
    sync_form_definitions()

    again = sync_form_definitions()
    service.title = "Report graffiti or tagging"
    service.save()
    changed = sync_form_definitions()

    form = FormDefinition.objects.get(slug="report-graffiti")
    assert "report-graffiti" in again.unchanged
    assert "report-graffiti" in changed.updated
    assert form.versions.count() == 2
    assert form.current_version().schema["title"]["en"] == "Report graffiti or tagging"
    assert FormDefinition.objects.get(slug="report-graffiti").title == "Report graffiti or tagging"


def test_an_administrators_edit_is_kept_when_the_service_changes():
    service = _graffiti()
    sync_form_definitions()
    form = FormDefinition.objects.get(slug="report-graffiti")
    edited = form.current_version().schema | {
        "next_steps": ["We clear offensive graffiti in a day."]
    }
    admin = UserFactory(role=Role.ADMINISTRATOR)
    publish_version(actor=admin, definition=form, schema=edited)

    service.title = "Report graffiti or tagging"
    service.save()
    report = sync_form_definitions()

    assert report.kept == ["report-graffiti"]
    assert form.current_version().schema["next_steps"] == ["We clear offensive graffiti in a day."]
    assert form.versions.count() == 2


def test_an_administrators_edit_of_a_shipped_form_is_kept_by_the_next_sync(tmp_path):
    ServiceFactory(slug="report-fly-tipping")
    shipped = read_definition(DEFINITIONS_DIR / "report-fly-tipping.json")
    (tmp_path / "report-fly-tipping.json").write_text(json.dumps(shipped))
    sync_form_definitions(directory=tmp_path)
    form = FormDefinition.objects.get(slug="report-fly-tipping")
    edited = form.current_version().schema | {"next_steps": ["We clear it within a week."]}
    publish_version(actor=UserFactory(role=Role.ADMINISTRATOR), definition=form, schema=edited)

    shipped["schema"]["next_steps"] = ["A newer shipped wording."]
    (tmp_path / "report-fly-tipping.json").write_text(json.dumps(shipped))
    report = sync_form_definitions(directory=tmp_path)

    assert "report-fly-tipping" in report.kept
    assert form.current_version().schema["next_steps"] == ["We clear it within a week."]


def test_the_questions_a_service_adds_are_a_page_where_its_family_puts_them():
    question = {
        "id": "surface",
        "type": "radios",
        "label": {"en": "What is it on?", "pl": "Na czym jest?", "ar": "على أي شيء هي؟"},
        "required": True,
        "options": [{"value": "wall", "label": "A wall"}, {"value": "fence", "label": "A fence"}],
    }
    _graffiti(form_questions=[question])

    sync_form_definitions()

    schema = FormDefinition.objects.get(slug="report-graffiti").current_version().schema
    pages = schema["pages"]
    assert [page["id"] for page in pages] == [
        "location",
        "problem",
        "about-this-service",
        "photo",
        "contact",
    ]
    assert pages[2]["questions"] == [question]


def test_a_definition_file_for_the_service_wins_over_its_family():
    ServiceFactory(slug="report-fly-tipping", form_family="report-a-problem")

    report = sync_form_definitions()

    form = FormDefinition.objects.get(slug="report-fly-tipping")
    pages = [page["id"] for page in form.current_version().schema["pages"]]
    assert pages == read_definition_pages("report-fly-tipping")
    assert form.versions.count() == 1
    assert report.created.count("report-fly-tipping") == 1


def read_definition_pages(slug: str) -> list[str]:
    return [
        page["id"] for page in read_definition(DEFINITIONS_DIR / f"{slug}.json")["schema"]["pages"]
    ]


def test_a_family_form_made_before_a_file_was_written_for_the_service_is_retired(tmp_path):
    service = _graffiti()
    sync_form_definitions()
    written = read_definition(DEFINITIONS_DIR / "report-fly-tipping.json")
    written |= {"slug": "graffiti-and-tagging", "service": service.slug}
    (tmp_path / "graffiti-and-tagging.json").write_text(json.dumps(written), encoding="utf-8")

    report = sync_form_definitions(tmp_path)

    assert report.retired == ["report-graffiti"]
    assert not FormDefinition.objects.get(slug="report-graffiti").is_live
    assert FormDefinition.objects.get(slug="graffiti-and-tagging").is_live


def test_a_family_no_file_describes_is_refused_and_nothing_is_saved():
    ServiceFactory(slug="report-graffiti", form_family="report-something")

    with pytest.raises(SchemaError) as error:
        sync_form_definitions()

    assert error.value.problems == ['report-graffiti: "report-something" is not a form family.']
    assert not FormDefinition.objects.exists()


def test_the_families_are_the_four_documented():
    assert sorted(read_families()) == [
        "apply",
        "ask-a-question",
        "ask-for-an-appointment",
        "report-a-problem",
    ]


_CLOCK = re.compile(r"\b(\d{1,2}):00\b")


def _same_numbers(text: dict) -> bool:
    """A translation keeps the English numbers; a Polish time (19:00) is the English 7pm."""
    english = _numbers(text["en"])

    def twelve_hour(match: re.Match) -> str:
        return str(int(match.group(1)) % 12 or 12)

    return all(
        _numbers(_CLOCK.sub(twelve_hour, text[language])) == english for language in ("pl", "ar")
    )


def _untranslated(texts: list) -> list:
    return [
        text for text in texts if not (isinstance(text, dict) and text.get("pl") and text.get("ar"))
    ]


@pytest.mark.parametrize("family", sorted(path.stem for path in FAMILIES_DIR.glob("*.json")))
def test_every_text_of_every_family_is_in_polish_and_arabic(family):
    data = read_families()[family]
    texts = _resident_texts({"title": {"en": "-", "pl": "-", "ar": "-"}, "schema": data["schema"]})
    texts.append(data["service_questions_title"])
    assert _untranslated(texts) == []
    assert [text for text in texts if not _same_numbers(text)] == []


@pytest.mark.parametrize("slug", HAND_WRITTEN)
def test_the_high_volume_forms_are_in_polish_and_arabic_throughout(slug):
    data = read_definition(DEFINITIONS_DIR / f"{slug}.json")
    texts = _resident_texts(data)
    assert _untranslated(texts) == []
    assert [text for text in texts if not _same_numbers(text)] == []
