"""The demo file: read into the demo council, or refused with the path of each problem named."""

from __future__ import annotations

import tomllib

import pytest

from opencex.accounts.models import Role
from opencex.demo.config import DATA_DIR, DemoError, load_demo_council, parse_demo_council


@pytest.fixture
def oxford() -> dict:
    with (DATA_DIR / "oxford.toml").open("rb") as handle:
        return tomllib.load(handle)


def _problems(raw: dict) -> list[str]:
    with pytest.raises(DemoError) as raised:
        parse_demo_council(raw)
    return str(raised.value).splitlines()[1:]


def test_the_oxford_demo_file_gives_an_account_for_every_role():
    council = load_demo_council("oxford")

    assert {account.role for account in council.accounts} == set(Role)
    assert council.doorways["complaint"] == "make-complaint"
    assert "escalate-complaint" in council.all_doorways


def test_a_teams_directory_entry_without_an_office_uses_the_directorys(oxford):
    oxford["directory"]["teams"]["events"].pop("office", None)

    council = parse_demo_council(oxford)

    assert council.team_directory["events"].office == oxford["directory"]["office"]


def test_the_default_volume_is_not_a_service(oxford):
    council = parse_demo_council(oxford)

    assert council.default_volume == oxford["service_volumes"]["default"]
    assert "default" not in council.service_volumes


def test_an_unknown_role_names_the_account_and_the_roles_there_are(oxford):
    oxford["accounts"][2]["role"] = "boss"

    (problem,) = _problems(oxford)

    assert problem.startswith("- accounts[2].role: Input should be 'resident', ")
    assert problem.endswith("(it is 'boss').")


def test_a_missing_role_is_named(oxford):
    oxford["accounts"] = [a for a in oxford["accounts"] if a["role"] != Role.PARTNER]

    assert _problems(oxford) == ["- accounts: no demo account for the roles ['partner']."]


def test_a_misspelt_setting_is_named_rather_than_ignored(oxford):
    oxford["doorways"]["complain"] = "make-complaint"

    assert _problems(oxford) == [
        "- doorways.complain: is not a setting this file knows: check its spelling."
    ]


def test_every_problem_is_named_at_once_with_its_path(oxford):
    del oxford["town"]
    oxford["streets"][3]["council"] = 2
    oxford["service_peaks"]["report-missed-bin"]["13"] = 1.5

    assert _problems(oxford) == [
        "- town: is required.",
        "- service_peaks.report-missed-bin.13: Input should be less than or equal to 12 "
        "(it is '13').",
        "- streets[3].council: Input should be less than or equal to 1 (it is 2).",
    ]


def test_a_council_without_a_demo_file_is_told_where_to_add_one():
    with pytest.raises(DemoError, match="There is no demo for the council profile 'nowhere'"):
        load_demo_council("nowhere")
