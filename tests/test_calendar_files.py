"""The iCalendar grammar both calendar files use (bookings, bin collections)."""

from datetime import UTC, date, datetime, timedelta, timezone

from opencex.calendar_files import calendar_text, date_value, folded, text, utc_time


def test_text_escapes_backslash_semicolon_comma_and_newline():
    assert text("a\\b; c, d\ne") == "a\\\\b\\; c\\, d\\ne"


def test_a_short_line_is_left_whole():
    line = "SUMMARY:" + "x" * 67
    assert len(line.encode()) == 75
    assert folded(line) == line


def test_a_long_line_is_folded_at_75_octets_with_continuations_of_74_after_the_space():
    line = "DESCRIPTION:" + "y" * 200
    physical = folded(line).split("\r\n")
    assert [len(each.encode()) for each in physical] == [75, 75, 64]
    assert all(each.startswith(" ") for each in physical[1:])
    assert "".join(each.removeprefix(" ") for each in physical) == line


def test_folding_never_splits_a_multi_byte_character():
    line = "SUMMARY:" + "جمع" * 40  # two octets a letter
    physical = folded(line).split("\r\n")
    assert all(len(each.encode()) <= 75 for each in physical)
    assert "".join(each.removeprefix(" ") for each in physical) == line


def test_times_are_written_in_utc_and_dates_as_dates():
    summer = timezone(timedelta(hours=1))
    assert utc_time(datetime(2026, 7, 1, 9, 30, tzinfo=summer)) == "20260701T083000Z"
    assert utc_time(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)) == "20261201T093000Z"
    assert date_value(date(2026, 9, 7)) == "20260907"


def test_the_file_ends_every_folded_line_with_crlf():
    made = calendar_text(["BEGIN:VCALENDAR", "X-LONG:" + "z" * 100, "END:VCALENDAR"])
    assert made == f"BEGIN:VCALENDAR\r\nX-LONG:{'z' * 68}\r\n {'z' * 32}\r\nEND:VCALENDAR\r\n"
