"""The council's phone lines as telephony lines, and a CSV of hourly figures to import."""

from __future__ import annotations

import pytest

from opencex.telephony.lines import sync_lines
from opencex.telephony.models import TelephonyLine

HEADER = (
    "interval_start,line,offered,answered,abandoned,answered_in_target,wait_seconds,"
    "handling_seconds\n"
)


@pytest.fixture
def lines() -> dict[str, TelephonyLine]:
    """The demo council's two lines: Customer Services (general, 60 s target) and the
    Vulnerable residents line (20 s target)."""
    sync_lines()
    return {
        "general": TelephonyLine.objects.get(is_vulnerable_residents_line=False),
        "vulnerable": TelephonyLine.objects.get(is_vulnerable_residents_line=True),
    }


def csv_text(*rows: str) -> str:
    return HEADER + "".join(f"{row}\n" for row in rows)
