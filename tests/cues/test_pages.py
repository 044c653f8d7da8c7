"""The cue on the staff case page (with why and the model's version) and in the queues; confirm
and dismiss through the page; never on the resident's own page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.aigovernance.models import Decision, Outcome
from opencex.cases.models import Priority
from opencex.cues.lexicon import MODEL_VERSION
from opencex.cues.services import free_text, look_for_cues
from tests.factories import ResidentFactory, TeamFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("winter")]


@pytest.fixture
def gas_case(open_with):
    case = open_with("There is a strong smell of gas in the hall")
    look_for_cues(case=case, text=free_text(case))
    return case


def test_the_case_page_shows_the_cue_and_why(client, caseworker, gas_case):
    client.force_login(caseworker)
    page = client.get(reverse("staff:case", args=[gas_case.reference])).content.decode()
    assert f"Urgency cue: gas smell (model {MODEL_VERSION})" in page
    assert "It raised the priority." in page


def test_the_queue_tags_a_case_with_an_undecided_cue(client, caseworker, gas_case):
    client.force_login(caseworker)
    page = client.get(reverse("staff:queues") + "?queue=housing-repairs").content.decode()
    assert gas_case.reference in page
    assert "Urgency cue" in page


def test_confirming_on_the_page_records_the_decision(client, caseworker, gas_case):
    client.force_login(caseworker)
    suggestion = gas_case_suggestion(gas_case)
    response = client.post(reverse("staff:cue-confirm", args=[suggestion.pk]))
    assert response.status_code == 302
    assert Decision.objects.get(suggestion=suggestion).outcome == Outcome.ACCEPTED
    page = client.get(reverse("staff:case", args=[gas_case.reference])).content.decode()
    assert "Accepted by Sam Okafor" in page


def test_dismissing_without_a_reason_shows_the_error_summary(client, caseworker, gas_case):
    client.force_login(caseworker)
    suggestion = gas_case_suggestion(gas_case)
    response = client.post(reverse("staff:cue-dismiss", args=[suggestion.pk]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'href="#cue-dismiss-reason"' in page
    assert not Decision.objects.exists()


def test_dismissing_on_the_page_puts_the_priority_back(client, caseworker, gas_case):
    client.force_login(caseworker)
    suggestion = gas_case_suggestion(gas_case)
    client.post(
        reverse("staff:cue-dismiss", args=[suggestion.pk]),
        {"cue-dismiss-reason": "The hob was left on"},
    )
    gas_case.refresh_from_db()
    assert gas_case.priority == Priority.NORMAL


def test_staff_who_may_not_see_the_case_get_no_cue(client, gas_case):
    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    client.force_login(stranger)
    suggestion = gas_case_suggestion(gas_case)
    assert client.post(reverse("staff:cue-confirm", args=[suggestion.pk])).status_code == 404


def test_a_residents_own_case_page_never_shows_the_cue(client, open_with):
    account = UserFactory(role=Role.RESIDENT, email="ada@example.org")
    resident = ResidentFactory(user=account, email="ada@example.org")
    case = open_with("I want to kill myself, there is no heating", resident=resident)
    look_for_cues(case=case, text=free_text(case))
    client.force_login(account)
    page = client.get(reverse("web:track-case", args=[case.reference])).content.decode()
    assert case.reference in page
    assert "Urgency" not in page
    assert "cue" not in page.lower()
    assert "self-harm" not in page.lower()


def gas_case_suggestion(case):
    from opencex.cues.services import cue_suggestions

    return cue_suggestions(case).get()


@pytest.fixture
def self_harm_case(open_with):
    case = open_with("I want to kill myself, there is no heating")
    look_for_cues(case=case, text=free_text(case))
    return case


def test_the_contact_centre_sees_only_that_a_hidden_cue_raised_the_priority(client, self_harm_case):
    from opencex.cues.selectors import HIDDEN_CUE
    from opencex.people.models import SensitiveAccess

    officer = UserFactory(role=Role.CONTACT_CENTRE)
    client.force_login(officer)
    page = client.get(reverse("staff:case", args=[self_harm_case.reference]))
    assert page.status_code == 200
    text = page.content.decode()
    assert HIDDEN_CUE.replace("'", "&#x27;") in text
    assert "It raised the priority." in text
    assert "self-harm" not in text.lower()
    assert reverse("staff:cue-confirm", args=[gas_case_suggestion(self_harm_case).pk]) not in text
    assert not SensitiveAccess.objects.filter(actor=officer).exists()


def test_the_contact_centre_cannot_dismiss_a_special_category_cue(client, self_harm_case):
    from opencex.cues.services import dismiss_cues

    officer = UserFactory(role=Role.CONTACT_CENTRE)
    suggestion = gas_case_suggestion(self_harm_case)
    client.force_login(officer)
    client.post(reverse("staff:cue-confirm", args=[suggestion.pk]))
    assert not Decision.objects.filter(suggestion=suggestion).exists()
    with pytest.raises(Exception, match="cannot decide"):
        dismiss_cues(actor=officer, suggestion=suggestion, reason="Not so")
    assert not Decision.objects.filter(suggestion=suggestion).exists()


def test_a_caseworker_with_need_to_know_sees_the_cue_and_the_read_is_logged(
    client, caseworker, self_harm_case
):
    from opencex.people.models import AccessKind, SensitiveAccess

    client.force_login(caseworker)
    page = client.get(reverse("staff:case", args=[self_harm_case.reference])).content.decode()
    assert "self-harm or suicide" in page
    read = SensitiveAccess.objects.get(actor=caseworker)
    assert read.resident == self_harm_case.resident
    assert read.kind == AccessKind.NEED_TO_KNOW
    assert self_harm_case.reference in read.purpose
