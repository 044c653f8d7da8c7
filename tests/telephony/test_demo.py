"""The demo's call figures: consistent with the phone contacts the demo logged, realistic,
deterministic from the seed, loaded once per history."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from opencex.demo.generate import load_demo
from opencex.telephony.demo import demo_rows, load_demo_telephony, logged_calls
from opencex.telephony.models import CallInterval

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    report = load_demo(size="small")
    return report, load_demo_telephony(history=report.history)


def test_calls_answered_cover_the_phone_contacts_logged_each_hour_on_each_line(demo):
    _, said = demo
    logged = logged_calls()
    assert sum(logged.values()) > 20  # the demo logged calls on both lines
    assert {line for line, _ in logged} == {"customer-services", "vulnerable-residents-line"}
    held = {
        (interval.line.slug, interval.starts_at): interval
        for interval in CallInterval.objects.select_related("line")
    }
    assert f"Telephony: {len(held)} demo hours of calls." == said
    for (line, hour), contacts in logged.items():
        interval = held[(line, hour)]
        assert interval.offered >= interval.answered + interval.abandoned
        assert interval.answered >= contacts
        assert interval.answered_in_target <= interval.answered
    totals = CallInterval.objects.aggregate(
        offered=Sum("offered"),
        answered=Sum("answered"),
        abandoned=Sum("abandoned"),
        wait=Sum("wait_seconds"),
        handling=Sum("handling_seconds"),
    )
    assert 0.05 <= totals["abandoned"] / totals["offered"] <= 0.12
    assert 10 <= totals["wait"] / totals["answered"] <= 120  # seconds to answer, on average
    assert 240 <= totals["handling"] / totals["answered"] <= 780  # 4 to 13 minutes a call


def test_the_figures_come_from_the_seed_and_load_once_per_history(demo):
    report, _ = demo
    before = list(CallInterval.objects.values_list("line__slug", "starts_at", "offered"))
    assert "already loaded" in load_demo_telephony(history=report.history)
    assert CallInterval.objects.count() == len(before)
    until = report.history.anchor_on
    assert demo_rows(seed=2026, until=until) == demo_rows(seed=2026, until=until)
    assert demo_rows(seed=2026, until=until) != demo_rows(seed=7, until=until)
