"""A council is configuration: the Oxford profile loads, and a bad profile says what is wrong."""

import datetime as dt
import tomllib

import pytest

from opencex.council.calendar import closure_dates
from opencex.council.profile import PROFILES_DIR, ProfileError, load_profile, parse_profile


def oxford_raw() -> dict:
    with (PROFILES_DIR / "oxford.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_the_oxford_profile_has_a_vulnerable_residents_line_and_the_westgate_desk():
    profile = load_profile("oxford")
    assert profile.vulnerable_line is not None
    westgate = next(place for place in profile.places if "Westgate" in place.name)
    assert len(westgate.hours) == 3
    assert profile.upper_tier.name == "Oxfordshire County Council"
    assert profile.holiday_region == ("ENG", "WLS")


def test_another_council_is_just_another_profile_file(tmp_path):
    raw = oxford_raw()
    raw["council"].update(slug="dundee", name="Dundee City Council", holiday_region=["SCT"])
    raw.pop("upper_tier")
    path = tmp_path / "dundee.toml"
    path.write_text(_to_toml(raw))
    profile = load_profile(str(path))
    assert (profile.name, profile.holiday_region, profile.upper_tier) == (
        "Dundee City Council",
        ("SCT",),
        None,
    )


def test_an_unknown_holiday_region_is_refused_with_the_valid_codes():
    raw = oxford_raw()
    raw["council"]["holiday_region"] = ["UK"]
    with pytest.raises(ProfileError, match="holiday_region"):
        parse_profile(raw)


def test_a_place_that_closes_before_it_opens_is_refused():
    raw = oxford_raw()
    raw["places"][0]["hours"][0]["closes"] = "09:00"
    with pytest.raises(ProfileError, match="closes before it opens"):
        parse_profile(raw)


def test_a_missing_profile_names_the_path():
    with pytest.raises(ProfileError, match="no council profile"):
        load_profile("nowhere")


def test_closure_days_recur_every_year():
    days = closure_dates(load_profile("oxford"))
    assert dt.date(2031, 12, 30) in days
    assert dt.date(2031, 12, 24) not in days


def _to_toml(value: dict) -> str:
    """Just enough TOML writing for a profile (tomllib reads but does not write)."""
    lines: list[str] = []

    def scalar(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if isinstance(v, list):
            return "[" + ", ".join(scalar(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{k} = {scalar(x)}" for k, x in v.items()) + "}"
        raise TypeError(v)

    for key, table in value.items():
        if isinstance(table, list):
            for entry in table:
                lines.append(f"[[{key}]]")
                lines += [f"{k} = {scalar(v)}" for k, v in entry.items()]
        else:
            lines.append(f"[{key}]")
            lines += [f"{k} = {scalar(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def test_the_oxford_profile_names_its_top_tasks_for_the_home_page():
    assert load_profile("oxford").top_tasks[0] == "report-missed-bin"
