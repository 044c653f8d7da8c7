"""Importing hourly call figures: good rows stored, bad rows refused whole with a reason by line,
the same hour imported again replaced, and the telephony system's local default."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from opencex.telephony.importing import RowProblem, csv_rows, import_calls
from opencex.telephony.models import CallImport, CallInterval, ImportSource
from opencex.telephony.system import LocalTelephonySystem, TelephonySystemError, telephony_system
from tests.telephony.conftest import HEADER, csv_text

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SYSTEM_FOLDER = Path(__file__).parent / "telephony_system"


def _import(text: str) -> CallImport:
    return import_calls(actor=None, rows=csv_rows(text), source=ImportSource.CSV)


def test_good_rows_are_stored_by_line_and_hour_in_london_time(lines):
    run = _import(
        csv_text(
            "2026-03-02 09:00,customer-services,40,36,4,30,900,10800",
            "2026-07-01 14:00,Vulnerable residents line,5,5,0,4,50,2500",
        )
    )
    assert (run.rows_read, run.rows_stored, run.rows_refused) == (2, 2, 0)
    winter = CallInterval.objects.get(line=lines["general"])
    assert winter.starts_at == datetime(2026, 3, 2, 9, tzinfo=LONDON)
    assert (winter.offered, winter.answered, winter.abandoned) == (40, 36, 4)
    assert (winter.answered_in_target, winter.wait_seconds, winter.handling_seconds) == (
        30,
        900,
        10800,
    )
    summer = CallInterval.objects.get(line=lines["vulnerable"])
    assert summer.starts_at == datetime(2026, 7, 1, 13, tzinfo=ZoneInfo("UTC"))
    assert summer.call_import == run


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("2026-03-02 09:30,customer-services,1,1,0,1,5,100", "start of an hour"),
        ("yesterday,customer-services,1,1,0,1,5,100", '"interval_start" must be a date'),
        ("2026-03-02 09:00,Parking line,1,1,0,1,5,100", "none of the council's phone lines"),
        ("2026-03-02 09:00,customer-services,10,8,4,8,5,100", "add up to more than"),
        ("2026-03-02 09:00,customer-services,10,8,2,9,5,100", 'is more than "answered"'),
        ("2026-03-02 09:00,customer-services,10,-1,2,0,0,0", "whole number of 0 or more"),
        ("2026-03-02 09:00,customer-services,ten,8,2,8,5,100", '"offered" must be a whole'),
        ("2026-03-02 09:00,customer-services,3,0,3,0,0,100", "No call was answered"),
        ("2026-03-02 09:00,customer-services,3,3,0,3,5,", '"handling_seconds" is empty'),
        ("2026-03-02 09:00,customer-services,3,3,0,3,9999999999,1", "more seconds than"),
    ],
)
def test_a_bad_row_is_refused_whole_with_its_line_and_reason(lines, row, reason):
    run = _import(csv_text("2026-03-02 10:00,customer-services,2,2,0,2,10,300", row))
    assert (run.rows_read, run.rows_stored, run.rows_refused) == (2, 1, 1)
    assert run.refused[0]["line"] == 3
    assert reason in run.refused[0]["message"]
    assert CallInterval.objects.count() == 1  # only the good row, nothing of the bad one


def test_importing_the_same_hour_again_replaces_it_and_never_doubles(lines):
    _import(csv_text("2026-03-02 09:00,customer-services,40,36,4,30,900,10800"))
    again = _import(csv_text("2026-03-02 09:00,01865 249811,42,38,4,31,950,11000"))
    held = CallInterval.objects.get()
    assert (held.offered, held.answered, held.call_import) == (42, 38, again)


def test_the_same_hour_twice_in_one_file_keeps_the_first_and_refuses_the_second(lines):
    run = _import(
        csv_text(
            "2026-03-02 09:00,customer-services,40,36,4,30,900,10800",
            "2026-03-02 09:00,Customer Services,1,1,0,1,5,100",
        )
    )
    assert run.refused == [
        {
            "line": 3,
            "message": "The same line and hour as line 2 (Customer Services, 2026-03-02 09:00).",
        }
    ]
    assert CallInterval.objects.get().offered == 40


def test_a_contact_centre_exports_headings_are_understood():
    text = (
        "Interval Start,Queue,Calls Offered,Calls Answered,Calls Abandoned,Answered in SL,"
        "Total Wait (s),Total Talk+Wrap (s)\n02/03/2026 09:00,Customer Services,4,3,1,2,30,900\n"
    )
    [(line, row)] = csv_rows(text)
    assert line == 2
    assert row == {
        "interval_start": "02/03/2026 09:00",
        "line": "Customer Services",
        "offered": "4",
        "answered": "3",
        "abandoned": "1",
        "answered_in_target": "2",
        "wait_seconds": "30",
        "handling_seconds": "900",
    }


def test_a_file_missing_a_column_is_refused_whole():
    with pytest.raises(RowProblem, match="no abandoned column"):
        csv_rows(HEADER.replace("abandoned,", "") + "2026-03-02 09:00,x,1,1,1,1,1\n")


def test_the_command_imports_a_file_and_fails_when_a_row_is_refused(lines, tmp_path, capsys):
    good = tmp_path / "calls.csv"
    good.write_text(csv_text("2026-03-02 09:00,customer-services,40,36,4,30,900,10800"))
    call_command("import_calls", str(good))
    assert "1 rows read, 1 stored, 0 refused" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text("2026-03-02 09:15,customer-services,1,1,0,1,1,1"))
    with pytest.raises(CommandError, match="1 row"):
        call_command("import_calls", str(bad))
    assert CallImport.objects.get(file_name="bad.csv").rows_refused == 1


def test_the_local_telephony_system_reads_its_folder_through_the_same_import(lines, settings):
    settings.OPENCEX_TELEPHONY_SYSTEM_URL = ""
    settings.OPENCEX_TELEPHONY_SYSTEM_DIR = str(SYSTEM_FOLDER)
    system = telephony_system()
    assert isinstance(system, LocalTelephonySystem)
    rows = system.rows()
    assert rows[1] == (
        2,
        {
            "interval_start": "2026-03-02T09:00:00+00:00",
            "line": "01865 252200",
            "offered": "6",
            "answered": "6",
            "abandoned": "0",
            "answered_in_target": "5",
            "wait_seconds": "60",
            "handling_seconds": "3600",
        },
    )
    with pytest.raises(CommandError, match="1 row"):
        call_command("import_calls", "--from-system")
    run = CallImport.objects.get()
    assert (run.source, run.rows_stored, run.rows_refused) == ("system", 2, 1)
    assert run.refused[0]["line"] == 3
    assert CallInterval.objects.get(line=lines["vulnerable"]).handling_seconds == 3600


def test_a_missing_folder_is_said_plainly(tmp_path):
    with pytest.raises(TelephonySystemError, match="Could not read"):
        LocalTelephonySystem(tmp_path / "nowhere").rows()


def test_the_hour_the_clocks_go_back_twice_is_two_hours_not_a_duplicate(lines):
    run = _import(
        csv_text(
            "2026-10-25 01:00,customer-services,10,9,1,8,90,900",
            "2026-10-25 01:00,customer-services,20,18,2,16,180,1800",
            "2026-10-25 01:00,customer-services,30,27,3,24,270,2700",
        )
    )
    assert (run.rows_stored, run.rows_refused) == (2, 1)  # a third 01:00 cannot be
    utc = ZoneInfo("UTC")
    held = {interval.starts_at: interval.offered for interval in CallInterval.objects.all()}
    assert held == {
        datetime(2026, 10, 25, 0, tzinfo=utc): 10,  # 01:00 BST
        datetime(2026, 10, 25, 1, tzinfo=utc): 20,  # 01:00 GMT, an hour later
    }
    assert run.refused[0]["line"] == 4


def test_a_digit_that_is_not_0_to_9_is_refused_not_an_error(lines):
    run = _import(csv_text("2026-03-02 09:00,customer-services,4²,3,1,3,30,300"))
    assert run.rows_refused == 1
    assert '"offered" must be a whole number' in run.refused[0]["message"]


def test_reimporting_an_hour_in_a_later_batch_replaces_it(lines):
    _import(csv_text("2026-03-02 09:00,customer-services,40,36,4,30,900,10800"))
    again = _import(
        csv_text(
            "2026-03-02 10:00,customer-services,1,1,0,1,5,100",
            "2026-03-02 09:00,customer-services,50,45,5,40,1000,12000",
        )
    )
    assert CallInterval.objects.count() == 2
    held = CallInterval.objects.get(starts_at=datetime(2026, 3, 2, 9, tzinfo=LONDON))
    assert (held.offered, held.handling_seconds, held.call_import) == (50, 12000, again)
