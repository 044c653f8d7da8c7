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
        'The schema needs "pages": a list with at least one page.'
    ]


def test_an_unknown_question_type_is_named():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(type="signature"))
    assert any("the type 'signature' is not one of" in problem for problem in problems_with(schema))


def test_every_problem_is_listed_at_once():
    def edit(schema):
        schema["pages"][1]["id"] = "which-bin"
        schema["pages"][2]["questions"][0]["label"] = ""
        schema["case"]["subject"] = "Missed {colour} bin"

    problems = problems_with(changed(edit))
    assert 'Page 2: the id "which-bin" is used by another page.' in problems
    assert 'Page "you", question 1 ("name") needs a label (the question people read).' in problems
    assert '"case.subject" uses {colour}, which is not a question.' in problems


def test_a_condition_must_refer_to_a_question_on_an_earlier_page():
    schema = changed(lambda s: s["pages"][1].update(show_if={"question": "name", "equals": "x"}))
    assert any("not a question on an earlier page" in problem for problem in problems_with(schema))


def test_a_condition_must_expect_one_of_the_options():
    schema = changed(lambda s: s["pages"][1].update(show_if={"question": "bin", "equals": "blue"}))
    assert any('"blue", which is not an option of "bin"' in p for p in problems_with(schema))


def test_a_pattern_needs_a_message_and_must_compile():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(pattern="[a-"))
    problems = problems_with(schema)
    assert any("not a valid regular expression" in problem for problem in problems)
    assert any('needs a "pattern_message"' in problem for problem in problems)


def test_limits_must_fit_the_question_type():
    schema = changed(lambda s: s["pages"][2]["questions"][0].update(min=5))
    assert any('only number questions have "min"' in p for p in problems_with(schema))


def test_contact_email_must_be_an_email_question():
    schema = changed(lambda s: s["case"].update(contact_email="name"))
    assert '"case.contact_email" must be a email question.' in problems_with(schema)


def test_a_kind_chosen_by_an_answer_needs_a_kind_for_every_option():
    schema = changed(
        lambda s: s["case"].update(
            kind_from={"question": "bin", "values": {"food": {"kind": "foi"}}}
        )
    )
    assert '"case.kind_from" must give a kind for every option of its question.' in problems_with(
        schema
    )


@pytest.mark.parametrize("path", definition_files(), ids=lambda path: path.stem)
def test_every_shipped_definition_is_valid(path):
    data = read_definition(path)
    validate_schema(data["schema"])


@pytest.mark.django_db
def test_syncing_twice_makes_no_new_versions(services):
    first = sync_form_definitions()
    second = sync_form_definitions()
    assert len(first.created) == len(definition_files()) == 9
    assert second.unchanged == first.created
    assert FormVersion.objects.count() == 9


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
