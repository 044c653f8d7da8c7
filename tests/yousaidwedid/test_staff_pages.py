"""The staff pages: who may use them, recording (and its error summary), linking by reference
and by search, the publish confirmation's count, and withdrawing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.notify.models import Notification
from opencex.yousaidwedid.models import Change, ChangeStatus, SourceKind
from tests.factories import RatingFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CONTACT_CENTRE])
def test_residents_and_the_contact_centre_may_not_use_the_pages(client, role, change):
    _signed_in(client, UserFactory(role=role, password=None))
    for url in [
        reverse("staff:changes"),
        reverse("staff:change-record"),
        reverse("staff:change", args=[change.pk]),
    ]:
        assert client.get(url).status_code == 403


def test_a_caseworker_records_and_links_but_may_not_publish(client, caseworker, change):
    _signed_in(client, caseworker)
    assert client.get(reverse("staff:changes")).status_code == 200
    page = client.get(reverse("staff:change", args=[change.pk])).content.decode()
    assert reverse("staff:change-publish", args=[change.pk]) not in page
    assert client.get(reverse("staff:change-publish", args=[change.pk])).status_code == 403
    assert client.post(reverse("staff:change-publish", args=[change.pk])).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.DRAFT


def test_the_list_shows_each_change_with_its_feedback_count(client, manager, change):
    _signed_in(client, manager)
    page = client.get(reverse("staff:changes")).content.decode()
    assert "More benches in South Park" in page
    assert "<title>You said, we did" in page
    assert 'id="changes"' in page


def test_recording_with_missing_answers_shows_the_error_summary(client, manager):
    _signed_in(client, manager)
    response = client.post(reverse("staff:change-record"), {"title": "Benches", "made_on": "x"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-summary' in page
    assert '<a href="#id_you_said">Enter what residents said</a>' in page
    assert '<a href="#id_service_area">Choose a service area</a>' in page
    assert "Enter the date as day/month/year" in page
    assert Change.objects.count() == 0


def test_recording_saves_a_draft(client, manager, service):
    _signed_in(client, manager)
    response = client.post(
        reverse("staff:change-record"),
        {
            "title": "Longer opening hours",
            "you_said": "The library closes too early.",
            "we_did": "It now opens until 8pm on Thursdays.",
            "service_area": service.service_area.pk,
            "service": service.pk,
            "made_on": "03/11/2026",
        },
    )
    change = Change.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:change", args=[change.pk])
    assert (change.status, change.made_on.isoformat()) == (ChangeStatus.DRAFT, "2026-11-03")
    assert change.recorded_by == manager


def test_linking_by_reference_and_a_wrong_reference(client, manager, change, make_feedback_case):
    comment = make_feedback_case(CaseKind.COMMENT)
    rated = make_feedback_case(CaseKind.COMPLAINT)
    rating = RatingFactory(case=rated, comment="Muddy paths")
    _signed_in(client, manager)
    link = reverse("staff:change-link", args=[change.pk])
    assert client.post(link, {"kind": "comment", "reference": comment.reference}).status_code == 302
    assert client.post(link, {"kind": "rating", "reference": rated.reference}).status_code == 302
    assert [s.feedback for s in change.sources.all()] == [comment, rating]

    wrong = client.post(link, {"kind": "complaint", "reference": comment.reference})
    assert wrong.status_code == 400
    page = wrong.content.decode()
    assert 'class="govuk-error-summary' in page
    assert "Choose a complaint." in page
    unknown = client.post(link, {"kind": "comment", "reference": "CO-NOPE"})
    assert "There is no feedback of that kind with that reference" in unknown.content.decode()


def test_searching_finds_feedback_to_link(client, manager, change, make_feedback_case):
    make_feedback_case(CaseKind.COMMENT, subject="Benches in the park", reference="CO-TEST-1")
    make_feedback_case(CaseKind.COMMENT, subject="Bins", reference="CO-TEST-2")
    RatingFactory(comment="Please add benches")
    _signed_in(client, manager)
    page = client.get(reverse("staff:change", args=[change.pk]), {"q": "benches"}).content.decode()
    assert "CO-TEST-1" in page
    assert "CO-TEST-2" not in page
    assert "Please add benches" in page


def test_the_publish_confirmation_says_how_many_will_be_told(
    client, manager, change, make_feedback_case
):
    # Hand-counted: three opted-in comments from two people, one comment not opted in -> 2.
    resident = ResidentFactory()
    cases = [
        make_feedback_case(CaseKind.COMMENT, resident=resident),
        make_feedback_case(CaseKind.COMMENT, resident=resident),
        make_feedback_case(CaseKind.COMMENT),
        make_feedback_case(CaseKind.COMMENT, opted_in=False),
    ]
    for case in cases:
        change.sources.create(kind=SourceKind.COMMENT, case=case, linked_by=manager)
    _signed_in(client, manager)
    url = reverse("staff:change-publish", args=[change.pk])
    page = client.get(url).content.decode()
    assert "2 residents who asked to hear will be told" in page

    response = client.post(url)
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.is_published
    assert Notification.objects.filter(template="change_made").count() == 2


def test_withdrawing_without_a_reason_shows_the_error_summary(client, manager, change):
    _signed_in(client, manager)
    client.post(reverse("staff:change-publish", args=[change.pk]))
    url = reverse("staff:change-withdraw", args=[change.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert 'class="govuk-error-summary' in response.content.decode()
    assert client.post(url, {"reason": "Benches moved"}).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.WITHDRAWN


def test_the_navigation_offers_the_pages_to_those_who_may_use_them(client, caseworker):
    _signed_in(client, caseworker)
    page = client.get(reverse("staff:home")).content.decode()
    assert f'href="{reverse("staff:changes")}"' in page


def test_an_officer_finds_and_links_no_rating_of_a_case_they_cannot_see(
    client, change, make_feedback_case, service
):
    # A caseworker of another team: the rated case is not theirs, so neither its rating's
    # comment nor its reference is shown, and it cannot be linked by reference or number.
    other = UserFactory(role=Role.CASEWORKER, teams=[TeamFactory()], password=None)
    rated = make_feedback_case(CaseKind.COMPLAINT)
    rating = RatingFactory(case=rated, comment="Please add benches, from Flat 3")
    _signed_in(client, other)

    page = client.get(reverse("staff:change", args=[change.pk]), {"q": "benches"}).content.decode()
    assert "Flat 3" not in page
    assert rated.reference not in page
    link = reverse("staff:change-link", args=[change.pk])
    for reference in (rated.reference, str(rating.pk)):
        refused = client.post(link, {"kind": "rating", "reference": reference})
        assert refused.status_code == 400
        assert "There is no feedback of that kind with that reference" in refused.content.decode()
    assert not change.sources.exists()


def _another_click_first(monkeypatch, act):
    """The page's own read of the change is from before a second click (another request) did
    `act` to it: a real race, played in order by running `act` just after that read."""
    from django.shortcuts import get_object_or_404 as real

    done = []

    def read_then_act(model, **lookup):
        stale = real(model, **lookup)
        if not done:  # only the first read: the page redirected to reads it afresh
            done.append(act(real(model, **lookup)))
        return stale

    monkeypatch.setattr("opencex.staff.yousaidwedid.views.get_object_or_404", read_then_act)


def test_publishing_twice_at_once_says_so_and_tells_nobody_twice(
    client, manager, change, monkeypatch
):
    from opencex.yousaidwedid import services

    _another_click_first(monkeypatch, lambda c: services.publish_change(actor=manager, change=c))
    _signed_in(client, manager)

    response = client.post(reverse("staff:change-publish", args=[change.pk]), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(reverse("staff:change", args=[change.pk]), 302)]
    assert "This change is already published." in response.content.decode()
    assert change.events.filter(action="published").count() == 1


def test_withdrawing_twice_at_once_says_so(client, manager, change, monkeypatch):
    from opencex.yousaidwedid import services

    services.publish_change(actor=manager, change=change)
    _another_click_first(
        monkeypatch,
        lambda c: services.withdraw_change(actor=manager, change=c, reason="Out of date"),
    )
    _signed_in(client, manager)

    url = reverse("staff:change-withdraw", args=[change.pk])
    response = client.post(url, {"reason": "Out of date"}, follow=True)

    assert response.status_code == 200
    assert "Only a published change can be withdrawn." in response.content.decode()
    assert change.events.filter(action="withdrawn").count() == 1
