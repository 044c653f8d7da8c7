"""/metrics: Prometheus's text format, only for the token or an allowed network."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
import time_machine
from prometheus_client.parser import text_string_to_metric_families

from opencex.cases.models import CaseKind
from opencex.notify.models import Notification
from tests.factories import CaseFactory
from tests.server.tasks import task_row

NOW = dt.datetime(2027, 3, 3, 9, 0, tzinfo=dt.UTC)
OUTSIDE = "203.0.113.9"


def samples(response) -> dict[tuple[str, frozenset], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.mark.django_db
def test_metrics_are_refused_to_a_client_outside_the_allowed_networks(client):
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDE)

    assert response.status_code == 403
    assert b"opencex_" not in response.content


@pytest.mark.django_db
def test_metrics_answer_the_allowed_networks(client, settings):
    settings.OPENCEX_METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("203.0.113.0/24")]

    assert client.get("/metrics", REMOTE_ADDR=OUTSIDE).status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


@pytest.mark.django_db
def test_metrics_answer_the_token_and_refuse_another(client, settings):
    settings.OPENCEX_METRICS_TOKEN = "scrape-me-0123456789"

    right = client.get(
        "/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer scrape-me-0123456789"
    )
    wrong = client.get("/metrics", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer scrape-me")

    assert right.status_code == 200
    assert right["Content-Type"].startswith("text/plain; version=")
    assert wrong.status_code == 403


@pytest.mark.django_db
def test_requests_are_counted_by_view_method_and_status(client):
    before = samples(client.get("/metrics"))
    client.get("/health/live")
    client.get("/health/live")
    client.get("/no-such-page-anywhere")

    after = samples(client.get("/metrics"))

    def grew(name: str, **labels: str) -> float:
        key = (name, frozenset(labels.items()))
        return after.get(key, 0) - before.get(key, 0)

    live = {"view": "server:liveness", "method": "GET", "status": "200"}
    assert grew("opencex_http_requests_total", **live) == 2
    assert grew("opencex_http_requests_total", view="unmatched", method="GET", status="404") == 1
    assert (
        grew("opencex_http_request_duration_seconds_count", view="server:liveness", status="200")
        == 2
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_database_figures_are_read_when_scraped(client):
    task_row(enqueued_at=NOW - dt.timedelta(seconds=90))
    task_row(enqueued_at=NOW - dt.timedelta(seconds=30))
    task_row(enqueued_at=NOW - dt.timedelta(seconds=500), queue_name="daily")
    task_row(enqueued_at=NOW - dt.timedelta(hours=1), run_after=NOW + dt.timedelta(minutes=5))
    CaseFactory.create_batch(2, kind=CaseKind.COMPLAINT)
    CaseFactory(kind=CaseKind.ENQUIRY)
    for status in ("queued", "sent", "sent", "failed"):
        Notification.objects.create(
            channel="email", recipient="a@example.org", template="t", body="b", adapter="smtp",
            status=status, sent_at=NOW if status == "sent" else None,
        )  # fmt: skip

    figures = samples(client.get("/metrics"))

    assert figures[("opencex_task_queue_depth", frozenset({("queue", "default")}))] == 2
    assert (
        figures[("opencex_task_queue_oldest_age_seconds", frozenset({("queue", "default")}))] == 90
    )
    assert (
        figures[("opencex_task_queue_oldest_age_seconds", frozenset({("queue", "daily")}))] == 500
    )
    assert figures[("opencex_cases_opened_total", frozenset({("kind", "complaint")}))] == 2
    assert figures[("opencex_cases_opened_total", frozenset({("kind", "enquiry")}))] == 1
    sent = frozenset({("adapter", "smtp"), ("status", "sent")})
    assert figures[("opencex_notifications", sent)] == 2
    failed = frozenset({("adapter", "smtp"), ("status", "failed")})
    assert figures[("opencex_notifications", failed)] == 1
