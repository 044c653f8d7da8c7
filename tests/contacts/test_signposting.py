"""The partner directory as an officer picks from it when signposting: grouped by need, or
narrowed by a search."""

from __future__ import annotations

import pytest

from opencex.contacts.signposting import active_entry, directory_choices, matching_choices
from opencex.directory.models import Status
from tests.factories import DirectoryServiceFactory, NeedFactory

pytestmark = pytest.mark.django_db


def _labels(group) -> list[str]:
    return [label for _value, label in group[1]]


def test_entries_are_grouped_under_each_need_they_meet():
    food, debt = NeedFactory(slug="food", name="Food"), NeedFactory(slug="debt", name="Debt")
    DirectoryServiceFactory(name="Food bank", organization__name="Oxford Food Bank", needs=[food])
    DirectoryServiceFactory(
        name="Money advice", organization__name="Citizens Advice", needs=[food, debt]
    )
    groups = dict(directory_choices())
    assert [label for _v, label in groups["Food"]] == [
        "Oxford Food Bank: Food bank",
        "Citizens Advice: Money advice",
    ]
    assert [label for _v, label in groups["Debt"]] == ["Citizens Advice: Money advice"]


def test_entries_with_no_need_are_offered_last_under_other():
    DirectoryServiceFactory(name="Lunch club", organization__name="Oxford Hub")
    DirectoryServiceFactory(name="Food bank", needs=[NeedFactory(slug="food", name="Food")])
    groups = directory_choices()
    assert groups[-1][0] == "Other"
    assert _labels(groups[-1]) == ["Oxford Hub: Lunch club"]


def test_closed_entries_are_not_offered():
    food = NeedFactory(slug="food", name="Food")
    DirectoryServiceFactory(name="Old larder", status=Status.DEFUNCT, needs=[food])
    assert directory_choices() == []
    assert matching_choices("larder") == []


def test_a_search_by_need_lists_only_the_entries_that_meet_it():
    food = NeedFactory(slug="food", name="Food")
    DirectoryServiceFactory(name="Barton larder", needs=[food])
    DirectoryServiceFactory(name="Debt advice", needs=[NeedFactory(slug="debt", name="Debt")])
    [(group, options)] = matching_choices("food")
    assert group == "Matches for “food”"
    assert [label.split(": ")[1] for _v, label in options] == ["Barton larder"]


def test_only_an_active_entry_can_be_chosen():
    open_entry = DirectoryServiceFactory()
    closed = DirectoryServiceFactory(status=Status.INACTIVE)
    assert active_entry(str(open_entry.pk)) == open_entry
    assert active_entry(str(closed.pk)) is None
    assert active_entry("not-a-number") is None
