"""The equality check of a plan: for each group of people, is the plan likely to miss them, and
why. Two kinds of reason, each said in words:

- hard rules on the plan's methods: no translated materials misses residents whose main language
  is not English; no paper, phone or in-person way misses the digitally excluded; no youth panel
  or schools work misses young people; no easy read misses people with learning disabilities;
- the council's own reach (insight.reach, the last 12 months of cases): a group whose share using
  the plan's channels is well under everyone's (less than `UNDER_REACHED` of it) is flagged,
  naming the figures. Hidden small numbers are never used.

The officer must record how the plan reaches every group flagged before it is launched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from opencex.cases.models import Channel
from opencex.consultations.models import Consultation, Method
from opencex.insight import reach
from opencex.insight.periods import Period
from opencex.insight.small_numbers import small_number_threshold
from opencex.people import equality

UNDER_REACHED = 0.75  # a group's share under 3/4 of everyone's is "well under"
REACH_DAYS = 365

# The channels residents use that each method relies on.
METHOD_CHANNELS: dict[str, str] = {
    Method.ONLINE_SURVEY: Channel.WEB,
    Method.PAPER: Channel.LETTER,
    Method.PHONE: Channel.PHONE,
    Method.DROP_IN: Channel.FACE_TO_FACE,
    Method.PUBLIC_MEETING: Channel.FACE_TO_FACE,
    Method.OUTREACH: Channel.OUTREACH,
}
OFFLINE_METHODS = frozenset(
    {Method.PAPER, Method.PHONE, Method.DROP_IN, Method.PUBLIC_MEETING, Method.OUTREACH}
)
YOUTH_METHODS = frozenset({Method.YOUTH_PANEL, Method.SCHOOLS})


@dataclass(frozen=True)
class Group:
    slug: str
    name: Promise
    # The equality question and its answers that make up the group in the reach figures.
    field: str = ""
    answers: tuple[str, ...] = ()


def _all_but(question: equality.Question, *kept: str) -> tuple[str, ...]:
    return tuple(value for value, _label in question.options if value not in kept)


GROUPS: tuple[Group, ...] = (
    Group("young_people", _("Young people (under 25)"), "age_band", ("under_18", "18_24")),
    Group("older_people", _("Older people (65 and over)"), "age_band", ("65_74", "75_plus")),
    Group("disabled_people", _("Disabled people"), "disability", ("yes",)),
    Group(
        "ethnic_minorities",
        _("Black, Asian and minority ethnic residents"),
        "ethnic_group",
        _all_but(equality.ETHNIC_GROUP, "white_british"),
    ),
    Group(
        "other_languages",
        _("Residents whose main language is not English"),
        "main_language",
        _all_but(equality.MAIN_LANGUAGE, "en"),
    ),
    Group("digitally_excluded", _("Digitally excluded residents")),
)
GROUP_NAMES = {group.slug: group.name for group in GROUPS}


@dataclass
class Assessment:
    group: Group
    reasons: list[str] = field(default_factory=list)

    @property
    def likely_missed(self) -> bool:
        return bool(self.reasons)


def _hard_rules(methods: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {group.slug: [] for group in GROUPS}
    if Method.TRANSLATED not in methods:
        found["other_languages"].append("No translated materials.")
    if not methods & OFFLINE_METHODS:
        found["digitally_excluded"].append("No paper, phone or in-person way to take part.")
        found["older_people"].append("Online only: older residents use the web least.")
    if not methods & YOUTH_METHODS:
        found["young_people"].append("No youth panel or schools and colleges work.")
    if Method.EASY_READ not in methods:
        found["disabled_people"].append("No easy read version.")
    return found


def _share(counts: list[reach.Count], columns: list[int]) -> float | None:
    """The best share of a row's residents using one of the columns; None if any is hidden."""
    total = counts[-1]
    if total.hidden or not total.value:
        return None
    shares = []
    for column in columns:
        if counts[column].hidden:
            return None
        shares.append(counts[column].value / total.value)
    return max(shares, default=0.0)


def _reach_rules(methods: set[str], period: Period) -> dict[str, list[str]]:
    """A group whose share reached by the plan's channels is well under everyone's."""
    found: dict[str, list[str]] = {group.slug: [] for group in GROUPS}
    planned = {METHOD_CHANNELS[m] for m in methods if m in METHOD_CHANNELS}
    if not planned:
        return found
    tables = {
        table.question.field: table
        for table in reach.reach_by_characteristic(period, threshold=small_number_threshold())
    }
    labels = dict(Channel.choices)
    for group in GROUPS:
        table = tables.get(group.field)
        if table is None:
            continue
        columns = [i for i, channel in enumerate(table.channels) if channel in planned]
        rows = dict(table.rows)
        everyone = _share(rows[reach.TOTAL], columns) if columns else 0.0
        if not everyone:
            continue
        question = equality.question(group.field)
        for answer in group.answers:
            if answer not in rows:
                continue
            share = _share(rows[answer], columns) if columns else 0.0
            if share is not None and share < everyone * UNDER_REACHED:
                channels = ", ".join(sorted(str(labels[c]) for c in planned))
                found[group.slug].append(
                    f"{question.answer_in_words(answer)}: {share:.0%} contacted us by "
                    f"{channels}, against {everyone:.0%} of all residents (last 12 months)."
                )
    return found


def assess(consultation: Consultation) -> list[Assessment]:
    """Each group, with the reasons the plan is likely to miss it (none: not flagged)."""
    methods = set(consultation.methods)
    today = timezone.localdate()
    period = Period(today - timedelta(days=REACH_DAYS - 1), today)
    hard = _hard_rules(methods)
    measured = _reach_rules(methods, period)
    return [Assessment(group, hard[group.slug] + measured[group.slug]) for group in GROUPS]
