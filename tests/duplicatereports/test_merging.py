"""Merging proposed reports into one job through cases.links.mark_duplicate, the officer's
decisions recorded, who may decide, and every reporter told when the job changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opencex.aigovernance.models import Decision
from opencex.cases import links
from opencex.cases.actions.expected_date import revise_expected_date
from opencex.cases.actions.status import change_status, close_case, record_status_change
from opencex.cases.errors import CaseError
from opencex.cases.models import CaseLink, LinkKind, Status
from opencex.council.calendar import council_calendar
from opencex.duplicatereports.models import DuplicateProposal, ProposalStatus
from opencex.duplicatereports.services import merge, not_the_same, propose_for
from opencex.notify.models import Notification
from tests.factories import ResidentFactory


def cluster(make_report, size=5, **first_fields):
    main = make_report(**first_fields)
    reports = [
        make_report(metres=8 * n, hours=n, contact_email=f"r{n}@example.org")
        for n in range(1, size)
    ]
    return main, [propose_for(case) for case in reports]


@pytest.mark.django_db
def test_five_reports_become_one_job_through_the_one_door(make_report, officer):
    main, proposals = cluster(make_report)

    assert merge(actor=officer, proposal_ids=[p.pk for p in proposals]) == main

    links_made = CaseLink.objects.filter(other_case=main, kind=LinkKind.DUPLICATE_OF)
    assert {link.case for link in links_made} == {p.case for p in proposals}
    for proposal in proposals:
        proposal.case.refresh_from_db()
        assert proposal.case.status == Status.CLOSED
        assert proposal.case.outcome == f"Duplicate of {main.reference}"
    assert Notification.objects.filter(template="case_marked_duplicate").count() == 4
    assert set(DuplicateProposal.objects.values_list("status", flat=True)) == {"merged"}
    assert [d.outcome for d in Decision.objects.all()] == ["accepted"] * 4
    assert {d.decided_by for d in Decision.objects.all()} == {officer}


@pytest.mark.django_db
def test_not_the_same_is_recorded_and_the_pair_is_never_proposed_again(make_report, officer):
    make_report()
    second = make_report(metres=5, hours=1)
    proposal = propose_for(second)

    not_the_same(actor=officer, proposal_id=proposal.pk, note="Two different sofas")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.NOT_SAME
    decision = Decision.objects.get()
    assert (decision.outcome, decision.note) == ("dismissed", "Two different sofas")
    assert propose_for(second) is None
    with pytest.raises(CaseError, match="already decided"):
        merge(actor=officer, proposal_ids=[proposal.pk])


@pytest.mark.django_db
def test_an_officer_outside_the_team_cannot_merge_or_dismiss(make_report, outsider):
    _main, proposals = cluster(make_report, size=2)
    with pytest.raises(PermissionDenied):
        merge(actor=outsider, proposal_ids=[proposals[0].pk])
    with pytest.raises(PermissionDenied):
        not_the_same(actor=outsider, proposal_id=proposals[0].pk)
    assert not CaseLink.objects.exists()
    assert not Decision.objects.exists()


@pytest.mark.django_db
def test_a_report_waiting_on_a_merged_report_is_proposed_for_its_main_job(make_report, officer):
    main = make_report(text="sofa")
    middle = make_report(metres=30, hours=1, text="settee")
    last = make_report(metres=60, hours=2, text="armchair")  # 60 m from the main: too far
    first_proposal, last_proposal = propose_for(middle), propose_for(last)
    assert last_proposal.main == middle

    merge(actor=officer, proposal_ids=[first_proposal.pk])
    last_proposal.refresh_from_db()
    assert last_proposal.main == main

    merge(actor=officer, proposal_ids=[last_proposal.pk])
    assert links.original_of(last) == main


@pytest.mark.django_db
def test_a_merged_jobs_followers_move_with_it(make_report, officer):
    main = make_report()
    middle = make_report(metres=5, hours=1)
    follower = make_report(metres=6, hours=2)
    links.mark_duplicate(
        actor=officer, case=follower, original_reference=middle.reference, reason="Same"
    )
    links.mark_duplicate(
        actor=officer, case=middle, original_reference=main.reference, reason="Same"
    )
    assert {case.pk for case in links.followers_of(main)} == {middle.pk, follower.pk}


@pytest.mark.django_db(transaction=True)
def test_every_reporter_is_told_when_the_job_changes_in_their_language(
    make_report, officer, smtp_server, run_jobs
):
    main = make_report(contact_email="first@example.org")
    polish = ResidentFactory(email="marta@example.org", preferred_language="pl")
    second = make_report(metres=5, hours=1, resident=polish, contact_email="marta@example.org")
    third = make_report(metres=9, hours=2, contact_email="third@example.org")
    merge(actor=officer, proposal_ids=[propose_for(second).pk, propose_for(third).pk])
    run_jobs()
    smtp_server.messages.clear()

    change_status(actor=officer, case=main, to=Status.IN_PROGRESS)
    run_jobs()

    by_address = {message["To"]: message for message in smtp_server.messages}
    assert set(by_address) == {"first@example.org", "marta@example.org", "third@example.org"}
    marta = by_address["marta@example.org"].get_content()
    assert second.reference in by_address["marta@example.org"]["Subject"]
    assert "Mamy nowe informacje" in marta  # the opening in Polish
    third_body = by_address["third@example.org"].get_content()
    assert "We are now working on" in third_body
    for body in (marta, third_body):  # never the main job's reference or another reporter
        assert main.reference not in body
        assert "marta@example.org" not in third_body
        assert "third@example.org" not in marta
    assert Notification.objects.filter(template="case_job_changed").count() == 2


@pytest.mark.django_db
def test_followers_are_told_once_per_change_and_of_a_new_date_and_the_close(make_report, officer):
    main = make_report(contact_email="first@example.org")
    _same_person_again = make_report(metres=3, hours=1, contact_email="first@example.org")
    second = make_report(metres=5, hours=2, contact_email="second@example.org")
    third = make_report(metres=7, hours=3, contact_email="second@example.org")
    proposals = [propose_for(case) for case in (_same_person_again, second, third)]
    merge(actor=officer, proposal_ids=[p.pk for p in proposals])

    calendar = council_calendar()
    new_date = timezone.localdate() + timedelta(days=20)
    while not calendar.is_working_day(new_date):
        new_date += timedelta(days=1)
    revise_expected_date(actor=officer, case=main, expected_on=new_date, reason="Heavy lifting")
    told = Notification.objects.filter(template="case_job_changed")
    assert told.count() == 1  # the main job's reporter hears it as theirs; the other once
    assert told.get().recipient == "second@example.org"
    assert "We now expect to finish the job by" in told.get().body

    change_status(actor=officer, case=main, to=Status.RESOLVED)
    close_case(actor=officer, case=main, outcome="Cleared")
    assert "We have finished the job and closed it." in told.order_by("-pk").first().body
    assert told.count() == 3


@pytest.mark.django_db
def test_followers_are_not_told_of_a_wait_for_the_main_jobs_resident(make_report, officer):
    main = make_report(contact_email="first@example.org")
    second = make_report(metres=5, hours=1, contact_email="second@example.org")
    merge(actor=officer, proposal_ids=[propose_for(second).pk])
    record_status_change(actor=officer, case=main, to=Status.AWAITING_RESIDENT)
    assert not Notification.objects.filter(template="case_job_changed").exists()
