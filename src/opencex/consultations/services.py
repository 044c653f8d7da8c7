"""Every write to a consultation, one door each: planning and changing it, checking it (clashes,
duplicates, who will be missed), acknowledging a finding, recording the equality check,
launching, closing, recording the results and decision, and publishing them. Each checks the
workflow (workflow.require), runs in a transaction with the row locked and writes a
`ConsultationEvent`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from opencex.accounts.models import Role, User
from opencex.catalogue.models import ServiceArea, Team, Topic
from opencex.consultations import clashes, equality, policies, workflow
from opencex.consultations.models import (
    Audience,
    Consultation,
    ConsultationEvent,
    EqualityCheck,
    Finding,
    Method,
    Outcome,
    Status,
)
from opencex.panels.models import Panel
from opencex.yousaidwedid.models import Change


class ConsultationError(Exception):
    """A plan or an act we cannot accept, with a message the officer can act on. `field` names
    the form field it is about, if one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Plan:
    title: str
    topic: str
    service_area: ServiceArea
    team: Team
    audience: str
    wards: list[str]
    methods: list[str]
    starts_on: date
    ends_on: date
    is_statutory: bool = False
    how_to_take_part: str = ""
    topics: tuple[Topic, ...] = ()
    # Which panel is asked: required when the audience is a panel, ignored otherwise.
    panel: Panel | None = None


def council_wards() -> tuple[str, ...]:
    return tuple(settings.COUNCIL_PROFILE.wards)


def _audit(consultation: Consultation, actor: User, action: str, detail: str = "") -> None:
    ConsultationEvent.objects.create(
        consultation=consultation, actor=actor, action=action, detail=detail[:500]
    )


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


def _checked_plan(plan: Plan) -> None:
    if not plan.title.strip():
        raise ConsultationError("Enter a title.", "title")
    if not plan.topic.strip():
        raise ConsultationError("Enter what the consultation is about.", "topic")
    if plan.ends_on < plan.starts_on:
        raise ConsultationError(
            "The end date must be the same as or after the start date.", "ends_on"
        )
    if plan.team.service_area_id != plan.service_area.pk:
        raise ConsultationError("Choose a team in the service area.", "team")
    if plan.audience not in Audience.values:
        raise ConsultationError("Choose who the consultation is for.", "audience")
    if plan.audience == Audience.PANEL and plan.panel is None:
        raise ConsultationError("Choose which of the council's panels is asked.", "panel")
    unknown = sorted(set(plan.wards) - set(council_wards()))
    if unknown:
        raise ConsultationError(f"Not a ward of the council: {', '.join(unknown)}.", "wards")
    if not plan.methods:
        raise ConsultationError("Choose at least one way to take part.", "methods")
    if set(plan.methods) - set(Method.values):
        raise ConsultationError("Choose ways to take part from the list.", "methods")


def _describe(plan: Plan) -> str:
    places = ", ".join(plan.wards) or "city-wide"
    who = plan.audience
    if plan.audience == Audience.PANEL and plan.panel is not None:
        who = f"{plan.audience} ({plan.panel.name})"
    return (
        f"{plan.title}; {who}, {places}; {plan.starts_on:%d/%m/%Y} to "
        f"{plan.ends_on:%d/%m/%Y}; {', '.join(plan.methods)}"
    )


def _fields(plan: Plan) -> dict:
    return {
        "title": plan.title.strip(),
        "topic": plan.topic.strip(),
        "service_area": plan.service_area,
        "team": plan.team,
        "audience": plan.audience,
        "panel": plan.panel if plan.audience == Audience.PANEL else None,
        "wards": sorted(set(plan.wards)),
        "methods": [m for m in Method.values if m in set(plan.methods)],
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "is_statutory": plan.is_statutory,
        "how_to_take_part": plan.how_to_take_part.strip(),
    }


@transaction.atomic
def plan_consultation(*, actor: User, plan: Plan) -> Consultation:
    """Register a planned consultation for the owning team (a member of it, or an administrator)."""
    if not policies.can_plan_consultations(actor):
        raise PermissionDenied("You cannot plan consultations.")
    if actor.role != Role.ADMINISTRATOR and not plan.team.members.filter(pk=actor.pk).exists():
        raise ConsultationError("Choose a team you are in.", "team")
    _checked_plan(plan)
    consultation = Consultation.objects.create(planned_by=actor, **_fields(plan))
    consultation.topics.set(plan.topics)
    _audit(consultation, actor, "planned", _describe(plan))
    return consultation


@transaction.atomic
def change_plan(*, actor: User, consultation: Consultation, plan: Plan) -> Consultation:
    """Change a plan not yet launched; a checked plan must be checked again."""
    consultation = _locked(consultation)
    workflow.require("change", actor, consultation)
    _checked_plan(plan)
    for name, value in _fields(plan).items():
        setattr(consultation, name, value)
    consultation.status = Status.PLANNED
    consultation.checked_at = None
    consultation.save()
    consultation.topics.set(plan.topics)
    _audit(consultation, actor, "changed", _describe(plan))
    return consultation


@transaction.atomic
def check_consultation(*, actor: User, consultation: Consultation) -> Consultation:
    """Run the check: clashes and duplicates with other consultations, and who is likely to be
    missed. An acknowledgement or an equality answer already given for what is found again is
    kept; what is no longer found goes."""
    consultation = _locked(consultation)
    workflow.require("check", actor, consultation)
    pairs = clashes.check_plan(consultation)
    kept = set()
    for pair in pairs:
        finding, _created = Finding.objects.update_or_create(
            consultation=consultation,
            other=pair.other,
            kind=pair.kind,
            defaults={"why": pair.why[:500]},
        )
        kept.add(finding.pk)
    consultation.findings.exclude(pk__in=kept).delete()
    assessments = equality.assess(consultation)
    for assessment in assessments:
        EqualityCheck.objects.update_or_create(
            consultation=consultation,
            group=assessment.group.slug,
            defaults={
                "likely_missed": assessment.likely_missed,
                "reasons": assessment.reasons,
            },
        )
    consultation.status = Status.CHECKED
    consultation.checked_at = timezone.now()
    consultation.save(update_fields=["status", "checked_at"])
    missed = sum(1 for a in assessments if a.likely_missed)
    _audit(
        consultation,
        actor,
        "checked",
        f"{len(pairs)} clashes or duplicates found; {missed} groups likely missed",
    )
    return consultation


@transaction.atomic
def acknowledge_finding(*, actor: User, finding: Finding, reason: str) -> Finding:
    """Record why the consultation goes ahead despite a clash or duplicate."""
    consultation = _locked(finding.consultation)
    workflow.require("acknowledge", actor, consultation)
    reason = reason.strip()
    if not reason:
        raise ConsultationError("Enter why the consultation should go ahead.", "reason")
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    finding.reason_to_proceed = reason
    finding.acknowledged_by = actor
    finding.acknowledged_at = timezone.now()
    finding.save()
    _audit(
        consultation,
        actor,
        "acknowledged",
        f"{finding.get_kind_display()} with {finding.other.title}: {reason}",
    )
    return finding


@transaction.atomic
def record_equality_check(
    *, actor: User, consultation: Consultation, how_reached: dict[str, str]
) -> list[EqualityCheck]:
    """Record how the plan reaches each group; a group likely missed needs an answer."""
    consultation = _locked(consultation)
    workflow.require("record_equality", actor, consultation)
    checks = list(consultation.equality_checks.all())
    missing = [
        check.group
        for check in checks
        if check.likely_missed and not how_reached.get(check.group, "").strip()
    ]
    if missing:
        names = ", ".join(str(equality.GROUP_NAMES[g]) for g in missing)
        raise ConsultationError(
            f"Say how the plan reaches every group likely to be missed: {names}.", missing[0]
        )
    for check in checks:
        check.how_reached = how_reached.get(check.group, "").strip()
        check.recorded_by = actor
        check.save(update_fields=["how_reached", "recorded_by"])
    _audit(consultation, actor, "equality_recorded", f"{len(checks)} groups")
    return checks


def outstanding(consultation: Consultation) -> list[str]:
    """What stops the launch, in words (empty: ready)."""
    found = []
    waiting = consultation.findings.filter(acknowledged_at__isnull=True).count()
    if waiting:
        found.append(f"{waiting} clashes or duplicates need a reason to go ahead.")
    unanswered = consultation.equality_checks.filter(likely_missed=True, how_reached="").count()
    if unanswered:
        found.append(f"{unanswered} groups likely to be missed need to say how they are reached.")
    if not consultation.equality_checks.exists():
        found.append("The equality check has not been run.")
    if not consultation.how_to_take_part.strip():
        found.append("Say how residents take part.")
    return found


@transaction.atomic
def launch_consultation(*, actor: User, consultation: Consultation) -> Consultation:
    """Open a checked consultation, once every finding has its reason and every group likely
    missed has its answer."""
    consultation = _locked(consultation)
    workflow.require("launch", actor, consultation)
    problems = outstanding(consultation)
    if problems:
        raise ConsultationError(" ".join(problems))
    consultation.status = Status.OPEN
    consultation.save(update_fields=["status"])
    _audit(consultation, actor, "launched")
    return consultation


@transaction.atomic
def close_consultation(*, actor: User, consultation: Consultation) -> Consultation:
    consultation = _locked(consultation)
    workflow.require("close", actor, consultation)
    consultation.status = Status.CLOSED
    consultation.save(update_fields=["status"])
    _audit(consultation, actor, "closed")
    return consultation


@transaction.atomic
def record_outcome(
    *,
    actor: User,
    consultation: Consultation,
    responses: int,
    themes: str,
    decision: str,
    decided_by: str,
    decided_on: date,
    changes: Iterable[Change] = (),
) -> Outcome:
    """Record (or correct) the results: how many responded, the key themes, the decision, who
    made it and when, and the "you said, we did" changes that came of it."""
    consultation = _locked(consultation)
    workflow.require("record_outcome", actor, consultation)
    if responses < 0:
        raise ConsultationError("Enter the number of responses, 0 or more.", "responses")
    for value, name, what in (
        (themes, "themes", "the key themes"),
        (decision, "decision", "the decision"),
        (decided_by, "decided_by", "who made the decision"),
    ):
        if not value.strip():
            raise ConsultationError(f"Enter {what}.", name)
    if decided_on < consultation.starts_on:
        raise ConsultationError(
            "The decision date must be on or after the consultation started.", "decided_on"
        )
    if decided_on > timezone.localdate():
        raise ConsultationError("The decision date must be today or in the past.", "decided_on")
    outcome, _created = Outcome.objects.update_or_create(
        consultation=consultation,
        defaults={
            "responses": responses,
            "themes": themes.strip(),
            "decision": decision.strip(),
            "decided_by": decided_by.strip(),
            "decided_on": decided_on,
            "recorded_by": actor,
        },
    )
    outcome.changes.set(list(changes))
    _audit(
        consultation,
        actor,
        "results_recorded",
        f"{responses} responses; decided by {decided_by.strip()} on {decided_on:%d/%m/%Y}",
    )
    return outcome


@transaction.atomic
def publish_results(*, actor: User, consultation: Consultation) -> Consultation:
    """Put the results and decision on the public consultations page."""
    consultation = _locked(consultation)
    workflow.require("publish", actor, consultation)
    outcome = Outcome.objects.filter(consultation=consultation).first()
    if outcome is None:
        raise ConsultationError("Record the results and the decision before publishing them.")
    outcome.published_at = timezone.now()
    outcome.save(update_fields=["published_at"])
    consultation.status = Status.PUBLISHED
    consultation.save(update_fields=["status"])
    _audit(consultation, actor, "published")
    return consultation
