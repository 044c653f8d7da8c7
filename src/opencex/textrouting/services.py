"""Suggesting the service and team for a free text, and an officer's one-click decision on it.

The model only suggests: a suggestion is made and recorded (`aigovernance.record_suggestion`)
when the case comes in (the `case.created` consumer) and after each daily retraining for the open
cases still needing routing (once per model version); the case page shows the latest recorded
suggestion and never writes one. The case moves only when an officer confirms it or chooses
another service, through the one door for routing a case (`cases.actions.routing.reassign_case`),
with the decision recorded beside it (accepted, or corrected with the service chosen, which
retraining reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from opencex.aigovernance import switches
from opencex.aigovernance.models import Outcome, Suggestion
from opencex.aigovernance.services import latest_suggestion, record_decision, record_suggestion
from opencex.cases import policies
from opencex.cases.actions.core import locked
from opencex.cases.actions.routing import reassign_case
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind, Channel
from opencex.cases.policies import SERVICE_ROUTED_KINDS, service_change_refusal
from opencex.cases.routing import team_for
from opencex.catalogue.models import Service, Team
from opencex.events.models import Event
from opencex.events.receiving import receive_once
from opencex.textrouting import store
from opencex.textrouting.training import MODEL_KEY, case_text

ALTERNATIVES = 2  # shown beside the likeliest service: the top 3 in all
# The catalogue's catch-all services: a case on one of them has not been routed yet.
GENERAL_SERVICES = frozenset({"make-general-enquiry"})
SUBJECT_CASE = "case"


@dataclass(frozen=True)
class RouteChoice:
    service: Service
    team: Team | None
    probability: float

    @property
    def percent(self) -> int:
        return round(self.probability * 100)


@dataclass(frozen=True)
class RouteSuggestion:
    """The likeliest service and its team, how sure the model is, and the next likeliest."""

    service: Service
    team: Team | None
    confidence: float
    alternatives: list[RouteChoice]
    model_version: str
    record: Suggestion | None = field(default=None, compare=False)

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)

    @property
    def choices(self) -> list[RouteChoice]:
        return [RouteChoice(self.service, self.team, self.confidence), *self.alternatives]


def suggest(text: str, *, kind: str = CaseKind.ENQUIRY) -> RouteSuggestion | None:
    """The top 3 services for `text` with their probabilities (which sum to at most 1), or None
    when routing is switched off, no model is trained yet or the text is empty."""
    if not switches.is_on(MODEL_KEY) or not text.strip():
        return None
    model = store.load_current()
    if model is None:
        return None
    ranked = model.ranked(text, n=1 + ALTERNATIVES)
    services = Service.objects.select_related("team").in_bulk(
        [slug for slug, _ in ranked], field_name="slug"
    )
    choices = [
        RouteChoice(services[slug], team_for(kind=kind, service=services[slug]), probability)
        for slug, probability in ranked
        if slug in services
    ]
    if not choices:
        return None
    best, *alternatives = choices
    return RouteSuggestion(
        service=best.service,
        team=best.team,
        confidence=best.probability,
        alternatives=alternatives,
        model_version=model.version,
    )


def needs_routing(case: Case) -> bool:
    """A case the model helps route: an open request or enquiry with no specific service yet
    (none, or the general enquiry) or one that came by email."""
    if service_change_refusal(case) is not None:
        return False
    is_general = case.service is None or case.service.slug in GENERAL_SERVICES
    return is_general or case.channel == Channel.EMAIL


def _as_recorded(choice: RouteChoice) -> dict:
    return {
        "service": choice.service.slug,
        "team": choice.team.slug if choice.team else "",
        "probability": round(choice.probability, 4),
    }


@transaction.atomic
def record_routing_suggestion(case: Case) -> Suggestion | None:
    """Make and record the current model's suggestion for `case`, once per model version, unless
    an officer has decided on an earlier one; the case is locked, so two runs record one."""
    case = locked(case)
    if not needs_routing(case):
        return None
    suggestion = suggest(case_text(case), kind=case.kind)
    if suggestion is None:
        return None
    latest = latest_suggestion(MODEL_KEY, SUBJECT_CASE, case.pk)
    if latest is not None and (
        latest.model_version == suggestion.model_version or latest.decisions.exists()
    ):
        return None
    return record_suggestion(
        model_key=MODEL_KEY,
        model_version=suggestion.model_version,
        subject_type=SUBJECT_CASE,
        subject_id=case.pk,
        suggested={
            **_as_recorded(suggestion.choices[0]),
            "alternatives": [_as_recorded(choice) for choice in suggestion.alternatives],
        },
        confidence=suggestion.confidence,
        reasons=[f"words of the case read by {suggestion.model_version}"],
    )


def suggest_routing_in_event(*, event_id: int) -> Suggestion | None:
    """The `case.created` consumer: suggest once per event (a fan-out may run again)."""
    event = Event.objects.get(pk=event_id)
    with transaction.atomic():
        if not receive_once(receiver="text-routing", message_id=event.webhook_id):
            return None
        case = Case.objects.filter(reference=event.subject_id).first()
        return None if case is None else record_routing_suggestion(case)


def suggest_for_open_cases() -> int:
    """After a retraining: record the new version's suggestion for each open case still needing
    routing that has none from it. How many were recorded."""
    candidates = (
        Case.objects.open()
        .filter(kind__in=SERVICE_ROUTED_KINDS)
        .filter(
            Q(service__isnull=True)
            | Q(service__slug__in=GENERAL_SERVICES)
            | Q(channel=Channel.EMAIL)
        )
        .order_by("pk")
    )
    return sum(record_routing_suggestion(case) is not None for case in candidates.iterator())


def suggestion_for_case(case: Case) -> RouteSuggestion | None:
    """The latest recorded suggestion to show on `case`'s page (a GET never records one); None
    once an officer has decided on it, for a case that needs no routing, or when routing is
    off."""
    if not switches.is_on(MODEL_KEY) or not needs_routing(case):
        return None
    shown = latest_suggestion(MODEL_KEY, SUBJECT_CASE, case.pk)
    if shown is None or shown.decisions.exists():
        return None
    made = [shown.suggested, *shown.suggested.get("alternatives", [])]
    services = Service.objects.select_related("team").in_bulk(
        [choice["service"] for choice in made], field_name="slug"
    )
    choices = [
        RouteChoice(
            services[choice["service"]],
            team_for(kind=case.kind, service=services[choice["service"]]),
            choice["probability"],
        )
        for choice in made
        if choice["service"] in services
    ]
    if not choices or choices[0].service.slug != shown.suggested["service"]:
        return None  # the suggested service has left the catalogue since
    best, *alternatives = choices
    return RouteSuggestion(
        service=best.service,
        team=best.team,
        confidence=best.probability,
        alternatives=alternatives,
        model_version=shown.model_version,
        record=shown,
    )


@transaction.atomic
def route_case(*, actor, case: Case, service: Service, suggestion: Suggestion | None = None):
    """Put `case` on `service` and its team, as the officer `actor` chose. With the routing
    `suggestion` the officer was shown, their choice is recorded as a decision on it: accepted
    when it is the suggested service (even if the case was already on it), corrected otherwise."""
    if suggestion is not None and (
        suggestion.model_key != MODEL_KEY
        or suggestion.subject_type != SUBJECT_CASE
        or suggestion.subject_id != case.pk
    ):
        raise CaseError("That suggestion is not about this case.")
    if suggestion is not None:
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if suggestion.decisions.exists():
            raise CaseError(
                "This suggestion has been decided already: see the case's timeline for where "
                "the case went."
            )
    if case.service_id != service.pk:
        case = reassign_case(actor=actor, case=case, service=service)
    elif not policies.can_reassign_case(actor, case):
        # Nothing moves, but only someone who may route the case may say it is right.
        raise PermissionDenied("You cannot reassign this case.")
    if suggestion is not None:
        if suggestion.suggested.get("service") == service.slug:
            record_decision(suggestion=suggestion, actor=actor, outcome=Outcome.ACCEPTED)
        else:
            record_decision(
                suggestion=suggestion,
                actor=actor,
                outcome=Outcome.CORRECTED,
                correction={"service": service.slug},
            )
    return case
