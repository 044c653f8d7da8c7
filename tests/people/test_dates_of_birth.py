"""A date of birth is in the past and within anyone's lifetime, whichever door records it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.people.dates_of_birth import (
    DateOfBirthRefused,
    date_of_birth_problem,
    earliest_date_of_birth,
)
from opencex.people.models import Resident
from opencex.people.services import create_resident
from tests.factories import UserFactory

TODAY = dt.date(2025, 6, 10)


def test_a_date_of_birth_in_the_past_is_accepted():
    assert date_of_birth_problem(dt.date(1961, 4, 3), today=TODAY) is None


@pytest.mark.parametrize("born", [TODAY, TODAY + dt.timedelta(days=1), dt.date(2099, 1, 1)])
def test_a_date_of_birth_today_or_in_the_future_must_be_in_the_past(born):
    assert date_of_birth_problem(born, today=TODAY) == "Date of birth must be in the past"


def test_a_date_of_birth_more_than_130_years_ago_is_refused_with_the_earliest_date():
    problem = date_of_birth_problem(dt.date(1895, 6, 9), today=TODAY)
    assert problem == "Date of birth must be the same as or after 10 June 1895"


def test_a_date_of_birth_exactly_130_years_ago_is_accepted():
    assert date_of_birth_problem(dt.date(1895, 6, 10), today=TODAY) is None


def test_on_29_february_the_earliest_date_of_birth_falls_on_28_february():
    assert earliest_date_of_birth(dt.date(2024, 2, 29)) == dt.date(1894, 2, 28)


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_creating_a_resident_with_a_future_date_of_birth_is_refused():
    officer = UserFactory(role="contact_centre")
    with pytest.raises(DateOfBirthRefused, match="Date of birth must be in the past"):
        create_resident(actor=officer, full_name="Ada Okonkwo", date_of_birth=dt.date(2026, 1, 1))
    assert not Resident.objects.exists()


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2025, 6, 10, 12, tzinfo=dt.UTC), tick=False)
def test_creating_a_resident_without_a_date_of_birth_is_fine():
    officer = UserFactory(role="contact_centre")
    resident = create_resident(actor=officer, full_name="Ada Okonkwo")
    assert resident.date_of_birth is None
