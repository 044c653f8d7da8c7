"""The figures on the reports page, each computed in the database for a period: demand by
channel, first-contact resolution, repeat contact, cases in time by kind, satisfaction and
channel shift."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from opencex.cases.models import Case, CaseKind, Channel, Status
from opencex.catalogue.models import Service
from opencex.contacts.models import RESOLVED_OUTCOMES, Contact, Outcome
from opencex.feedback.models import Rating
from opencex.insight import rollups
from opencex.insight.periods import Period

# Channel shift: residents serving themselves on the website, against an officer handling the
# contact. Partner systems are neither, so they count in demand but not in the shift.
SELF_SERVICE_CHANNELS = frozenset({Channel.WEB})
ASSISTED_CHANNELS = frozenset(
    {Channel.PHONE, Channel.FACE_TO_FACE, Channel.EMAIL, Channel.LETTER, Channel.OUTREACH}
)

# A repeat contact: the same resident about the same service again within this many days.
REPEAT_WINDOW_DAYS = rollups.REPEAT_WINDOW_DAYS

# "Satisfied" is a 4 (satisfied) or a 5 (very satisfied), as the council's surveys count it.
SATISFIED_SCORES = (4, 5)


def _share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (an empty period has no rate)."""
    return part / whole if whole else None


# Demand by channel


@dataclass(frozen=True)
class ChannelDemand:
    channel: str
    cases: int
    contacts: int

    @property
    def total(self) -> int:
        return self.cases + self.contacts


def cases_received(period: Period) -> QuerySet[Case]:
    return Case.objects.filter(received_on__range=(period.start, period.end))


def contacts_logged(period: Period) -> QuerySet[Contact]:
    return Contact.objects.filter(at__gte=period.starts_at, at__lt=period.ends_before)


def contacts_without_a_case(period: Period) -> QuerySet[Contact]:
    """Contacts that ended there and then. A contact that opened a case is counted as that
    case, so that one call is not counted twice."""
    return contacts_logged(period).exclude(outcome=Outcome.CASE_OPENED)


def demand_by_channel(period: Period) -> list[ChannelDemand]:
    """Every channel, in the order the council lists them, then all together (channel ""):
    cases received plus contacts resolved without a case."""
    if rollups.in_use():
        cases = {k[0]: n for k, n in rollups.cases_received(period, "channel").items()}
        contacts = {
            k[0]: n
            for k, n in rollups.contacts(
                period, "channel", without_outcome=Outcome.CASE_OPENED
            ).items()
        }
    else:
        cases = _count_by(cases_received(period), "channel")
        contacts = _count_by(contacts_without_a_case(period), "channel")
    rows = [
        ChannelDemand(channel, cases.get(channel, 0), contacts.get(channel, 0))
        for channel in Channel.values
    ]
    return [*rows, ChannelDemand("", sum(cases.values()), sum(contacts.values()))]


def _count_by(rows: QuerySet, field: str) -> dict:
    return {row[field]: row["n"] for row in rows.order_by().values(field).annotate(n=Count("pk"))}


# First-contact resolution


@dataclass(frozen=True)
class Resolution:
    channel: str  # "" for every channel together
    contacts: int
    resolved: int

    @property
    def rate(self) -> float | None:
        return _share(self.resolved, self.contacts)


def first_contact_resolution(period: Period) -> list[Resolution]:
    """For each channel with contacts logged, then all together (channel ""): how many were
    resolved or signposted there and then."""
    by_channel: dict[str, dict[str, int]] = {}
    if rollups.in_use():
        for (channel, outcome), n in rollups.contacts(period, "channel", "outcome").items():
            row = by_channel.setdefault(channel, {"contacts": 0, "resolved": 0})
            row["contacts"] += n
            row["resolved"] += n if outcome in RESOLVED_OUTCOMES else 0
    else:
        rows = (
            contacts_logged(period)
            .order_by()
            .values("channel")
            .annotate(
                contacts=Count("pk"),
                resolved=Count("pk", filter=Q(outcome__in=RESOLVED_OUTCOMES)),
            )
        )
        by_channel = {row["channel"]: cast(dict[str, int], row) for row in rows}
    resolutions = [
        Resolution(channel, by_channel[channel]["contacts"], by_channel[channel]["resolved"])
        for channel in Channel.values
        if channel in by_channel
    ]
    total = Resolution(
        "", sum(r.contacts for r in resolutions), sum(r.resolved for r in resolutions)
    )
    return [*resolutions, total]


# Repeat contact


@dataclass(frozen=True)
class RepeatContact:
    service: str  # the service's title; "" for every service together
    contacts: int
    repeats: int

    @property
    def rate(self) -> float | None:
        return _share(self.repeats, self.contacts)


def repeat_contact(period: Period, *, within_days: int = REPEAT_WINDOW_DAYS) -> list[RepeatContact]:
    """For each service, then all together (service ""): the cases and contacts in the period
    from a known resident, and how many of them came within `within_days` days (to the minute)
    after an earlier case or contact from the same resident about the same service.

    Contacts that opened a case are counted as their case; anonymous contacts and contacts about
    no particular service cannot be repeats of anything and are left out.
    """
    counts: dict[int, list] = {}  # service id: [title, contacts, repeats]
    if rollups.in_use() and within_days == REPEAT_WINDOW_DAYS:
        # The marks the triggers keep (docs/insight-scale.md), a day and service a row.
        marked = rollups.repeats(period)
        titles = dict(Service.objects.filter(pk__in=list(marked)).values_list("pk", "title"))
        counts = {pk: [titles[pk], n, repeats] for pk, (n, repeats) in marked.items()}
        return _repeat_contact_rows(counts)
    window = timedelta(days=within_days)
    cases = (
        cases_received(period)
        .filter(resident__isnull=False, service__isnull=False)
        .annotate(is_repeat=_earlier_contact_exists(OuterRef("received_at"), window))
    )
    contacts = (
        contacts_without_a_case(period)
        .filter(resident__isnull=False, service__isnull=False)
        .annotate(is_repeat=_earlier_contact_exists(OuterRef("at"), window))
    )
    for rows in (cases, contacts):
        grouped = (
            rows.order_by()
            .values("service_id", "service__title")
            .annotate(n=Count("pk"), repeats=Count("pk", filter=Q(is_repeat=True)))
        )
        for row in grouped:
            counted = counts.setdefault(row["service_id"], [row["service__title"], 0, 0])
            counted[1] += row["n"]
            counted[2] += row["repeats"]
    return _repeat_contact_rows(counts)


def _repeat_contact_rows(counts: dict[int, list]) -> list[RepeatContact]:
    """Each service's row, most repeats first, then all together (service "")."""
    by_service = sorted(
        (RepeatContact(title, n, repeats) for title, n, repeats in counts.values()),
        key=lambda row: (-row.repeats, -row.contacts, row.service),
    )
    total = RepeatContact(
        "", sum(row.contacts for row in by_service), sum(row.repeats for row in by_service)
    )
    return [*by_service, total]


def _earlier_contact_exists(at: OuterRef, window: timedelta) -> Q:
    """A case or a contact (not one that opened a case) from the same resident about the same
    service in the `window` before `at`."""
    same = {"resident_id": OuterRef("resident_id"), "service_id": OuterRef("service_id")}
    # Strictly earlier: a case is never a repeat of itself.
    earlier_case = Case.objects.filter(**same, received_at__lt=at, received_at__gte=at - window)
    earlier_contact = Contact.objects.filter(**same, at__lt=at, at__gte=at - window).exclude(
        outcome=Outcome.CASE_OPENED
    )
    return Q(Exists(earlier_case)) | Q(Exists(earlier_contact))


# Cases by kind


def kind_label(kind: str, stage: int | None) -> str:
    """The kind in words, with the stage for a complaint; "" for every kind together."""
    if not kind:
        return ""
    label = CaseKind(kind).label
    return f"{label} (stage {stage})" if stage else label


@dataclass(frozen=True)
class KindTimeliness:
    kind: str  # "" for every kind together
    stage: int | None
    received: int
    finished: int  # answered (responded) or closed in the period, withdrawn cases left out
    without_due_date: int  # of those finished
    in_time: int  # of those finished with a due date, on or before it

    @property
    def label(self) -> str:
        return kind_label(self.kind, self.stage)

    @property
    def in_time_rate(self) -> float | None:
        return _share(self.in_time, self.finished - self.without_due_date)


def cases_by_kind(period: Period) -> list[KindTimeliness]:
    """For each kind of case (complaints by stage), then all together (kind ""): received in the
    period, and finished in it and how many of those on or before their due date.

    A case is finished on the day it was responded to (complaints and information requests) or,
    failing that, the day it was closed, in London time. The due date already allows for the
    clock's pauses and extensions, so a case counts once however often its clock stopped.
    """
    finished_on = Coalesce(
        "responded_on", TruncDate("closed_at", tzinfo=timezone.get_default_timezone())
    )
    if rollups.in_use():
        received = rollups.cases_received(period, "kind", "stage")
        finished = rollups.cases_finished(period)
    else:
        received, finished = _received_and_finished(period, finished_on)
    rows = []
    for kind in CaseKind.values:
        seen = received.keys() | finished.keys()
        stages = sorted({stage for k, stage in seen if k == kind}, key=lambda stage: stage or 0)
        for stage in stages:
            done: Mapping[str, Any] = finished.get((kind, stage), {})
            rows.append(
                KindTimeliness(
                    kind=kind,
                    stage=stage,
                    received=received.get((kind, stage), 0),
                    finished=done.get("n", 0),
                    without_due_date=done.get("without_due_date", 0),
                    in_time=done.get("in_time", 0),
                )
            )
    total = KindTimeliness(
        kind="",
        stage=None,
        received=sum(row.received for row in rows),
        finished=sum(row.finished for row in rows),
        without_due_date=sum(row.without_due_date for row in rows),
        in_time=sum(row.in_time for row in rows),
    )
    return [*rows, total]


def _received_and_finished(period: Period, finished_on) -> tuple[dict, dict]:
    """`cases_by_kind`'s two counts from the cases themselves."""
    received = {
        (row["kind"], row["stage"]): row["n"]
        for row in cases_received(period).order_by().values("kind", "stage").annotate(n=Count("pk"))
    }
    finished = {
        (row["kind"], row["stage"]): row
        for row in Case.objects.exclude(status=Status.WITHDRAWN)
        .annotate(finished_on=finished_on)
        .filter(finished_on__range=(period.start, period.end))
        .order_by()
        .values("kind", "stage")
        .annotate(
            n=Count("pk"),
            without_due_date=Count("pk", filter=Q(due_on__isnull=True)),
            in_time=Count("pk", filter=Q(finished_on__lte=F("due_on"))),
        )
    }
    return received, finished


# Satisfaction


@dataclass(frozen=True)
class Satisfaction:
    channel: str  # "" for every channel together
    ratings: int
    average: float | None
    satisfied: int

    @property
    def satisfied_rate(self) -> float | None:
        return _share(self.satisfied, self.ratings)


def satisfaction(period: Period) -> list[Satisfaction]:
    """Residents' ratings (1 to 5) given in the period, for each channel their case came by,
    then all together (channel ""): how many, the average score and how many were satisfied."""
    ratings = Rating.objects.filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_before
    )
    figures = {
        "ratings": Count("pk"),
        "average": Avg("score"),
        "satisfied": Count("pk", filter=Q(score__in=SATISFIED_SCORES)),
    }
    by_channel: dict[str, Mapping[str, Any]] = {
        row["channel"]: row for row in ratings.order_by().values("channel").annotate(**figures)
    }
    known = [channel for channel in Channel.values if channel in by_channel]
    others = sorted(by_channel.keys() - set(known))  # a channel no longer offered
    rows = [
        Satisfaction(
            channel,
            by_channel[channel]["ratings"],
            by_channel[channel]["average"],
            by_channel[channel]["satisfied"],
        )
        for channel in [*known, *others]
    ]
    total = ratings.aggregate(**figures)
    return [*rows, Satisfaction("", total["ratings"], total["average"], total["satisfied"])]


# Channel shift


@dataclass(frozen=True)
class ChannelMix:
    period: Period
    self_service: int
    assisted: int

    @property
    def self_service_rate(self) -> float | None:
        return _share(self.self_service, self.self_service + self.assisted)


@dataclass(frozen=True)
class ChannelShift:
    current: ChannelMix
    previous: ChannelMix

    @property
    def change(self) -> float | None:
        """How far the website's share moved, in percentage points (positive: towards it)."""
        now, before = self.current.self_service_rate, self.previous.self_service_rate
        return None if now is None or before is None else (now - before) * 100


def channel_shift(period: Period) -> ChannelShift:
    """The website's share of demand (as in `demand_by_channel`) against assisted channels, in
    the period and in the comparison period before it (`Period.previous`)."""
    return ChannelShift(_channel_mix(period), _channel_mix(period.previous()))


def _channel_mix(period: Period) -> ChannelMix:
    demand = {row.channel: row.total for row in demand_by_channel(period) if row.channel}
    return ChannelMix(
        period=period,
        self_service=sum(demand[channel] for channel in SELF_SERVICE_CHANNELS),
        assisted=sum(demand[channel] for channel in ASSISTED_CHANNELS),
    )
