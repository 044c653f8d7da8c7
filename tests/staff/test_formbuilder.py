"""The form builder's pages: an administrator builds a form with three patterns and a condition,
previews it, publishes it and puts it live, and a resident sends it as a case; other roles are
refused; an invalid draft is not published; versions are listed and rolled back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import Case
from opencex.forms import building
from opencex.forms.models import FormChange, FormDefinition, FormSession
from tests.factories import PropertyFactory, ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    user = UserFactory(role=Role.ADMINISTRATOR)
    client.force_login(user)
    return user


def url(name: str, **kwargs) -> str:
    return reverse(f"staff:formbuilder{name}", kwargs=kwargs)


def build_through_the_pages(client) -> FormDefinition:
    service = ServiceFactory(slug="roads", case_kind="service_request", team=TeamFactory())
    response = client.post(
        url("-new"),
        {
            "title": "Report a pothole",
            "slug": "",
            "case_kind": "service_request",
            "service": service.pk,
        },
    )
    definition = FormDefinition.objects.get(slug="report-a-pothole")
    assert response.url == url("-form", pk=definition.pk)
    pk = definition.pk
    client.post(url("-add-page", pk=pk), {"title_en": "About you", "title_pl": "O tobie"})
    # The pattern first (a GET form, no JavaScript), then its settings.
    page = client.get(url("-add-question", pk=pk, page_id="about-you"))
    assert b"Yes or no" in page.content
    add = url("-add-question", pk=pk, page_id="about-you")
    client.post(
        f"{add}?pattern=text",
        {"label_en": "Your name", "required": "on", "error_en": "Enter your name"},
    )
    client.post(f"{add}?pattern=yes_no", {"label_en": "Is it dangerous?", "required": "on"})
    client.post(url("-add-page", pk=pk), {"title_en": "The danger"})
    add = url("-add-question", pk=pk, page_id="the-danger")
    form = client.get(f"{add}?pattern=long_text")
    assert b"is_it_dangerous=yes" in form.content  # the condition offers earlier answers
    client.post(
        f"{add}?pattern=long_text",
        {
            "label_en": "What makes it dangerous?",
            "label_ar": "ما الذي يجعلها خطرة؟",
            "required": "on",
            "max_length": "300",
            "condition": "is_it_dangerous=yes",
        },
    )
    client.post(
        f"{add}?pattern=radios",
        {"label_en": "How big is it?", "options_en": "Small\nLarge", "required": "on"},
    )
    client.post(url("-case", pk=pk), {"subject": "Pothole", "contact_name": "your_name"})
    client.post(
        url("-texts", pk=pk),
        {
            "title_en": "Report a pothole",
            "title_pl": "Zgłoś dziurę w drodze",
            "intro_en": "Tell us where the pothole is.",
        },
    )
    return definition


def test_an_administrator_builds_previews_publishes_and_a_resident_sends_the_form(client, admin):
    definition = build_through_the_pages(client)
    pk = definition.pk
    draft = building.draft_of(definition)
    questions = [q for page in draft.schema["pages"] for q in page["questions"]]
    assert [q["type"] for q in questions] == ["text", "radios", "long_text", "radios"]
    assert questions[2]["show_if"] == {"question": "is_it_dangerous", "equals": "yes"}
    assert questions[2]["label"] == {"en": "What makes it dangerous?", "ar": "ما الذي يجعلها خطرة؟"}

    # Preview: the citizen page, its checks, and no session that counts.
    first = client.post(reverse("web:formbuilder-preview", kwargs={"pk": pk}))
    page = client.get(first.url)
    assert page.status_code == 200
    assert b'class="govuk-error-summary' not in page.content
    assert b"Your name" in page.content
    wrong = client.post(first.url, {"your_name": "", "is_it_dangerous": "yes"})
    assert wrong.status_code == 400
    assert "Enter your name" in wrong.content.decode()
    right = client.post(first.url, {"your_name": "Ann", "is_it_dangerous": "no"})
    # The condition skips the danger question but not the page's other question.
    danger = client.get(right.url)
    assert b"What makes it dangerous?" not in danger.content
    assert b"How big is it?" in danger.content
    arabic = client.get(right.url.replace("lang=en", "lang=ar"))
    assert 'dir="rtl"' in arabic.content.decode()
    done = client.post(right.url, {"how_big_is_it": "large"})
    check = client.get(done.url)
    assert b"Ann" in check.content
    assert b"Large" in check.content
    assert FormSession.objects.count() == 0
    assert Case.objects.count() == 0

    published = client.post(url("-publish", pk=pk))
    assert published.status_code == 302
    client.post(url("-live", pk=pk), {"live": "yes"})
    listing = client.get(url(""))
    assert b"Report a pothole" in listing.content
    assert b"Live" in listing.content

    # A resident sends it through the citizen form.
    client.logout()
    start_page = client.get(reverse("web:form-start", kwargs={"slug": "report-a-pothole"}))
    assert "Tell us where the pothole is." in start_page.content.decode()
    start = client.post(reverse("web:form-start", kwargs={"slug": "report-a-pothole"}))
    answered = client.post(start.url, {"your_name": "Bea", "is_it_dangerous": "yes"})
    answered = client.post(
        answered.url, {"what_makes_it_dangerous": "Deep, by a school", "how_big_is_it": "small"}
    )
    assert answered.url.endswith("check-your-answers/")
    client.post(answered.url)
    case = Case.objects.get()
    assert case.subject == "Pothole"
    assert "Deep, by a school" in case.description
    assert case.service.slug == "roads"


def test_other_roles_are_refused(client):
    definition = FormDefinition.objects.create(slug="x", title="X", case_kind="enquiry")
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get(url("")).status_code == 403
    assert client.get(url("-form", pk=definition.pk)).status_code == 403
    assert client.post(url("-publish", pk=definition.pk)).status_code == 403
    assert client.post(url("-new"), {"title": "Y", "case_kind": "enquiry"}).status_code == 403
    assert FormDefinition.objects.count() == 1


def test_the_form_builder_is_in_an_administrators_navigation_only(client, admin):
    assert url("") in client.get(reverse("staff:home")).content.decode()
    client.force_login(UserFactory(role=Role.TEAM_MANAGER))
    assert url("") not in client.get(reverse("staff:home")).content.decode()


def test_an_invalid_draft_is_not_published_and_the_error_summary_lists_every_problem(client, admin):
    client.post(url("-new"), {"title": "Half done", "case_kind": "enquiry"})
    definition = FormDefinition.objects.get(slug="half-done")
    client.post(url("-add-page", pk=definition.pk), {"title_en": "Nothing here"})

    response = client.post(url("-publish", pk=definition.pk))

    assert response.status_code == 400
    summary = response.content.decode()
    assert "govuk-error-summary" in summary
    assert "Page 1 (“Nothing here”) has no questions" in summary
    assert "choose which question asks for the resident&#x27;s name" in summary
    assert "pages[0]" not in summary  # never the schema's paths
    assert 'href="#page-nothing-here"' in summary
    assert 'href="#case-details"' in summary
    assert definition.current_version() is None


def test_a_question_without_a_label_is_refused_with_the_error_summary(client, admin):
    client.post(url("-new"), {"title": "Labels", "case_kind": "enquiry"})
    definition = FormDefinition.objects.get(slug="labels")
    client.post(url("-add-page", pk=definition.pk), {"title_en": "Page"})
    add = url("-add-question", pk=definition.pk, page_id="page")
    response = client.post(f"{add}?pattern=checkboxes", {"label_en": "", "options_en": ""})
    assert response.status_code == 400
    assert "Enter the text in English" in response.content.decode()
    assert building.draft_of(definition).schema["pages"][0]["questions"] == []


def test_versions_are_listed_with_their_changes_and_an_earlier_one_is_published_again(
    client, admin
):
    definition = build_through_the_pages(client)
    pk = definition.pk
    client.post(url("-publish", pk=pk))
    client.post(url("-start-draft", pk=pk))
    client.post(url("-remove-question", pk=pk, question_id="how_big_is_it"))
    client.post(url("-move-question", pk=pk, question_id="is_it_dangerous"), {"direction": "up"})
    client.post(url("-publish", pk=pk))

    page = client.get(url("-form", pk=pk)).content.decode()
    assert "Removed: how_big_is_it" in page
    assert "Changed" not in page.split('id="version-2"')[1].split("</tr>")[0]

    response = client.post(url("-roll-back", pk=pk, number=1))
    assert response.status_code == 302
    current = definition.current_version()
    assert current.number == 3
    assert current.schema == definition.versions.get(number=1).schema
    assert FormChange.objects.filter(definition=definition, action="rolled back", actor=admin)


def test_only_administrators_may_preview_a_draft(client, admin):
    build_through_the_pages(client)
    definition = FormDefinition.objects.get()
    preview = reverse(
        "web:formbuilder-preview-page", kwargs={"pk": definition.pk, "page_id": "about-you"}
    )
    assert client.get(preview).status_code == 200
    client.force_login(UserFactory(role=Role.CASEWORKER))
    assert client.get(preview).status_code == 403
    assert (
        client.post(reverse("web:formbuilder-preview", kwargs={"pk": definition.pk})).status_code
        == 403
    )
    client.logout()
    assert client.get(preview).status_code == 302


def test_the_preview_finds_addresses_by_postcode_without_keeping_anything(client, admin):
    PropertyFactory(postcode="OX1 1BX", address_line_1="1 High Street")
    client.post(url("-new"), {"title": "Where", "case_kind": "enquiry"})
    definition = FormDefinition.objects.get(slug="where")
    client.post(url("-add-page", pk=definition.pk), {"title_en": "Address"})
    add = url("-add-question", pk=definition.pk, page_id="address")
    client.post(f"{add}?pattern=address", {"label_en": "Where is it?", "required": "on"})
    page = client.post(reverse("web:formbuilder-preview", kwargs={"pk": definition.pk})).url

    wrong = client.post(page, {"action": "find-address:where_is_it", "where_is_it-postcode": "X"})
    assert "Enter a full UK postcode" in wrong.content.decode()
    found = client.post(
        page, {"action": "find-address:where_is_it", "where_is_it-postcode": "ox11bx"}
    )
    assert "1 addresses found" in found.content.decode()
    assert "1 High Street" in found.content.decode()
    assert FormSession.objects.count() == 0
