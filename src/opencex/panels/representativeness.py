"""How a panel's active members compare with the city's census profile: per characteristic and
group, the members' count and share, the city's share, the gap in percentage points, and whether
the group is under-represented (its share is more than the council's gap below the city's, or
under the council's fraction of the city's share, which lets a small group such as a ward count).

Only counts of groups are given, never a member: a count under the small-number threshold is
hidden, and when only one group of a characteristic would be hidden the next smallest is hidden
too, so that none can be worked out from the total. Members who did not answer, or preferred not
to say, are left out of the shares (and counted apart)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opencex.panels import questions
from opencex.panels.census import CensusProfile, council_census
from opencex.panels.models import Panel, PanelKind, PanelProfile
from opencex.people import equality


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    count: int | None  # None when hidden (small numbers)
    is_small: bool  # hidden because it is under the threshold (else hidden as its partner)
    panel_share: float | None  # of members who answered; None when hidden
    city_share: float
    gap: float | None  # panel minus city, percentage points; None when hidden
    is_under_represented: bool


@dataclass(frozen=True)
class Characteristic:
    key: str
    heading: str
    groups: list[Group]
    answered: int
    not_answered: int
    is_too_few: bool  # fewer members answered than the threshold: nothing is shown

    @property
    def gaps(self) -> list[Group]:
        return [group for group in self.groups if group.is_under_represented]


@dataclass(frozen=True)
class Representativeness:
    panel: Panel
    members: int
    threshold: int
    gap_threshold: float
    ratio: float
    census_source: str
    census_checked: bool
    characteristics: list[Characteristic]

    @property
    def ratio_percent(self) -> int:
        return round(self.ratio * 100)

    @property
    def gaps(self) -> list[tuple[Characteristic, Group]]:
        return [(c, g) for c in self.characteristics for g in c.gaps]

    def under_represented(self, key: str) -> list[str]:
        """The group keys of one characteristic that are under-represented."""
        return [g.key for c in self.characteristics if c.key == key for g in c.gaps]


def _threshold() -> int:
    return int(getattr(settings, "SMALL_NUMBER_THRESHOLD", 5))


def labels_for(key: str) -> dict[str, str]:
    """The words for each value of a characteristic (used by the records and the tables)."""
    if key == "age_band":
        return {value: str(label) for value, label in equality.AGE_BAND.options}
    if key == "ethnic_group":
        return {value: str(label) for value, label in questions.ETHNIC_HEADINGS.items()}
    if key == "disability":
        return {"yes": str(_("Disabled")), "no": str(_("Not disabled"))}
    if key == "tenure":
        return {
            "owned": str(_("Owns or part-owns their home")),
            "social_rented": str(_("Rents from the council or a housing association")),
            "private_rented": str(_("Rents privately")),
        }
    return {}


HEADINGS: dict[str, Promise] = {
    "age_band": _("Age"),
    "ward": _("Ward"),
    "tenure": _("Tenure"),
    "ethnic_group": _("Ethnic group"),
    "disability": _("Disability"),
}


def _hidden_keys(counts: dict[str, int], threshold: int) -> tuple[set[str], set[str]]:
    small = {key for key, n in counts.items() if threshold > 1 and n < threshold}
    partners: set[str] = set()
    if len(small) == 1 and len(counts) > 1:
        # One hidden count could be taken from the total: hide the next smallest too.
        shown = sorted((n, key) for key, n in counts.items() if key not in small)
        partners.add(shown[0][1])
    return small, partners


def _characteristic(
    key: str,
    answers: list[str],
    city: dict[str, float],
    threshold: int,
    gap_threshold: float,
    ratio: float,
) -> Characteristic:
    counts = Counter(answer for answer in answers if answer in city)
    answered = sum(counts.values())
    per_group = {group: counts.get(group, 0) for group in city}
    small, partners = _hidden_keys(per_group, threshold)
    too_few = answered < max(threshold, 1)
    labels = labels_for(key)
    groups = []
    for group, city_share in city.items():
        count = per_group[group]
        share = 100 * count / answered if answered else 0.0
        gap = share - city_share
        hidden = too_few or group in small or group in partners
        groups.append(
            Group(
                key=group,
                label=labels.get(group, group),
                count=None if hidden else count,
                is_small=group in small,
                panel_share=None if hidden else round(share, 1),
                city_share=round(city_share, 1),
                gap=None if hidden else round(gap, 1),
                # A gap is a gap whether or not its count can be shown (it is the point).
                is_under_represented=not too_few
                and (gap < -gap_threshold or share < city_share * ratio),
            )
        )
    return Characteristic(
        key=key,
        heading=str(HEADINGS[key]),
        groups=groups,
        answered=answered,
        not_answered=len(answers) - answered,
        is_too_few=too_few,
    )


def _renormalised(shares: dict[str, float], keep: set[str]) -> dict[str, float]:
    kept = {key: value for key, value in shares.items() if key in keep}
    total = sum(kept.values())
    return {key: 100 * value / total for key, value in kept.items()} if total else {}


def _city_ages(panel: Panel, census: CensusProfile) -> dict[str, float]:
    """The city's age bands among the people the panel is for (a Residents Panel of adults is
    compared with the adults of the city)."""
    if panel.kind == PanelKind.YOUTH and census.groups("youth_age_band"):
        return census.groups("youth_age_band")
    shares = census.groups("age_band")
    lowest = panel.min_age or 0
    return _renormalised(shares, {band for band in shares if band_top(band) >= lowest})


def band_top(band: str) -> int:
    """The oldest age in a band ("25_34" -> 34; "under_18" -> 17; "75_plus" -> 120)."""
    if band.startswith("under_"):
        return int(band.removeprefix("under_")) - 1
    if band.endswith("_plus"):
        return 120
    return int(band.rsplit("_", 1)[1])


def representativeness(
    panel: Panel,
    *,
    census: CensusProfile | None = None,
    gap_threshold: float | None = None,
    ratio: float | None = None,
) -> Representativeness | None:
    """The panel's make-up against the census profile (the council's own unless given); None
    when the council has no census profile."""
    census = census or council_census()
    if census is None:
        return None
    threshold = _threshold()
    if gap_threshold is None:
        gap_threshold = settings.COUNCIL_PROFILE.panels.under_represented_gap
    if ratio is None:
        ratio = settings.COUNCIL_PROFILE.panels.under_represented_ratio
    members = list(panel.memberships.active().values_list("pk", "age_band", "ward", "tenure"))
    profiles = {
        row[0]: row[1:]
        for row in PanelProfile.objects.filter(
            membership_id__in=[row[0] for row in members]
        ).values_list("membership_id", "ethnic_group", "disability")
    }
    answers = {
        "age_band": [row[1] for row in members],
        "ward": [row[2] for row in members],
        "tenure": [row[3] for row in members],
        "ethnic_group": [profiles.get(row[0], ("", ""))[0] for row in members],
        "disability": [profiles.get(row[0], ("", ""))[1] for row in members],
    }
    cities = {
        "age_band": _city_ages(panel, census),
        "ward": census.groups("ward"),
        "tenure": census.groups("tenure"),
        "ethnic_group": census.groups("ethnic_group"),
        "disability": census.groups("disability"),
    }
    characteristics = [
        _characteristic(key, answers[key], city, threshold, gap_threshold, ratio)
        for key, city in cities.items()
        if city
    ]
    return Representativeness(
        panel=panel,
        members=len(members),
        threshold=threshold,
        gap_threshold=gap_threshold,
        ratio=ratio,
        census_source=census.source,
        census_checked=census.checked,
        characteristics=characteristics,
    )
