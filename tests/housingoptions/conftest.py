"""The housing options forms loaded against services like Oxford's housing needs services."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from opencex.forms.loading import sync_form_definitions
from tests.factories import ServiceFactory, TeamFactory

# slug: (team, standard in working days), as in the Oxford catalogue.
SERVICES = {
    "get-help-at-risk-of-homelessness": ("housing-options", 10),
    "get-help-rent-deposit": ("housing-options", 10),
    "apply-housing-register": ("housing-register", 25),
    "update-housing-application": ("housing-register", 10),
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def housing_forms(db):
    teams = {
        slug: TeamFactory(slug=slug, name=slug.replace("-", " ").title())
        for slug in {team for team, _days in SERVICES.values()}
    }
    made = {
        slug: ServiceFactory(
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            case_kind="service_request",
            team=teams[team],
            standard_days=days,
        )
        for slug, (team, days) in SERVICES.items()
    }
    sync_form_definitions()
    return made
