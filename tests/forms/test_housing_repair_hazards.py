"""The housing repair form: a gas smell is told the national gas emergency number at once, an
emergency the out-of-hours route, and urgency and health risk choose the repair's clock."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from opencex.cases.models import Case
from opencex.web.track_views import expected_date
from tests.forms.conftest import CONTACT, FormWalker, fill_in

LONDON = ZoneInfo("Europe/London")
CHRISTMAS_EVE_NIGHT = dt.datetime(2026, 12, 24, 21, 30, tzinfo=LONDON)
ADDRESS = {
    "address-line_1": "4 Pegasus Road",
    "address-town": "Oxford",
    "address-manual_postcode": "OX4 6DS",
}


def repair(gas="no", problem="leak", urgency="routine", health=None):
    pages = [("gas", {"gas_smell": gas}), ("address", ADDRESS), ("problem", {"problem": problem})]
    if problem == "damp_mould":
        pages.append(("damp-and-mould", {"damp_rooms": ["bedroom"], "damp_health": health}))
    return [
        *pages,
        ("describe", {"description": "Water through the ceiling."}),
        ("urgency", {"urgency": urgency}),
        ("access", {"access_times": ["any"]}),
        ("contact", CONTACT),
    ]


@pytest.fixture
def walker(client, forms):
    return FormWalker(client, "report-housing-repair")


def send(walker, pages, at=CHRISTMAS_EVE_NIGHT) -> Case:
    with time_machine.travel(at, tick=False):
        fill_in(walker, pages)
        walker.submit()
    return Case.objects.get()


def confirmation(walker, at=CHRISTMAS_EVE_NIGHT) -> str:
    """The confirmation page, seen a minute after sending (a form session does not last for
    ever, so it is read on the day it was sent, whatever day the tests run)."""
    with time_machine.travel(at + dt.timedelta(minutes=1), tick=False):
        return walker.confirmation().text


def test_the_start_page_tells_anyone_who_smells_gas_to_call_the_national_number(walker):
    page = walker.client.get(reverse("web:form-start", kwargs={"slug": walker.slug})).text
    assert "0800 111 999" in page
    assert "Do not wait for us" in page


def test_a_gas_smell_is_told_the_gas_emergency_number_on_the_very_next_page(walker):
    walker.start()
    walker.answer("gas", {"gas_smell": "yes"})
    page = walker.client.get(walker.page_url("address")).text
    assert 'id="gas-emergency"' in page
    assert "National Gas Emergency Service now on 0800 111 999" in page


def test_no_gas_smell_shows_no_gas_warning_on_the_pages(walker):
    walker.start()
    walker.answer("gas", {"gas_smell": "no"})
    assert 'id="gas-emergency"' not in walker.client.get(walker.page_url("address")).text


def test_a_gas_smell_is_an_emergency_hazard_due_in_24_clock_hours(walker):
    case = send(walker, repair(gas="yes"))
    assert case.hazard_class == "emergency"
    assert case.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)


def test_after_sending_a_gas_smell_is_told_the_number_again_and_the_time_we_will_be_there(walker):
    send(walker, repair(gas="yes"))
    page = confirmation(walker)
    assert "0800 111 999" in page
    assert "by <strong>9:30pm on Friday 25 December 2026</strong>" in page


def test_an_emergency_is_shown_the_councils_out_of_hours_route(walker, settings):
    send(walker, repair(urgency="emergency"))
    page = confirmation(walker)
    route = settings.COUNCIL_PROFILE.out_of_hours_route("report-housing-repair")
    assert 'id="out-of-hours"' in page
    assert route.number in page
    assert 'id="gas-emergency"' not in page


def test_an_urgent_damp_and_mould_report_with_a_health_risk_is_an_emergency(walker):
    case = send(walker, repair(problem="damp_mould", urgency="urgent", health="yes"))
    assert (case.hazard_class, case.service.slug) == ("emergency", "report-damp-and-mould")
    assert case.due_at == dt.datetime(2026, 12, 25, 21, 30, tzinfo=LONDON)


def test_damp_and_mould_reported_friday_18_december_is_investigated_by_6_january(walker):
    friday = dt.datetime(2026, 12, 18, 10, 0, tzinfo=LONDON)
    case = send(walker, repair(problem="damp_mould", urgency="routine", health="no"), at=friday)
    assert (case.hazard_class, case.due_on, case.due_at) == (
        "significant",
        dt.date(2027, 1, 6),
        None,
    )
    assert "by <strong>Wednesday 6 January 2027</strong>" in confirmation(walker, at=friday)


def test_an_urgent_repair_is_due_in_the_3_working_days_the_service_promises(walker):
    case = send(walker, repair(urgency="urgent"), at=dt.datetime(2026, 6, 5, 10, tzinfo=LONDON))
    assert (case.hazard_class, case.standard_days, case.due_on) == ("", 3, dt.date(2026, 6, 10))


def test_a_routine_repair_keeps_the_services_own_standard(walker):
    case = send(walker, repair(), at=dt.datetime(2026, 6, 5, 10, tzinfo=LONDON))
    assert (case.hazard_class, case.standard_days, case.due_on) == ("", None, dt.date(2026, 7, 3))


def test_the_tracking_page_tells_an_emergency_the_time_as_well_as_the_date(walker):
    case = send(walker, repair(gas="yes"))
    with time_machine.travel(CHRISTMAS_EVE_NIGHT, tick=False):
        assert (
            expected_date(case)
            == "We will make your home safe by 9:30pm on Friday 25 December 2026."
        )
