"""Each call measure against hand-counted figures: two days of a general line and the vulnerable
residents line, with hours just outside the period that must not count."""

from __future__ import annotations

from datetime import date

import pytest

from opencex.insight.periods import Period
from opencex.staff.telephony.tables import calls_by_line, general_by_day, vulnerable_line
from opencex.telephony import selectors
from opencex.telephony.importing import csv_rows, import_calls
from opencex.telephony.models import ImportSource
from opencex.telephony.selectors import Average, Rate
from tests.telephony.conftest import csv_text

pytestmark = pytest.mark.django_db
PERIOD = Period(date(2026, 3, 2), date(2026, 3, 3))


@pytest.fixture
def calls(lines):
    rows = csv_rows(
        csv_text(
            "2026-03-02 09:00,customer-services,10,8,2,6,160,2400",
            "2026-03-02 10:00,customer-services,20,18,1,15,360,5400",
            "2026-03-03 09:00,customer-services,10,10,0,9,100,3000",
            "2026-03-03 23:00,customer-services,1,1,0,1,5,100",  # the period's last hour
            "2026-03-04 00:00,customer-services,100,100,0,100,0,30000",  # the day after
            "2026-03-01 23:00,customer-services,100,100,0,100,0,30000",  # the day before
            "2026-03-02 09:00,vulnerable-residents-line,5,4,1,4,40,2000",
        )
    )
    run = import_calls(actor=None, rows=rows, source=ImportSource.CSV)
    assert run.rows_stored == 7
    return lines


def test_the_general_lines_leave_the_vulnerable_residents_line_out(calls):
    general = selectors.overall_figures(PERIOD)
    assert (general.offered, general.answered, general.abandoned) == (41, 37, 3)
    assert general.answer_rate == Rate(37, 41)
    assert general.abandonment_rate == Rate(3, 41)
    assert general.service_level == Rate(31, 41)
    assert general.average_speed_of_answer == Average(625, 37)
    assert general.average_handling_time == Average(10900, 37)
    assert general.abandonment_rate.value == pytest.approx(3 / 41)


def test_every_line_together_only_when_asked(calls):
    everything = selectors.overall_figures(PERIOD, include_vulnerable_line=True)
    assert (everything.offered, everything.answered, everything.abandoned) == (46, 41, 4)
    assert everything.service_level == Rate(35, 46)
    assert everything.average_speed_of_answer == Average(665, 41)
    assert everything.average_handling_time == Average(12900, 41)


def test_the_vulnerable_residents_line_on_its_own(calls):
    vulnerable = selectors.vulnerable_line_figures(PERIOD)
    assert vulnerable.answer_rate == Rate(4, 5)
    assert vulnerable.abandonment_rate == Rate(1, 5)
    assert vulnerable.service_level == Rate(4, 5)
    assert vulnerable.average_speed_of_answer == Average(40, 4)
    assert vulnerable.average_handling_time == Average(2000, 4)


def test_by_line_gives_each_line_apart(calls):
    by_line = {f.line.slug: f.figures for f in selectors.figures_by_line(PERIOD)}
    assert by_line["customer-services"].offered == 41
    assert by_line["vulnerable-residents-line"].offered == 5


def test_by_hour_of_the_day_adds_the_days_together_in_london_time(calls):
    by_hour = {h.hour: h.figures for h in selectors.figures_by_hour(PERIOD)}
    assert sorted(by_hour) == [9, 10, 23]
    nine = by_hour[9]
    assert (nine.offered, nine.answered, nine.abandoned, nine.answered_in_target) == (20, 18, 2, 15)
    assert nine.average_speed_of_answer == Average(260, 18)
    assert by_hour[10].abandonment_rate == Rate(1, 20)
    assert by_hour[23].offered == 1
    vulnerable_hours = selectors.figures_by_hour(PERIOD, line=calls["vulnerable"])
    assert [(h.hour, h.figures.offered) for h in vulnerable_hours] == [(9, 5)]


def test_by_day(calls):
    by_day = {d.day: d.figures for d in selectors.figures_by_day(PERIOD)}
    assert list(by_day) == [date(2026, 3, 2), date(2026, 3, 3)]
    monday, tuesday = by_day[date(2026, 3, 2)], by_day[date(2026, 3, 3)]
    assert (monday.offered, monday.answered, monday.abandoned) == (30, 26, 3)
    assert monday.service_level == Rate(21, 30)
    assert monday.average_handling_time == Average(7800, 26)
    assert (tuesday.offered, tuesday.answered, tuesday.wait_seconds) == (11, 11, 105)


def test_a_period_with_no_calls_has_no_rates(calls):
    empty = selectors.overall_figures(Period(date(2025, 1, 1), date(2025, 1, 2)))
    assert empty.offered == 0
    assert empty.answer_rate.value is None
    assert empty.average_speed_of_answer.value is None


def test_the_tables_show_the_general_total_and_the_vulnerable_line_apart(calls):
    by_line = calls_by_line(PERIOD)
    assert [row[0].value for row in by_line.rows] == ["Customer Services (60 s)", "General lines"]
    total = [cell.as_csv() for cell in by_line.rows[-1]]
    assert total == ["General lines", 41, 37, 31, 3, 90.2, 7.3, 75.6, 16.89, 294.59]
    vulnerable = vulnerable_line(PERIOD)
    assert [row[0].value for row in vulnerable.rows] == ["09:00", "All hours (target 20 s)"]
    assert vulnerable.rows[-1][1].value == 5
    days = general_by_day(PERIOD)
    assert days.csv_rows()[1][:2] == ["2026-03-02", 30]


def test_the_headline_call_measures_are_registered_and_count_the_general_lines(calls):
    from opencex.insight.measures import measure_for

    def value(key):
        found = measure_for(key)
        assert found is not None, key
        return found.value(PERIOD)

    answered = value("calls-answered")
    assert (answered.numerator, answered.denominator) == (37, 41)
    assert answered.value == pytest.approx(37 / 41 * 100)
    assert value("calls-abandoned").value == pytest.approx(3 / 41 * 100)
    assert value("calls-answered-in-target").value == pytest.approx(31 / 41 * 100)
    assert value("average-speed-of-answer").value == pytest.approx(625 / 37)
    assert measure_for("calls-answered").is_publishable  # type: ignore[union-attr]
    assert not measure_for("calls-abandoned").higher_is_better  # type: ignore[union-attr]


CALL_MEASURES = (
    "calls-answered",
    "calls-abandoned",
    "calls-answered-in-target",
    "average-speed-of-answer",
)


def test_the_four_call_measures_read_the_figures_once_per_period_when_read_together(
    calls, django_assert_num_queries
):
    from opencex.insight.measures import measure_for, readings_together

    found = [measure_for(key) for key in CALL_MEASURES]
    with django_assert_num_queries(1), readings_together():
        values = [measure.value(PERIOD) for measure in found if measure]
    assert values[0].denominator == 41
    # Another period is another reading.
    with django_assert_num_queries(2), readings_together():
        for measure in found:
            if measure:
                measure.value(PERIOD)
                measure.value(Period(date(2026, 3, 2), date(2026, 3, 2)))


def test_outside_a_reading_together_each_measure_reads_afresh(calls, django_assert_num_queries):
    from opencex.insight.measures import measure_for

    with django_assert_num_queries(len(CALL_MEASURES)):
        for key in CALL_MEASURES:
            measure = measure_for(key)
            assert measure is not None
            measure.value(PERIOD)
