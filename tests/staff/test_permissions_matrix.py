"""Every staff page and action, tried by every role: who gets in, who is refused and how.

The table below has one row per named staff URL. A new staff URL without a row fails
`test_every_staff_url_has_a_row`, so no page can ship without its permissions being decided and
tested. Each role signs in as a member of the team that owns the cases, so a refusal here comes
from the role, never from team membership (tests/cases/test_policies.py covers teams).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, reverse

from opencex.accounts.models import STAFF_ROLES, Role
from opencex.cases import services
from opencex.cases.models import CaseKind, Channel, PauseReason
from opencex.staff.urls import urlpatterns
from tests.factories import PropertyFactory, ResidentFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_STAFF = frozenset(STAFF_ROLES)
HANDLERS = frozenset(
    {Role.CASEWORKER, Role.TEAM_MANAGER, Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR}
)
MANAGERS = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR})
NOT_STAFF = (Role.RESIDENT, Role.PARTNER)
# Pages anyone may reach: signing in and out.
PUBLIC = frozenset({"sign-in", "sign-in-code", "sign-out"})


@dataclass
class World:
    """What the pages are about: one team's cases, a resident and their home."""

    team: Any
    request: Any  # a service request, as the resident sent it
    complaint: Any
    foi: Any  # an FOI request the team handles
    paused_foi: Any
    acknowledged_complaint: Any
    resolved_request: Any
    resident: Any
    property: Any


def _open(kind: str, team, **extra):
    case, _ = services.open_case(
        actor=None,
        kind=kind,
        channel=Channel.WEB,
        subject="Bin not emptied",
        description="My green bin was missed again.",
        contact_name="Ada Okonkwo",
        contact_email="ada@example.org",
        **extra,
    )
    case.team = team
    case.save()
    return case


@pytest.fixture
def world() -> World:
    team = TeamFactory(slug="waste", name="Waste and recycling")
    resident = ResidentFactory(full_name="Ada Okonkwo", email="ada@example.org")
    paused = _open(CaseKind.FOI, team)
    admin = UserFactory(role=Role.ADMINISTRATOR)
    services.pause_clock(actor=admin, case=paused, reason=PauseReason.CLARIFICATION)
    acknowledged = services.acknowledge_case(actor=admin, case=_open(CaseKind.COMPLAINT, team))
    resolved = services.change_status(
        actor=admin, case=_open(CaseKind.SERVICE_REQUEST, team), to="resolved", reason="Emptied"
    )
    return World(
        team=team,
        request=_open(CaseKind.SERVICE_REQUEST, team, resident=resident),
        complaint=_open(CaseKind.COMPLAINT, team),
        foi=_open(CaseKind.FOI, team),
        paused_foi=paused,
        acknowledged_complaint=acknowledged,
        resolved_request=resolved,
        resident=resident,
        property=PropertyFactory(),
    )


@dataclass(frozen=True)
class Row:
    name: str
    allowed: frozenset
    args: Callable[[World], list] = lambda w: []
    method: str = "get"
    data: Callable[[World], dict] = field(default=lambda w: {})
    refused: int = 403  # what a staff role outside `allowed` gets
    succeeds: tuple[int, ...] = (200,)  # what an allowed role gets


def _case_action(action: str, allowed, case: str, data: Callable[[World], dict]) -> Row:
    return Row(
        f"case-{action}",
        allowed,
        args=lambda w: [getattr(w, case).reference],
        method="post",
        data=data,
        succeeds=(302,),
    )


ROWS = [
    Row("home", ALL_STAFF),
    Row("outbox", ALL_STAFF),
    Row("assisted-forms", ALL_STAFF),
    Row("find-resident", ALL_STAFF),
    Row("create-resident", ALL_STAFF),
    Row("resident", ALL_STAFF, args=lambda w: [w.resident.pk]),
    Row("log-contact", ALL_STAFF, args=lambda w: [w.resident.pk]),
    Row("log-anonymous-contact", ALL_STAFF),
    Row("property", ALL_STAFF, args=lambda w: [w.property.uprn]),
    Row("queues", ALL_STAFF),
    Row(
        "queues-reassign",
        MANAGERS,
        method="post",
        data=lambda w: {"bulk-cases": [w.request.reference], "bulk-team": w.team.pk},
        succeeds=(302,),
    ),
    Row("case", ALL_STAFF, args=lambda w: [w.request.reference]),
    _case_action("note", ALL_STAFF, "request", lambda w: {"note-body": "Crew told."}),
    _case_action("message", HANDLERS, "request", lambda w: {"message-body": "On its way."}),
    _case_action("status", HANDLERS, "request", lambda w: {"status-to": "in_progress"}),
    _case_action("acknowledge", HANDLERS, "complaint", lambda w: {}),
    _case_action("pause", HANDLERS, "foi", lambda w: {"pause-reason": PauseReason.CLARIFICATION}),
    _case_action("resume", HANDLERS, "paused_foi", lambda w: {}),
    _case_action(
        "extend",
        HANDLERS,
        "acknowledged_complaint",
        lambda w: {"extend-reason": "Site visit", "extend-days": 5},
    ),
    _case_action("reassign", ALL_STAFF, "request", lambda w: {"reassign-team": w.team.pk}),
    _case_action("close", HANDLERS, "resolved_request", lambda w: {"close-outcome": "Bin emptied"}),
]
ROW_BY_NAME = {row.name: row for row in ROWS}


def _staff_url_names() -> set[str]:
    return {p.name for p in urlpatterns if isinstance(p, URLPattern) and p.name}


def test_every_staff_url_has_a_row():
    assert _staff_url_names() - PUBLIC == set(ROW_BY_NAME)


def _request(client, row: Row, world: World):
    url = reverse(f"staff:{row.name}", args=row.args(world))
    if row.method == "post":
        return client.post(url, row.data(world))
    return client.get(url)


def _error_summary(response) -> str:
    page = response.content.decode()
    start = page.find("govuk-error-summary")
    return page[start : start + 1500] if start >= 0 else page[:500]


def _member(role: Role, world: World):
    return UserFactory(role=role, teams=[world.team])


@pytest.mark.parametrize("role", sorted(ALL_STAFF))
@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_each_staff_role_gets_in_or_is_refused_as_the_row_says(client, world, name, role):
    row = ROW_BY_NAME[name]
    client.force_login(_member(role, world))

    response = _request(client, row, world)

    if role in row.allowed:
        assert response.status_code in row.succeeds, _error_summary(response)
        if response.status_code == 302:
            assert "/staff/sign-in/" not in response.url
    else:
        assert response.status_code == row.refused


@pytest.mark.parametrize("role", NOT_STAFF)
@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_residents_and_partner_systems_are_refused_every_staff_page(client, world, name, role):
    client.force_login(UserFactory(role=role))
    assert _request(client, ROW_BY_NAME[name], world).status_code == 403


@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_anonymous_visitors_are_sent_to_staff_sign_in_from_every_page(client, world, name):
    response = _request(client, ROW_BY_NAME[name], world)
    assert response.status_code == 302
    assert response.url.startswith(reverse("staff:sign-in"))
