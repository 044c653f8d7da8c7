"""The proposal rule on its own: the distance and days boundaries, the same words, places known
only by postcode, and the hard negatives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from opencex.duplicatereports.demo import _offset
from opencex.duplicatereports.rule import Report, match, normalise, text_similarity

SPOT = (51.7470, -1.2370)
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def report(
    id_=1,
    *,
    metres_away=0.0,
    later=timedelta(0),
    text="Mattress dumped on Cowley Road by the bus stop",
    service=1,
    exact=True,
    postcode="",
    uprn="",
) -> Report:
    lat, long = _offset(*SPOT, metres_away, 0.0)
    return Report(
        id=id_,
        service_id=service,
        received_at=MONDAY + later,
        text=text,
        latitude=lat if exact else 51.75,
        longitude=long if exact else -1.24,
        precision_m=10 if exact else 1000,
        postcode=postcode,
        uprn=uprn,
    )


def test_two_map_points_within_the_services_distance_are_proposed_with_reasons():
    found = match(
        report(text="sofa"),
        report(2, metres_away=38, later=timedelta(days=2), text="old settee"),
        metres=50,
        days=7,
    )
    assert found is not None
    assert found.reasons == ("38 m apart", "same service", "2 days apart")


def test_just_beyond_the_distance_is_not_the_same_place():
    first, second = report(text="sofa"), report(2, metres_away=51, text="old settee")
    assert match(first, second, metres=50, days=7) is None
    assert match(first, report(2, metres_away=49, text="old settee"), metres=50, days=7)


def test_the_days_window_is_inclusive_and_a_day_more_is_not_proposed():
    first = report()
    assert match(first, report(2, metres_away=5, later=timedelta(days=7)), metres=50, days=7)
    assert (
        match(first, report(2, metres_away=5, later=timedelta(days=7, hours=1)), metres=50, days=7)
        is None
    )


def test_the_same_spot_a_month_later_is_a_new_job():
    assert match(report(), report(2, later=timedelta(days=30)), metres=50, days=7) is None


def test_another_service_at_the_same_spot_is_not_proposed_without_the_same_words():
    graffiti = report(2, service=2, text="Graffiti on the bus shelter")
    assert match(report(), graffiti, metres=50, days=7) is None


def test_near_identical_text_is_proposed_without_a_map_point():
    first = report(exact=False, text="Mattress dumped on Cowley Road, by the bus stop!")
    second = report(2, exact=False, service=3, text="mattress dumped on cowley road by bus stop")
    found = match(first, second, metres=50, days=7)
    assert found is not None
    assert found.same_text
    assert "same words" in found.reasons
    assert "same service" not in found.reasons


def test_the_same_words_far_apart_on_the_map_are_different_places():
    text = "Dog mess on the pavement outside the school"
    far = report(2, metres_away=400, text=text)
    assert match(report(text=text), far, metres=30, days=7) is None


def test_places_known_only_by_postcode_need_the_same_postcode_and_overlapping_words():
    first = report(exact=False, postcode="OX4 1HR", text="fridge dumped on Howard Street")
    same = report(2, exact=False, postcode="OX4 1HR", text="a fridge left on Howard Street")
    other_words = report(3, exact=False, postcode="OX4 1HR", text="tyres by the phone box")
    other_postcode = report(4, exact=False, postcode="OX4 1HS", text="fridge on Howard Street")
    assert match(first, same, metres=50, days=7).reasons[0] == "same postcode (OX4 1HR)"
    assert match(first, other_words, metres=50, days=7) is None
    assert match(first, other_postcode, metres=50, days=7) is None


def test_the_same_property_is_the_same_place():
    first = report(exact=False, uprn="100120000001", text="rats")
    second = report(2, exact=False, uprn="100120000001", text="mice in the bin store")
    assert match(first, second, metres=50, days=7).reasons[0] == "same property"


def test_text_is_compared_without_case_punctuation_accents_or_little_words():
    assert normalise("The SOFA, outside Café Nero!") == "sofa cafe nero"
    assert text_similarity(normalise("sofa dumped"), normalise("dumped sofa"))[1]
    assert not text_similarity("sofa", "fridge")[1]
