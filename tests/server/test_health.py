"""/health/live and /health/ready: JSON for machines, no sign-in, nothing secret."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.server.tasks import task_row

NOW = dt.datetime(2027, 3, 3, 9, 0, tzinfo=dt.UTC)


def test_liveness_answers_json_without_sign_in_or_the_database(client):
    # No django_db mark: any query would fail this test.
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {}}


@pytest.mark.django_db
def test_readiness_reports_each_part_when_all_is_well(client):
    response = client.get("/health/ready", HTTP_ACCEPT="*/*")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "task_queue": {"status": "ok"},
        },
    }


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_readiness_fails_when_a_task_due_has_waited_too_long(client, settings):
    settings.OPENCEX_READY_MAX_TASK_WAIT = 300
    task_row(enqueued_at=NOW - dt.timedelta(seconds=301))

    response = client.get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["task_queue"] == {
        "status": "unavailable",
        "error": "Unavailable: A task due has waited 301 s for a worker (limit 300 s)",
    }
    assert "resident@example.org" not in response.content.decode()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_task_waiting_less_than_the_limit_keeps_the_site_ready(client, settings):
    settings.OPENCEX_READY_MAX_TASK_WAIT = 300
    task_row(enqueued_at=NOW - dt.timedelta(seconds=299))

    assert client.get("/health/ready").status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_retry_deferred_to_later_does_not_age_the_queue(client, settings):
    settings.OPENCEX_READY_MAX_TASK_WAIT = 300
    # Enqueued an hour ago, but its back-off makes it due only in a minute.
    task_row(enqueued_at=NOW - dt.timedelta(hours=1), run_after=NOW + dt.timedelta(minutes=1))
    # A finished task is not waiting either.
    task_row(enqueued_at=NOW - dt.timedelta(hours=2), status="SUCCESSFUL")

    assert client.get("/health/ready").status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_deferred_task_ages_from_when_it_became_due(client, settings):
    settings.OPENCEX_READY_MAX_TASK_WAIT = 300
    task_row(enqueued_at=NOW - dt.timedelta(hours=1), run_after=NOW - dt.timedelta(seconds=400))

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert "waited 400 s" in response.json()["checks"]["task_queue"]["error"]


@pytest.mark.django_db
def test_readiness_checks_the_smtp_relay_when_email_goes_by_smtp(client, settings, smtp_server):
    settings.OPENCEX_NOTIFICATIONS = {**settings.OPENCEX_NOTIFICATIONS, "email": "smtp"}

    assert client.get("/health/ready").json()["checks"]["mail"] == {"status": "ok"}

    smtp_server.stop()
    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["mail"]["status"] == "unavailable"
    assert str(smtp_server.port) not in response.content.decode()


@pytest.mark.django_db
def test_readiness_leaves_mail_out_when_gov_uk_notify_sends_it(client, settings, smtp_server):
    settings.OPENCEX_NOTIFICATIONS = {**settings.OPENCEX_NOTIFICATIONS, "email": "govuk_notify"}
    smtp_server.stop()

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert "mail" not in response.json()["checks"]


def test_probes_are_never_cached(client):
    assert "no-store" in client.get("/health/live")["Cache-Control"]
