"""Linking related cases and closing a duplicate: who may, what both timelines record, what the
resident is told, and the references an officer may not see."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases import links
from opencex.cases.actions.clock import pause_clock
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status
from opencex.cases.errors import CaseError
from opencex.cases.models import (
    CaseEvent,
    CaseKind,
    CaseLink,
    Channel,
    ClockPause,
    EventKind,
    LinkKind,
    Status,
)
from opencex.cases.workflow import TransitionNotAllowed
from opencex.notify.models import Notification
from tests.factories import CaseFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(slug="street-scene", name="Street scene")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team], full_name="Sam Okafor")


def open_report(team, *, email="ada@example.org", resident=None, subject="Fly-tipping"):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject=subject,
        description="A mattress dumped on Iffley Road.",
        contact_name="Ada Okonkwo",
        contact_email=email,
        resident=resident,
    )
    case.team = team
    case.save()
    return case


def events(case, kind) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case=case, kind=kind))


# --- Related cases ------------------------------------------------------------------------------


def test_linking_related_cases_records_an_internal_event_on_both_timelines(team, caseworker):
    first, second = open_report(team), open_report(team, email="bo@example.org")

    link = links.link_cases(
        actor=caseworker, case=first, other_reference=second.reference.lower(), reason="Same site"
    )

    assert (link.case, link.other_case, link.kind) == (first, second, LinkKind.RELATED)
    [on_first] = events(first, EventKind.LINKED)
    [on_second] = events(second, EventKind.LINKED)
    assert on_first.summary == f"Linked to {second.reference} as a related case"
    assert on_second.summary == f"Linked to {first.reference} as a related case"
    assert on_first.body == "Same site"
    assert not on_first.is_visible_to_resident
    assert not on_second.is_visible_to_resident


def test_a_case_cannot_be_linked_to_itself(team, caseworker):
    case = open_report(team)
    with pytest.raises(CaseError, match="cannot be linked to itself"):
        links.link_cases(actor=caseworker, case=case, other_reference=case.reference)


def test_the_same_pair_cannot_be_linked_twice_either_way_round(team, caseworker):
    first, second = open_report(team), open_report(team)
    links.link_cases(actor=caseworker, case=first, other_reference=second.reference)

    with pytest.raises(CaseError, match=f"already linked to {first.reference}"):
        links.link_cases(actor=caseworker, case=second, other_reference=first.reference)
    assert CaseLink.objects.count() == 1


def test_a_reference_the_officer_may_not_see_is_not_found_like_one_that_does_not_exist(
    team, caseworker
):
    case = open_report(team)
    elsewhere = CaseFactory(reference="SR-HIDE-HIDE", team=TeamFactory())

    with pytest.raises(CaseError) as hidden:
        links.link_cases(actor=caseworker, case=case, other_reference=elsewhere.reference)
    with pytest.raises(CaseError) as missing:
        links.link_cases(actor=caseworker, case=case, other_reference="SR-NONE-NONE")

    assert (
        str(hidden.value)
        == "No case with the reference SR-HIDE-HIDE was found. Check the reference."
    )
    assert str(missing.value) == str(hidden.value).replace("SR-HIDE-HIDE", "SR-NONE-NONE")
    assert not CaseLink.objects.exists()


@pytest.mark.parametrize("role", [Role.CONTACT_CENTRE, Role.RESIDENT])
def test_only_officers_who_handle_the_case_may_link_it(team, role):
    first, second = open_report(team), open_report(team)
    with pytest.raises(PermissionDenied):
        links.link_cases(actor=UserFactory(role=role), case=first, other_reference=second.reference)


def test_a_caseworker_from_another_team_may_not_link_the_case(team):
    first, second = open_report(team), open_report(team)
    stranger = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        links.link_cases(actor=stranger, case=first, other_reference=second.reference)


def test_the_database_refuses_a_link_from_a_case_to_itself(team):
    case = open_report(team)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseLink.objects.create(case=case, other_case=case, kind=LinkKind.RELATED)


def test_the_database_refuses_a_second_link_for_the_same_pair_reversed(team):
    first, second = open_report(team), open_report(team)
    CaseLink.objects.create(case=first, other_case=second, kind=LinkKind.RELATED)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseLink.objects.create(case=second, other_case=first, kind=LinkKind.DUPLICATE_OF)


def test_linked_cases_are_listed_both_ways_and_unseen_ones_only_counted(team, caseworker):
    case, related, duplicate = open_report(team), open_report(team), open_report(team)
    other_teams = CaseFactory(team=TeamFactory())
    links.link_cases(actor=caseworker, case=case, other_reference=related.reference)
    links.mark_duplicate(
        actor=caseworker, case=duplicate, original_reference=case.reference, reason="Same mattress"
    )
    CaseLink.objects.create(case=other_teams, other_case=case, kind=LinkKind.RELATED)

    shown, hidden = links.linked_cases(caseworker, case)

    assert [(linked.case, linked.relation) for linked in shown] == [
        (related, "related"),
        (duplicate, "duplicate"),
    ]
    assert hidden == 1
    [(original, relation)] = [
        (x.case, x.relation) for x in links.linked_cases(caseworker, duplicate)[0]
    ]
    assert (original, relation) == (case, "original")


# --- Duplicates ---------------------------------------------------------------------------------


def test_marking_a_duplicate_closes_it_with_an_outcome_naming_the_original(team, caseworker):
    original, duplicate = open_report(team), open_report(team, email="bo@example.org")

    links.mark_duplicate(
        actor=caseworker,
        case=duplicate,
        original_reference=original.reference,
        reason="Same mattress, reported twice",
    )

    duplicate.refresh_from_db()
    assert duplicate.status == Status.CLOSED
    assert duplicate.outcome == f"Duplicate of {original.reference}"
    assert duplicate.closed_at is not None
    link = CaseLink.objects.get()
    assert (link.case, link.other_case, link.kind) == (duplicate, original, LinkKind.DUPLICATE_OF)
    original.refresh_from_db()
    assert original.status == Status.RECEIVED


def test_marking_a_duplicate_records_it_on_both_timelines(team, caseworker):
    original, duplicate = open_report(team), open_report(team, email="bo@example.org")

    links.mark_duplicate(
        actor=caseworker, case=duplicate, original_reference=original.reference, reason="Same"
    )

    [marked] = events(duplicate, EventKind.MARKED_DUPLICATE)
    assert marked.summary == f"Marked as a duplicate of {original.reference}"
    assert not marked.is_visible_to_resident
    [closed] = events(duplicate, EventKind.STATUS_CHANGED)
    assert closed.is_visible_to_resident
    assert closed.data["to"] == Status.CLOSED
    assert original.reference not in closed.body  # another resident's reference is not theirs
    [on_original] = events(original, EventKind.LINKED)
    assert on_original.summary == f"{duplicate.reference} closed as a duplicate of this case"


def test_the_same_resident_is_told_the_reference_of_their_other_request(team, caseworker):
    resident = ResidentFactory(email="ada@example.org")
    original = open_report(team, resident=resident)
    duplicate = open_report(team, resident=resident)

    links.mark_duplicate(
        actor=caseworker, case=duplicate, original_reference=original.reference, reason="Twice"
    )

    [closed] = events(duplicate, EventKind.STATUS_CHANGED)
    assert (
        closed.body == f"We are dealing with this under your other request, {original.reference}."
    )
    message = Notification.objects.get(case=duplicate, template="case_marked_duplicate")
    assert original.reference in message.body
    assert f"/track/{original.reference}" in message.body


@pytest.mark.django_db(transaction=True)
def test_another_resident_is_emailed_without_the_originals_reference(
    team, caseworker, smtp_server, run_jobs
):
    original = open_report(team, email="ada@example.org")
    duplicate = open_report(team, email="bo@example.org")
    run_jobs()
    smtp_server.messages.clear()

    links.mark_duplicate(
        actor=caseworker, case=duplicate, original_reference=original.reference, reason="Same"
    )
    run_jobs()

    [message] = smtp_server.messages
    assert message["To"] == "bo@example.org"
    assert duplicate.reference in message["Subject"]
    body = message.get_content()
    assert "Someone has already told us about this" in body
    assert original.reference not in body


def test_a_closed_case_cannot_be_marked_as_a_duplicate(team, caseworker):
    original, duplicate = open_report(team), open_report(team)
    change_status(actor=caseworker, case=duplicate, to=Status.RESOLVED)

    with pytest.raises(TransitionNotAllowed, match="only an open case can"):
        links.mark_duplicate(
            actor=caseworker, case=duplicate, original_reference=original.reference, reason="x"
        )
    assert not CaseLink.objects.exists()


def test_marking_a_duplicate_needs_a_reason(team, caseworker):
    original, duplicate = open_report(team), open_report(team)
    with pytest.raises(CaseError, match="Say why this case is a duplicate"):
        links.mark_duplicate(
            actor=caseworker, case=duplicate, original_reference=original.reference, reason=" "
        )


def test_a_duplicate_of_a_duplicate_is_pointed_at_the_first_original(team, caseworker):
    first, second, third = open_report(team), open_report(team), open_report(team)
    links.mark_duplicate(
        actor=caseworker, case=second, original_reference=first.reference, reason="Same"
    )

    with pytest.raises(CaseError, match=f"as a duplicate of {first.reference} instead"):
        links.mark_duplicate(
            actor=caseworker, case=third, original_reference=second.reference, reason="Same"
        )


def test_a_related_link_becomes_a_duplicate_link(team, caseworker):
    first, second = open_report(team), open_report(team)
    links.link_cases(actor=caseworker, case=first, other_reference=second.reference)

    links.mark_duplicate(
        actor=caseworker, case=second, original_reference=first.reference, reason="Same"
    )

    link = CaseLink.objects.get()
    assert (link.case, link.other_case, link.kind) == (second, first, LinkKind.DUPLICATE_OF)


def test_an_officer_who_cannot_handle_the_case_cannot_mark_it_a_duplicate(team):
    original, duplicate = open_report(team), open_report(team)
    with pytest.raises(PermissionDenied):
        links.mark_duplicate(
            actor=UserFactory(role=Role.CONTACT_CENTRE),
            case=duplicate,
            original_reference=original.reference,
            reason="Same",
        )
    duplicate.refresh_from_db()
    assert duplicate.status == Status.RECEIVED


def test_an_original_the_officer_may_not_see_is_not_found(team, caseworker):
    duplicate = open_report(team)
    hidden = CaseFactory(team=TeamFactory())
    with pytest.raises(CaseError, match=r"was found\. Check the reference"):
        links.mark_duplicate(
            actor=caseworker, case=duplicate, original_reference=hidden.reference, reason="Same"
        )


def test_closing_a_paused_case_as_a_duplicate_ends_its_pause(team, caseworker):
    original, duplicate = open_report(team), open_report(team)
    pause_clock(actor=caseworker, case=duplicate, reason="clarification")

    links.mark_duplicate(
        actor=caseworker, case=duplicate, original_reference=original.reference, reason="Same"
    )

    pause = ClockPause.objects.get(case=duplicate)
    assert pause.ended_on == timezone.localdate()
