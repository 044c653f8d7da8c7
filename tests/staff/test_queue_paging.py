"""Queue pages without counting every case, and the database indexes that keep queues fast."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.models import Case
from opencex.staff.queues.paging import page_number, page_of
from tests.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUES = reverse("staff:queues")


@pytest.fixture
def team():
    return TeamFactory(slug="waste", name="Waste and recycling")


@pytest.fixture
def caseworker(team):
    return UserFactory(role=Role.CASEWORKER, teams=[team])


@pytest.fixture
def hundred_and_one_cases(team):
    return CaseFactory.create_batch(101, team=team)


def test_a_middle_page_links_to_the_previous_and_the_next(
    client, caseworker, hundred_and_one_cases
):
    client.force_login(caseworker)
    page = client.get(QUEUES, {"queue": "waste", "page": 2}).content.decode()
    assert 'href="?queue=waste&amp;page=1" rel="prev"' in page
    assert 'href="?queue=waste&amp;page=3" rel="next"' in page
    assert "Showing 51 to 100" in page


def test_the_last_page_has_no_next_and_says_how_many_pages(
    client, caseworker, hundred_and_one_cases
):
    client.force_login(caseworker)
    page = client.get(QUEUES, {"queue": "waste", "page": 3}).content.decode()
    assert 'rel="next"' not in page
    assert "Page 3 of 3" in page
    assert "101 cases" in page


def test_every_case_appears_once_across_the_pages(client, caseworker, hundred_and_one_cases):
    client.force_login(caseworker)
    seen = []
    for number in (1, 2, 3):
        response = client.get(QUEUES, {"queue": "waste", "page": number})
        seen += [case.reference for case in response.context["page"].object_list]
    assert sorted(seen) == sorted(case.reference for case in hundred_and_one_cases)


def test_a_page_past_the_end_says_so_and_links_to_the_first(client, caseworker, team):
    CaseFactory(team=team)
    client.force_login(caseworker)
    page = client.get(QUEUES, {"queue": "waste", "page": 7}).content.decode()
    assert "There are no cases on this page." in page
    assert 'href="?queue=waste">Go to the first page</a>' in page


def _cases(ids):
    return Case.objects.filter(pk__in=ids)


def test_counting_stops_at_the_limit(team):
    CaseFactory.create_batch(7, team=team)
    page = page_of(Case.objects.order_by("id"), 1, 2, rows=_cases, count_limit=5)
    assert page.has_next
    assert page.count is None
    assert page.num_pages is None


def test_a_list_shorter_than_the_limit_is_counted(team):
    CaseFactory.create_batch(7, team=team)
    page = page_of(Case.objects.order_by("id"), 2, 2, rows=_cases, count_limit=50)
    assert (page.count, page.num_pages, page.start_index, page.end_index) == (7, 4, 3, 4)


def test_counting_while_sorting_counts_every_row_in_the_same_query(team, django_assert_num_queries):
    CaseFactory.create_batch(7, team=team)
    with django_assert_num_queries(2):  # the ids with their total, then the rows
        page = page_of(
            Case.objects.order_by("id"),
            1,
            2,
            rows=_cases,
            count_limit=5,
            count_while_sorting=True,
        )
    assert (page.count, page.has_next, len(page.object_list)) == (7, True, 2)


@pytest.mark.parametrize(("text", "number"), [("", 1), ("x", 1), ("-3", 1), ("0", 1), ("4", 4)])
def test_a_page_number_that_is_not_a_whole_number_from_one_is_the_first_page(text, number):
    assert page_number(text) == number


# --- Search and queue indexes (cases 0004 and 0010, people 0002) --------------------------------


def _indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


SEARCH_INDEXES = {
    "cases_case": {
        "cases_case_contact_name_trgm",
        "cases_case_contact_email_ci",
        "cases_case_contact_phone",
        "cases_case_open_queue_clock",
        "cases_case_open_team_queue",
        "cases_case_open_officer_queue",
        "cases_case_team_status_queue",
    },
    "people_resident": {"people_resident_full_name_trgm", "people_resident_priority"},
}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")
@pytest.mark.parametrize("table", SEARCH_INDEXES)
def test_the_search_indexes_exist_on_postgresql(table):
    assert SEARCH_INDEXES[table] <= _indexes(table)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite no-op")
@pytest.mark.parametrize("table", SEARCH_INDEXES)
def test_the_search_index_migrations_do_nothing_on_sqlite(table):
    assert not SEARCH_INDEXES[table] & _indexes(table)
