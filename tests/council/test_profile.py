"""A council is configuration: the Oxford profile loads, and a bad profile says what is wrong."""

import datetime as dt
import tomllib

import pytest
from django.utils import translation

from opencex.council.calendar import closure_dates
from opencex.council.profile import PROFILES_DIR, ProfileError, load_profile, parse_profile
from opencex.languages import text_in


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


def test_the_oxford_profile_names_the_national_gas_emergency_number():
    gas = load_profile("oxford").gas_emergency
    assert (text_in(gas.name, "en"), gas.number) == (
        "National Gas Emergency Service",
        "0800 111 999",
    )


def test_the_oxford_profile_has_an_out_of_hours_route_for_repairs_to_council_homes():
    route = load_profile("oxford").out_of_hours_route("report-housing-repair")
    assert route is not None
    assert text_in(route.name, "en") == "Emergency repairs out of hours"
    assert "bank holidays" in text_in(route.hours, "en")


def test_a_service_without_an_out_of_hours_route_of_its_own_gets_the_general_one():
    raw = oxford_raw()
    raw["out_of_hours"].append(
        {"name": "Council emergencies", "number": "01865 000000", "hours": "Out of hours"}
    )
    profile = parse_profile(raw)
    assert profile.out_of_hours_route("report-missed-bin").name == "Council emergencies"
    assert text_in(profile.out_of_hours_route("report-housing-repair").name, "en") == (
        "Emergency repairs out of hours"
    )


def test_a_profile_without_out_of_hours_routes_offers_none():
    raw = oxford_raw()
    raw.pop("out_of_hours")
    assert parse_profile(raw).out_of_hours_route("report-housing-repair") is None


def test_a_profile_without_the_gas_emergency_number_is_refused_naming_the_field():
    raw = oxford_raw()
    raw.pop("emergencies")
    with pytest.raises(ProfileError, match=r"^emergencies: is required$"):
        parse_profile(raw)


def test_a_blank_gas_emergency_number_is_refused_naming_the_field():
    raw = oxford_raw()
    raw["emergencies"]["gas"]["number"] = "  "
    with pytest.raises(ProfileError, match=r"^emergencies\.gas\.number: must not be empty$"):
        parse_profile(raw)


def test_a_misspelt_key_is_refused_rather_than_silently_ignored():
    raw = oxford_raw()
    raw["phone_lines"][0]["numbr"] = raw["phone_lines"][0].pop("number")
    with pytest.raises(ProfileError) as error:
        parse_profile(raw)
    assert "phone_lines[0].numbr: is not a setting a profile has" in str(error.value)
    assert "phone_lines[0].number: is required" in str(error.value)


def test_a_bad_time_names_the_place_and_the_day_it_is_on():
    raw = oxford_raw()
    raw["places"][1]["hours"][0]["opens"] = "eleven"
    with pytest.raises(ProfileError, match=r"^places\[1\]\.hours\[0\]\.opens: "):
        parse_profile(raw)


def test_an_unknown_phone_line_purpose_is_refused_with_the_purposes_allowed():
    raw = oxford_raw()
    raw["phone_lines"][1]["purpose"] = "vip"
    with pytest.raises(ProfileError, match=r"phone_lines\[1\]\.purpose: .*'general'.*'vulnerable'"):
        parse_profile(raw)


def test_a_missing_council_name_is_refused_naming_the_council_table():
    raw = oxford_raw()
    raw["council"].pop("name")
    with pytest.raises(ProfileError, match=r"^council\.name: is required$"):
        parse_profile(raw)


def test_a_request_site_pattern_without_its_reference_group_is_refused():
    raw = oxford_raw()
    raw["inbox"]["request_sites"][0]["address_pattern"] = r"foi\+request-\d+@example\.com"
    with pytest.raises(ProfileError, match=r"address_pattern: needs a group named 'reference'"):
        parse_profile(raw)


def test_a_bad_profile_file_is_named_in_the_error(tmp_path):
    raw = oxford_raw()
    raw["council"]["reply_working_days"] = 0
    path = tmp_path / "broken.toml"
    path.write_text(_to_toml(raw))
    with pytest.raises(ProfileError, match=r"^broken\.toml: council\.reply_working_days: "):
        load_profile(str(path))


def test_a_changed_copy_of_the_profile_is_checked_again():
    import dataclasses

    profile = load_profile("oxford")
    with pytest.raises(ValueError, match="holiday_region"):
        dataclasses.replace(profile, holiday_region=("UK",))


def test_phone_lines_and_out_of_hours_routes_name_their_hours_in_each_language():
    profile = load_profile("oxford")
    hours = profile.main_phone.hours
    assert text_in(hours, "en") == "Monday to Friday, 9am to 5pm"
    assert text_in(hours, "pl") == "od poniedziałku do piątku, od 9:00 do 17:00"
    assert text_in(hours, "ar") == "من الاثنين إلى الجمعة، من 9:00 إلى 17:00"
    assert text_in(profile.vulnerable_line.name, "pl") == "Linia dla mieszkańców w trudnej sytuacji"
    route = profile.out_of_hours_route("report-housing-repair")
    assert "bank holidays" not in text_in(route.hours, "ar")


def test_a_profile_text_shows_in_the_language_of_the_page_else_english():
    hours = load_profile("oxford").main_phone.hours
    with translation.override("ar"):
        assert str(hours) == "من الاثنين إلى الجمعة، من 9:00 إلى 17:00"
    with translation.override("cy"):
        assert str(hours) == "Monday to Friday, 9am to 5pm"


def test_a_phone_line_keeps_one_slug_whatever_the_language():
    line = load_profile("oxford").vulnerable_line
    with translation.override("pl"):
        assert line.slug == "vulnerable-residents-line"


def test_a_phone_lines_hours_without_english_are_refused():
    raw = oxford_raw()
    raw["phone_lines"][0]["hours"] = {"pl": "codziennie"}
    with pytest.raises(ProfileError, match=r"phone_lines\[0\]\.hours: "):
        parse_profile(raw)
