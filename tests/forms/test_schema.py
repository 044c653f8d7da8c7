"""A form schema is checked in full before it is used, and the shipped forms all pass."""

from __future__ import annotations

import copy
import json

import pytest

from opencex.forms.editing import FormDefinitionEditForm
from opencex.forms.loading import definition_files, read_definition, sync_form_definitions
from opencex.forms.models import FormDefinition, FormVersion
from opencex.forms.schema import SchemaError, validate_schema

GOOD = {
    "pages": [
        {
            "id": "which-bin",
            "title": "Which bin?",
            "questions": [
                {
                    "id": "bin",
                    "type": "radios",
                    "label": "Which bin was missed?",
                    "options": [
                        {"value": "food", "label": "Food"},
                        {"value": "garden", "label": "Garden"},
                    ],
                }
            ],
        },
        {
            "id": "garden",
            "title": "Garden waste",
            "show_if": {"question": "bin", "equals": "garden"},
            "questions": [{"id": "sticker", "type": "text", "label": "Sticker number"}],
        },
        {
            "id": "you",
            "title": "You",
            "questions": [{"id": "name", "type": "text", "label": "Name"}],
        },
    ],
    "case": {"subject": "Missed {bin} bin", "contact_name": "name"},
}


def problems_with(schema) -> list[str]:
    with pytest.raises(SchemaError) as raised:
        validate_schema(schema)
    return raised.value.problems


def changed(edit) -> dict:
    schema = copy.deepcopy(GOOD)
    edit(schema)
    return schema


def test_a_good_schema_passes():
    validate_schema(GOOD)


def test_a_schema_without_pages_is_refused():
    assert problems_with({"case": {}}) == [
        "pages: is required.",
        "case.subject: is required.",
        "case.contact_name: is required.",
    ]


def test_a_schema_with_no_page_in_its_list_is_refused():
    problems = problems_with(changed(lambda s: s.update(pages=[])))
    assert problems[0] == (
        "pages: List should have at least 1 item after validation, not 0 (it is [])."
    )


def test_a_misspelt_setting_is_named_with_its_path():
    schema = changed(lambda s: s["pages"][0]["questions"][0].update(requried=True))
    assert problems_with(schema) == [
        'pages[0]("which-bin").questions[0]("bin").requried: is not a setting this file knows: '
        "check its spelling."
    ]


def test_an_unknown_question_type_is_named():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(type="signature"))
    (problem,) = problems_with(schema)
    assert problem.startswith('pages[2]("you").questions[0]("name").type: Input should be ')
    assert problem.endswith("(it is 'signature').")


def test_every_problem_is_listed_at_once():
    def edit(schema):
        schema["pages"][1]["id"] = "which-bin"
        schema["pages"][2]["questions"][0]["label"] = ""
        schema["case"]["subject"] = "Missed {colour} bin"

    problems = problems_with(changed(edit))
    assert problems == [
        'pages[2]("you").questions[0]("name").label: is empty.',
        'pages[1]("which-bin").id: is used by another page.',
        "case.subject: {colour} is not a question.",
    ]


def test_a_condition_must_refer_to_a_question_on_an_earlier_page():
    schema = changed(lambda s: s["pages"][1].update(show_if={"question": "name", "equals": "x"}))
    assert any("not a question on an earlier page" in problem for problem in problems_with(schema))


def test_a_condition_must_expect_one_of_the_options():
    schema = changed(lambda s: s["pages"][1].update(show_if={"question": "bin", "equals": "blue"}))
    assert problems_with(schema) == [
        'pages[1]("garden").show_if: "blue" is not an option of "bin".'
    ]


def test_a_pattern_must_compile():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(pattern="[a-"))
    assert problems_with(schema) == [
        'pages[2]("you").questions[0]("name").pattern: is not a valid regular expression.'
    ]


def test_a_pattern_needs_a_message():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(pattern="[a-z]+"))
    assert problems_with(schema) == [
        'pages[2]("you").questions[0]("name"): a "pattern" needs a "pattern_message" that says '
        "what to enter."
    ]


def test_limits_must_fit_the_question_type():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(min=5))
    assert problems_with(schema) == [
        'pages[2]("you").questions[0]("name"): only number questions have "min".'
    ]


def test_contact_email_must_be_an_email_question():
    schema = changed(lambda s: s["case"].update(contact_email="name"))
    assert problems_with(schema) == ["case.contact_email: must be a email question."]


def test_a_kind_chosen_by_an_answer_needs_a_kind_for_every_option():
    schema = changed(
        lambda s: s["case"].update(
            kind_from={"question": "bin", "values": {"food": {"kind": "foi"}}}
        )
    )
    assert problems_with(schema) == ["case.kind_from.values: must give a kind for every option."]


@pytest.mark.parametrize("path", definition_files(), ids=lambda path: path.stem)
def test_every_shipped_definition_is_valid(path):
    data = read_definition(path)
    validate_schema(data["schema"])


@pytest.mark.django_db
def test_syncing_twice_makes_no_new_versions(services):
    first = sync_form_definitions()
    second = sync_form_definitions()
    assert len(first.created) == len(definition_files()) == 24
    assert second.unchanged == first.created
    assert FormVersion.objects.count() == 24


@pytest.mark.django_db
def test_a_changed_file_becomes_a_new_version(tmp_path):
    path = tmp_path / "missed.json"
    data = {"slug": "missed", "title": "Missed bin", "case_kind": "service_request", "schema": GOOD}
    path.write_text(json.dumps(data))
    sync_form_definitions(tmp_path)
    data["schema"] = changed(lambda s: s.update(intro=["New words."]))
    path.write_text(json.dumps(data))
    report = sync_form_definitions(tmp_path)

    assert report.updated == ["missed"]
    assert FormDefinition.objects.get().current_version().number == 2


@pytest.mark.django_db
def test_a_bad_file_is_refused_with_its_name_and_nothing_is_saved(tmp_path):
    data = {"slug": "bad", "title": "Bad", "case_kind": "service_request", "schema": {"pages": []}}
    (tmp_path / "bad.json").write_text(json.dumps(data))
    with pytest.raises(SchemaError) as raised:
        sync_form_definitions(tmp_path)
    assert raised.value.problems[0].startswith("bad.json: ")
    assert not FormDefinition.objects.exists()


@pytest.mark.django_db
def test_an_administrator_saving_a_changed_schema_publishes_a_new_version():
    definition = FormDefinition.objects.create(slug="m", title="M", case_kind="service_request")
    form = FormDefinitionEditForm(
        data={
            "slug": "m",
            "title": "M",
            "case_kind": "service_request",
            "is_live": "on",
            "schema": json.dumps(GOOD),
        },
        instance=definition,
    )
    assert form.is_valid(), form.errors
    form.save()
    assert definition.current_version().number == 1


@pytest.mark.django_db
def test_an_administrator_sees_every_problem_with_a_schema_and_nothing_is_saved():
    definition = FormDefinition.objects.create(slug="m", title="M", case_kind="service_request")
    bad = changed(lambda s: s["pages"][0]["questions"][0].update(type="slider"))
    form = FormDefinitionEditForm(
        data={"slug": "m", "title": "M", "case_kind": "service_request", "schema": json.dumps(bad)},
        instance=definition,
    )
    assert not form.is_valid()
    assert any("slider" in error for error in form.errors["schema"])
    assert not definition.versions.exists()
