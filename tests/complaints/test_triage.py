"""Triage: a first request stays a service request; a resident who sounds unhappy is offered the
complaints process without having to use the word, and an officer can open a linked stage 1
complaint in one click (RULES.md, "Complaints")."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.actions.messages import receive_message
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel, EventKind
from opencex.cases.policies import ReferenceGrant
from opencex.complaints import services
from opencex.complaints.models import Complaint
from opencex.complaints.selectors import ombudsman_for_case, possible_complaints
from opencex.complaints.triage import (
    ASKS_TO_COMPLAIN,
    NOT_CONTACTED,
    NOT_PUT_RIGHT,
    REPEATED,
    UNHAPPY,
    dissatisfaction_cues,
    is_dissatisfied,
)
from tests.complaints.conftest import D, at_ten
from tests.factories import UserFactory

UNHAPPY_PHRASINGS = [
    ("This is the third time my bin has been missed.", REPEATED),
    ("Missed AGAIN. Second time this month.", REPEATED),
    ("It has happened 4 times since June", REPEATED),
    ("My bin was missed again on Tuesday", REPEATED),
    ("Once again nobody emptied the recycling", REPEATED),
    ("I have reported this twice already", REPEATED),
    ("The leak is still not fixed.", NOT_PUT_RIGHT),
    ("Still waiting for someone to come", NOT_PUT_RIGHT),
    ("Three weeks later and still nothing", NOT_PUT_RIGHT),
    ("The boiler has not been repaired yet", NOT_PUT_RIGHT),
    ("Nobody has called me back.", NOT_CONTACTED),
    ("No one ever replied to my email", NOT_CONTACTED),
    ("You promised to ring me on Friday", NOT_CONTACTED),
    ("I never heard back from the housing officer", NOT_CONTACTED),
    ("I've had no response at all", NOT_CONTACTED),
    ("I\u2019m fed up with this.", UNHAPPY),  # a curly apostrophe, as phones type it
    ("Absolutely disgusted with the service", UNHAPPY),
    ("This is unacceptable", UNHAPPY),
    ("I am not happy with how I was spoken to", UNHAPPY),
    ("The man on the phone was rude", UNHAPPY),
    ("Sick and tired of chasing you", UNHAPPY),
    ("What a shambles", UNHAPPY),
    ("I want to speak to a manager", ASKS_TO_COMPLAIN),
    ("I will be going to the ombudsman", ASKS_TO_COMPLAIN),
]

NOT_UNHAPPY = [
    "My bin was not emptied on Monday.",
    "The green bin was not collected today, please come back.",
    "Thanks so much, the crew were brilliant!",
    "Please collect my sofa on Tuesday.",
    "No complaints at all, just letting you know the bin is back.",
    "I am not disappointed, it was sorted quickly.",
    "There is a leak under the kitchen sink.",
    "Can you tell me my collection day?",
]


@pytest.mark.parametrize(("text", "reason"), UNHAPPY_PHRASINGS)
def test_dissatisfaction_is_spotted_without_the_word_complaint(text, reason):
    cues = dissatisfaction_cues(text)

    assert reason in {cue.reason for cue in cues}, cues


@pytest.mark.parametrize("text", NOT_UNHAPPY)
def test_a_first_report_or_thanks_is_not_a_complaint(text):
    assert not is_dissatisfied(text), dissatisfaction_cues(text)


def test_the_cues_say_which_words_matched_in_order():
    cues = dissatisfaction_cues("Nobody called back. This is the third time!")

    assert [cue.words for cue in cues] == ["nobody called", "the third time"]


def report(service, *, description="My green bin was not emptied on Monday.", **extra):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description=description,
        contact_name="Ann Example",
        contact_email="ann@example.org",
        service=service,
        **extra,
    )
    return case


@pytest.fixture
def waste_officer(waste):
    return UserFactory(role=Role.CASEWORKER, full_name="Sam Crew", teams=[waste.team])


@pytest.mark.django_db
def test_a_first_missed_bin_report_stays_a_service_request_and_is_not_flagged(waste, waste_officer):
    case = report(waste)

    assert case.kind == CaseKind.SERVICE_REQUEST
    assert possible_complaints(waste_officer) == []


@pytest.mark.django_db
def test_an_unhappy_report_is_listed_for_the_team_with_why(waste, waste_officer):
    case = report(waste, description="This is the third time my bin has been missed.")

    [found] = possible_complaints(waste_officer)

    assert found.case == case
    assert [cue.reason for cue in found.cues] == [REPEATED]


@pytest.mark.django_db
def test_an_unhappy_reply_on_a_request_is_listed(waste, waste_officer):
    case = report(waste)
    receive_message(
        actor=None,
        case=case,
        body="Nobody has called me back.",
        grant=ReferenceGrant(case_id=case.pk, email="ann@example.org"),
    )

    [found] = possible_complaints(waste_officer)

    assert found.words == "Nobody has called me back."


@pytest.mark.django_db
def test_other_teams_do_not_see_anothers_possible_complaints(waste, repairs):
    report(waste, description="I'm fed up with this.")
    repairs_officer = UserFactory(role=Role.CASEWORKER, teams=[repairs.team])

    assert possible_complaints(repairs_officer) == []


@pytest.mark.django_db
def test_treat_as_a_complaint_opens_a_linked_stage_one_complaint(
    waste, waste_officer, complaints_service
):
    case = report(
        waste,
        description="This is the third time my bin has been missed. I'm fed up.",
        received_at=at_ten("2025-12-19"),
    )

    complaint = services.treat_as_complaint(actor=waste_officer, case=case)

    assert (complaint.kind, complaint.stage) == (CaseKind.COMPLAINT, 1)
    assert complaint.team == complaints_service.team
    assert complaint.description == case.description
    assert complaint.contact_email == "ann@example.org"
    assert Complaint.objects.get(case=complaint).raised_from == case
    assert ombudsman_for_case(complaint).slug == "lgsco"
    # Received when the resident said it, so acknowledged within 5 working days of that.
    assert (complaint.received_on, complaint.due_on) == (D("2025-12-19"), D("2025-12-30"))
    assert case.events.filter(kind=EventKind.LINKED).exists()
    assert complaint.events.filter(kind=EventKind.LINKED).exists()
    assert possible_complaints(waste_officer) == []


@pytest.mark.django_db
def test_a_complaint_from_an_unhappy_reply_is_received_when_the_reply_came(
    waste, waste_officer, complaints_service
):
    case = report(waste, received_at=at_ten("2025-12-01"))
    reply = receive_message(
        actor=waste_officer, case=case, body="Still not emptied. Nobody has called me back."
    )

    complaint = services.treat_as_complaint(actor=waste_officer, case=case)

    assert complaint.received_at == reply.at
    assert complaint.description == "Still not emptied. Nobody has called me back."


@pytest.mark.django_db
def test_a_request_is_treated_as_a_complaint_only_once(waste, waste_officer, complaints_service):
    case = report(waste, description="Unacceptable.")
    first = services.treat_as_complaint(actor=waste_officer, case=case)

    with pytest.raises(services.ComplaintError, match=first.reference):
        services.treat_as_complaint(actor=waste_officer, case=case)


@pytest.mark.django_db
def test_staff_who_cannot_see_the_request_cannot_treat_it_as_a_complaint(waste, repairs):
    case = report(waste, description="Unacceptable.")
    outsider = UserFactory(role=Role.CASEWORKER, teams=[repairs.team])

    with pytest.raises(PermissionDenied):
        services.treat_as_complaint(actor=outsider, case=case)


@pytest.mark.django_db
def test_the_resident_makes_a_complaint_about_their_request_in_their_own_words(
    waste, complaints_service
):
    case = report(waste, description="Missed again!")
    grant = ReferenceGrant(case_id=case.pk, email="ann@example.org")

    complaint = services.complain_about_request(
        actor=None,
        grant=grant,
        case=case,
        what_happened="Missed again, third time.",
        put_right="Collect it and stop missing it.",
    )

    assert (complaint.kind, complaint.channel) == (CaseKind.COMPLAINT, Channel.WEB)
    assert complaint.answers["reference"] == case.reference
    assert "Collect it and stop missing it." in complaint.description
    assert Complaint.objects.get(case=complaint).about_service == waste
    assert complaint.received_on == timezone.localdate()


@pytest.mark.django_db
def test_a_stranger_cannot_complain_about_someone_elses_request(waste, complaints_service):
    case = report(waste)
    grant = ReferenceGrant(case_id=case.pk, email="bob@example.org")

    with pytest.raises(PermissionDenied):
        services.complain_about_request(
            actor=None, grant=grant, case=case, what_happened="x", put_right="y"
        )
