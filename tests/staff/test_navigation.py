"""The staff workspace's primary navigation: the sections each role may use, current one marked."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from opencex.accounts.models import STAFF_ROLES, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINK = r'<a class="moj-primary-navigation__link" href="[^"]*"( aria-current="page")?>([^<]+)</a>'
EVERYONE = ["Home", "Queues", "Residents", "Forms", "Partner directory", "Staff directory"]


def _navigation(client, role: Role, path: str = "/staff/") -> list[tuple[str, bool]]:
    """(label, is it the current page) for each link in the primary navigation."""
    client.force_login(UserFactory(role=role, password=None))
    page = client.get(path).content.decode()
    nav = re.search(r'<nav class="moj-primary-navigation".*?</nav>', page, re.S).group()
    return [(label, bool(current)) for current, label in re.findall(LINK, nav)]


def _labels(client, role: Role) -> list[str]:
    return [label for label, _ in _navigation(client, role)]


FEEDBACK = "Complaints and feedback"
CHANGES = "You said, we did"  # issue 14
SCAN = "Consultations"  # the horizon scan, for every officer (issue 15)
PANELS = "Panels"  # issue 15: team managers, information governance, administrators
REQUESTS = ["Information requests", "Disclosure log"]
SECTIONS_BY_ROLE = {
    # "Bookings" for the officers who take bookings and run the rounds;
    # "Payments" for finance: team managers and administrators.
    Role.CONTACT_CENTRE: [*EVERYONE, FEEDBACK, "Bookings", SCAN, "Outbox"],
    Role.CASEWORKER: [*EVERYONE, *REQUESTS, FEEDBACK, "Bookings", CHANGES, SCAN, "Outbox"],
    Role.TEAM_MANAGER: [
        *EVERYONE,
        "Information requests",
        FEEDBACK,
        "Bookings",
        "Emails",
        "Reports",
        "Dashboards",  # issue 14
        CHANGES,
        SCAN,
        PANELS,
        "Outbox",
        "Payments",
        "Housing imports",  # the housing system's import log
        "AI oversight",  # issue 16
    ],
    Role.INFORMATION_GOVERNANCE: [
        *EVERYONE,
        *REQUESTS,
        FEEDBACK,
        "Emails",
        "Reports",
        "Dashboards",  # issue 14
        CHANGES,
        SCAN,
        PANELS,
        "Outbox",
        "Break-glass reads",
        "Retention",
    ],
    Role.ADMINISTRATOR: [
        *EVERYONE,
        *REQUESTS,
        FEEDBACK,
        "Bookings",
        "Emails",
        "Reports",
        "Dashboards",  # issue 14
        CHANGES,
        SCAN,
        PANELS,
        "Outbox",
        "Break-glass reads",
        "Retention",
        "Payments",
        "Housing imports",
        "AI oversight",  # issue 16
        "Form builder",  # the form builder (issue 13)
        "Admin",
    ],
}


@pytest.mark.parametrize("role", sorted(SECTIONS_BY_ROLE))
def test_each_role_sees_the_sections_of_its_work(client, role):
    assert _labels(client, role) == SECTIONS_BY_ROLE[role]


def test_every_staff_role_has_its_sections_stated():
    assert set(SECTIONS_BY_ROLE) == set(STAFF_ROLES)


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_only_the_home_page_is_marked_current_at_home(client, role):
    current = [label for label, is_current in _navigation(client, role) if is_current]
    assert current == ["Home"]


@pytest.mark.parametrize(
    ("path", "section"),
    [
        (reverse("staff:people"), "Staff directory"),
        (reverse("staff:teams"), "Staff directory"),
        (reverse("staff:reports"), "Reports"),
        (reverse("staff:dashboards"), "Dashboards"),
        (reverse("staff:what-residents-say"), "Reports"),
        (reverse("staff:telephony"), "Reports"),
        (reverse("staff:web-measures"), "Reports"),
        (reverse("staff:find-resident"), "Residents"),
        (reverse("staff:queues"), "Queues"),
        (reverse("staff:assisted-forms"), "Forms"),
        (reverse("staff:outbox"), "Outbox"),
        (reverse("staff:information-requests"), "Information requests"),
        (reverse("staff:disclosure"), "Disclosure log"),
        (reverse("staff:inbox"), "Emails"),
        (reverse("staff:possible-complaints"), FEEDBACK),
        (reverse("staff:compliments"), FEEDBACK),
        (reverse("staff:comments"), FEEDBACK),
    ],
)
def test_the_section_of_the_page_is_marked_current(client, path, section):
    current = [
        label for label, is_current in _navigation(client, Role.ADMINISTRATOR, path) if is_current
    ]
    assert current == [section]
