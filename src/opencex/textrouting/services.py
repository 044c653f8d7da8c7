"""Suggesting the service and team for a free text, and an officer's one-click decision on it.

The model only suggests: a suggestion is recorded (`aigovernance.record_suggestion`) when it is
shown, and the case moves only when an officer confirms it or chooses another service, through
the one door for routing a case (`cases.actions.routing.reassign_case`), with the decision
recorded beside it (accepted, or corrected with the service chosen, which retraining reads).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from opencex.aigovernance import switches
from opencex.aigovernance.models import Outcome, Suggestion
from opencex.aigovernance.services import latest_suggestion, record_decision, record_suggestion
from opencex.cases import policies
from opencex.cases.actions.routing import reassign_case
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseKind, Channel
from opencex.cases.policies import service_change_refusal
from opencex.cases.routing import team_for
from opencex.catalogue.models import Service, Team
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


def suggestion_for_case(case: Case) -> RouteSuggestion | None:
    """The suggestion to show on `case`'s page, recorded the first time the current model makes
    it (a page shown again shows the same record); None once an officer has decided on it, for a
    case that needs no routing, or when routing is off."""
    if not needs_routing(case):
        return None
    suggestion = suggest(case_text(case), kind=case.kind)
    if suggestion is None:
        return None
    shown = latest_suggestion(MODEL_KEY, SUBJECT_CASE, case.pk)
    if shown is not None and shown.decisions.exists():
        return None
    if shown is None or shown.model_version != suggestion.model_version:
        shown = record_suggestion(
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
    return RouteSuggestion(
        service=suggestion.service,
        team=suggestion.team,
        confidence=suggestion.confidence,
        alternatives=suggestion.alternatives,
        model_version=suggestion.model_version,
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
