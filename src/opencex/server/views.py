"""Liveness, readiness and metrics for the machines that watch the service. None needs a
sign-in (a load balancer has none); none says more than whether each part works."""

from __future__ import annotations

import asyncio
import datetime
import hmac
import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Mail
from health_check.views import HealthCheckView

from opencex.clientaddress import client_address
from opencex.server import metrics
from opencex.server.health import TaskQueueAge

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class ProbeView(HealthCheckView):
    """django-health-check's view, answering JSON whatever the `Accept` header says (a probe
    sends `*/*`): `{"status": "ok"|"unavailable", "checks": {name: {"status", "error"?}}}`,
    200 or 503."""

    def named_checks(self) -> dict[str, HealthCheck]:
        return {}

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        named = self.named_checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in named.values())
            )
        checks: dict[str, dict[str, str]] = {}
        for name, result in zip(named, results, strict=True):
            checks[name] = (
                {"status": "ok"}
                if result.error is None
                else {
                    "status": "unavailable",
                    # Fixed words for the parts whose driver's error could name hosts or ports;
                    # the task queue's own message (its wait and limit) is ours.
                    "error": FIXED_ERRORS.get(name) or str(result.error),
                }
            )
        healthy = all(result.error is None for result in results)
        return JsonResponse(
            {"status": "ok" if healthy else "unavailable", "checks": checks},
            status=200 if healthy else 503,
        )


FIXED_ERRORS = {
    "database": "Unavailable: the database did not answer",
    "cache": "Unavailable: the cache did not store and return a value",
    "mail": "Unavailable: the mail relay did not accept a connection",
}


class LivenessView(ProbeView):
    """The process answers: no database, no cache. A supervisor restarts a worker that fails
    this; it must not fail when only the database is down (restarting would not help)."""


class ReadinessView(ProbeView):
    """Ready to serve residents: the database answers, the cache stores and returns a value,
    no task due has waited too long for a worker, and, when email goes out over SMTP, the relay
    accepts a connection. A load balancer sends no traffic to a node that fails this."""

    def named_checks(self) -> dict[str, HealthCheck]:
        checks: dict[str, HealthCheck] = {
            "database": Database(),
            "cache": Cache(),
            "task_queue": TaskQueueAge(
                max_wait=datetime.timedelta(seconds=settings.OPENCEX_READY_MAX_TASK_WAIT)
            ),
        }
        if (
            settings.OPENCEX_NOTIFICATIONS["email"] == "smtp"
            and settings.EMAIL_BACKEND == SMTP_BACKEND
        ):
            checks["mail"] = Mail(backend=SMTP_BACKEND, timeout=datetime.timedelta(seconds=5))
        return checks


def may_read_metrics(request: HttpRequest) -> bool:
    """The bearer token from `OPENCEX_METRICS_TOKEN`, or a client address in one of
    `OPENCEX_METRICS_ALLOWED_NETWORKS` (loopback by default)."""
    token = settings.OPENCEX_METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in network for network in settings.OPENCEX_METRICS_ALLOWED_NETWORKS)


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    body, content_type = metrics.exposition()
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
