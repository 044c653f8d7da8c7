"""A small council for the routing model: five services in three teams, a few lines of history,
and a model trained on them in well under a second (the demo's is trained in bench/routing.py)."""

from __future__ import annotations

import csv

import pytest

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import CaseKind, Channel
from opencex.textrouting import training
from tests.factories import ServiceFactory, TeamFactory, UserFactory

HISTORY = [
    ("the bin men did not take our rubbish this week", "report-missed-bin"),
    ("our wheelie bin is still full, they missed the road", "report-missed-bin"),
    ("neighbours play loud music all night", "report-noise-nuisance"),
    ("the dog next door barks for hours", "report-noise-nuisance"),
    ("I want to pay my council tax bill", "pay-council-tax"),
    ("how do I make a payment for council tax", "pay-council-tax"),
    ("we have seen rats in the garden", "report-rats-or-mice"),
    ("mice in the kitchen", "report-rats-or-mice"),
    ("I have a general question", "make-general-enquiry"),
]


@pytest.fixture(autouse=True)
def _models_in_a_temporary_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def teams(db):
    return {
        "waste": TeamFactory(slug="waste-services", name="Waste Services"),
        "environment": TeamFactory(slug="environmental-protection", name="Environmental Health"),
        "tax": TeamFactory(slug="council-tax", name="Council Tax"),
        "general": TeamFactory(slug="customer-services", name="Customer Services"),
    }


@pytest.fixture
def services(teams):
    made = {}
    for slug, title, team, keywords in [
        ("report-missed-bin", "Report a missed bin", "waste", ["bin not emptied", "rubbish"]),
        ("report-noise-nuisance", "Report noise", "environment", ["loud music", "barking"]),
        ("report-rats-or-mice", "Report rats or mice", "environment", ["rats", "mice"]),
        ("pay-council-tax", "Pay council tax", "tax", ["council tax payment", "pay bill"]),
        ("make-general-enquiry", "Make a general enquiry", "general", ["question", "ask"]),
    ]:
        made[slug] = ServiceFactory(
            slug=slug, title=title, summary=title + ".", team=teams[team], keywords=keywords
        )
    return made


@pytest.fixture
def history_file(tmp_path):
    path = tmp_path / "history.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "service", "language", "channel", "group"])
        for number, (text, service) in enumerate(HISTORY):
            writer.writerow([text, service, "en", "email", str(number)])
    return path


@pytest.fixture
def trained(services, history_file):
    return training.train(history_file=history_file)


@pytest.fixture
def officer(teams):
    return UserFactory(role=Role.CASEWORKER, teams=[teams["general"]], full_name="Sam Okafor")


def open_enquiry(description: str, *, service=None, team=None, subject="A question"):
    case, _ = open_case(
        actor=None,
        kind=CaseKind.ENQUIRY,
        channel=Channel.WEB,
        subject=subject,
        description=description,
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        service=service,
    )
    if team is not None:
        case.team = team
        case.save()
    return case


@pytest.fixture
def enquiry(services, teams):
    """A general enquiry about rats, with the customer services team."""
    return open_enquiry(
        "There are rats living under the shed and mice in the kitchen",
        service=services["make-general-enquiry"],
        team=teams["general"],
    )
