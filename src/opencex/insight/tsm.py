"""The Regulator of Social Housing's Tenant Satisfaction Measures (the TSM standard, in force
from 1 April 2023) that the platform can work out from what it holds, for a period: CH01 and
CH02 (complaints), RP02 (repairs in target), NM01 (anti-social behaviour). The tenant perception
measures TP01 to TP12 come only from a survey of tenants: from the responses in the period to
the surveys that measure them (surveys.Survey.measures_tsm, the bank's TP questions), as the
share satisfied (or agreeing) of those who gave a view; with no responses they are listed as
needing the survey, never estimated, and a share of fewer tenants than the small-number
threshold is not shown. The other management information measures
(RP01, BS01 to BS05) are about the homes' condition and safety checks, which the housing and
asset systems hold, not this platform.

Homes are the council's rented homes: properties with a tenancy (not a lease) current on the
period's last day, as the housing system's copy holds them. Housing is read through its
relations to people.Property and cases.Case (insight and housing sit side by side in the
layers, so neither imports the other)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from opencex.cases.models import Case
from opencex.catalogue.models import Service
from opencex.insight.breakdown import Breakdown, GroupKey, _expression
from opencex.insight.complaints import complaints_by_stage
from opencex.insight.periods import Period
from opencex.insight.small_numbers import small_number_threshold
from opencex.people.models import Property
from opencex.surveys.bank import tsm_questions
from opencex.surveys.models import Response
from opencex.surveys.results import positive_share

LEASEHOLD = "leasehold"  # housing.TenancyType.LEASEHOLD: a lease is not a rented home
COMPLETED = "completed"  # housing.RepairStatus.COMPLETED
EMERGENCY = "emergency"  # housing.Priority.EMERGENCY
# The catalogue services whose cases are anti-social behaviour cases, and of those, hate
# incidents: the council may name its own in settings.
ASB_SERVICES = ("report-anti-social-behaviour", "report-hate-incident")
HATE_SERVICES = ("report-hate-incident",)

COMPUTED = "computed"
NEEDS_SURVEY = "needs_survey"
NOT_HELD = "not_held"


@dataclass(frozen=True)
class Part:
    """One figure of a measure (most have two): its words, the figure (per 1,000 homes, or a
    share from 0 to 1; None when it cannot be worked out), and what it was worked out from."""

    name: str
    value: float | None
    kind: str  # "per_1000" or "percent"
    numerator: int = 0
    denominator: int = 0
    note: str = ""


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    definition: str
    status: str = COMPUTED
    parts: list[Part] = field(default_factory=list)
    note: str = ""


def homes(period: Period) -> QuerySet[Property]:
    """The council's rented homes on the period's last day."""
    # Exists() on one tenancy: a home whose lease ended long ago and is now let is still a home.
    # The tenancy model is reached through Property's relation: housing is not imported here.
    tenancy_model = Property._meta.get_field("tenancies").related_model
    current_let = (
        tenancy_model._default_manager.filter(property=OuterRef("pk"), started_on__lte=period.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.end))
        .exclude(tenancy_type=LEASEHOLD)
    )
    return Property.objects.filter(Exists(current_let))


def _per_1000(count: int, home_count: int) -> float | None:
    return count * 1000 / home_count if home_count else None


@dataclass(frozen=True)
class _LandlordFunctions(Breakdown):
    """Complaints about the council as a landlord (a service marked `is_landlord_function`),
    all in one group: insight.complaints counts them as it counts every complaint."""

    def grouped(self, rows: QuerySet, *, service, area) -> QuerySet:
        landlord = Service.objects.filter(is_landlord_function=True).values("pk")
        return (
            rows.annotate(about_service=_expression(service))
            .filter(about_service__in=landlord)
            .annotate(group=Value(1))
        )

    def names(self, keys) -> dict[GroupKey, str]:
        return {1: "Landlord services", None: ""}


def tenant_satisfaction_measures(period: Period) -> list[Measure]:
    """Every measure of the standard, in its order: those worked out here with their figures,
    the others saying where they come from."""
    home_count = homes(period).count()
    figures = complaints_by_stage(period, breakdown=_LandlordFunctions())
    stages = {f.stage: f for f in figures if f.is_total}
    return [
        _ch01(stages, home_count),
        _ch02(stages),
        _rp02(period),
        _nm01(period, home_count),
        *_not_held(),
        *_perception(period),
    ]


def _ch01(stages, home_count: int) -> Measure:
    return Measure(
        "CH01",
        "Complaints relative to the size of the landlord",
        "The number of stage one complaints, and of stage two complaints, received per 1,000 "
        "homes. Here: complaints about a landlord service received in the period (stage two: "
        "escalated in the period), per 1,000 rented homes on its last day.",
        parts=[
            Part(
                f"Stage {stage} complaints received per 1,000 homes",
                _per_1000(stages[stage].received, home_count),
                "per_1000",
                stages[stage].received,
                home_count,
            )
            for stage in (1, 2)
        ],
    )


def _ch02(stages) -> Measure:
    return Measure(
        "CH02",
        "Complaints responded to within Complaint Handling Code timescales",
        "The proportion of stage one complaints, and of stage two complaints, responded to "
        "within the Housing Ombudsman's Complaint Handling Code timescales (stage one: 10 "
        "working days, stage two: 20, each with the extension the Code allows). Here: responses "
        "to complaints about a landlord service sent in the period, on or before their due date.",
        parts=[
            Part(
                f"Stage {stage} complaints responded to within the Code's timescale",
                stages[stage].in_time_rate,
                "percent",
                stages[stage].in_time,
                stages[stage].responded - stages[stage].without_due_date,
                note=(
                    f"{stages[stage].without_due_date} responded to without a due date, not counted"
                    if stages[stage].without_due_date
                    else ""
                ),
            )
            for stage in (1, 2)
        ],
    )


def _rp02(period: Period) -> Measure:
    completed = (
        Property.objects.filter(
            tenancies__repairs__status=COMPLETED,
            tenancies__repairs__completed_on__range=(period.start, period.end),
        )
        .values_list(
            "tenancies__repairs__pk",
            "tenancies__repairs__priority",
            "tenancies__repairs__completed_on",
            "tenancies__repairs__case__due_on",
            "tenancies__repairs__case__due_at",
        )
        .distinct()
    )
    counts = {True: [0, 0, 0], False: [0, 0, 0]}  # emergency: [in target, judged, no target]
    for _pk, priority, completed_on, due_on, due_at in completed:
        target = timezone.localdate(due_at) if due_at else due_on
        counted = counts[priority == EMERGENCY]
        if target is None:
            counted[2] += 1
            continue
        counted[1] += 1
        counted[0] += completed_on is not None and completed_on <= target
    return Measure(
        "RP02",
        "Repairs completed within target timescale",
        "The proportion of non-emergency, and of emergency, responsive repairs completed within "
        "the landlord's target timescale. Here: repairs completed in the period, each against "
        "the due date its repair case's clock set (an emergency's 24-hour clock by its day); "
        "repairs with no case or no due date have no target recorded and are not counted.",
        parts=[
            Part(
                f"{name} repairs completed within target",
                counts[emergency][0] / counts[emergency][1] if counts[emergency][1] else None,
                "percent",
                counts[emergency][0],
                counts[emergency][1],
                note=(
                    f"{counts[emergency][2]} completed with no target recorded, not counted"
                    if counts[emergency][2]
                    else ""
                ),
            )
            for name, emergency in (("Non-emergency", False), ("Emergency", True))
        ],
    )


def _nm01(period: Period, home_count: int) -> Measure:
    asb = tuple(getattr(settings, "TSM_ASB_SERVICES", ASB_SERVICES))
    hate = tuple(getattr(settings, "TSM_HATE_INCIDENT_SERVICES", HATE_SERVICES))
    code, name = "NM01", "Anti-social behaviour cases relative to the size of the landlord"
    definition = (
        "The number of anti-social behaviour cases opened per 1,000 homes, and of those, the "
        "number that involve hate incidents. Here: cases for the council's anti-social "
        "behaviour services received in the period about a rented home or from one of its "
        "tenants, per 1,000 rented homes on its last day."
    )
    if not Service.objects.filter(slug__in=asb).exists():
        return Measure(
            code,
            name,
            definition,
            status=NOT_HELD,
            note="The catalogue has no anti-social behaviour service, so there are no cases.",
        )
    rented = homes(period).values("pk")
    tenants = Q(
        resident__tenancy_members__tenancy__property__in=rented,
        resident__tenancy_members__tenancy__started_on__lte=period.end,
    ) & (
        # A former tenant's tenancy ended before the period: their case is not a tenant's.
        Q(resident__tenancy_members__tenancy__ended_on__isnull=True)
        | Q(resident__tenancy_members__tenancy__ended_on__gte=period.start)
    )
    opened = Case.objects.filter(
        Q(property__in=rented) | tenants, received_on__range=(period.start, period.end)
    )
    home_count_parts = []
    for label, slugs in (
        ("Anti-social behaviour cases opened per 1,000 homes", asb),
        ("Of those, cases involving hate incidents, per 1,000 homes", hate),
    ):
        count = opened.filter(service__slug__in=slugs).values("pk").distinct().count()
        home_count_parts.append(
            Part(label, _per_1000(count, home_count), "per_1000", count, home_count)
        )
    return Measure(code, name, definition, parts=home_count_parts)


_NOT_HELD = (
    ("RP01", "Homes that do not meet the Decent Homes Standard"),
    ("BS01", "Gas safety checks"),
    ("BS02", "Fire safety checks"),
    ("BS03", "Asbestos safety checks"),
    ("BS04", "Water safety checks"),
    ("BS05", "Lift safety checks"),
)


def _not_held() -> list[Measure]:
    return [
        Measure(
            code,
            name,
            "Worked out from the stock condition survey and the safety check records.",
            status=NOT_HELD,
            note="The housing and asset management systems hold these records, not this platform.",
        )
        for code, name in _NOT_HELD
    ]


PERCEPTION_MEASURES = (
    ("TP01", "Overall satisfaction"),
    ("TP02", "Satisfaction with repairs"),
    ("TP03", "Satisfaction with time taken to complete most recent repair"),
    ("TP04", "Satisfaction that the home is well maintained"),
    ("TP05", "Satisfaction that the home is safe"),
    ("TP06", "Satisfaction that the landlord listens to tenant views and acts upon them"),
    ("TP07", "Satisfaction that the landlord keeps tenants informed about things that matter to "
             "them"),
    ("TP08", "Agreement that the landlord treats tenants fairly and with respect"),
    ("TP09", "Satisfaction with the landlord's approach to handling complaints"),
    ("TP10", "Satisfaction that the landlord keeps communal areas clean and well maintained"),
    ("TP11", "Satisfaction that the landlord makes a positive contribution to neighbourhoods"),
    ("TP12", "Satisfaction with the landlord's approach to handling anti-social behaviour"),
)  # fmt: skip


def _perception(period: Period) -> list[Measure]:
    """TP01-TP12 from the tenant perception survey's responses sent in the period. The RSH's
    method: the share who answer "very" or "fairly satisfied" (TP08: "strongly agree" or
    "agree") of those who answered the question, leaving out "don't know" and "not applicable";
    a question the branching did not ask (no repair, no complaint, no communal areas) is not
    counted. Check against the regulator's Technical requirements before reporting."""
    answers = list(
        Response.objects.filter(
            survey__measures_tsm=True,
            submitted_at__gte=period.starts_at,
            submitted_at__lt=period.ends_before,
        ).values_list("answers", flat=True)
    )
    definition = (
        "The share of tenants who answer the regulator's survey question satisfied (or "
        "agreeing), of those who gave a view, from a representative survey of tenants."
    )
    if not answers:
        return [
            Measure(
                code,
                name,
                definition,
                status=NEEDS_SURVEY,
                note="No tenant perception survey responses in the period.",
            )
            for code, name in PERCEPTION_MEASURES
        ]
    threshold = small_number_threshold()
    questions = tsm_questions()
    measures = []
    for code, name in PERCEPTION_MEASURES:
        share = positive_share(questions[code].key, answers)
        shown = share.with_a_view >= max(threshold, 1)
        note = (
            f"fewer than {threshold} tenants gave a view: not shown"
            if not shown
            else f"of the {len(answers)} survey responses in the period"
        )
        measures.append(
            Measure(
                code,
                name,
                definition,
                parts=[
                    Part(
                        name,
                        share.positive / share.with_a_view if shown else None,
                        "percent",
                        share.positive if shown else 0,
                        share.with_a_view if shown else 0,
                        note=note,
                    )
                ],
            )
        )
    return measures
