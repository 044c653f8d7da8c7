"""The dashboards' figures against hand-counted cases and contacts: volumes by channel, service
and team, over time, by hour and weekday, the backlog by age in working days, and open cases
against their clocks (the queues' own clock status), each narrowed by the filters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.cases.models import Case, CaseKind, Channel, ClockPause, PauseReason, Status
from opencex.cases.selectors import ClockStatus, cases_with_clock_status
from opencex.contacts.models import Outcome
from opencex.insight import dashboards, rollups
from opencex.insight.dashboards import Filters
from opencex.insight.periods import Period
from tests.factories import CaseFactory, ContactFactory, ServiceFactory, TeamFactory
from tests.insight.conftest import WEEK, london

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 18)  # a Wednesday; no bank holiday in February or March 2026
NOW = london(2026, 3, 18, 12)


@pytest.fixture
def week():
    """Monday 2 to Sunday 8 March 2026: 5 cases and 2 contacts without a case, counted by hand,
    with a contact that opened a case and a case and contact outside the week."""
    waste = TeamFactory(slug="waste", name="Waste")
    housing = TeamFactory(slug="housing", name="Housing")
    bins = ServiceFactory(team=waste, title="Report a missed bin")
    repairs = ServiceFactory(team=housing, title="Report a repair")
    CaseFactory(
        channel=Channel.WEB, service=bins, team=waste, received_at=london(2026, 3, 2, 9, 30)
    )
    CaseFactory(
        channel=Channel.WEB, service=bins, team=waste, received_at=london(2026, 3, 2, 9, 45)
    )
    call = CaseFactory(
        channel=Channel.PHONE, service=repairs, team=housing, received_at=london(2026, 3, 3, 14, 10)
    )
    CaseFactory(
        channel=Channel.EMAIL, service=repairs, team=housing, received_at=london(2026, 3, 7, 10)
    )
    CaseFactory(channel=Channel.WEB, received_at=london(2026, 3, 8, 23, 30))
    ContactFactory(channel=Channel.PHONE, service=bins, at=london(2026, 3, 2, 9, 15))
    ContactFactory(channel=Channel.PHONE, at=london(2026, 3, 4, 16))
    # Counted as its case, not again as a contact.
    ContactFactory(
        channel=Channel.PHONE, outcome=Outcome.CASE_OPENED, case=call, at=london(2026, 3, 3, 14)
    )
    # Outside the week.
    CaseFactory(channel=Channel.WEB, service=bins, team=waste, received_at=london(2026, 3, 9, 8))
    ContactFactory(channel=Channel.FACE_TO_FACE, service=bins, at=london(2026, 3, 1, 11))
    return {"waste": waste, "housing": housing, "bins": bins, "repairs": repairs}  # fmt: skip


def _filters(period: Period = WEEK, **narrowed) -> Filters:
    return Filters(period=period, today=TODAY, **narrowed)


def _volumes(filters: Filters, dimension: str) -> list[tuple]:
    return [
        (v.name, v.cases, v.contacts, v.total) for v in dashboards.volumes_by(filters, dimension)
    ]


# Volumes


def test_volumes_by_channel_count_cases_and_contacts_without_a_case_most_first(week):
    assert _volumes(_filters(), "channel") == [
        ("phone", 1, 2, 3),
        ("web", 3, 0, 3),
        ("email", 1, 0, 1),
    ]


def test_volumes_by_service_put_the_service_not_recorded_last(week):
    assert _volumes(_filters(), "service") == [
        ("Report a missed bin", 2, 1, 3),
        ("Report a repair", 2, 0, 2),
        ("", 1, 1, 2),
    ]


def test_volumes_by_team_count_a_contact_as_its_services_team(week):
    assert _volumes(_filters(), "team") == [("Waste", 2, 1, 3), ("Housing", 2, 0, 2), ("", 1, 1, 2)]


def test_volumes_narrowed_to_a_team_a_channel_or_a_service_area(week):
    assert _volumes(_filters(team=week["waste"]), "channel") == [
        ("web", 2, 0, 2),
        ("phone", 0, 1, 1),
    ]
    assert _volumes(_filters(channel=Channel.PHONE), "service") == [
        ("Report a missed bin", 0, 1, 1),
        ("Report a repair", 1, 0, 1),
        ("", 0, 1, 1),
    ]
    area = week["housing"].service_area
    assert _volumes(_filters(service_area=area), "team") == [("Housing", 2, 0, 2)]


def test_volumes_by_something_unknown_are_refused():
    with pytest.raises(ValueError, match="colour"):
        dashboards.volumes_by(_filters(), "colour")


# Over time


def _buckets(filters: Filters, bucket: str) -> list[tuple]:
    rows = dashboards.volumes_over_time(filters, bucket)
    return [(row.starts_on, row.cases, row.contacts) for row in rows]


def test_volumes_by_day_show_every_day_of_the_period_with_none_as_zero(week):
    assert _buckets(_filters(), "day") == [
        (dt.date(2026, 3, 2), 2, 1),
        (dt.date(2026, 3, 3), 1, 0),
        (dt.date(2026, 3, 4), 0, 1),
        (dt.date(2026, 3, 5), 0, 0),
        (dt.date(2026, 3, 6), 0, 0),
        (dt.date(2026, 3, 7), 1, 0),
        (dt.date(2026, 3, 8), 1, 0),
    ]


def test_volumes_by_week_start_on_mondays_and_hold_only_the_periods_days(week):
    period = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 9))  # Sunday to the next Monday
    assert _buckets(_filters(period), "week") == [
        (dt.date(2026, 2, 23), 0, 1),
        (dt.date(2026, 3, 2), 5, 2),
        (dt.date(2026, 3, 9), 1, 0),
    ]


def test_volumes_by_month_start_on_the_first(week):
    period = Period(dt.date(2026, 2, 20), dt.date(2026, 3, 9))
    assert _buckets(_filters(period), "month") == [
        (dt.date(2026, 2, 1), 0, 0),
        (dt.date(2026, 3, 1), 6, 3),
    ]


# Hour by weekday


def test_arrival_times_count_cases_and_contacts_by_weekday_and_london_hour(week):
    times = dashboards.arrival_times(_filters())
    assert times.counts == {(1, 9): 3, (2, 14): 1, (3, 16): 1, (6, 10): 1, (7, 23): 1}
    assert times.on(1) == 3
    assert times.total == 7


def test_arrival_times_are_in_london_time_in_summer():
    summer = Period(dt.date(2026, 6, 1), dt.date(2026, 6, 7))
    # 23:30 in London on Monday 1 June is 22:30 UTC.
    CaseFactory(received_at=london(2026, 6, 1, 23, 30))
    assert dashboards.arrival_times(_filters(summer)).counts == {(1, 23): 1}


# The backlog by age


def test_age_band_limits_count_the_councils_working_days():
    assert dashboards.received_on_or_before(TODAY, 5) == dt.date(2026, 3, 11)
    assert dashboards.received_on_or_before(TODAY, 10) == dt.date(2026, 3, 4)
    assert dashboards.received_on_or_before(TODAY, 20) == dt.date(2026, 2, 18)


@time_machine.travel(NOW, tick=False)
def test_backlog_by_age_puts_each_open_case_in_its_band_by_team():
    waste = TeamFactory(slug="waste", name="Waste")
    housing = TeamFactory(slug="housing", name="Housing")
    for day in (dt.date(2026, 3, 12), dt.date(2026, 3, 11), dt.date(2026, 3, 4)):  # 4, 5, 10
        CaseFactory(team=waste, received_at=london(day.year, day.month, day.day))
    for day in (dt.date(2026, 3, 5), dt.date(2026, 2, 19), dt.date(2026, 2, 18)):  # 9, 19, 20
        CaseFactory(team=housing, received_at=london(day.year, day.month, day.day))
    CaseFactory(received_at=london(2026, 1, 5))
    CaseFactory(team=waste, received_at=london(2026, 1, 5), status=Status.CLOSED)

    ageing = dashboards.backlog_by_age(_filters())

    assert [(row.team, row.bands, row.open_cases) for row in ageing] == [
        ("Housing", (0, 1, 1, 1), 3),
        ("Waste", (1, 1, 1, 0), 3),
        ("", (0, 0, 0, 1), 1),
    ]
    assert [row.team for row in dashboards.backlog_by_age(_filters(team=waste))] == ["Waste"]


# Open cases against their clocks


@pytest.fixture
def clocks():
    waste = TeamFactory(slug="waste", name="Waste")
    housing = TeamFactory(slug="housing", name="Housing")
    received = london(2026, 3, 2)
    for due_on in (
        dt.date(2026, 3, 17),  # overdue
        dt.date(2026, 3, 18),  # due soon: today
        dt.date(2026, 3, 20),  # due soon: the second working day after today
        dt.date(2026, 3, 23),  # on track
        None,  # on track: no due date
    ):
        CaseFactory(team=waste, received_at=received, due_on=due_on)
    paused = CaseFactory(team=housing, received_at=received, due_on=dt.date(2026, 3, 10))
    ClockPause.objects.create(
        case=paused, reason=PauseReason.CLARIFICATION, started_on=dt.date(2026, 3, 9)
    )
    CaseFactory(team=housing, received_at=received, due_on=dt.date(2026, 3, 1))
    # A clock in hours is overdue from its hour, even on its due day.
    CaseFactory(
        team=housing,
        received_at=received,
        due_on=TODAY,
        due_at=london(2026, 3, 18, 9),
        channel=Channel.PHONE,
    )
    CaseFactory(
        team=housing, received_at=received, due_on=dt.date(2026, 3, 1), status=Status.CLOSED
    )
    return {"waste": waste, "housing": housing}


@time_machine.travel(NOW, tick=False)
def test_clocks_by_team_count_open_cases_by_the_queues_clock_status(clocks):
    standings = dashboards.clocks_by_team(_filters())
    assert [
        (row.team, [row.of(status) for status in dashboards.CLOCK_STATUSES], row.open_cases)
        for row in standings
    ] == [("Housing", [0, 0, 2, 1], 3), ("Waste", [2, 2, 1, 0], 5)]


@time_machine.travel(NOW, tick=False)
def test_clocks_by_team_agree_with_the_one_definition_of_clock_status(clocks):
    standings = dashboards.clocks_by_team(_filters())
    for status in dashboards.CLOCK_STATUSES:
        assert sum(row.of(status) for row in standings) == (
            cases_with_clock_status(status, TODAY).count()
        )
    assert sum(row.open_cases for row in standings) == Case.objects.open().count()


@time_machine.travel(NOW, tick=False)
def test_clocks_by_team_narrowed_to_a_channel(clocks):
    standings = dashboards.clocks_by_team(_filters(channel=Channel.PHONE))
    assert [(row.team, row.counts) for row in standings] == [("Housing", {ClockStatus.OVERDUE: 1})]


def test_each_dashboard_is_one_or_two_grouped_queries_however_many_cases(
    week, django_assert_max_num_queries
):
    filters = _filters()
    # From the rollups (PostgreSQL): cases and contacts, then the names and the services' teams.
    with django_assert_max_num_queries(4 if rollups.in_use() else 2):
        dashboards.volumes_by(filters, "team")
    with django_assert_max_num_queries(2):
        dashboards.volumes_over_time(filters, "day")
    with django_assert_max_num_queries(2):
        dashboards.arrival_times(filters)
    with django_assert_max_num_queries(1):
        dashboards.backlog_by_age(filters)
    with django_assert_max_num_queries(1):
        dashboards.clocks_by_team(filters)


@time_machine.travel(dt.datetime(2027, 1, 6, 12, tzinfo=dt.UTC), tick=False)
def test_backlog_by_age_counts_each_case_in_its_own_clocks_calendar():
    """Received on Christmas Eve 2026; on Wednesday 6 January 2027 a service request has been
    open 3 of the council's working days (4 to 6 January: the 29th to 31st are its closure
    days), while an FOI request has been open 5 UK working days (29 to 31 December, 5 and 6
    January; the 4th is Scotland's bank holiday): closures never stop the FOI clock. Each is in
    its own clock's band."""
    team = TeamFactory(slug="foi-team", name="Information")
    CaseFactory(team=team, received_at=london(2026, 12, 24))
    CaseFactory(team=team, received_at=london(2026, 12, 24), kind=CaseKind.FOI)
    filters = Filters(
        period=Period(dt.date(2026, 12, 1), dt.date(2027, 1, 6)), today=dt.date(2027, 1, 6)
    )

    [row] = dashboards.backlog_by_age(filters)

    assert row.bands == (1, 1, 0, 0)
