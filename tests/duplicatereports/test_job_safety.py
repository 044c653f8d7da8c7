"""A main job's followers are never abandoned nor misled: a main job with followers cannot be
withdrawn, a merge into a job closed a moment ago is refused, both cases are locked while one is
closed as a duplicate, a follower reads the job's progress in words about the job, and a new date
is the one the tracking page names."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases import links
from opencex.cases.actions.expected_date import revise_expected_date
from opencex.cases.actions.status import change_status, close_case, record_status_change
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, Status
from opencex.council.calendar import council_calendar
from opencex.duplicatereports.services import merge, propose_for
from opencex.notify.models import Notification
from opencex.staff.duplicatereports import views as queue_views
from tests.factories import ResidentFactory, UserFactory


def _merged(make_report, officer, size=2):
    main = make_report(contact_email="first@example.org")
    reports = [
        make_report(metres=5 * n, hours=n, contact_email=f"r{n}@example.org")
        for n in range(1, size + 1)
    ]
    merge(actor=officer, proposal_ids=[propose_for(case).pk for case in reports])
    return main, reports


@pytest.mark.django_db
def test_a_main_job_with_followers_cannot_be_withdrawn_by_any_door(make_report, officer):
    main, _reports = _merged(make_report, officer, size=2)
    with pytest.raises(CaseError, match="2 reports are merged into it"):
        change_status(actor=officer, case=main, to=Status.WITHDRAWN)
    with pytest.raises(CaseError, match="2 reports are merged into it"):
        record_status_change(actor=officer, case=main, to=Status.WITHDRAWN)
    main.refresh_from_db()
    assert main.status != Status.WITHDRAWN
    alone = make_report(metres=5000)
    change_status(actor=officer, case=alone, to=Status.WITHDRAWN)  # no followers: allowed


@pytest.mark.django_db
def test_a_merge_into_a_job_closed_a_moment_ago_is_refused(client, make_report, officer):
    main = make_report()
    proposal = propose_for(make_report(metres=5, hours=1))
    change_status(actor=officer, case=main, to=Status.RESOLVED)
    close_case(actor=officer, case=main, outcome="Cleared")  # after the page was read
    with pytest.raises(CaseError, match=f"Job {main.reference} was closed a moment ago"):
        merge(actor=officer, proposal_ids=[proposal.pk])
    assert links.followers_of(main) == []

    client.force_login(officer)
    response = client.post(
        reverse("staff:duplicate-reports-merge"),
        {"job": main.pk, f"job{main.pk}-proposals": [proposal.pk]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert f"Job {main.reference} was closed a moment ago" in page


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_closing_as_a_duplicate_locks_both_cases_in_pk_order_first(make_report, officer):
    original = make_report()
    case = make_report(metres=5, hours=1)
    with CaptureQueriesContext(connection) as queries:
        links.mark_duplicate(
            actor=officer, case=case, original_reference=original.reference, reason="Same"
        )
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    first = re.search(r'"cases_case"\."id" IN \((\d+), (\d+)\) ORDER BY (.*) FOR UPDATE', locks[0])
    assert first is not None
    assert {int(first[1]), int(first[2])} == {case.pk, original.pk}
    assert first[3] == '"cases_case"."id" ASC'


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.AWAITING_RESIDENT, Status.RESPONDED])
def test_a_follower_reads_a_wait_or_reply_to_another_resident_as_work_going_on(
    client, make_report, officer, status
):
    user = UserFactory(role=Role.RESIDENT, email="ann@example.org", full_name="Ann Example")
    ann = ResidentFactory(user=user, email=user.email, full_name=user.full_name)
    main = make_report(contact_email="bob@example.org")
    mine = make_report(metres=5, hours=1, resident=ann, contact_email=ann.email)
    merge(actor=officer, proposal_ids=[propose_for(mine).pk])
    change_status(actor=officer, case=main, to=Status.IN_PROGRESS)
    if status == Status.AWAITING_RESIDENT:
        record_status_change(actor=officer, case=main, to=status)
    else:  # an enquiry's reply; the page reads only the job's status
        Case.objects.filter(pk=main.pk).update(status=status)

    client.force_login(user)
    page = client.get(reverse("web:track-case", args=[mine.reference])).content.decode()
    assert "We are working on it" in page
    assert "We are waiting for you" not in page
    assert "We have replied" not in page


@pytest.mark.django_db
def test_a_followers_new_date_is_the_one_the_tracking_page_names(make_report, officer):
    main, _reports = _merged(make_report, officer, size=1)
    calendar = council_calendar()
    new_date = timezone.localdate() + timedelta(days=20)
    while not calendar.is_working_day(new_date):
        new_date += timedelta(days=1)
    revise_expected_date(actor=officer, case=main, expected_on=new_date, reason="Heavy lifting")
    # The stored date is the queues' copy; a stale copy must not reach a letter.
    Case.objects.filter(pk=main.pk).update(due_on=new_date - timedelta(days=9))
    main.refresh_from_db()

    links.tell_followers(case=main, actor=officer, change="expected_date")

    body = Notification.objects.filter(template="case_job_changed").order_by("-pk").first().body
    assert f"by {new_date.day} {new_date:%B %Y}" in body


@pytest.mark.django_db
def test_the_queue_reads_as_many_queries_for_ten_jobs_as_for_two_and_is_paged(
    client, make_report, officer, monkeypatch
):
    def jobs(count, start):
        for n in range(start, start + count):
            make_report(metres=1000 * n)
            propose_for(make_report(metres=1000 * n + 5, hours=1))

    client.force_login(officer)
    url = reverse("staff:duplicate-reports")
    jobs(2, 1)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    jobs(8, 3)
    with CaptureQueriesContext(connection) as ten:
        page = client.get(url).content.decode()
    assert page.count("Job ") >= 10
    assert len(ten) == len(two)

    monkeypatch.setattr(queue_views, "JOBS_PER_PAGE", 4)
    first = client.get(url).content.decode()
    assert first.count('name="job"') == 4
    assert 'href="?page=2"' in first
    last = client.get(url, {"page": 3}).content.decode()
    assert last.count('name="job"') == 2
    assert 'href="?page=2"' in last


@pytest.mark.django_db
def test_a_resident_is_told_in_their_words_why_their_job_cannot_be_withdrawn(make_report, officer):
    main, _reports = _merged(make_report, officer, size=1)
    account = UserFactory(role=Role.RESIDENT)
    main.resident = ResidentFactory(user=account)
    main.save(update_fields=["resident"])
    with pytest.raises(CaseError, match="Other people have reported the same problem") as refused:
        record_status_change(actor=account, case=main, to=Status.WITHDRAWN)
    assert "merged" not in str(refused.value)  # no count of other people's reports
    main.refresh_from_db()
    assert main.status != Status.WITHDRAWN
