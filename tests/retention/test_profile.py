"""The retention schedule is the council's, in its profile: defaults a council can change without
code, every kind of case covered, and a clear error for a value that makes no sense."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from opencex.cases.models import CaseKind
from opencex.council.profile import (
    PROFILES_DIR,
    CaseRetention,
    Period,
    ProfileError,
    Retention,
    parse_profile,
)


def _oxford() -> dict:
    with (PROFILES_DIR / "oxford.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_every_kind_of_case_has_a_retention_period():
    assert {field.name for field in dataclasses.fields(CaseRetention)} == set(CaseKind)


def test_oxford_keeps_complaints_six_years_and_notifications_eighteen_months():
    retention = parse_profile(_oxford()).retention
    assert retention.cases.complaint == Period(6, "years")
    assert retention.cases.compliment == Period(1, "years")
    assert retention.records.notifications == Period(18, "months")
    assert retention.records.inbound_emails == Period(90, "days")


def test_a_profile_without_a_retention_table_gets_the_documented_defaults():
    raw = {key: value for key, value in _oxford().items() if key != "retention"}
    assert parse_profile(raw).retention == Retention()


def test_another_council_changes_a_period_without_code():
    raw = {**_oxford(), "retention": {"cases": {"complaint": "7 years"}}}
    retention = parse_profile(raw).retention
    assert retention.cases.complaint == Period(7, "years")
    assert retention.cases.foi == Period(3, "years")  # the rest keep their defaults


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"cases": {"complaint": "6 yeers"}},
            "retention.cases.complaint: '6 yeers' is not a period: write a whole number then "
            "days, months or years, as in '6 years'",
        ),
        ({"cases": {"complaint": 6}}, "retention.cases.complaint: '6' is not a period"),
        ({"records": {"notifications": "0 days"}}, "'0 days' must be at least 1 day"),
        ({"cases": {"bins": "1 year"}}, "retention.cases.bins: is not a setting a profile has"),
        ({"erasable_on_request": ["bins"]}, "bins is not a kind of case"),
    ],
)
def test_a_bad_retention_value_is_named_in_a_clear_error(table, message):
    with pytest.raises(ProfileError, match="retention") as error:
        parse_profile({**_oxford(), "retention": table})
    assert message in str(error.value)


def test_a_period_reads_as_the_schedule_writes_it():
    assert str(Period(1, "years")) == "1 year"
    assert str(Period(18, "months")) == "18 months"
