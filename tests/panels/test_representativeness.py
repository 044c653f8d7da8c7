"""The panel against the census, on a hand-computed fixture: counts, shares, gaps, the
under-represented groups, small numbers hidden (with a partner), and the adults-only ages."""

from __future__ import annotations

import pytest

from opencex.panels.census import CensusProfileError, parse_census
from opencex.panels.models import Membership, PanelProfile
from opencex.panels.representativeness import representativeness
from tests.factories import ResidentFactory
from tests.panels.conftest import NOW

pytestmark = pytest.mark.django_db

CENSUS = parse_census(
    {
        "source": "Test fixture",
        "characteristics": {
            "ward": {"North": 50, "South": 30, "East": 20},
            "tenure": {"owned": 40, "social_rented": 20, "private_rented": 40},
            "age_band": {"under_18": 20, "18_24": 20, "25_34": 30, "35_44": 30},
            "ethnic_group": {"white": 80, "asian": 20},
        },
    }
)


def _members(panel, rows):
    for ward, tenure, band, ethnic in rows:
        membership = Membership.objects.create(
            panel=panel,
            resident=ResidentFactory(),
            joined_at=NOW,
            confirmed_at=NOW,
            consent_given=True,
            ward=ward,
            tenure=tenure,
            age_band=band,
        )
        if ethnic:
            PanelProfile.objects.create(
                membership=membership, ethnic_group=ethnic, consented_at=NOW, purpose="test"
            )


@pytest.fixture
def twenty(residents_panel):
    # 20 members: wards 14 North, 5 South, 1 East; tenure 10 owned, 2 social, 6 private,
    # 2 prefer not to say; ages 10 25_34, 10 35_44; ethnic 15 white, 5 asian (all answered).
    rows = []
    for i in range(20):
        ward = "North" if i < 14 else ("South" if i < 19 else "East")
        tenure = (
            "owned"
            if i < 10
            else "social_rented"
            if i < 12
            else "private_rented"
            if i < 18
            else "prefer_not_to_say"
        )
        band = "25_34" if i % 2 else "35_44"
        ethnic = "white" if i < 15 else "asian"
        rows.append((ward, tenure, band, ethnic))
    _members(residents_panel, rows)
    return residents_panel


def _by_key(report, key):
    characteristic = next(c for c in report.characteristics if c.key == key)
    return characteristic, {group.key: group for group in characteristic.groups}


def test_wards_are_compared_with_hidden_small_counts_and_their_partner(twenty):
    report = representativeness(twenty, census=CENSUS, gap_threshold=5)
    characteristic, groups = _by_key(report, "ward")
    assert characteristic.answered == 20
    # North 14/20 = 70% against 50%: +20 points.
    assert (groups["North"].count, groups["North"].panel_share, groups["North"].gap) == (
        14,
        70.0,
        20.0,
    )
    # East has 1 (under 5): hidden; South (5) is the next smallest, hidden as its partner.
    assert groups["East"].count is None
    assert groups["East"].is_small
    assert groups["South"].count is None
    assert not groups["South"].is_small
    # South 25% against 30% is -5: not more than 5 below. East 5% against 20%: under-represented.
    assert not groups["South"].is_under_represented
    assert groups["East"].is_under_represented
    assert report.under_represented("ward") == ["East"]


def test_tenure_leaves_out_those_who_preferred_not_to_say(twenty):
    report = representativeness(twenty, census=CENSUS, gap_threshold=5)
    characteristic, groups = _by_key(report, "tenure")
    assert (characteristic.answered, characteristic.not_answered) == (18, 2)
    # owned 10/18 = 55.6% (+15.6); social 2/18 = 11.1% hidden (-8.9, under); private 6/18 = 33.3%
    # (-6.7, under) but hidden too as the single small count's partner.
    assert (groups["owned"].count, groups["owned"].panel_share, groups["owned"].gap) == (
        10,
        55.6,
        15.6,
    )
    assert groups["social_rented"].count is None
    assert groups["social_rented"].is_under_represented
    assert groups["private_rented"].count is None
    assert groups["private_rented"].is_under_represented


def test_a_residents_panel_of_adults_is_compared_with_the_citys_adults(twenty):
    report = representativeness(twenty, census=CENSUS, gap_threshold=5)
    _characteristic, groups = _by_key(report, "age_band")
    # Under 18 is left out; 18_24, 25_34 and 35_44 are 20:30:30 of the adults = 25%, 37.5%, 37.5%.
    assert set(groups) == {"18_24", "25_34", "35_44"}
    assert groups["25_34"].city_share == 37.5
    # 18_24 has none (hidden, and under-represented against 25%); of the two tied next smallest
    # 25_34 is hidden as its partner, else 0 could be worked out as 20 - 10 - 10.
    assert groups["18_24"].count is None
    assert groups["18_24"].is_under_represented
    assert groups["25_34"].count is None
    assert not groups["25_34"].is_small
    assert (groups["35_44"].count, groups["35_44"].panel_share, groups["35_44"].gap) == (
        10,
        50.0,
        12.5,
    )


def test_ethnic_groups_are_counted_from_the_profiles_only(twenty):
    report = representativeness(twenty, census=CENSUS, gap_threshold=5)
    _characteristic, groups = _by_key(report, "ethnic_group")
    assert (groups["white"].count, groups["white"].gap) == (15, -5.0)
    assert (groups["asian"].count, groups["asian"].gap) == (5, 5.0)
    assert report.members == 20


def test_too_few_members_show_nothing(residents_panel):
    _members(residents_panel, [("North", "owned", "25_34", "white")] * 3)
    report = representativeness(residents_panel, census=CENSUS, gap_threshold=5)
    characteristic, groups = _by_key(report, "ward")
    assert characteristic.is_too_few
    assert all(group.count is None for group in groups.values())
    assert not characteristic.gaps


def test_members_who_left_or_wait_are_not_counted(twenty):
    Membership.objects.filter(ward="East").update(left_at=NOW)
    report = representativeness(twenty, census=CENSUS, gap_threshold=5)
    assert report.members == 19


def test_a_census_profile_that_does_not_add_up_is_refused():
    with pytest.raises(CensusProfileError):
        parse_census({"characteristics": {"ward": {"North": 50, "South": 30}}})


def test_oxfords_census_profile_ships_and_lists_its_24_wards():
    from opencex.panels.census import council_census, wards

    census = council_census()
    assert census is not None
    assert not census.checked
    assert len(wards()) == 24
    assert "Blackbird Leys" in wards()


def _living_in(resident, ward):
    from opencex.people.models import Occupancy, Relationship
    from tests.factories import PropertyFactory

    Occupancy.objects.create(
        resident=resident, property=PropertyFactory(ward=ward), relationship=Relationship.TENANT
    )
    return resident


def test_the_invite_list_keeps_to_the_panels_ages_whatever_else_matches(twenty):
    import datetime as dt

    from opencex.panels.selectors import residents_to_invite, target_wards

    report = representativeness(twenty, census=CENSUS)
    ward = target_wards(report)[0]
    today = dt.date(2026, 12, 1)
    volunteer = {"consents_to_research": True, "consents_to_email": True}
    child = _living_in(ResidentFactory(date_of_birth=dt.date(2014, 3, 1), **volunteer), ward)
    adult = _living_in(ResidentFactory(date_of_birth=dt.date(1986, 3, 1), **volunteer), ward)
    invited = residents_to_invite(report, today=today)
    assert adult in invited
    assert child not in invited  # in a target ward, but too young for the Residents Panel


def test_band_top_and_labels_for_are_public_for_the_records_and_the_invite_list():
    from opencex.panels import records, selectors
    from opencex.panels import representativeness as module

    assert module.band_top("25_34") == 34
    assert module.band_top("under_18") == 17
    assert module.labels_for("disability") == {"yes": "Disabled", "no": "Not disabled"}
    assert selectors.band_top is module.band_top
    assert records.labels_for is module.labels_for
