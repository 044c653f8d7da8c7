import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from opencex.panels import services
from opencex.panels.models import PanelKind

NOW = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def first_of_december():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def panels(db):
    return services.ensure_panels()


@pytest.fixture
def residents_panel(panels):
    return panels[PanelKind.RESIDENTS]


@pytest.fixture
def youth_panel(panels):
    return panels[PanelKind.YOUTH]


def applicant(**overrides) -> services.Applicant:
    values = {
        "full_name": "Amara Okafor",
        "date_of_birth": dt.date(1980, 5, 17),
        "email": "amara@example.org",
        "ward": "Cowley",
        "tenure": "social_rented",
        "ethnic_group": "black",
        "disability": "no",
        "main_language": "en",
        "agrees_to_join": True,
        "agrees_to_profile": True,
        "message": "",
    }
    return services.Applicant(**(values | overrides))


def apply(kind=PanelKind.RESIDENTS, **overrides):
    """An application from the public form, not yet confirmed."""
    return services.join_panel(actor=None, kind=kind, applicant=applicant(**overrides))


def join(kind=PanelKind.RESIDENTS, **overrides):
    """An application from the public form, confirmed by the link sent to the address given."""
    applied = apply(kind, **overrides)
    if applied.already_on_panel:
        return applied
    membership = services.confirm_application(membership=applied.membership)
    return services.Joined(membership)
