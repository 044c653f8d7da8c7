"""What the urgency cues find, in English, Polish and Arabic: each cue fires, typos and
inflections too; negations, resolutions and near misses do not; the heating cues wait for winter."""

from __future__ import annotations

import datetime as dt

import pytest

from opencex.cues.detector import find_cues
from opencex.cues.lexicon import CUES

FIRES = [
    ("no_heating", "en", "Our heating is not working and the children are cold"),
    ("no_heating", "pl", "Od tygodnia nie działa ogrzewanie w mieszkaniu"),
    ("no_heating", "ar", "التدفئة لا تعمل منذ أسبوع"),
    ("no_hot_water", "en", "We have had no hot water since Friday"),
    ("no_hot_water", "pl", "Nie mamy ciepłej wody od trzech dni"),
    ("no_hot_water", "ar", "لا يوجد ماء ساخن في الشقة"),
    ("flooding", "en", "Water is pouring through the kitchen ceiling"),
    ("flooding", "pl", "Zalało nam łazienkę, woda leci z sufitu"),
    ("flooding", "ar", "المياه تنزل من السقف على الكهرباء"),
    ("gas_smell", "en", "There is a strong smell of gas on the landing"),
    ("gas_smell", "pl", "Na klatce schodowej czuć gaz"),
    ("gas_smell", "ar", "هناك رائحة غاز قوية في المطبخ"),
    ("threats", "en", "My neighbour threatened to hurt me"),
    ("threats", "pl", "Sąsiad grozi mi i moim dzieciom"),
    ("threats", "ar", "جاري هددني بسكين"),
    ("bereavement", "en", "My husband passed away last month"),
    ("bereavement", "pl", "Mój ojciec zmarł w zeszłym tygodniu"),
    ("bereavement", "ar", "توفي والدي الأسبوع الماضي"),
    ("self_harm", "en", "I feel like I want to end my life"),
    ("self_harm", "pl", "Nie chcę już żyć"),
    ("self_harm", "ar", "أفكر في الانتحار"),
    ("financial_crisis", "en", "I have no money for food until Friday"),
    ("financial_crisis", "pl", "Nie mam pieniędzy na jedzenie dla dzieci"),
    ("financial_crisis", "ar", "ليس لدي مال لشراء الطعام"),
]

DOES_NOT_FIRE = [
    ("en", "The heating is fixed now, thank you"),
    ("en", "I no longer smell gas since the engineer came"),
    ("en", "The boiler broke on Monday, but it is working again now"),
    ("en", "There is no smell of gas"),
    ("en", "I am not being threatened, the neighbours are just noisy"),
    ("pl", "Ogrzewanie już działa, dziękuję"),
    ("pl", "Nie czuć już gazu"),
    ("ar", "تم إصلاح التدفئة"),
    ("ar", "لا توجد رائحة غاز"),
]

NEAR_MISSES = [
    ("en", "Please send me the flood risk consultation"),
    ("en", "My food waste caddy was not collected"),
    ("en", "There is a dead fox on the road"),
    ("en", "How do I pay my gas bill?"),
    ("pl", "Kiedy odbierzecie odpady kuchenne?"),
    ("ar", "أريد دفع فاتورة الغاز"),
]


@pytest.mark.parametrize(("key", "language", "text"), FIRES, ids=lambda v: str(v)[:20])
def test_each_cue_fires_in_each_language(key, language, text):
    assert key in find_cues(text)


def test_every_cue_is_tested_in_every_language():
    assert {(key, language) for key, language, _text in FIRES} == {
        (cue.key, language) for cue in CUES for language in ("en", "pl", "ar")
    }


@pytest.mark.parametrize(("language", "text"), DOES_NOT_FIRE)
def test_a_negated_or_resolved_problem_does_not_fire(language, text):
    assert find_cues(text) == []


@pytest.mark.parametrize(("language", "text"), NEAR_MISSES)
def test_a_near_miss_does_not_fire(language, text):
    assert find_cues(text) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("heatting not workng", "no_heating"),
        ("Ogrzewnie nie dziala", "no_heating"),  # typo, no Polish letters
        ("he threatned me", "threats"),
        ("gaz sie ulatnia", "gas_smell"),  # inflection
        ("التدفئه معطله", "no_heating"),  # ta marbuta written as ha
    ],
)
def test_typos_and_inflections_still_fire(text, key):
    assert key in find_cues(text)


def test_a_resolution_that_is_negated_keeps_the_cue():
    assert find_cues("The heating still has not been fixed") == ["no_heating"]


def test_a_clause_after_but_is_read_on_its_own():
    assert find_cues("The heating is fixed now but there is no hot water") == ["no_hot_water"]


def test_the_heating_cues_wait_for_winter():
    text = "No heating and no hot water"
    assert find_cues(text, on=dt.date(2026, 7, 1)) == []
    assert find_cues(text, on=dt.date(2026, 12, 1)) == ["no_heating", "no_hot_water"]
    assert find_cues("I smell gas", on=dt.date(2026, 7, 1)) == ["gas_smell"]
