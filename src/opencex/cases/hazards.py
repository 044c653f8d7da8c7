"""Which clock a report's answers choose, from rules held as data in its form definition.

Awaab's Law adds hazards to each clock in phases, so which answers mean an emergency hazard,
a significant one (damp and mould, from 27 October 2025), or a shorter service standard (an
urgent repair) is a list in the form definition's `case.clock_from`, never code:

    "clock_from": [
      {"when": {"gas_smell": "yes"}, "hazard": "emergency", "tell": ["gas_emergency"]},
      {"when": {"problem": "damp_mould"}, "hazard": "significant"},
      {"when": {"urgency": "urgent"}, "standard_days": 3}
    ]

The first rule whose every answer matches wins (a checkbox answer matches when it includes the
value); no rule matching leaves the service's own standard. `tell` names what the resident must
be told at once, before and after sending: `gas_emergency` (the national gas emergency number,
from the council profile) and `out_of_hours` (the council's out-of-hours route).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from opencex.cases.models import HazardClass

ADVICE = frozenset({"gas_emergency", "out_of_hours"})
_RULE_KEYS = frozenset({"when", "hazard", "standard_days", "tell"})


@dataclass(frozen=True)
class ClockChoice:
    """What the answers chose: a hazard class, or a service standard in working days, and what
    the resident must be told at once."""

    hazard_class: str = HazardClass.NONE
    standard_days: int | None = None
    tell: tuple[str, ...] = ()


def choose_clock(
    rules: Sequence[Mapping[str, Any]] | None, answers: Mapping[str, Any]
) -> ClockChoice:
    """The clock the first matching rule gives for `answers` (the form's own answer values)."""
    for rule in rules or ():
        if all(_matches(answers.get(question), value) for question, value in rule["when"].items()):
            return ClockChoice(
                hazard_class=HazardClass(rule.get("hazard", HazardClass.NONE)),
                standard_days=rule.get("standard_days"),
                tell=tuple(rule.get("tell", ())),
            )
    return ClockChoice()


def can_tell(rules: Sequence[Mapping[str, Any]] | None, advice: str) -> bool:
    """Whether some answer to this form leads to `advice`: such a form warns from its start."""
    return any(advice in rule.get("tell", ()) for rule in rules or ())


def _matches(answer: Any, value: str) -> bool:
    return value in answer if isinstance(answer, list) else answer == value


def clock_rule_problems(rules: Any, questions: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Every fault in a form's `case.clock_from`, one sentence each; `questions` by id."""
    if rules is None:
        return []
    if not isinstance(rules, list):
        return ['"case.clock_from" must be a list of rules.']
    problems = []
    for number, rule in enumerate(rules, start=1):
        where = f'"case.clock_from", rule {number}'
        if not isinstance(rule, dict) or not isinstance(rule.get("when"), dict) or not rule["when"]:
            problems.append(f'{where} needs "when": {{QUESTION: ANSWER, ...}}.')
            continue
        unknown = sorted(set(rule) - _RULE_KEYS)
        if unknown:
            problems.append(
                f"{where} has settings this form engine does not know: {', '.join(unknown)}."
            )
        problems += _when_problems(rule["when"], questions, where)
        hazard = rule.get("hazard", "")
        if hazard not in HazardClass.values:
            problems.append(f'{where}: "hazard" must be "emergency" or "significant".')
        days = rule.get("standard_days")
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
            problems.append(f'{where}: "standard_days" must be a whole number of 1 or more.')
        if days is not None and hazard:
            problems.append(f"{where}: a hazard runs on its own clock, so give no standard_days.")
        tell = rule.get("tell", [])
        if not isinstance(tell, list) or not set(tell) <= ADVICE:
            problems.append(f'{where}: "tell" lists any of {", ".join(sorted(ADVICE))}.')
    return problems


def _when_problems(when: dict, questions: Mapping[str, Mapping[str, Any]], where: str) -> list[str]:
    problems = []
    for question_id, value in when.items():
        question = questions.get(question_id)
        if question is None or question.get("type") not in {"radios", "checkboxes"}:
            problems.append(f'{where}: "{question_id}" is not a radios or checkboxes question.')
        elif value not in {option.get("value") for option in question.get("options", [])}:
            problems.append(f'{where}: "{value}" is not an option of "{question_id}".')
    return problems
