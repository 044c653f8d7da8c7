"""Small-number suppression on hand-made grids: the primary cells (1 to 4), and the secondary
ones that stop a hidden count being worked out from its row's or column's total."""

from __future__ import annotations

from opencex.insight.small_numbers import Hidden, suppress

SMALL, SECONDARY = Hidden.SMALL, Hidden.SECONDARY


def test_a_count_under_the_threshold_is_hidden_and_so_is_a_zero():
    # A shown zero beside a "fewer than 5" would say the few are all in the other cell.
    grid = [[0, 7, 7], [3, 9, 12], [3, 16, 19]]

    hidden = suppress(grid, threshold=5).hidden

    assert hidden[(1, 0)] == SMALL
    assert hidden[(2, 0)] == SMALL
    assert hidden[(0, 0)] == SMALL


def test_one_resident_in_one_row_is_not_told_apart_by_the_zeros_around_it():
    # One resident, in the second row: every cell of the table is hidden alike.
    grid = [[0, 0, 0], [1, 0, 1], [1, 0, 1]]

    hidden = suppress(grid, threshold=5).hidden

    assert set(hidden.values()) == {SMALL}
    assert len(hidden) == 9


def test_a_threshold_of_one_turns_suppression_off():
    assert suppress([[0, 1, 1]], threshold=1).hidden == {}


def test_cells_hidden_in_another_table_are_hidden_here_and_so_is_what_would_give_them_away():
    hidden = suppress([[10, 20, 30]], threshold=5, also=frozenset({(0, 1)})).hidden

    assert hidden == {(0, 1): SECONDARY, (0, 0): SECONDARY}


def test_a_row_with_one_small_count_hides_the_next_smallest_so_the_total_gives_nothing_away():
    # Row 0: 3 + 6 + 20 = 29. With only the 3 hidden, 29 - 6 - 20 would give it away.
    grid = [[3, 6, 20, 29], [10, 12, 30, 52], [13, 18, 50, 81]]

    hidden = suppress(grid, threshold=5).hidden

    assert hidden[(0, 0)] == SMALL
    assert hidden[(0, 1)] == SECONDARY  # the next smallest in the row
    # Column 0 (3, 10, 13) and column 1 (6, 12, 18) each now have one hidden cell: the next
    # smallest in each goes too, and then row 1 has two hidden and is safe.
    assert hidden[(1, 0)] == SECONDARY
    assert hidden[(1, 1)] == SECONDARY
    assert set(hidden) == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_no_row_or_column_is_left_with_exactly_one_hidden_cell():
    grid = [[1, 8, 9, 18], [6, 2, 14, 22], [15, 11, 40, 66], [22, 21, 63, 106]]

    hidden = suppress(grid, threshold=5).hidden

    for r in range(4):
        assert sum((r, c) in hidden for c in range(4)) != 1
    for c in range(4):
        assert sum((r, c) in hidden for r in range(4)) != 1
    assert hidden[(0, 0)] == SMALL
    assert hidden[(1, 1)] == SMALL


def test_a_single_row_with_its_total_hides_the_other_part_of_the_total():
    # 2 with answers, 40 without, 42 in all: 42 - 40 would give the 2 away.
    hidden = suppress([[2, 40, 42]], threshold=5).hidden

    assert hidden == {(0, 0): SMALL, (0, 1): SECONDARY}


def test_the_threshold_is_the_councils_choice():
    assert suppress([[6, 40, 46]], threshold=5).hidden == {}
    assert suppress([[6, 40, 46]], threshold=10).hidden == {(0, 0): SMALL, (0, 1): SECONDARY}
