"""The bin collections file: the council's own loads and names a catalogue service; a bad file
lists every problem, naming the entry and field."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from opencex.bincollections.config import DATA, BinsFileError, bins_config, check, load_file

CATALOGUE = Path(__file__).parents[2] / "src/opencex/catalogue/demo/oxford.json"


def oxford_data() -> dict:
    return tomllib.loads((DATA / "oxford.toml").read_text(encoding="utf-8"))


def test_the_oxford_file_names_a_service_of_the_catalogue():
    slugs = {service["slug"] for service in json.loads(CATALOGUE.read_text())["services"]}
    checked = load_file(DATA / "oxford.toml", catalogue_slugs=slugs)
    assert checked.service == "check-bin-collection-day"
    assert {each.slug for each in checked.bins} == {"rubbish", "recycling", "food", "garden"}
    assert checked.bin("garden").is_subscription


def test_every_name_residents_read_is_in_polish_and_arabic():
    checked = load_file(DATA / "oxford.toml")
    names = [each.name for each in checked.bins] + [each.container for each in checked.bins]
    names += [each.name for each in checked.rounds]
    assert all(isinstance(name, dict) and {"en", "pl", "ar"} <= set(name) for name in names)


def test_another_council_loads_the_file_its_settings_name(settings, tmp_path):
    other = tmp_path / "elsewhere.toml"
    other.write_text((DATA / "oxford.toml").read_text().replace('"18:00"', '"19:30"'))
    settings.OPENCEX_BIN_COLLECTIONS_FILE = str(other)
    assert bins_config().reminders_at.hour == 19


def test_a_bad_file_lists_every_problem_by_entry_and_field():
    data = oxford_data()
    data["rounds"][0]["day"] = "sunday"
    data["rounds"][1]["streets"][0]["postcodes"] = ["not a postcode"]
    data["bins"][0]["name"] = {"en": "Rubbish", "fr": "Déchets"}
    with pytest.raises(BinsFileError) as raised:
        check(data)
    problems = "\n".join(raised.value.problems)
    assert "rounds[0].day" in problems
    assert "rounds[1].streets[0].postcodes[0]" in problems
    assert "fr" in problems
    assert "bins[0].name" in problems


def test_a_uprn_in_two_rounds_and_a_reference_day_not_a_monday_are_refused():
    data = oxford_data()
    data["rounds"][0]["uprns"] = ["999000000001"]
    data["week_a_starts"] = data["week_a_starts"].replace(day=6)
    with pytest.raises(BinsFileError) as raised:
        check(data, catalogue_slugs={"something-else"})
    assert raised.value.problems == [
        "service 'check-bin-collection-day': is not a service in the catalogue.",
        "week_a_starts: 2026-01-06 is not a Monday.",
        "UPRN 999000000001: is in more than one round.",
    ]
