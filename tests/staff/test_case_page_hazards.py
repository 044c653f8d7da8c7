"""Awaab's Law on the staff case page: an officer records a hazard (its class, how and when the
council became aware) and concludes a significant hazard's investigation; the tenant is told the
date, and for the 24-hour clock the time, that now holds. Nothing pauses these clocks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, CaseKind, Channel, EventKind, HazardClass
from opencex.notify.models import Notification
from tests.cases.conftest import LONDON, at_ten
from tests.factories import ServiceFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE_2215 = dt.datetime(2026, 12, 24, 22, 15, tzinfo=LONDON)


@pytest.fixture
def repairs_team(db):
    return TeamFactory(slug="housing-repairs", name="Housing Repairs")


@pytest.fixture
def officer(repairs_team, client):
    return UserFactory(role=Role.CASEWORKER, teams=[repairs_team])


def _repair(team, received_at, *, landlord=True, **extra) -> Case:
    """A repair reported at `received_at`: opened then, as the web form would, so its timeline
    starts that day whatever day the tests run."""
    service = ServiceFactory(team=team, standard_days=20, is_landlord_function=landlord)
    with time_machine.travel(received_at, tick=False):
        case, _ = open_case(
            actor=None,
            kind=CaseKind.SERVICE_REQUEST,
            channel=Channel.WEB,
            subject="Repair: heating",
            description="The boiler is making a noise.",
            contact_name="Ann Example",
            contact_email="ann@example.org",
            service=service,
            received_at=received_at,
            **extra,
        )
    case.team = team
    case.save()
    return case


def _post(client, case, act, **fields):
    data = {f"{act}-{name}": value for name, value in fields.items()}
    return client.post(reverse(f"staff:case-{act}", args=[case.reference]), data)


def _page(client, case) -> str:
    return client.get(reverse("staff:case", args=[case.reference])).content.decode()


def _last_letter(case) -> Notification:
    return Notification.objects.filter(recipient="ann@example.org").latest("pk")


def test_a_call_before_the_case_was_logged_starts_the_24_hours_and_the_tenant_is_told_the_hour(
    client, officer, repairs_team
):
    case = _repair(repairs_team, dt.datetime(2026, 12, 24, 22, 0, tzinfo=LONDON))

    with time_machine.travel(CHRISTMAS_EVE_2215, tick=False):
        client.force_login(officer)
        response = _post(
            client,
            case,
            "hazard",
            hazard_class="emergency",
            became_aware_by="call",
            day="24",
            month="12",
            year="2026",
            time="21:30",
        )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.hazard_class == HazardClass.EMERGENCY
    assert case.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)
    letter = _last_letter(case)
    assert "9:30pm on Friday 25 December 2026" in letter.body
    assert "make your home safe" in letter.body


def test_the_hazard_form_offers_now_as_the_time_the_council_became_aware(
    client, officer, repairs_team
):
    case = _repair(repairs_team, dt.datetime(2026, 12, 24, 22, 0, tzinfo=LONDON))

    with time_machine.travel(CHRISTMAS_EVE_2215, tick=False):
        client.force_login(officer)
        page = _page(client, case)

    assert 'name="hazard-time" type="text"' in page
    assert 'value="22:15"' in page
    assert 'name="hazard-day" type="text" inputmode="numeric" value="24"' in page


def test_a_time_of_awareness_in_the_future_is_refused_in_the_error_summary(
    client, officer, repairs_team
):
    case = _repair(repairs_team, dt.datetime(2026, 12, 24, 22, 0, tzinfo=LONDON))

    with time_machine.travel(CHRISTMAS_EVE_2215, tick=False):
        client.force_login(officer)
        response = _post(
            client,
            case,
            "hazard",
            hazard_class="emergency",
            became_aware_by="visit",
            day="24",
            month="12",
            year="2026",
            time="23:00",
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "The council cannot have become aware in the future." in page
    case.refresh_from_db()
    assert case.hazard_class == ""


def test_a_call_without_a_time_is_asked_for_one(client, officer, repairs_team):
    case = _repair(repairs_team, dt.datetime(2026, 12, 24, 22, 0, tzinfo=LONDON))

    with time_machine.travel(CHRISTMAS_EVE_2215, tick=False):
        client.force_login(officer)
        response = _post(
            client,
            case,
            "hazard",
            hazard_class="significant",
            became_aware_by="call",
            day="24",
            month="12",
            year="2026",
            time="half nine",
        )

    assert "Enter the time the council became aware, like 21:30" in response.content.decode()


def test_a_repair_to_a_home_the_council_does_not_let_is_offered_no_hazard(
    client, officer, repairs_team
):
    case = _repair(repairs_team, at_ten("2026-12-21"), landlord=False)

    with time_machine.travel(at_ten("2026-12-21"), tick=False):
        client.force_login(officer)
        page = _page(client, case)
        refused = _post(client, case, "hazard", hazard_class="emergency", became_aware_by="report")

    assert "hazard-hazard_class" not in page
    assert "for repairs to the council&#x27;s own homes only" in refused.content.decode()


def test_the_case_page_says_the_hour_an_emergency_is_due(client, officer, repairs_team):
    case = _repair(
        repairs_team,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )

    with time_machine.travel(CHRISTMAS_EVE_2215, tick=False):
        client.force_login(officer)
        page = _page(client, case)

    assert "Due by <strong>9:30pm on Friday 25 December 2026</strong>" in page


def test_an_emergency_hazard_is_offered_no_pause_and_refused_one(client, officer, repairs_team):
    case = _repair(
        repairs_team,
        dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON),
        hazard_class=HazardClass.EMERGENCY,
    )

    with time_machine.travel(CHRISTMAS_EVE_2215, tick=False):
        client.force_login(officer)
        page = _page(client, case)
        refused = _post(client, case, "pause", reason="clarification", note="Which room?")

    assert "pause-reason" not in page
    assert "Nothing pauses an Awaab&#x27;s Law clock" in refused.content.decode()
    assert not case.pauses.exists()


def test_concluding_the_investigation_tells_the_tenant_when_the_home_will_be_made_safe(
    client, officer, repairs_team
):
    case = _repair(repairs_team, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT)

    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        client.force_login(officer)
        page = _page(client, case)
        response = _post(
            client,
            case,
            "investigation",
            significant_hazard_found="yes",
            day="6",
            month="1",
            year="2027",
        )

    assert "investigation-significant_hazard_found" in page
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.investigation_concluded_on, case.due_on) == (
        dt.date(2027, 1, 6),
        dt.date(2027, 1, 13),
    )
    assert case.events.filter(kind=EventKind.INVESTIGATION_CONCLUDED).exists()
    letter = _last_letter(case)
    assert "We found a hazard that could harm your health" in letter.body
    assert "Wednesday 13 January 2027" in letter.body


def test_an_investigation_cannot_conclude_before_the_council_became_aware(
    client, officer, repairs_team
):
    case = _repair(repairs_team, at_ten("2026-12-18"), hazard_class=HazardClass.SIGNIFICANT)

    with time_machine.travel(at_ten("2027-01-06"), tick=False):
        client.force_login(officer)
        response = _post(
            client,
            case,
            "investigation",
            significant_hazard_found="no",
            day="17",
            month="12",
            year="2026",
        )

    assert "cannot conclude before the council became aware" in response.content.decode()


def test_an_emergency_is_offered_no_investigation(client, officer, repairs_team):
    case = _repair(repairs_team, at_ten("2026-12-18"), hazard_class=HazardClass.EMERGENCY)

    with time_machine.travel(at_ten("2026-12-18"), tick=False):
        client.force_login(officer)
        page = _page(client, case)

    assert "investigation-significant_hazard_found" not in page
    assert "hazard-hazard_class" in page
