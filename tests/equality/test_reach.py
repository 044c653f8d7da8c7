"""Reach by channel and equality characteristic against a hand-counted fixture (conftest), with
small numbers suppressed, first and second; and the share with no answers shown honestly."""

from __future__ import annotations

import pytest

from opencex.insight import reach
from opencex.insight.small_numbers import Hidden
from tests.equality.conftest import WEEK

pytestmark = pytest.mark.django_db
SMALL, SECONDARY = Hidden.SMALL, Hidden.SECONDARY


def _table(field: str, threshold: int) -> dict[str, list[reach.Count]]:
    tables = reach.reach_by_characteristic(WEEK, threshold=threshold)
    table = next(t for t in tables if t.question.field == field)
    assert table.channels == ["web", "phone"]
    return dict(table.rows)


def _values(row: list[reach.Count]) -> list[int]:
    return [count.value for count in row]


def test_residents_are_counted_by_channel_and_answer(reached):
    rows = _table("sex", threshold=1)

    assert _values(rows["female"]) == [7, 1, 7]
    assert _values(rows["male"]) == [0, 2, 2]
    assert _values(rows["prefer_not_to_say"]) == [0, 0, 0]
    assert _values(rows[""]) == [0, 1, 1]  # a profile without this question answered
    assert _values(rows[reach.NO_PROFILE]) == [3, 0, 3]
    assert _values(rows[reach.TOTAL]) == [10, 4, 13]
    assert not any(count.hidden for row in rows.values() for count in row)


def test_counts_under_five_are_hidden_and_so_are_those_that_would_give_them_away(reached):
    rows = _table("sex", threshold=5)

    hidden = {key: [count.hidden for count in row] for key, row in rows.items()}
    assert hidden["female"] == [SECONDARY, SMALL, None]  # 7 by web would give the 1 away
    assert hidden["male"] == [SMALL, SMALL, SMALL]  # the 0 by web is hidden like the 2
    assert hidden["prefer_not_to_say"] == [SMALL, SMALL, SMALL]
    assert hidden[""] == [SMALL, SMALL, SMALL]
    assert hidden[reach.NO_PROFILE] == [SMALL, SMALL, SMALL]
    assert hidden[reach.TOTAL] == [SECONDARY, SMALL, None]  # 13 residents in all stays shown


def test_every_answer_of_a_question_has_a_row_with_prefer_not_to_say_and_no_answers(reached):
    rows = _table("religion", threshold=1)

    assert list(rows)[-4:] == ["prefer_not_to_say", "", reach.NO_PROFILE, reach.TOTAL]
    assert _values(rows["none"]) == [7, 3, 9]
    assert _values(rows["prefer_not_to_say"]) == [0, 1, 1]


def test_the_share_without_answers_is_shown_when_its_counts_are_big_enough(reached):
    figures = reach.coverage(WEEK, threshold=2)

    assert (figures.with_answers.value, figures.without_answers.value) == (10, 3)
    assert figures.residents.value == 13
    assert figures.share_without == pytest.approx(3 / 13)


def test_the_share_without_answers_is_hidden_with_a_small_count(reached):
    figures = reach.coverage(WEEK, threshold=5)

    assert figures.without_answers.hidden == SMALL
    assert figures.with_answers.hidden == SECONDARY  # 13 - 10 would give the 3 away
    assert figures.residents.hidden is None
    assert figures.share_without is None


def test_a_period_with_no_cases_has_nothing_to_count(db):
    assert reach.coverage(WEEK, threshold=5).residents.value == 0
    rows = _rows_without_channels()
    assert rows[reach.TOTAL] == [reach.Count(0, SMALL)]  # a zero is hidden like any small count


def _rows_without_channels():
    table = reach.reach_by_characteristic(WEEK, threshold=5)[0]
    assert table.channels == []
    return dict(table.rows)


def test_a_count_hidden_in_the_coverage_figures_is_hidden_in_every_reach_table(db):
    # 1 female and 1 male with answers, 10 without, all by web. The coverage figures hide the
    # 2 with answers and so the 10 without (12 - 10 = 2); no reach table may show the 10.
    from tests.equality.conftest import case_for, resident_answering

    case_for(resident_answering(sex="female"))
    case_for(resident_answering(sex="male"))
    for _ in range(10):
        case_for(resident_answering())

    figures = reach.coverage(WEEK, threshold=5)
    assert figures.without_answers.hidden is not None
    for table in reach.reach_by_characteristic(WEEK, threshold=5):
        rows = dict(table.rows)
        assert rows[reach.NO_PROFILE][-1].hidden is not None, table.question.field
        assert rows[reach.NO_PROFILE][0].hidden is not None  # 10 by web = the 10 in all
        if figures.residents.hidden is None:
            assert rows[reach.TOTAL][-1].hidden is None


def test_a_count_hidden_in_a_reach_table_is_hidden_in_the_coverage_figures(reached):
    tables = reach.reach_by_characteristic(WEEK, threshold=5)
    figures = reach.coverage(WEEK, threshold=5)

    for table in tables:
        rows = dict(table.rows)
        if rows[reach.NO_PROFILE][-1].hidden:
            assert figures.without_answers.hidden is not None
        if rows[reach.TOTAL][-1].hidden:
            assert figures.residents.hidden is not None


def test_a_period_with_fewer_residents_than_the_threshold_draws_no_table(db):
    # One resident, who answered: a "fewer than 5" in the female row and nothing elsewhere
    # would be her answer. No table is drawn; each says why.
    from opencex.staff.equality import tables
    from tests.equality.conftest import case_for, resident_answering

    case_for(resident_answering(sex="female", religion="none"))

    drawn = [tables.coverage_table(WEEK, 5), *tables.reach_tables(WEEK, 5)]

    assert len(drawn) == 9
    for table in drawn:
        assert table.rows == []
        assert table.empty == (
            "Too few residents in this period to show without identifying anyone."
        )
