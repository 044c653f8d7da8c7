import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from opencex.panels.models import Membership, Panel, PanelKind
from opencex.surveys import services
from opencex.surveys.models import Audience
from tests.factories import ResidentFactory

NOW = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def first_of_december():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def panel(db):
    return Panel.objects.create(kind=PanelKind.RESIDENTS, name="Residents Panel", capacity=1000)


def member(panel, *, age_band="", ward="", tenure="", **resident):
    return Membership.objects.create(
        panel=panel,
        resident=ResidentFactory(**resident),
        joined_at=timezone.now() - dt.timedelta(days=400),
        confirmed_at=timezone.now() - dt.timedelta(days=30),
        consent_given=True,
        age_band=age_band,
        ward=ward,
        tenure=tenure,
    )


def open_survey(definition="residents-panel", audience=Audience.PANEL_SAMPLE, **more):
    return services.create_survey(
        actor=None,
        definition=definition,
        title=more.pop("title", "Residents Panel winter survey"),
        purpose="To learn what residents think of the council's services.",
        audience=audience,
        opens_on=more.pop("opens_on", dt.date(2026, 11, 1)),
        closes_on=more.pop("closes_on", dt.date(2026, 12, 31)),
        **more,
    )


@pytest.fixture
def panel_survey(db):
    return open_survey()


@pytest.fixture
def tenant_survey(db):
    return open_survey(
        "tenant-satisfaction",
        title="Tenant satisfaction 2026",
        opens_on=dt.date(2026, 10, 1),
    )
