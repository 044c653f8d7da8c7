"""The cut-off (the end of the working day before, on the council's calendar) and the
7-day window."""

from __future__ import annotations

import time_machine

from opencex.bookings import timing
from opencex.bookings.config import bookings_config
from opencex.bookings.models import Slot
from opencex.bookings.slots import bookable_slots, open_slots
from tests.bookings.conftest import london


def _bulky():
    return bookings_config().bookable("book-bulky-waste-collection")


def test_a_monday_collections_cut_off_is_5pm_on_the_friday_before():
    assert timing.cut_off(_bulky(), london(2026, 9, 7, 7)) == london(2026, 9, 4, 17)


def test_after_a_bank_holiday_monday_the_cut_off_is_the_friday_before_it():
    # 31 August 2026 is the summer bank holiday in England.
    assert timing.cut_off(_bulky(), london(2026, 9, 1, 7)) == london(2026, 8, 28, 17)


def test_a_midweek_collections_cut_off_is_5pm_the_day_before():
    assert timing.cut_off(_bulky(), london(2026, 9, 10, 7)) == london(2026, 9, 9, 17)


def test_a_rooms_cut_off_is_its_hours_before_the_start():
    hire = bookings_config().bookable("book-community-centre")
    assert timing.cut_off(hire, london(2026, 9, 10, 9)) == london(2026, 9, 7, 9)


def test_cancelling_after_the_cut_off_refunds_the_rules_share_and_the_deposit_in_full():
    hire = bookings_config().bookable("book-community-centre")
    starts = london(2026, 9, 10, 9)
    before = timing.refund_on_cancelling(
        hire, price_pence=14000, deposit_pence=10000, starts_at=starts, now=london(2026, 9, 7, 8)
    )
    after = timing.refund_on_cancelling(
        hire, price_pence=14000, deposit_pence=10000, starts_at=starts, now=london(2026, 9, 7, 10)
    )
    assert (before, after) == (24000, 7000 + 10000)


@time_machine.travel(london(2026, 9, 3, 12), tick=False)  # a Thursday
def test_only_collection_days_within_7_days_and_before_their_cut_off_are_offered(services):
    open_slots()
    offered = bookable_slots(_bulky(), units=1, resource="round-east")
    # East round: Mondays and Wednesdays; from Thursday 3rd, the 7 days end Thursday 10th.
    assert [slot.day.isoformat() for slot in offered] == ["2026-09-07", "2026-09-09"]
    assert not Slot.objects.filter(service="book-bulky-waste-collection", day__gt="2026-09-10")


def test_no_collection_on_a_bank_holiday_and_fridays_closes_at_5pm_on_thursday(services):
    # South round: Mondays and Fridays. Monday 31 August is the bank holiday: no slot at all.
    with time_machine.travel(london(2026, 8, 27, 16, 59), tick=False):
        open_slots()
        before = bookable_slots(_bulky(), units=1, resource="round-south")
    with time_machine.travel(london(2026, 8, 27, 17, 0), tick=False):
        after = bookable_slots(_bulky(), units=1, resource="round-south")
    assert [slot.day.isoformat() for slot in before] == ["2026-08-28"]
    assert after == []
    assert not Slot.objects.filter(resource="round-south", day="2026-08-31").exists()


def test_the_daily_command_opens_the_slots_once(services):
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(london(2026, 9, 3, 12), tick=False):
        first, second = StringIO(), StringIO()
        call_command("open_booking_slots", stdout=first)
        call_command("open_booking_slots", stdout=second)
    assert "Opened 0 slot(s)" not in first.getvalue()
    assert "Opened 0 slot(s); gave back 0 lapsed hold(s)." in second.getvalue()
    assert Slot.objects.filter(resource="round-east", day="2026-09-07").count() == 1
