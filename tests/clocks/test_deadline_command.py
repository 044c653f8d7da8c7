"""`opencex deadline KIND RECEIVED`: the due date alone, or one line of error and status 2."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

SRC = Path(__file__).resolve().parents[2] / "src"

# These need the project's Django settings, which pytest-django loads; a bare pytest run of the
# pure clocks tests (`-p no:django`) leaves them out rather than failing on missing settings.
pytestmark = pytest.mark.skipif(
    "DJANGO_SETTINGS_MODULE" not in os.environ, reason="needs pytest-django and opencex.settings"
)


def _deadline(*args: str) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_only_the_foi_due_date() -> None:
    assert _deadline("foi", "2025-04-11") == "2025-05-14\n"


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        ("foi", "2025-08-15", "2025-09-15"),
        ("eir", "2025-10-24", "2025-11-21"),
        ("sar", "2025-03-15", "2025-04-15"),
        ("sar", "2025-05-31", "2025-06-30"),
        ("complaint-stage1-ack", "2025-12-19", "2025-12-30"),
        ("complaint-stage1-response", "2025-05-01", "2025-05-16"),
        ("complaint-stage2-response", "2025-05-01", "2025-06-02"),
        ("hazard-investigation", "2026-12-18", "2027-01-06"),
        ("hazard-summary", "2027-01-06", "2027-01-11"),
        ("hazard-safety-work", "2027-01-06", "2027-01-13"),
    ],
)
def test_the_command_gives_the_worked_due_dates(kind: str, received: str, due: str) -> None:
    assert _deadline(kind, received) == f"{due}\n"


@override_settings(OPENCEX_HOLIDAY_REGION=["SCT"])
def test_the_command_counts_regional_clocks_in_the_configured_holiday_region() -> None:
    # 4 August 2025 is a bank holiday in Scotland only.
    assert _deadline("sar", "2025-07-04") == "2025-08-05\n"


@override_settings()
def test_the_command_falls_back_to_england_and_wales_without_a_holiday_region() -> None:
    from django.conf import settings

    del settings.OPENCEX_HOLIDAY_REGION
    assert _deadline("sar", "2025-07-04") == "2025-08-04\n"


@pytest.mark.parametrize(
    ("aware", "safe_by"),
    [
        ("2026-12-24 21:30", "2026-12-25 21:30"),
        # The spring change skips 01:00-01:59; 01:30 is read as GMT, 24 real hours on is 02:30 BST.
        ("2026-03-29 01:30", "2026-03-30 02:30"),
        ("2026-03-29 00:30", "2026-03-30 01:30"),
        # The autumn change repeats 01:00-01:59; the first 01:30 (BST) is read, the earlier date.
        ("2026-10-25 01:30", "2026-10-26 00:30"),
        ("2026-10-25 02:30", "2026-10-26 02:30"),
    ],
)
def test_the_command_prints_the_date_and_time_an_emergency_hazard_must_be_made_safe_by(
    aware: str, safe_by: str
) -> None:
    assert _deadline("hazard-emergency", aware) == f"{safe_by}\n"


@pytest.mark.parametrize("aware", ["2026-12-24", "24/12/2026 21:30", "2026-12-24 9pm", ""])
def test_an_emergency_hazard_without_a_time_is_a_usage_error(aware: str) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD HH:MM") as error:
        _deadline("hazard-emergency", aware)
    assert error.value.returncode == 2


@pytest.mark.parametrize("aware", ["2026-02-30 10:00", "2026-12-24 24:00", "2026-12-24 21:60"])
def test_an_emergency_hazard_at_an_impossible_moment_is_a_usage_error(aware: str) -> None:
    with pytest.raises(CommandError, match="not a real") as error:
        _deadline("hazard-emergency", aware)
    assert error.value.returncode == 2


def test_the_command_explains_the_emergency_hazard_deadline_when_asked() -> None:
    lines = _deadline("hazard-emergency", "2026-12-24 21:30", "--explain").splitlines()
    assert lines[0] == "2026-12-25 21:30"
    assert lines[-1] == "Due: by 21:30 on Friday 25 December 2026."


def test_the_real_cli_prints_the_emergency_hazard_deadline() -> None:
    result = _run_cli("hazard-emergency", "2026-12-24 21:30")
    assert (result.returncode, result.stdout) == (0, "2026-12-25 21:30\n")


def test_the_real_cli_exits_2_with_one_line_of_error_for_an_emergency_without_a_time() -> None:
    result = _run_cli("hazard-emergency", "2026-12-24")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1


def test_the_command_explains_the_date_when_asked() -> None:
    lines = _deadline("foi", "2025-04-11", "--explain").splitlines()
    assert lines[0] == "2025-05-14"
    assert "Good Friday 18 April 2025 skipped." in lines
    assert lines[-1] == "Due: Wednesday 14 May 2025."


def test_the_command_counts_a_service_standard_of_the_given_days() -> None:
    assert _deadline("service-standard", "2025-06-06", "--days", "2") == "2025-06-10\n"


def test_a_service_standard_without_days_is_a_usage_error() -> None:
    with pytest.raises(CommandError, match="--days") as error:
        _deadline("service-standard", "2025-06-06")
    assert error.value.returncode == 2


def test_days_for_a_statutory_kind_are_a_usage_error() -> None:
    with pytest.raises(CommandError, match="only for a service-standard") as error:
        _deadline("foi", "2025-06-06", "--days", "2")
    assert error.value.returncode == 2


def test_an_unknown_kind_is_a_usage_error_that_lists_the_valid_kinds() -> None:
    with pytest.raises(CommandError) as error:
        _deadline("fio", "2025-04-11")
    assert error.value.returncode == 2
    assert "Unknown deadline kind 'fio'" in str(error.value)
    assert "foi, eir, foi-pit-extended, eir-extended, foi-internal-review" in str(error.value)


@pytest.mark.parametrize("received", ["11/04/2025", "2025-4-11", "20250411", "tomorrow", ""])
def test_a_date_not_written_yyyy_mm_dd_is_a_usage_error(received: str) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD") as error:
        _deadline("foi", received)
    assert error.value.returncode == 2


@pytest.mark.parametrize("received", ["2025-02-30", "2025-13-01", "2023-02-29"])
def test_an_impossible_date_is_a_usage_error(received: str) -> None:
    with pytest.raises(CommandError, match="not a real date") as error:
        _deadline("foi", received)
    assert error.value.returncode == 2


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "opencex.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-m", "django", "deadline", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


def test_the_real_cli_prints_the_due_date_and_nothing_else() -> None:
    result = _run_cli("foi", "2025-04-11")
    assert (result.returncode, result.stdout) == (0, "2025-05-14\n")


def test_the_real_cli_exits_2_with_one_line_of_error_for_a_bad_kind() -> None:
    result = _run_cli("fio", "2025-04-11")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "Unknown deadline kind 'fio'" in result.stderr


def test_the_real_cli_exits_2_with_one_line_of_error_for_an_impossible_date() -> None:
    result = _run_cli("foi", "2025-02-30")
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
