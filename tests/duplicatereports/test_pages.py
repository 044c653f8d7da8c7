"""The staff pages (the queue, the case page's proposals, merging a cluster, the error state),
the resident's tracking page of a merged report, and proposing when a report arrives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases import links
from opencex.cases.actions.opening import open_case
from opencex.cases.actions.status import change_status
from opencex.cases.models import CaseKind, Channel, Status
from opencex.duplicatereports.models import DuplicateProposal
from opencex.duplicatereports.services import merge, propose_for
from tests.factories import ResidentFactory, UserFactory


def cluster(make_report, size=3):
    main = make_report()
    return main, [propose_for(make_report(metres=8 * n, hours=n)) for n in range(1, size)]


@pytest.mark.django_db
def test_the_queue_shows_each_job_with_its_possible_reports_and_why(client, make_report, officer):
    main, proposals = cluster(make_report)
    client.force_login(officer)
    page = client.get(reverse("staff:duplicate-reports")).content.decode()
    assert f"Job {main.reference}" in page
    for proposal in proposals:
        assert proposal.case.reference in page
    assert "8 m apart, same service" in page


@pytest.mark.django_db
def test_an_officer_merges_a_whole_cluster_from_the_queue(client, make_report, officer):
    main, proposals = cluster(make_report, size=4)
    client.force_login(officer)
    response = client.post(
        reverse("staff:duplicate-reports-merge"),
        {"job": main.pk, f"job{main.pk}-proposals": [p.pk for p in proposals]},
    )
    assert response.status_code == 302
    assert {case.pk for case in links.followers_of(main)} == {p.case_id for p in proposals}


@pytest.mark.django_db
def test_merging_nothing_shows_the_error_summary(client, make_report, officer):
    main, _proposals = cluster(make_report)
    client.force_login(officer)
    response = client.post(reverse("staff:duplicate-reports-merge"), {"job": main.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Select the reports to merge into this job" in page
    assert f'href="#id_job{main.pk}-proposals"' in page  # the first checkbox
    assert f'id="id_job{main.pk}-proposals"' in page


@pytest.mark.django_db
def test_the_case_page_offers_merge_and_not_the_same(client, make_report, officer):
    main, [proposal] = cluster(make_report, size=2)
    client.force_login(officer)
    page = client.get(reverse("staff:case", args=[proposal.case.reference])).content.decode()
    assert "Possible same job as" in page
    assert main.reference in page
    assert "8 m apart" in page
    response = client.post(
        reverse("staff:duplicate-reports-not-same", args=[proposal.pk]), {"back": "case"}
    )
    assert response.url == reverse("staff:case", args=[proposal.case.reference])
    assert DuplicateProposal.objects.get().status == "not_same"


@pytest.mark.django_db
def test_an_officer_of_another_team_sees_no_proposals_and_cannot_reach_one(
    client, make_report, outsider
):
    main, [proposal] = cluster(make_report, size=2)
    client.force_login(outsider)
    assert main.reference not in client.get(reverse("staff:duplicate-reports")).content.decode()
    url = reverse("staff:duplicate-reports-not-same", args=[proposal.pk])
    assert client.post(url).status_code == 404
    merge_url = reverse("staff:duplicate-reports-merge")
    data = {"job": main.pk, f"job{main.pk}-proposals": [proposal.pk]}
    assert client.post(merge_url, data).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("job", ["\x00", "9" * 40, "-1", "\uff11\uff12"])
def test_hostile_job_numbers_are_refused_without_an_error(client, officer, job):
    client.force_login(officer)
    response = client.post(reverse("staff:duplicate-reports-merge"), {"job": job})
    assert response.status_code in (400, 404)  # a NUL is refused before the view


@pytest.mark.django_db
def test_a_reporter_sees_their_report_is_part_of_a_job_but_not_who_else_reported(
    client, make_report, officer
):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org", full_name="Ann Example")
    ann = ResidentFactory(user=user, email=user.email, full_name=user.full_name)
    main = make_report(contact_name="Bob Firstreporter", contact_email="bob@example.org")
    mine = make_report(metres=5, hours=1, resident=ann, contact_email=ann.email)
    merge(actor=officer, proposal_ids=[propose_for(mine).pk])
    change_status(actor=officer, case=main, to=Status.IN_PROGRESS)

    client.force_login(user)
    page = client.get(reverse("web:track-case", args=[mine.reference])).content.decode()
    assert "Part of a job" in page
    assert "We are working on it" in page  # the job's status, in the resident's words
    assert main.reference not in page
    assert "Bob Firstreporter" not in page
    assert "bob@example.org" not in page
    # Their own request stays theirs: the main job is not opened to them.
    assert client.get(reverse("web:track-case", args=[main.reference])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_report_arriving_through_any_door_is_proposed_by_the_case_created_job(
    make_report, fly_tipping, run_jobs
):
    first = make_report()
    run_jobs()
    arrived, _ = open_case(
        actor=None,
        kind=CaseKind.SERVICE_REQUEST,
        channel=Channel.WEB,
        subject="Fly-tipping",
        description=first.description,
        contact_name="Caller",
        contact_email="caller@example.org",
        service=fly_tipping,
    )
    run_jobs()
    assert DuplicateProposal.objects.get(case=arrived).main == first
