"""Searches kept for the web measures go after the retention schedule's `search_records` period
(Oxford: 2 years) counted from the day they were made."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.retention.runs import apply_retention
from opencex.search.models import SearchRecord
from tests.webmeasures.conftest import london

pytestmark = pytest.mark.django_db


def _search(day: dt.date) -> SearchRecord:
    return SearchRecord.objects.create(
        term="bins", language="en", source="page", results=0, day=day
    )


def _run(day: str, **options) -> dict[str, int]:
    with time_machine.travel(london(day), tick=False):
        report = apply_retention(dt.date.fromisoformat(day), **options)
    return {line.schedule: line.count for line in report.lines}


def test_a_search_goes_two_years_after_its_day_and_the_dry_run_only_counts():
    # Like every schedule: on 2 March 2026 a 2-year period is up for a start on 2 March 2024.
    old, kept = _search(dt.date(2024, 3, 2)), _search(dt.date(2024, 3, 3))
    assert _run("2026-03-02", dry_run=True)["records.search_records"] == 1
    assert SearchRecord.objects.count() == 2
    assert _run("2026-03-02")["records.search_records"] == 1
    assert list(SearchRecord.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not SearchRecord.objects.filter(pk=old.pk).exists()
    assert _run("2026-03-02")["records.search_records"] == 0
