"""The volume generator (PostgreSQL only) and the daily rollups the busiest figures read on
PostgreSQL: kept by triggers through inserts, updates and deletes, and exactly equal to counting
the rows, on a hand-counted fixture and on random ones."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from opencex.cases.models import Case, CaseKind, Channel, Status
from opencex.catalogue.models import ServiceArea, Team
from opencex.contacts.models import Contact, Outcome
from opencex.feedback.models import Rating
from opencex.insight import dashboards, rollups, selectors
from opencex.insight.models import (
    CasesFinishedDay,
    CasesReceivedDay,
    CasesReceivedHour,
    ContactsDay,
    ContactsHour,
    RepeatDay,
    RepeatMark,
)
from opencex.insight.periods import Period
from opencex.insight.volume import (
    ALLOW_SETTING,
    VolumeError,
    check_may_generate,
    generate_volume,
)
from opencex.people.models import Resident
from tests.factories import (
    CaseFactory,
    ContactFactory,
    ResidentFactory,
    ServiceFactory,
    UserFactory,
)
from tests.insight.conftest import WEEK, london

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the rollups and the generator are PostgreSQL's"
)

UNTIL = dt.date(2026, 3, 31)
PERIODS = [
    Period(dt.date(2026, 3, 1), UNTIL),
    Period(dt.date(2026, 1, 1), UNTIL),
    Period(dt.date(2025, 4, 1), UNTIL),
    Period(dt.date(2025, 3, 29), dt.date(2025, 3, 31)),  # the clocks went forward on the 30th
    Period(dt.date(2025, 10, 26), dt.date(2025, 10, 26)),  # and back on this day
]


def _dashboard(name, figure):
    def counted(period):
        found = []
        for narrowed in ({}, *({"team": team} for team in Team.objects.all()[:2]),
                         *({"service_area": area} for area in ServiceArea.objects.all()[:1]),
                         {"channel": Channel.PHONE}):  # fmt: skip
            found.append(figure(dashboards.Filters(period, period.end, **narrowed)))
        return found

    counted.__name__ = name
    return counted


FIGURES = [
    selectors.demand_by_channel,
    selectors.first_contact_resolution,
    selectors.repeat_contact,  # from the marks the triggers keep
    selectors.cases_by_kind,
    selectors.channel_shift,
    # The dashboards' volumes read the rollups too, narrowed each way the page narrows them.
    *(
        _dashboard(f"volumes_by_{dimension}", lambda f, d=dimension: dashboards.volumes_by(f, d))
        for dimension in dashboards.DIMENSIONS
    ),
    *(
        _dashboard(f"volumes_by_{bucket}", lambda f, b=bucket: dashboards.volumes_over_time(f, b))
        for bucket in dashboards.BUCKETS
    ),
    _dashboard("arrival_times", dashboards.arrival_times),  # from the hourly rollups
]


def _both_ways(figure, period):
    from_rollups = figure(period)
    with rollups.counting_rows():
        from_rows = figure(period)
    return from_rollups, from_rows


def _rollup_tables() -> dict[str, set[tuple]]:
    """The rollups' non-zero rows, to compare with a full recount."""
    return {
        "received": set(
            CasesReceivedDay.objects.exclude(cases=0).values_list(
                "day", "kind", "stage", "channel", "service_id", "team_id", "cases"
            )
        ),
        "finished": set(
            CasesFinishedDay.objects.exclude(cases=0).values_list(
                "day", "kind", "stage", "cases", "without_due_date", "in_time"
            )
        ),
        "contacts": set(
            ContactsDay.objects.exclude(contacts=0).values_list(
                "day", "channel", "outcome", "service_id", "contacts"
            )
        ),
        "received by hour": set(
            CasesReceivedHour.objects.exclude(cases=0).values_list(
                "day", "weekday", "hour", "channel", "service_id", "team_id", "cases"
            )
        ),
        "contacts by hour": set(
            ContactsHour.objects.exclude(contacts=0).values_list(
                "day", "weekday", "hour", "channel", "service_id", "contacts"
            )
        ),
        "repeat marks": set(
            RepeatMark.objects.values_list(
                "source", "source_id", "resident_id", "service_id", "at", "day", "repeat"
            )
        ),
        "repeats by day": set(
            RepeatDay.objects.exclude(counted=0, repeats=0).values_list(
                "day", "service_id", "counted", "repeats"
            )
        ),
    }


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite refuses")
def test_the_generator_refuses_sqlite_with_a_clear_message():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_volume", cases=10, contacts=10)


def test_the_generator_may_write_into_a_database_with_only_its_own_cases(monkeypatch):
    monkeypatch.delenv(ALLOW_SETTING, raising=False)
    check_may_generate()  # no cases at all
    CaseFactory(reference="VOL0000000001")
    check_may_generate()


def test_the_generator_refuses_a_database_holding_other_cases(settings, monkeypatch):
    monkeypatch.delenv(ALLOW_SETTING, raising=False)
    CaseFactory(reference="VOL0000000001")
    CaseFactory()  # a resident's case: this may be a live database
    with pytest.raises(VolumeError, match="1 cases the generator did not make"):
        check_may_generate()
    with pytest.raises(VolumeError, match="OPENCEX_ALLOW_VOLUME_GENERATION=1"):
        check_may_generate(forced=True)  # the flag alone is not enough
    monkeypatch.setenv(ALLOW_SETTING, "1")
    with pytest.raises(VolumeError, match="--into-an-empty-or-bench-database"):
        check_may_generate()  # nor the environment alone
    check_may_generate(forced=True)  # both: a bench database on purpose
    monkeypatch.delenv(ALLOW_SETTING)
    settings.OPENCEX_ALLOW_VOLUME_GENERATION = "1"
    check_may_generate(forced=True)


@postgres_only
def test_the_generator_writes_valid_rows_and_the_rollups_match_the_rows():
    report = generate_volume(cases=2000, contacts=5000, seed=3, until=UNTIL, years=2)

    assert report.counts["cases"] == Case.objects.filter(reference__startswith="VOL").count()
    assert report.counts["cases"] == 2000
    assert Contact.objects.count() == 5000
    assert Resident.objects.count() == report.counts["residents"] == 400
    assert Rating.objects.count() == report.counts["ratings"] > 0
    # Every contact that opened a case points at one; the database's checks held for COPY.
    assert not Contact.objects.filter(outcome=Outcome.CASE_OPENED, case__isnull=True).exists()
    # Each case's London date of receipt is the date it was received on.
    for case in Case.objects.order_by("?")[:200]:
        assert case.received_at.astimezone(london(2026, 1, 1).tzinfo).date() == case.received_on
    assert set(Case.objects.values_list("kind", flat=True)) >= {
        CaseKind.SERVICE_REQUEST, CaseKind.COMPLAINT, CaseKind.FOI
    }  # fmt: skip
    assert Case.objects.filter(kind=CaseKind.COMPLAINT, stage=2).exists()
    assert Case.objects.filter(received_on__gt=UNTIL).count() == 0
    for period in PERIODS:
        for figure in FIGURES:
            from_rollups, from_rows = _both_ways(figure, period)
            assert from_rollups == from_rows, (figure.__name__, period)
    # The recount the generator ended with is what the triggers would have made.
    before = _rollup_tables()
    rollups.recount()
    assert _rollup_tables() == before


@postgres_only
def test_the_rollups_count_a_hand_made_week():
    officer = UserFactory(password=None)
    # Received in the week: 2 web, 1 phone complaint; one web case the Sunday before.
    CaseFactory(channel=Channel.WEB, received_at=london(2026, 3, 2, 9))
    web = CaseFactory(channel=Channel.WEB, received_at=london(2026, 3, 8, 23, 59))
    CaseFactory(
        channel=Channel.PHONE, kind=CaseKind.COMPLAINT, received_at=london(2026, 3, 4),
        responded_on=dt.date(2026, 3, 6), status=Status.RESPONDED,
    )  # fmt: skip
    CaseFactory(channel=Channel.WEB, received_at=london(2026, 3, 1, 23, 59))
    # Contacts: 2 resolved by phone, 1 that opened the web case (not counted in demand).
    ContactFactory(officer=officer, at=london(2026, 3, 3))
    ContactFactory(officer=officer, at=london(2026, 3, 8, 23, 30))
    ContactFactory(
        officer=officer, channel=Channel.WEB, outcome=Outcome.CASE_OPENED, case=web,
        at=london(2026, 3, 8, 23, 59),
    )  # fmt: skip

    demand = {row.channel: (row.cases, row.contacts) for row in selectors.demand_by_channel(WEEK)}
    assert demand["web"] == (2, 0)
    assert demand["phone"] == (1, 2)
    assert demand[""] == (3, 2)
    resolution = {
        r.channel: (r.contacts, r.resolved) for r in selectors.first_contact_resolution(WEEK)
    }
    assert resolution == {"phone": (2, 2), "web": (1, 0), "": (3, 2)}
    kinds = {(r.kind, r.stage): (r.received, r.finished, r.in_time)
             for r in selectors.cases_by_kind(WEEK)}  # fmt: skip
    assert kinds[("complaint", 1)] == (1, 1, 1)
    assert kinds[("", None)] == (3, 1, 1)

    # An update moves a case between rows; a delete takes it away.
    web.channel = Channel.EMAIL
    web.save()
    Case.objects.filter(channel=Channel.PHONE).update(status=Status.WITHDRAWN)
    demand = {row.channel: row.cases for row in selectors.demand_by_channel(WEEK)}
    assert (demand["web"], demand["email"], demand["phone"]) == (1, 1, 1)
    kinds = {(r.kind, r.stage): r.finished for r in selectors.cases_by_kind(WEEK)}
    assert kinds[("complaint", 1)] == 0
    Contact.objects.filter(channel=Channel.PHONE).delete()
    assert {r.channel for r in selectors.first_contact_resolution(WEEK)} == {"web", ""}


@postgres_only
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_rollups_stay_equal_to_the_rows_through_random_writes(seed):
    rng = random.Random(seed)
    officer = UserFactory(password=None)
    services = [None, *ServiceFactory.create_batch(3)]
    # A few residents, so that repeat contact has repeats to find (and anonymous rows beside).
    residents = [None, *ResidentFactory.create_batch(3)]
    kinds = [CaseKind.SERVICE_REQUEST, CaseKind.COMPLAINT, CaseKind.FOI, CaseKind.COMMENT]
    start = london(2026, 3, 20, 0, 0)

    def moment():
        return start + dt.timedelta(minutes=rng.randrange(60 * 24 * 16))

    cases = []
    for _ in range(60):
        received_at = moment()
        closed = rng.random() < 0.5
        cases.append(
            CaseFactory(
                kind=rng.choice(kinds),
                channel=rng.choice(Channel.values),
                service=rng.choice(services),
                resident=rng.choice(residents),
                received_at=received_at,
                due_on=rng.choice(
                    [None, received_at.date() + dt.timedelta(days=rng.randint(0, 9))]
                ),
                responded_on=(received_at.date() + dt.timedelta(days=rng.randint(0, 9))
                              if rng.random() < 0.3 else None),
                closed_at=received_at + dt.timedelta(hours=rng.randint(1, 300)) if closed else None,
                status=rng.choice([Status.CLOSED, Status.WITHDRAWN, Status.IN_PROGRESS]),
            )
        )  # fmt: skip
    contacts = [
        ContactFactory(
            officer=officer, at=moment(), channel=rng.choice(Channel.values),
            service=rng.choice(services), resident=rng.choice(residents),
            **rng.choice([{"outcome": Outcome.RESOLVED}, {"outcome": Outcome.CASE_OPENED,
                                                          "case": rng.choice(cases)}]),
        )
        for _ in range(80)
    ]  # fmt: skip
    for case in rng.sample(cases, 20):  # updates of counted and uncounted columns
        case.channel = rng.choice(Channel.values)
        case.status = rng.choice([Status.CLOSED, Status.WITHDRAWN, Status.RESPONDED])
        case.closed_at = case.received_at + dt.timedelta(hours=rng.randint(1, 400))
        case.subject = "Changed"
        case.save()
    for case in rng.sample(cases, 15):  # moved in time, to another resident or service
        case.received_at = moment()
        case.received_on = case.received_at.astimezone(london(2026, 1, 1).tzinfo).date()
        case.clock_started_on = case.received_on
        case.resident = rng.choice(residents)
        case.service = rng.choice(services)
        case.save()
    for contact in rng.sample(contacts, 10):
        contact.at = moment()
        contact.resident = rng.choice(residents)
        contact.save()
    for contact in rng.sample(contacts, 6):  # a contact that now opened a case, or no longer
        opened = contact.case_id is None
        contact.outcome = Outcome.CASE_OPENED if opened else Outcome.RESOLVED
        contact.case = rng.choice(cases) if opened else None
        contact.save()
    for contact in rng.sample(contacts, 10):
        contact.delete()
    unreferenced = [c for c in cases if not Contact.objects.filter(case=c).exists()]
    for case in rng.sample(unreferenced, 5):
        case.delete()

    for period in [Period(dt.date(2026, 3, 20), dt.date(2026, 4, 10)),
                   Period(dt.date(2026, 3, 29), dt.date(2026, 3, 29)),
                   Period(dt.date(2026, 3, 25), dt.date(2026, 4, 2))]:  # fmt: skip
        for figure in FIGURES:
            from_rollups, from_rows = _both_ways(figure, period)
            assert from_rollups == from_rows, (figure.__name__, period)
    # The fixture is dense enough for repeat contact to find repeats, and first contacts too.
    everything = selectors.repeat_contact(Period(dt.date(2026, 3, 20), dt.date(2026, 4, 10)))[-1]
    assert 0 < everything.repeats < everything.contacts
    kept = _rollup_tables()
    rollups.recount()
    assert _rollup_tables() == kept


@pytest.mark.parametrize("kind", [CaseKind.FOI, CaseKind.COMPLAINT, CaseKind.SAR])
def test_working_days_taken_by_running_counts_equals_counting_day_by_day(kind):
    from opencex.insight.durations import WorkingDaysTaken, clock_calendar

    rng = random.Random(kind)
    calendar = clock_calendar(kind)
    taken = WorkingDaysTaken(calendar)
    for _ in range(500):
        start = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(12000))
        end = start + dt.timedelta(days=rng.randint(-20, 800))
        assert taken(start, end) == calendar.working_days_between(start, end)


def _rollup_rows_in_write_order(table: str, columns: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY ctid")  # noqa: S608
        return cursor.fetchall()


@postgres_only
@pytest.mark.parametrize(("before", "after"), [("web", "email"), ("email", "web")])
def test_an_update_writes_its_two_groups_in_key_order_so_opposite_moves_cannot_deadlock(
    before, after
):
    """Two updates moving cases X to Y and Y to X at once deadlock if each writes its old group
    first. Both must write the lower group first: seen here in the order the rows were written
    into emptied rollups (a row's place in the table, ctid)."""
    case = CaseFactory(channel=before, received_at=london(2026, 3, 3))
    contact = ContactFactory(
        officer=UserFactory(password=None), channel=before, at=london(2026, 3, 3)
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM insight_casesreceivedday; DELETE FROM insight_contactsday")
    case.channel = after
    case.save()
    contact.channel = after
    contact.save()

    written = _rollup_rows_in_write_order("insight_casesreceivedday", "channel, cases")
    assert written == [
        ("email", 1 if after == "email" else -1),
        ("web", 1 if after == "web" else -1),
    ]
    written = _rollup_rows_in_write_order("insight_contactsday", "channel, contacts")
    assert written == [
        ("email", 1 if after == "email" else -1),
        ("web", 1 if after == "web" else -1),
    ]
    rollups.recount()
    assert _rollup_tables()["received"] == {
        (dt.date(2026, 3, 3), case.kind, 0, after, case.service_id or 0, case.team_id or 0, 1)
    }


@postgres_only
def test_repeat_marks_follow_an_earlier_contact_written_moved_and_deleted():
    """A contact back-dated into the 7 days before a case makes that case a repeat; moving the
    contact more than 7 days back, or deleting it, makes it a first contact again. The marks
    and the day rollup agree with counting the rows at each step."""
    officer = UserFactory(password=None)
    resident = ResidentFactory()
    service = ServiceFactory()
    case = CaseFactory(resident=resident, service=service, received_at=london(2026, 3, 6, 10))
    week = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 8))

    def total():
        from_rollups, from_rows = _both_ways(selectors.repeat_contact, week)
        assert from_rollups == from_rows
        return from_rollups[-1].contacts, from_rollups[-1].repeats

    assert total() == (1, 0)
    call = ContactFactory(
        officer=officer, resident=resident, service=service, at=london(2026, 3, 2, 10)
    )
    assert total() == (2, 1)  # the case, four days after the call, is a repeat
    assert RepeatMark.objects.get(source="c", source_id=case.pk).repeat
    # Exactly 7 days before is still within the window; a microsecond more is not.
    call.at = london(2026, 2, 27, 10)
    call.save()
    assert RepeatMark.objects.get(source="c", source_id=case.pk).repeat
    call.at = london(2026, 2, 27, 10) - dt.timedelta(microseconds=1)
    call.save()
    assert not RepeatMark.objects.get(source="c", source_id=case.pk).repeat
    assert total() == (1, 0)  # the call is now before the week
    call.at = london(2026, 3, 6, 10)  # the same moment as the case: no repeat either way
    call.save()
    assert total() == (2, 0)
    call.delete()
    assert total() == (1, 0)
    assert RepeatDay.objects.get(day=dt.date(2026, 3, 6), service_id=service.pk).counted == 1


@postgres_only
def test_arrivals_by_hour_cross_the_clock_change_in_london_time():
    CaseFactory(received_at=london(2026, 3, 29, 0, 30))  # Sunday, before the change, GMT
    CaseFactory(received_at=london(2026, 3, 29, 3, 30))  # after it, BST
    ContactFactory(officer=UserFactory(password=None), at=london(2026, 3, 29, 3, 45))
    period = Period(dt.date(2026, 3, 29), dt.date(2026, 3, 29))
    arrivals = dashboards.arrival_times(dashboards.Filters(period, period.end))
    assert arrivals.counts == {(7, 0): 1, (7, 3): 2}
    with rollups.counting_rows():
        assert dashboards.arrival_times(dashboards.Filters(period, period.end)) == arrivals


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_contacts_written_at_once_by_the_same_resident_are_judged_as_if_one_after_the_other():
    """Two transactions, each unable to see the other's uncommitted row, write the same
    resident's contacts about one service a day apart. Without the per resident and service lock
    neither would count the other: the later one must still be a repeat."""
    import threading

    from django.db import connections, transaction

    officer = UserFactory(password=None)
    resident = ResidentFactory()
    service = ServiceFactory()
    first_written = threading.Event()

    def write(at, signal=None, wait=None):
        try:
            with transaction.atomic():
                if wait is not None:
                    wait.wait(10)
                ContactFactory(officer=officer, resident=resident, service=service, at=at)
                if signal is not None:
                    signal.set()
                    threading.Event().wait(0.5)  # hold the transaction open a moment
        finally:
            connections.close_all()

    later = threading.Thread(
        target=write, args=(london(2026, 3, 4, 9),), kwargs={"wait": first_written}
    )
    later.start()
    write(london(2026, 3, 3, 9), signal=first_written)
    later.join(20)

    marks = dict(RepeatMark.objects.values_list("at", "repeat"))
    assert marks == {london(2026, 3, 3, 9): False, london(2026, 3, 4, 9): True}
    assert selectors.repeat_contact(WEEK)[-1].repeats == 1
