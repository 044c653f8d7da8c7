"""Satisfaction: one rating per finished case, "Is this page useful?", and the averages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.cases.actions.status import close_case
from opencex.feedback import selectors, services
from opencex.feedback.models import PageFeedback, Rating
from opencex.web import feedback_views
from tests.factories import CaseFactory, ServiceFactory, TopicFactory
from tests.track.conftest import report_missed_bin, resolve

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(resident_user, missed_bin, waste_caseworker):
    case = resolve(report_missed_bin(resident_user, service=missed_bin), waste_caseworker)
    return close_case(actor=waste_caseworker, case=case, outcome="Collected.")


def test_a_rating_is_recorded_once_per_case(client, resident_user, closed_case):
    client.force_login(resident_user)
    url = reverse("web:track-feedback", args=[closed_case.reference])

    assert client.post(url, {"score": "4", "comment": "Quick, thanks."}).status_code == 302
    assert "Thank you for your feedback" in client.get(url).content.decode()
    again = client.post(url, {"score": "1"})

    assert "You have already told us how we did" in again.content.decode()
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.channel) == (4, "Quick, thanks.", "web")
    assert rating.service == closed_case.service
    assert rating.case == closed_case


def test_the_service_refuses_a_second_rating(closed_case):
    services.record_rating(case=closed_case, score=5)
    with pytest.raises(services.AlreadyRated):
        services.record_rating(case=closed_case, score=1)


def test_a_rating_without_a_score_shows_the_error_and_keeps_the_comment(
    client, resident_user, closed_case
):
    client.force_login(resident_user)
    response = client.post(
        reverse("web:track-feedback", args=[closed_case.reference]), {"comment": "Slow."}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose how satisfied you are" in page
    assert "Slow.</textarea>" in page
    assert not Rating.objects.exists()


def test_an_open_case_cannot_be_rated_yet(client, resident_user, missed_bin):
    case = report_missed_bin(resident_user, service=missed_bin)
    client.force_login(resident_user)
    response = client.post(reverse("web:track-feedback", args=[case.reference]), {"score": "5"})
    assert "when your request is finished" in response.content.decode()
    assert not Rating.objects.exists()


def test_the_closed_email_link_leads_a_visitor_through_tracking_to_the_rating(client, closed_case):
    url = reverse("web:track-feedback", args=[closed_case.reference])
    response = client.get(url)
    assert "then=feedback" in response.url

    found = client.post(
        reverse("web:track"),
        {"reference": closed_case.reference, "email": "ann@example.org", "then": "feedback"},
    )
    assert found.url == url


def test_page_feedback_yes_is_recorded_and_thanked(client):
    service = ServiceFactory(slug="report-a-missed-bin", topic=TopicFactory())
    response = client.post(
        reverse("web:page-feedback"),
        {
            "path": "/services/report-a-missed-bin/?q=secret",
            "useful": "yes",
            "service": service.slug,
        },
    )
    assert response.url == "/services/report-a-missed-bin/?q=secret#page-feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.is_useful, feedback.path, feedback.service) == (
        True,
        "/services/report-a-missed-bin/",
        service,
    )
    page = client.get("/services/report-a-missed-bin/").content.decode()
    assert "Thank you for your feedback" in page
    assert "Is this page useful?" not in page


def test_page_feedback_no_asks_what_went_wrong(client):
    client.post(reverse("web:page-feedback"), {"path": "/services/", "useful": "no"})
    response = client.post(
        reverse("web:page-feedback-details"),
        {"trying_to_do": "Find bin days", "what_went_wrong": "Not listed"},
    )
    assert response.url == "/services/#page-feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.is_useful, feedback.trying_to_do, feedback.what_went_wrong) == (
        False,
        "Find bin days",
        "Not listed",
    )


def test_page_feedback_goes_nowhere_but_this_site(client):
    response = client.post(
        reverse("web:page-feedback"), {"path": "https://evil.example/", "useful": "yes"}
    )
    assert response.url == "/#page-feedback"


def test_page_feedback_needs_the_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("web:page-feedback"), {"path": "/", "useful": "yes"}
    )
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_page_feedback_is_rate_limited(client):
    for _ in range(feedback_views.PAGE_FEEDBACK_LIMIT):
        client.post(reverse("web:page-feedback"), {"path": "/", "useful": "yes"})
    response = client.post(reverse("web:page-feedback"), {"path": "/", "useful": "yes"})
    assert response.status_code == 429
    assert PageFeedback.objects.count() == feedback_views.PAGE_FEEDBACK_LIMIT


def test_averages_by_service_and_channel():
    service = ServiceFactory()
    for score, channel in [(5, "web"), (3, "web"), (4, "phone")]:
        case = CaseFactory(service=service, channel=channel, status="closed")
        services.record_rating(case=case, score=score)

    [by_service] = selectors.average_rating_by_service()
    assert (by_service["service_id"], by_service["average"], by_service["count"]) == (
        service.pk,
        4,
        3,
    )
    by_channel = {row["channel"]: row["average"] for row in selectors.average_rating_by_channel()}
    assert by_channel == {"web": 4, "phone": 4}
