import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.cases.models import CaseKind, Status
from opencex.yousaidwedid import services
from opencex.yousaidwedid.consent import HEAR_OF_CHANGES_QUESTION
from tests.factories import CaseFactory, ServiceFactory, UserFactory

MADE_ON = dt.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def first_of_december():
    with time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        yield


def asked_to_hear(**answers) -> dict:
    """A form case's answers with the "tell me what changes" box ticked."""
    return {
        "form": "leave-comment",
        "answers": [
            {"question": "comment", "label": "Your comment", "answer": "More benches"},
            {
                "question": HEAR_OF_CHANGES_QUESTION,
                "label": "Changes we make",
                "answer": "Tell me what changes because of this",
            },
        ],
        **answers,
    }


@pytest.fixture
def service():
    return ServiceFactory(title="Parks and open spaces")


@pytest.fixture
def manager(service):
    return UserFactory(role=Role.TEAM_MANAGER, teams=[service.team], password=None)


@pytest.fixture
def caseworker(service):
    return UserFactory(role=Role.CASEWORKER, teams=[service.team], password=None)


@pytest.fixture
def change(manager, service):
    return services.record_change(
        actor=manager,
        title="More benches in South Park",
        you_said="There is nowhere to sit on the long path in South Park.",
        we_did="We put six new benches along the path.",
        service_area=service.service_area,
        service=service,
        made_on=MADE_ON,
    )


@pytest.fixture
def make_feedback_case(service):
    def make(kind=CaseKind.COMMENT, *, opted_in=True, **fields):
        return CaseFactory(
            kind=kind,
            service=service,
            team=service.team,
            status=Status.CLOSED,
            answers=asked_to_hear() if opted_in else {"answers": []},
            **fields,
        )

    return make
