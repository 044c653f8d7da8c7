"""Every form asks, before it is sent, whether the resident needs an interpreter or information
in another format; the answer goes with the case and the officer sees it on the case page and
in the queue. Assisted-digital forms ask it too, and a resident's saved choice fills it in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import Case, Channel
from opencex.forms.communication import read_communication_needs
from tests.factories import ResidentFactory, TeamFactory, UserFactory
from tests.forms.conftest import FormWalker, fill_in, missed_bin_pages

pytestmark = pytest.mark.django_db

SLUG = "report-missed-bin"


def send(client, **posted):
    return client.post(reverse("web:form-check-answers", kwargs={"slug": SLUG}), posted)


def test_the_question_is_on_every_forms_check_answers_page(client, forms):
    walker = FormWalker(client, SLUG)
    fill_in(walker, missed_bin_pages())
    page = walker.check_answers().text
    assert "Do you need an interpreter or information in another format?" in page
    assert '<option value="pl" lang="pl">Polski</option>' in page
    assert "Braille" in page


def test_not_answering_it_sends_the_form_with_no_request(client, forms):
    fill_in(FormWalker(client, SLUG), missed_bin_pages())
    assert send(client).status_code == 302
    assert "communication" not in Case.objects.get().answers


def test_yes_without_a_language_or_format_is_an_error_in_the_summary(client, forms):
    fill_in(FormWalker(client, SLUG), missed_bin_pages())
    response = send(client, **{"communication-needed": "yes"})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert 'href="#communication-interpreter"' in response.text
    assert not Case.objects.exists()


def test_an_interpreter_and_a_format_go_with_the_case_and_the_officer_sees_them(client, forms):
    fill_in(FormWalker(client, SLUG), missed_bin_pages())
    send(
        client,
        **{
            "communication-needed": "yes",
            "communication-interpreter": "ar",
            "communication-format": "large_print",
        },
    )
    case = Case.objects.get()
    assert case.answers["communication"] == {
        "interpreter_language": "ar",
        "accessible_format": "large_print",
    }

    officer = UserFactory(role=Role.CASEWORKER)
    team = case.team or TeamFactory()
    team.members.add(officer)
    Case.objects.filter(pk=case.pk).update(team=team, assigned_to=officer)
    client.force_login(officer)
    page = client.get(reverse("staff:case", args=[case.reference])).text
    assert "Interpreter or other format requested" in page
    assert "Interpreter: العربية; Large print" in page
    queue = client.get(reverse("staff:queues")).text
    assert "Interpreter: العربية; Large print" in queue


def test_an_officer_filling_in_a_form_for_a_resident_is_asked_too(client, forms):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    client.post(reverse("web:form-start", kwargs={"slug": SLUG}), {"channel": Channel.PHONE})
    walker = FormWalker(client, SLUG)
    for page_id, data in missed_bin_pages():
        assert walker.answer(page_id, data).status_code == 302
    assert "Do you need an interpreter" in walker.check_answers().text
    send(client, **{"communication-needed": "yes", "communication-interpreter": "bfi"})
    case = Case.objects.get()
    assert case.channel == Channel.PHONE
    assert case.answers["communication"]["interpreter_language"] == "bfi"


def test_a_residents_saved_choice_is_filled_in(client, forms):
    user = UserFactory(role=Role.RESIDENT, email="amira@example.org")
    ResidentFactory(user=user, email="amira@example.org", interpreter_language="so")
    client.force_login(user)
    fill_in(FormWalker(client, SLUG), missed_bin_pages())
    page = FormWalker(client, SLUG).check_answers().text
    assert '<option value="so" selected lang="so">Soomaali</option>' in page


@pytest.mark.parametrize(
    ("posted", "field"),
    [
        ({"communication-needed": "maybe"}, "communication-needed"),
        (
            {"communication-needed": "yes", "communication-interpreter": "klingon"},
            "communication-interpreter",
        ),
        ({"communication-needed": "yes", "communication-format": "smoke"}, "communication-format"),
    ],
)
def test_answers_not_on_the_lists_are_refused(posted, field):
    assert field in read_communication_needs(posted).errors
