"""Awaab's Law after the investigation on the staff case page: it lists each step with its date
from the clocks, offers the written summary, making safe and further work only when they apply,
performs them through their one action, and marks a step recorded late as late."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.cases.actions.hazards import conclude_hazard_investigation
from opencex.cases.models import EventKind, HazardClass
from tests.cases.conftest import LONDON, at_ten
from tests.factories import TeamFactory, UserFactory
from tests.staff.test_case_page_hazards import _page, _post, _repair

pytestmark = pytest.mark.django_db


@pytest.fixture
def repairs_team(db):
    return TeamFactory(slug="housing-repairs", name="Housing Repairs")


@pytest.fixture
def officer(repairs_team):
    return UserFactory(role=Role.CASEWORKER, teams=[repairs_team])


@pytest.fixture
def damp(officer, repairs_team):
    """Damp and mould reported Friday 18 December 2026, investigated on 6 January 2027: a
    significant hazard found."""
    case = _repair(repairs_team, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT)
    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        return conclude_hazard_investigation(
            actor=officer, case=case, significant_hazard_found=True
        )


def _step(page: str, name: str) -> str:
    start = page.index(f'id="hazard-step-{name}"')
    return page[start : page.index("</li>", start)]


def test_the_page_lists_each_step_with_its_date_and_offers_the_three_acts(client, officer, damp):
    with time_machine.travel(at_ten("2027-01-07"), tick=False):
        client.force_login(officer)
        page = _page(client, damp)

    assert "due by 11 January 2027" in _step(page, "summary")
    assert "due by 13 January 2027" in _step(page, "made-safe")
    assert "due by 13 January 2027" in _step(page, "further-work")
    for act in ("summary", "made-safe", "further-work"):
        assert f'action="/staff/cases/{damp.reference}/{act}/"' in page


def test_the_written_summary_is_recorded_and_its_words_reach_the_tenant(client, officer, damp):
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        client.force_login(officer)
        response = _post(
            client,
            damp,
            "summary",
            day="8",
            month="1",
            year="2027",
            given_by="portal",
            summary="We found mould from a leaking gutter.",
        )
        page = _page(client, damp)

    assert response.status_code == 302
    damp.refresh_from_db()
    assert damp.summary_given_on == dt.date(2027, 1, 8)
    assert damp.events.filter(kind=EventKind.MESSAGE_OUT, body__contains="gutter").exists()
    assert "done on 8 January 2027" in _step(page, "summary")
    assert "Late" not in _step(page, "summary")
    assert f'action="/staff/cases/{damp.reference}/summary/"' not in page


def test_safety_work_recorded_after_its_date_is_shown_late(client, officer, damp):
    with time_machine.travel(at_ten("2027-01-15"), tick=False):
        client.force_login(officer)
        response = _post(client, damp, "made-safe", day="14", month="1", year="2027", time="16:00")
        page = _page(client, damp)

    assert response.status_code == 302
    damp.refresh_from_db()
    assert damp.made_safe_at == dt.datetime(2027, 1, 14, 16, 0, tzinfo=LONDON)
    made_safe = _step(page, "made-safe")
    assert "done at 16:00 on 14 January 2027" in made_safe
    assert "Late" in made_safe


def test_further_work_on_the_12_week_route_shows_its_later_date(client, officer, damp):
    with time_machine.travel(at_ten("2027-02-01"), tick=False):
        client.force_login(officer)
        response = _post(
            client,
            damp,
            "further-work",
            day="1",
            month="2",
            year="2027",
            delay_reason="Scaffolding is needed for the roof.",
        )
        page = _page(client, damp)

    assert response.status_code == 302
    further = _step(page, "further-work")
    assert "due by 31 March 2027" in further
    assert "12 weeks" in further
    assert "Late" not in further


def test_a_bad_date_is_shown_in_the_error_summary_and_nothing_is_recorded(client, officer, damp):
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        client.force_login(officer)
        response = _post(
            client, damp, "summary", day="5", month="1", year="2027", given_by="letter"
        )

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "before the investigation concluded" in response.content.decode()
    damp.refresh_from_db()
    assert damp.summary_given_on is None


def test_an_emergency_offers_only_making_safe_or_alternative_accommodation(
    client, officer, repairs_team
):
    case = _repair(
        repairs_team,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )
    with time_machine.travel(dt.datetime(2026, 12, 25, 9, 0, tzinfo=LONDON), tick=False):
        client.force_login(officer)
        page = _page(client, case)
        response = _post(
            client,
            case,
            "made-safe",
            what="alternative_accommodation",
            day="25",
            month="12",
            year="2026",
            time="08:30",
        )

    assert "due by 21:30 on 25 December 2026" in _step(page, "made-safe")
    assert f'action="/staff/cases/{case.reference}/summary/"' not in page
    assert f'action="/staff/cases/{case.reference}/further-work/"' not in page
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.alternative_accommodation_offered
