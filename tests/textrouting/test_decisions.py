"""An officer confirms or corrects the routing suggestion on the case page in one click: the
case moves through the one door for routing (service and team, on its timeline) and the decision
is recorded; a correction is learnt by the next training."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.aigovernance.models import Decision, Outcome, Suggestion
from opencex.cases.actions.opening import open_case
from opencex.cases.errors import CaseError
from opencex.cases.models import CaseEvent, CaseKind, Channel, EventKind
from opencex.events.models import Event
from opencex.textrouting import training
from opencex.textrouting.services import (
    record_routing_suggestion,
    route_case,
    suggest,
    suggest_for_open_cases,
    suggest_routing_in_event,
    suggestion_for_case,
)
from tests.factories import ResidentFactory, ServiceFactory, TeamFactory, UserFactory
from tests.textrouting.conftest import open_enquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(trained, enquiry):
    """The suggestion made when the enquiry came in: the `case.created` consumer's."""
    event = Event.objects.get(topic="case.created", subject_id=enquiry.reference)
    return suggest_routing_in_event(event_id=event.pk)


def _page(client, officer, case):
    client.force_login(officer)
    return client.get(reverse("staff:case", args=[case.reference]))


def _route(client, case, service_slug, suggestion=None):
    data = {"route-service": service_slug}
    if suggestion is not None:
        data["route-suggestion"] = suggestion.pk
    return client.post(reverse("staff:case-route", args=[case.reference]), data)


def test_the_case_page_shows_the_suggestion_recorded_when_the_case_came_in(
    client, trained, officer, enquiry, recorded
):
    page = _page(client, officer, enquiry)
    _page(client, officer, enquiry)

    text = page.content.decode()
    assert "Suggested: Report rats or mice (Environmental Health)" in text
    assert "% sure" in text
    suggestion = Suggestion.objects.get(model_key="routing", subject_id=enquiry.pk)
    assert suggestion.model_version == trained.version
    assert suggestion.suggested["service"] == "report-rats-or-mice"
    assert len(suggestion.suggested["alternatives"]) == 2
    assert "under the shed" not in str(
        suggestion.suggested
    )  # never a copy of what the resident wrote


def test_confirming_routes_the_case_to_the_service_and_its_team(
    client, trained, officer, enquiry, recorded, services, teams
):
    _page(client, officer, enquiry)
    suggestion = Suggestion.objects.get(subject_id=enquiry.pk)

    response = _route(client, enquiry, "report-rats-or-mice", suggestion)

    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.service == services["report-rats-or-mice"]
    assert enquiry.team == teams["environment"]
    event = enquiry.events.get(kind=EventKind.REASSIGNED)
    assert event.summary == "Routed to Report rats or mice (Environmental Health)"
    decision = Decision.objects.get(suggestion=suggestion)
    assert (decision.outcome, decision.decided_by) == (Outcome.ACCEPTED, officer)


def test_picking_an_alternative_is_a_correction_with_the_service_chosen(
    client, trained, officer, enquiry, recorded, services, teams
):
    _page(client, officer, enquiry)
    suggestion = Suggestion.objects.get(subject_id=enquiry.pk)

    _route(client, enquiry, "report-noise-nuisance", suggestion)

    enquiry.refresh_from_db()
    assert enquiry.service == services["report-noise-nuisance"]
    decision = Decision.objects.get(suggestion=suggestion)
    assert decision.outcome == Outcome.CORRECTED
    assert decision.correction == {"service": "report-noise-nuisance"}
    assert "Suggested service" not in _page(client, officer, enquiry).content.decode()


def test_confirming_the_service_the_case_is_already_on_only_records_it_accepted(
    trained, officer, services, teams
):
    # An email already on the rats service: the model agrees, and the officer confirms.
    other = open_enquiry(
        "rats under the shed", subject="Rats", service=services["report-rats-or-mice"]
    )
    other.channel = "email"
    other.team = teams["general"]
    other.save()
    record_routing_suggestion(other)
    shown = suggestion_for_case(other).record
    assert shown.suggested["service"] == "report-rats-or-mice"
    events = CaseEvent.objects.filter(case=other).count()

    route_case(actor=officer, case=other, service=services["report-rats-or-mice"], suggestion=shown)

    assert Decision.objects.get(suggestion=shown).outcome == Outcome.ACCEPTED
    assert CaseEvent.objects.filter(case=other).count() == events


@pytest.mark.parametrize("who", ["resident", "officer in another team"])
def test_a_resident_or_an_officer_outside_the_team_cannot_route(
    client, trained, officer, enquiry, recorded, who
):
    _page(client, officer, enquiry)
    suggestion = Suggestion.objects.get(subject_id=enquiry.pk)
    if who == "resident":
        outsider = ResidentFactory(email="ada@example.org").user or UserFactory(role=Role.RESIDENT)
    else:
        outsider = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    client.force_login(outsider)

    response = _route(client, enquiry, "report-noise-nuisance", suggestion)

    assert response.status_code in {302, 403, 404}
    assert response.status_code != 302 or "sign-in" in response["Location"]
    enquiry.refresh_from_db()
    assert enquiry.service.slug == "make-general-enquiry"
    assert not Decision.objects.exists()


def test_another_case_s_suggestion_is_refused(client, trained, officer, enquiry, recorded):
    other = open_enquiry("loud music")
    _page(client, officer, enquiry)
    suggestion = Suggestion.objects.get(subject_id=enquiry.pk)
    client.force_login(officer)

    response = _route(client, other, "report-noise-nuisance", suggestion)

    assert response.status_code in {200, 404}
    assert not Decision.objects.exists()


def test_routing_switched_off_shows_no_suggestion_but_a_service_can_be_chosen_by_hand(
    client, trained, officer, enquiry, services, settings
):
    import dataclasses

    settings.COUNCIL_PROFILE = dataclasses.replace(
        settings.COUNCIL_PROFILE,
        ai=dataclasses.replace(settings.COUNCIL_PROFILE.ai, routing=False),
    )
    page = _page(client, officer, enquiry).content.decode()
    assert "Suggested service" not in page
    assert "Move to another service" in page
    assert record_routing_suggestion(enquiry) is None
    assert not Suggestion.objects.exists()

    _route(client, enquiry, "report-noise-nuisance")
    enquiry.refresh_from_db()
    assert enquiry.service == services["report-noise-nuisance"]


def test_a_correction_is_learnt_by_the_next_training(trained, officer, services, history_file):
    text = "a fox keeps ripping open the bin bags and there is rubbish everywhere"
    case = open_enquiry(text, service=services["make-general-enquiry"])
    record_routing_suggestion(case)
    first = suggestion_for_case(case)
    assert first.service.slug != "report-rats-or-mice"  # the model gets it wrong first

    route_case(
        actor=officer, case=case, service=services["report-rats-or-mice"], suggestion=first.record
    )
    retrained = training.train(history_file=history_file)

    assert retrained.examples["correction"] == 1
    assert suggest(text).service.slug == "report-rats-or-mice"


@time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False)
def test_a_request_moved_to_another_service_is_due_by_that_service_s_standard(officer, teams):
    quicker = ServiceFactory(team=teams["general"], standard_days=2)
    slower = ServiceFactory(
        team=teams["environment"], standard_days=10, standard_text="Within 10 working days."
    )
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Rats",
        description="Rats in the garden",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        service=quicker,
    )
    due_before = case.due_on

    route_case(actor=UserFactory(role=Role.CONTACT_CENTRE), case=case, service=slower)

    case.refresh_from_db()
    assert (case.service, case.team) == (slower, teams["environment"])
    assert due_before == dt.date(2026, 3, 4)  # Monday + 2 working days
    assert case.due_on == dt.date(2026, 3, 16)  # Monday + 10 working days


def test_viewing_the_page_never_records_a_suggestion(client, trained, officer, enquiry):
    page = _page(client, officer, enquiry).content.decode()
    assert "Suggested:" not in page
    assert not Suggestion.objects.exists()


def test_a_retraining_suggests_once_for_open_cases_without_one_from_the_new_version(
    trained, officer, enquiry, recorded, services, history_file
):
    assert record_routing_suggestion(enquiry) is None  # the same version: nothing new
    decided = open_enquiry("loud music all night", service=services["make-general-enquiry"])
    route_case(
        actor=officer,
        case=decided,
        service=services["report-noise-nuisance"],
        suggestion=record_routing_suggestion(decided),
    )
    retrained = training.train(history_file=history_file)

    assert suggest_for_open_cases() == 1
    assert suggest_for_open_cases() == 0
    latest = Suggestion.objects.filter(subject_id=enquiry.pk).first()
    assert latest.model_version == retrained.version
    assert Suggestion.objects.filter(subject_id=enquiry.pk).count() == 2
    assert Suggestion.objects.filter(subject_id=decided.pk).count() == 1


def test_a_suggestion_decided_already_is_refused_with_a_message(
    client, trained, enquiry, recorded, services, teams
):
    # An officer of both teams: the case stays theirs after the first routing.
    officer = UserFactory(role=Role.CASEWORKER, teams=[teams["general"], teams["environment"]])
    _page(client, officer, enquiry)
    _route(client, enquiry, "report-rats-or-mice", recorded)

    again = _route(client, enquiry, "report-noise-nuisance", recorded)

    assert "This suggestion has been decided already" in again.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.service == services["report-rats-or-mice"]
    assert Decision.objects.filter(suggestion=recorded).count() == 1
    with pytest.raises(CaseError, match="decided already"):
        route_case(
            actor=officer,
            case=enquiry,
            service=services["report-rats-or-mice"],
            suggestion=recorded,
        )
