import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.consultations import services
from opencex.consultations.models import Audience, Method
from tests.factories import TeamFactory, UserFactory

TODAY = dt.date(2027, 1, 11)


@pytest.fixture(autouse=True)
def eleventh_of_january():
    with time_machine.travel(dt.datetime(2027, 1, 11, 10, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def team(db):
    return TeamFactory(name="Parking services")


@pytest.fixture
def officer(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team])


@pytest.fixture
def manager(team):
    return UserFactory(role=Role.TEAM_MANAGER, teams=[team])


def a_plan(team, **changes) -> services.Plan:
    fields = {
        "title": "Parking permits in Cowley",
        "topic": "Whether to bring in a controlled parking zone.",
        "service_area": team.service_area,
        "team": team,
        "audience": Audience.EVERYONE,
        "wards": ["Cowley"],
        "methods": [Method.ONLINE_SURVEY],
        "starts_on": dt.date(2027, 3, 1),
        "ends_on": dt.date(2027, 3, 28),
        "how_to_take_part": "Fill in the survey at oxford.gov.uk/parking.",
    }
    fields.update(changes)
    return services.Plan(**fields)


def planned(officer, team, **changes):
    return services.plan_consultation(actor=officer, plan=a_plan(team, **changes))


def launched(officer, manager, team, **changes):
    """A consultation through check and launch, every finding and group answered."""
    consultation = planned(officer, team, **changes)
    services.check_consultation(actor=officer, consultation=consultation)
    for finding in consultation.findings.all():
        services.acknowledge_finding(actor=officer, finding=finding, reason="Agreed to go ahead.")
    services.record_equality_check(
        actor=officer,
        consultation=consultation,
        how_reached={c.group: "Leaflets and events." for c in consultation.equality_checks.all()},
    )
    return services.launch_consultation(actor=manager, consultation=consultation)
