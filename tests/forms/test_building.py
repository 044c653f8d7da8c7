"""The form builder's services: a form built page by page in a draft, checked in full when it is
published, its versions compared and rolled back, every change audited, administrators only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from opencex.accounts.models import Role
from opencex.forms import building
from opencex.forms.models import FormChange, FormSession
from opencex.forms.schema import SchemaError
from opencex.forms.services import start_session
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(role=Role.ADMINISTRATOR)


def build_pothole_form(admin):
    """A form with three patterns (text, yes/no radios, textarea) and a condition."""
    definition = building.create_form(
        actor=admin,
        slug="report-a-pothole",
        title="Report a pothole",
        case_kind="service_request",
        service=ServiceFactory(slug="roads"),
    )
    draft = building.draft_of(definition)
    first = building.add_page(actor=admin, draft=draft, title="About you")
    building.add_question(
        actor=admin,
        draft=draft,
        page_id=first["id"],
        question={
            "type": "text",
            "label": {"en": "Your name", "pl": "Imię i nazwisko"},
            "required": True,
        },
    )
    building.add_question(
        actor=admin,
        draft=draft,
        page_id=first["id"],
        question={
            "type": "radios",
            "label": "Is it dangerous?",
            "required": True,
            "options": [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}],
        },
    )
    second = building.add_page(actor=admin, draft=draft, title="The danger")
    building.add_question(
        actor=admin,
        draft=draft,
        page_id=second["id"],
        question={
            "type": "long_text",
            "label": "What makes it dangerous?",
            "required": True,
            "max_length": 500,
        },
    )
    building.set_condition(
        actor=admin,
        draft=draft,
        question_id="what_makes_it_dangerous",
        when="is_it_dangerous",
        equals="yes",
    )
    building.set_case_mapping(
        actor=admin, draft=draft, mapping={"subject": "Pothole", "contact_name": "your_name"}
    )
    return definition, building.draft_of(definition)


def test_a_form_built_in_a_draft_is_published_as_its_first_version(admin):
    definition, draft = build_pothole_form(admin)
    assert definition.current_version() is None  # a draft is not what residents see

    version = building.publish_draft(actor=admin, draft=draft)

    definition.refresh_from_db()
    assert definition.current_version() == version
    assert version.number == 1
    pages = version.schema["pages"]
    assert [page["id"] for page in pages] == ["about-you", "the-danger"]
    assert [q["id"] for q in pages[0]["questions"]] == ["your_name", "is_it_dangerous"]
    assert pages[0]["questions"][0]["label"] == {"en": "Your name", "pl": "Imię i nazwisko"}
    assert pages[1]["questions"][0]["show_if"] == {"question": "is_it_dangerous", "equals": "yes"}
    actions = list(
        FormChange.objects.filter(definition=definition).values_list("action", flat=True)
    )
    assert "published" in actions
    assert "question added" in actions
    assert "condition set" in actions
    assert FormChange.objects.filter(definition=definition, actor=admin).count() == len(actions)


def test_an_invalid_draft_is_not_published_and_every_problem_is_named(admin):
    definition = building.create_form(
        actor=admin, slug="broken", title="Broken", case_kind="enquiry"
    )
    draft = building.draft_of(definition)
    building.add_page(actor=admin, draft=draft, title="Empty page")
    later = building.add_page(actor=admin, draft=draft, title="Later")
    building.add_question(
        actor=admin,
        draft=draft,
        page_id=later["id"],
        question={"type": "email", "label": "Email", "required": True},
    )
    building.set_condition(
        actor=admin, draft=draft, question_id="email", when="nothing", equals="yes"
    )

    with pytest.raises(SchemaError) as raised:
        building.publish_draft(actor=admin, draft=draft)

    # In the builder's words, by the titles the administrator gave, never the schema's paths.
    assert raised.value.problems == [
        "Page 1 (“Empty page”) has no questions: add a question to it or remove the page.",
        "The question “Email” on page 2 (“Later”) is shown only after an answer to a "
        "question that is not on an earlier page: change or remove its condition.",
        "On “Case details”, choose which question asks for the resident's name.",
    ]
    assert definition.current_version() is None
    assert building.draft_of(definition) is not None


def test_questions_move_up_and_down_and_are_removed(admin):
    _definition, draft = build_pothole_form(admin)
    building.move_question(actor=admin, draft=draft, question_id="is_it_dangerous", direction="up")
    draft.refresh_from_db()
    assert [q["id"] for q in draft.schema["pages"][0]["questions"]] == [
        "is_it_dangerous",
        "your_name",
    ]
    building.remove_question(actor=admin, draft=draft, question_id="is_it_dangerous")
    draft.refresh_from_db()
    assert [q["id"] for q in draft.schema["pages"][0]["questions"]] == ["your_name"]


def test_a_caseworker_cannot_build_forms():
    caseworker = UserFactory(role=Role.CASEWORKER)
    with pytest.raises(PermissionDenied):
        building.create_form(actor=caseworker, slug="x", title="X", case_kind="enquiry")


def test_versions_are_compared_and_an_earlier_one_published_again(admin):
    definition, draft = build_pothole_form(admin)
    first = building.publish_draft(actor=admin, draft=draft)
    building.set_live(actor=admin, definition=definition, is_live=True)
    session = start_session(actor=None, definition=definition)

    draft = building.start_draft(actor=admin, definition=definition)
    building.remove_question(actor=admin, draft=draft, question_id="what_makes_it_dangerous")
    building.remove_page(actor=admin, draft=draft, page_id="the-danger")
    building.add_question(
        actor=admin,
        draft=draft,
        page_id="about-you",
        question={"type": "postcode", "label": "Postcode of the pothole"},
    )
    second = building.publish_draft(actor=admin, draft=draft)

    diff = building.diff_schemas(first.schema, second.schema)
    assert diff.added == ["postcode_of_the_pothole"]
    assert diff.removed == ["what_makes_it_dangerous"]
    assert diff.changed == []
    session.refresh_from_db()
    assert session.version == first  # a session under way keeps its version

    third = building.roll_back(actor=admin, version=first)
    assert third.number == 3
    assert third.schema == first.schema
    assert definition.current_version() == third
    assert FormChange.objects.filter(definition=definition, action="rolled back").exists()
    assert FormSession.objects.count() == 1


def test_a_form_goes_live_only_once_published_and_can_be_taken_offline(admin):
    definition, draft = build_pothole_form(admin)
    with pytest.raises(building.BuildError):
        building.set_live(actor=admin, definition=definition, is_live=True)
    building.publish_draft(actor=admin, draft=draft)
    building.set_live(actor=admin, definition=definition, is_live=True)
    definition.refresh_from_db()
    assert definition.is_live
    building.set_live(actor=admin, definition=definition, is_live=False)
    definition.refresh_from_db()
    assert not definition.is_live


def test_discarding_a_draft_leaves_the_published_version(admin):
    definition, draft = build_pothole_form(admin)
    version = building.publish_draft(actor=admin, draft=draft)
    draft = building.start_draft(actor=admin, definition=definition)
    assert draft.number == 2
    assert draft.schema == version.schema
    building.discard_draft(actor=admin, draft=draft)
    assert building.draft_of(definition) is None
    assert definition.current_version() == version


def test_the_record_of_changes_cannot_be_rewritten(admin):
    build_pothole_form(admin)
    with pytest.raises(TypeError):
        FormChange.objects.all().update(detail="Nothing happened")
    with pytest.raises(TypeError):
        FormChange.objects.first().delete()
