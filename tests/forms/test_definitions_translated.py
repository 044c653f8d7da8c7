"""Every shipped form reads in Polish and Arabic: each text a resident reads in each definition
file has both, and the housing repair form, the one with most at stake, shows itself right to left
in Arabic.

The texts are found by walking the schema's own models (opencex.forms.schema): a field typed
`Text` or `RequiredText` is one a resident reads, so a text added to the schema later is checked
here without this test naming it."""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from django.conf import settings
from django.urls import reverse
from pydantic import BaseModel

from opencex.forms import schema as form_schema
from opencex.forms.loading import definition_files, read_definition
from tests.forms.conftest import FormWalker

DEFINITIONS = {path.stem: path for path in definition_files()}
# The validators that mark a field as text a resident reads.
_RESIDENT_TEXT = [get_args(form_schema.Text)[1], get_args(form_schema.RequiredText)[1]]


def _read_by_residents(metadata: list[Any]) -> bool:
    return any(item in _RESIDENT_TEXT for item in metadata)


def _texts(annotation: Any, value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(path, text) for every resident text in `value`, whose type in the schema is `annotation`."""
    if value is None:
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *metadata = get_args(annotation)
        if _read_by_residents(metadata):
            yield path, value
        else:
            yield from _texts(base, value, path)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(value, dict):
            for name, field in annotation.model_fields.items():
                if name not in value:
                    continue
                if _read_by_residents(field.metadata):
                    yield f"{path}.{name}", value[name]
                else:
                    yield from _texts(field.annotation, value[name], f"{path}.{name}")
    elif origin is list:
        (item,) = get_args(annotation)
        for number, entry in enumerate(value):
            yield from _texts(item, entry, f"{path}[{number}]")
    elif origin is dict:
        _key, item = get_args(annotation)
        for key, entry in value.items():
            yield from _texts(item, entry, f"{path}.{key}")
    elif origin in (Union, types.UnionType):
        for option in get_args(annotation):
            if option is not type(None):
                yield from _texts(option, value, path)


def resident_texts(slug: str) -> dict[str, Any]:
    """Every text a resident reads in a shipped form, by its path in the published schema (the
    file's title becomes the schema's, as opencex.forms.loading publishes it)."""
    data = read_definition(DEFINITIONS[slug])
    published = {**data["schema"], "title": data["title"]}
    return dict(_texts(form_schema.FormSchema, published, "schema"))


def test_the_walk_finds_every_kind_of_resident_text():
    texts = resident_texts("report-housing-repair")
    for path in (
        "schema.title",
        "schema.intro[0]",
        "schema.next_steps[1]",
        "schema.pages[0].title",
        "schema.pages[0].questions[0].label",
        "schema.pages[0].questions[0].hint",
        "schema.pages[0].questions[0].options[1].label",
        "schema.pages[0].questions[0].messages.required",
    ):
        assert path in texts
    # Only what residents read: ids, option values and the staff's case subject are not texts.
    assert not [path for path in texts if path.startswith("schema.case")]
    assert not [path for path in texts if path.endswith((".id", ".value", ".type"))]
    assert len(texts) == 69


def test_every_shipped_form_is_walked():
    assert len(DEFINITIONS) >= 9
    for slug in DEFINITIONS:
        assert len(resident_texts(slug)) >= 10, slug


def _has(text: dict, language: str) -> bool:
    return isinstance(text.get(language), str) and bool(text[language].strip())


@pytest.mark.parametrize("slug", sorted(DEFINITIONS))
def test_every_text_a_resident_reads_is_in_polish_and_arabic(slug):
    untranslated = [
        path
        for path, text in resident_texts(slug).items()
        if not (isinstance(text, dict) and all(_has(text, code) for code in ("en", "pl", "ar")))
    ]
    assert untranslated == []


@pytest.mark.parametrize("slug", sorted(DEFINITIONS))
def test_no_translation_is_left_in_english(slug):
    copied = [
        (path, code)
        for path, text in resident_texts(slug).items()
        for code in ("pl", "ar")
        if isinstance(text, dict) and text.get(code) == text["en"] and not text["en"].isdigit()
    ]
    assert copied == []


@pytest.mark.django_db
def test_the_housing_repair_form_opens_right_to_left_in_arabic(client, forms):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    walker = FormWalker(client, "report-housing-repair")
    walker.start()
    page = client.get(walker.page_url("gas")).text
    assert '<html lang="ar" dir="rtl"' in page
    assert "<title>الغاز \N{EN DASH} الإبلاغ عن إصلاح في مسكنك التابع للمجلس" in page
    question = "هل تشم رائحة غاز في مسكنك أو بالقرب منه؟"
    assert f'<h1 class="govuk-fieldset__heading">{question}</h1>' in page
    assert "إذا كنت تشمها، فسنبيّن لك فورًا بمن تتصل.</div>" in page  # the hint
    assert 'for="gas_smell">نعم</label>' in page  # the options
    assert 'for="gas_smell-2">لا</label>' in page
    assert "Can you smell gas in or near your home?" not in page
    assert "Report a repair in your council home" not in page


@pytest.mark.django_db
def test_the_housing_repair_forms_own_error_is_in_arabic(client, forms):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    walker = FormWalker(client, "report-housing-repair")
    walker.start()
    page = walker.answer("gas", {}).text
    assert "اختر «نعم» إذا كنت تشم رائحة غاز في مسكنك أو بالقرب منه" in page


@pytest.mark.django_db
def test_the_housing_repair_start_page_reads_in_arabic(client, forms):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(reverse("web:form-start", kwargs={"slug": "report-housing-repair"})).text
    assert '<html lang="ar" dir="rtl"' in page
    assert '<h1 class="govuk-heading-xl">الإبلاغ عن إصلاح في مسكنك التابع للمجلس</h1>' in page
    assert "أخبرنا هنا أيضًا عن الرطوبة والعفن. نحن نأخذ ذلك على محمل الجد." in page
    assert "Use this form if you rent your home from the council" not in page
