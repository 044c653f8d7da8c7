"""The urgency cues' acts: look for cues in a new case (raising its priority through the cases
app's one door, as the `System`), and an officer's confirming or dismissing them.

What is kept: the cue keys and the model's version in an `aigovernance.Suggestion`, never the
resident's words. The timeline says "Urgency cue: gas smell (model cues-2026-12.1)"; for a
special-category cue (self-harm) it names no cue, which only the case page shows, to staff who
may see the case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from opencex.aigovernance import switches
from opencex.aigovernance.models import Outcome, Suggestion
from opencex.aigovernance.services import record_decision, record_suggestion
from opencex.cases.actions.core import System, locked, require
from opencex.cases.actions.routing import set_priority
from opencex.cases.errors import CaseError
from opencex.cases.models import Case, CaseEvent, EventKind, Priority
from opencex.cases.timeline import record_event
from opencex.cues import policies
from opencex.cues.detector import find_cues
from opencex.cues.lexicon import CUES_BY_KEY, MODEL_VERSION
from opencex.events.models import Event
from opencex.events.receiving import receive_once

MODEL_KEY = "urgency_cues"
SUBJECT = "case"
_PRIORITIES = {"high": Priority.HIGH, "urgent": Priority.URGENT}


def cue_names(keys: Iterable[str]) -> list[str]:
    return [CUES_BY_KEY[key].name for key in keys if key in CUES_BY_KEY]


def is_special_category(keys: Iterable[str]) -> bool:
    return any(CUES_BY_KEY[key].special_category for key in keys if key in CUES_BY_KEY)


def why(keys: list[str], version: str) -> str:
    """The timeline's reason: the cues by name, or none named if one is special-category."""
    if is_special_category(keys):
        return f"Urgency cue: see the cues on the case page (model {version})"
    return f"Urgency cue: {', '.join(cue_names(keys))} (model {version})"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if " " in value.strip():  # free text, not a choice's code
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def free_text(case: Case) -> str:
    """What the resident wrote: subject, description and the form's free-text answers."""
    return "\n".join([case.subject, case.description, *_strings(case.answers or {})])


def look_for_cues_in_event(*, event_id: int) -> Suggestion | None:
    """The `case.created` consumer: look once per event (a fan-out may run again)."""
    event = Event.objects.get(pk=event_id)
    with transaction.atomic():
        if not receive_once(receiver="urgency-cues", message_id=event.webhook_id):
            return None
        case = Case.objects.filter(reference=event.subject_id).first()
        if case is None:
            return None
        return look_for_cues(case=case, text=free_text(case))


@transaction.atomic
def look_for_cues(*, case: Case, text: str, source: str = "case") -> Suggestion | None:
    """Look for cues in `text` (a new case's or a contact's words about `case`). When one fires:
    record the suggestion, and raise the priority to the cues' level if it is lower."""
    if not switches.is_on(MODEL_KEY):
        return None
    keys = find_cues(text, on=timezone.localdate(case.received_at))
    if not keys:
        return None
    case = locked(case)
    target = max(_PRIORITIES[CUES_BY_KEY[key].priority] for key in keys)
    before = Priority(case.priority)
    event_id = None
    if target > before:
        set_priority(
            actor=System(because="urgency cue"),
            case=case,
            priority=target,
            reason=why(keys, MODEL_VERSION),
        )
        event_id = _last_priority_change(case).pk
    return record_suggestion(
        model_key=MODEL_KEY,
        model_version=MODEL_VERSION,
        subject_type=SUBJECT,
        subject_id=case.pk,
        suggested={
            "priority": int(target),
            "from": int(before),
            "raised": target > before,
            "event": event_id,
            "source": source,
        },
        reasons=keys,
    )


def _last_priority_change(case: Case) -> CaseEvent:
    return case.events.filter(kind=EventKind.PRIORITY_CHANGED).order_by("-at", "-id")[0]


def cue_suggestions(case: Case):
    return Suggestion.objects.filter(model_key=MODEL_KEY, subject_type=SUBJECT, subject_id=case.pk)


def _special(suggestion: Suggestion) -> bool:
    return is_special_category(suggestion.reasons)


def _require_undecided(suggestion: Suggestion) -> None:
    if suggestion.decisions.exists():
        raise CaseError("This urgency cue has been confirmed or dismissed already.")


def _case_of(suggestion: Suggestion) -> Case:
    if suggestion.model_key != MODEL_KEY or suggestion.subject_type != SUBJECT:
        raise CaseError("That is not an urgency cue.")
    return locked(Case(pk=suggestion.subject_id))


@transaction.atomic
def confirm_cues(*, actor, suggestion: Suggestion):
    """The officer agrees the case needs looking at soon: the priority stays as it is."""
    case = _case_of(suggestion)
    require(
        policies.can_decide_cues(actor, case, special_category=_special(suggestion)),
        "You cannot decide this case's cues.",
    )
    _require_undecided(suggestion)
    decision = record_decision(suggestion=suggestion, actor=actor, outcome=Outcome.ACCEPTED)
    record_event(case, EventKind.NOTE, actor, "Urgency cue confirmed")
    return decision


@transaction.atomic
def dismiss_cues(*, actor, suggestion: Suggestion, reason: str):
    """The officer finds the cue wrong. The priority goes back to what it was only if this cue
    raised it and nothing else holds it up: no officer or other cue changed it since, and no
    other cue on the case not dismissed asks for it."""
    case = _case_of(suggestion)
    require(
        policies.can_decide_cues(actor, case, special_category=_special(suggestion)),
        "You cannot decide this case's cues.",
    )
    _require_undecided(suggestion)
    if not reason.strip():
        raise CaseError("Say why the cue is wrong.")
    decision = record_decision(
        suggestion=suggestion, actor=actor, outcome=Outcome.DISMISSED, note=reason.strip()
    )
    if _may_put_back(case, suggestion):
        set_priority(
            actor=actor,
            case=case,
            priority=suggestion.suggested["from"],
            reason=f"Urgency cue dismissed: {reason.strip()}",
        )
    else:
        record_event(case, EventKind.NOTE, actor, "Urgency cue dismissed", body=reason.strip())
    return decision


def _may_put_back(case: Case, suggestion: Suggestion) -> bool:
    made = suggestion.suggested
    if not made.get("raised") or case.priority != made.get("priority"):
        return False
    if _last_priority_change(case).pk != made.get("event"):
        return False  # an officer or another cue changed the priority since
    others = cue_suggestions(case).exclude(pk=suggestion.pk)
    return not any(
        other.suggested.get("priority", 0) >= case.priority
        and not other.decisions.filter(outcome=Outcome.DISMISSED).exists()
        for other in others
    )
