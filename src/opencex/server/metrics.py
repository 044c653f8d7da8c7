"""Metrics in Prometheus's text format.

Two kinds, counted two ways, so that the figures are right however many web workers answer:
- what each web worker sees (requests by view and status, their duration) is counted in the
  worker and, under gunicorn, written to prometheus-client's multiprocess directory
  (`PROMETHEUS_MULTIPROC_DIR`, set up by `gunicorn_conf`), so whichever worker answers the scrape
  adds up every worker's files;
- what the database knows (tasks waiting and their age, notifications by status, cases opened)
  is read from the database when scraped, so it is the same whichever worker or node answers
  and needs no worker to have seen the event."""

from __future__ import annotations

import os
from collections.abc import Iterator

from django.db.models import Count
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from opencex.server import taskqueue

REQUESTS = Counter(
    "opencex_http_requests",
    "Requests answered, by view, method and status code.",
    ["view", "method", "status"],
)
REQUEST_DURATION = Histogram(
    "opencex_http_request_duration_seconds",
    "Time from the request reaching Django to its response, by view and status code.",
    ["view", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
# Anything else is counted as "other": a client must not be able to invent label values.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def record_request(*, view: str, method: str, status: int, seconds: float) -> None:
    status_label = str(status)
    REQUESTS.labels(view, method if method in METHODS else "other", status_label).inc()
    REQUEST_DURATION.labels(view, status_label).observe(seconds)


class DatabaseFigures(Collector):
    """Read at scrape time from the database; each query is served by an index."""

    def collect(self) -> Iterator[Metric]:
        from opencex.cases.models import Case
        from opencex.notify.models import Notification

        now = timezone.now()
        depth = GaugeMetricFamily(
            "opencex_task_queue_depth",
            "Tasks due to run now, waiting for a worker.",
            labels=["queue"],
        )
        age = GaugeMetricFamily(
            "opencex_task_queue_oldest_age_seconds",
            "How long the task due that has waited longest has waited.",
            labels=["queue"],
        )
        for queue in taskqueue.queues_with_tasks_due():
            depth.add_metric([queue.queue_name], queue.tasks_due)
            age.add_metric([queue.queue_name], queue.oldest_wait(now).total_seconds())
        yield depth
        yield age
        yield GaugeMetricFamily(
            "opencex_tasks_running",
            "Tasks a worker is running now.",
            value=taskqueue.tasks_running(),
        )

        notifications = GaugeMetricFamily(
            "opencex_notifications",
            "Messages to residents, by the adapter that sends them and their status.",
            labels=["adapter", "status"],
        )
        for row in (
            Notification.objects.order_by().values("adapter", "status").annotate(n=Count("id"))
        ):
            notifications.add_metric([row["adapter"], row["status"]], row["n"])
        yield notifications

        opened = CounterMetricFamily(
            "opencex_cases_opened", "Cases opened, by kind.", labels=["kind"]
        )
        for kind in Case.objects.order_by().values("kind").annotate(n=Count("id")):
            opened.add_metric([kind["kind"]], kind["n"])
        yield opened


def exposition() -> tuple[bytes, str]:
    """The scrape's body and content type: this process's (or, under gunicorn, every web
    worker's) request figures, then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        every_worker = CollectorRegistry(auto_describe=False)
        multiprocess.MultiProcessCollector(every_worker)
        body = generate_latest(every_worker)
    else:
        body = generate_latest(REGISTRY)
    database = CollectorRegistry(auto_describe=False)
    database.register(DatabaseFigures())
    return body + generate_latest(database), CONTENT_TYPE_LATEST
