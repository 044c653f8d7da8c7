"""Every management command that can start its own daily run (`--every-day`) is started by
`make run` and by each release (docs/deploy.md): a daily job left out never runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = sorted(
    path.stem
    for path in (ROOT / "src" / "opencex").glob("*/management/commands/*.py")
    if "--every-day" in path.read_text() or "DailyJobCommand)" in path.read_text()
)


def started(text: str) -> set[str]:
    return set(re.findall(r"opencex (\w+) --every-day", text))


def test_the_daily_commands_are_found():
    assert {"send_bin_reminders", "send_support_review_reminders", "apply_retention"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("where", ["Makefile", "docs/deploy.md"])
def test_every_daily_command_is_started(where):
    text = (ROOT / where).read_text()
    assert set(COMMANDS) - started(text) == set()
