"""The tenant sees each Awaab's Law step of their repair, on its portal page and its tracking
page: done (with the day), due (with its date), or late, and a step recorded late stays late."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.cases.actions.hazard_steps import (
    record_further_work_begun,
    record_made_safe,
    record_summary_given,
)
from opencex.cases.actions.hazards import conclude_hazard_investigation
from opencex.housing.models import Repair
from tests.factories import UserFactory
from tests.housing.test_repairs import DAMP, EXPOSED_WIRES, report

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def at_ten(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=LONDON)


@pytest.fixture
def damp(client, repair_form, tenant):
    """Damp and mould reported on Friday 18 December 2026 and investigated on Wednesday
    6 January 2027: a significant hazard found. Returns the case and its officer."""
    user, tenancy = tenant
    with time_machine.travel(at_ten("2026-12-18"), tick=False):
        client.force_login(user)
        report(client, tenancy, DAMP)
    case = Repair.objects.get().case
    officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        case = conclude_hazard_investigation(
            actor=officer, case=case, significant_hazard_found=True
        )
    return case, officer


def _steps(page: str) -> list[str]:
    """Each step's line on the page, in order."""
    steps = page[page.index('id="hazard-steps"') : page.index("</ol>", page.index("hazard-steps"))]
    return [item.split("</li>")[0] for item in steps.split("<li>")[1:]]


def _words(html: str) -> str:
    return " ".join(html.replace("<", " <").split())


def _repair_page(client, user, case) -> str:
    client.force_login(user)
    return client.get(f"/housing/repairs/{case.repair.pk}/").content.decode()


def _tracking_page(client, user, case) -> str:
    client.force_login(user)
    return client.get(f"/track/{case.reference}").content.decode()


@pytest.mark.parametrize("page_of", [_repair_page, _tracking_page], ids=["repair", "tracking"])
def test_the_tenant_sees_each_step_done_or_due_with_its_date(client, damp, tenant, page_of):
    case, officer = damp
    user, _ = tenant
    with time_machine.travel(at_ten("2027-01-08"), tick=False):
        record_summary_given(
            actor=officer, case=case, given_on=dt.date(2027, 1, 8), given_by="letter"
        )
        investigation, summary, safe, further = _steps(page_of(client, user, case))

    assert "done on Wednesday 6 January 2027" in investigation
    assert "done on Friday 8 January 2027" in summary
    assert "by Monday 11 January 2027" in _words(summary)
    assert "We make your home safe" in safe
    assert "by Wednesday 13 January 2027" in _words(safe)
    assert ">due<" in safe
    assert "We start any further work your home needs" in further
    assert ">due<" in further
    assert "late" not in " ".join((investigation, summary, safe, further))


def test_a_step_not_done_by_its_date_shows_late(client, damp, tenant):
    case, _officer = damp
    user, _ = tenant
    with time_machine.travel(at_ten("2027-01-12"), tick=False):
        _investigation, summary, safe, _further = _steps(_repair_page(client, user, case))

    assert ">late<" in summary
    assert "late" not in safe  # due on the 13th


def test_a_step_recorded_late_shows_done_late_with_its_day(client, damp, tenant):
    case, officer = damp
    user, _ = tenant
    with time_machine.travel(at_ten("2027-01-20"), tick=False):
        record_made_safe(actor=officer, case=case, at=at_ten("2027-01-15"))
        record_further_work_begun(actor=officer, case=case, began_on=dt.date(2027, 1, 12))
        _investigation, _summary, safe, further = _steps(_tracking_page(client, user, case))

    assert "done on Friday 15 January 2027" in safe
    assert ">done late<" in safe
    assert "done on Tuesday 12 January 2027" in further
    assert "late" not in further


def test_further_work_on_the_12_week_route_is_explained_with_its_later_date(client, damp, tenant):
    case, officer = damp
    user, _ = tenant
    with time_machine.travel(at_ten("2027-02-01"), tick=False):
        record_further_work_begun(
            actor=officer,
            case=case,
            began_on=dt.date(2027, 2, 1),
            delay_reason="The roof needs scaffolding.",
        )
        further = _steps(_repair_page(client, user, case))[-1]

    assert "by Wednesday 31 March 2027" in _words(further)
    assert "so the law gives 12 weeks" in further
    assert "late" not in further


def test_an_emergency_made_safe_in_time_shows_done(client, repair_form, tenant):
    user, tenancy = tenant
    with time_machine.travel(dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON), tick=False):
        client.force_login(user)
        report(client, tenancy, EXPOSED_WIRES, "The socket by the sofa is sparking.")
    case = Repair.objects.get().case
    officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
    with time_machine.travel(dt.datetime(2026, 12, 25, 12, 0, tzinfo=LONDON), tick=False):
        record_made_safe(
            actor=officer, case=case, at=dt.datetime(2026, 12, 25, 11, 0, tzinfo=LONDON)
        )
        [step] = _steps(_repair_page(client, user, case))

    assert "by 9:30pm on Friday 25 December 2026" in _words(step)
    assert "done on Friday 25 December 2026" in step
    assert "late" not in step
