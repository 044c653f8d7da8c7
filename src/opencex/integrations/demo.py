"""The demo's back-office routes: planning breaches to the planning system, council-home repairs
to the housing system (their local fakes: `opencex run_fake_back_office uniform|ql`). Routes are
configuration, like the catalogue they point into, so `demo --reset` keeps them."""

from __future__ import annotations

from opencex.catalogue.models import Service
from opencex.integrations.models import BackOfficeRoute, System

DEMO_ROUTES = {
    "report-planning-breach": System.UNIFORM,
    "report-housing-repair": System.QL,
    "report-communal-repair": System.QL,
}


def load_demo_routes() -> int:
    """Route the demo services that exist and have no route yet; returns how many were added."""
    added = 0
    for service in Service.objects.filter(slug__in=DEMO_ROUTES, back_office_route__isnull=True):
        BackOfficeRoute.objects.create(service=service, system=DEMO_ROUTES[service.slug])
        added += 1
    return added
