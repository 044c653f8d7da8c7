"""The case page points an officer to where the rest of the case is handled: the complaint's
stages, the information-rights register, the disclosure log; it offers the complaints process
when a resident sounds unhappy, and says which line a call came in on."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import record_status_change
from opencex.cases.models import CaseKind, Channel, Status
from opencex.complaints import services as complaint_services
from tests.factories import DisclosureEntryFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team])


def _open(team, kind, *, subject="Bin not emptied", description="My bin was missed.", **extra):
    case, _ = open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject=subject,
        description=description,
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        **extra,
    )
    case.team = team
    case.save()
    return case


def _page(client, officer, case) -> str:
    client.force_login(officer)
    response = client.get(reverse("staff:case", args=[case.reference]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_complaint_links_to_its_stages_page(client, caseworker, team):
    complaint = _open(team, CaseKind.COMPLAINT)

    page = _page(client, caseworker, complaint)

    assert reverse("staff:complaint", args=[complaint.reference]) in page


def test_a_compliment_links_to_passing_it_on(client, caseworker, team):
    compliment = _open(team, CaseKind.COMPLIMENT)

    page = _page(client, caseworker, compliment)

    assert reverse("staff:compliment", args=[compliment.reference]) in page


def test_an_open_foi_request_shows_released_answers_that_may_already_answer_it(
    client, caseworker, team
):
    DisclosureEntryFactory(title="Parking permits issued in 2024")
    foi = _open(
        team,
        CaseKind.FOI,
        subject="Parking permits",
        description="How many residents' parking permits did the council issue last year?",
    )

    page = _page(client, caseworker, foi)

    assert "Released answers that may already answer this" in page
    assert "Parking permits issued in 2024" in page
    assert reverse("staff:information-request", args=[foi.reference]) in page
    assert reverse("staff:disclosure-prepare", args=[foi.reference]) not in page


def test_a_closed_foi_request_can_be_prepared_for_the_disclosure_log(client, caseworker, team):
    foi = _open(team, CaseKind.FOI)
    record_status_change(actor=caseworker, case=foi, to=Status.RESPONDED, reason="Sent")

    page = _page(client, caseworker, foi)

    assert reverse("staff:disclosure-prepare", args=[foi.reference]) in page
    assert "Released answers that may already answer this" not in page


def test_an_unhappy_request_offers_the_complaints_process_until_it_is_treated_as_one(
    client, caseworker, team
):
    request = _open(
        team,
        CaseKind.SERVICE_REQUEST,
        description="This is the third time my bin has been missed and I am fed up.",
    )

    assert "Possible complaint" in _page(client, caseworker, request)

    complaint_services.treat_as_complaint(actor=caseworker, case=request)

    assert "Possible complaint" not in _page(client, caseworker, request)


def test_a_first_report_is_not_offered_the_complaints_process(client, caseworker, team):
    request = _open(team, CaseKind.SERVICE_REQUEST, description="My green bin was not emptied.")

    assert "Possible complaint" not in _page(client, caseworker, request)


def test_a_call_on_the_vulnerable_line_is_shown_with_the_line(client, caseworker, team):
    request = _open(
        team,
        CaseKind.SERVICE_REQUEST,
        answers={
            "received_by": {
                "phone_line": "Vulnerable residents line",
                "phone_number": "01865 000000",
                "is_vulnerable_line": True,
            }
        },
    )

    page = _page(client, caseworker, request)

    assert '<strong class="govuk-tag govuk-tag--red">Vulnerable residents line</strong>' in page
    assert "Vulnerable line" not in page  # named once, not named and tagged again
