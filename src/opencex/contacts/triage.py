"""The triage script for the vulnerable residents line: a few yes/no questions (data, in
`data/triage.toml`) an officer walks while logging the call, and the outcome their answers lead
to, kept on the contact (`Contact.triage_outcome`, `Contact.triage_answers`).

No question asks for special-category detail: each asks whether there is a need, and a health or
care need is recorded apart, with consent, as a support need (people.services)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy

SCRIPT = Path(__file__).parent / "data" / "triage.toml"


class TriageOutcome(models.TextChoices):
    """Where the call led, most urgent first."""

    EMERGENCY_SIGNPOSTED = "emergency_signposted", gettext_lazy("Emergency: told to call 999")
    PRIORITY_CASE = "priority_case", gettext_lazy("Priority case")
    # Where a yes leads: the officer goes on to record it, if the resident agrees...
    SUPPORT_NEED_TO_RECORD = (
        "support_need_to_record",
        gettext_lazy("Support need to record, with consent"),
    )
    # ...and the call says so once they have (contacts.services.note_support_need_recorded).
    SUPPORT_NEED_RECORDED = (
        "support_need_recorded",
        gettext_lazy("Support need recorded, with consent"),
    )
    SIGNPOSTED_TO_PARTNER = "signposted_to_partner", gettext_lazy("Signposted to a partner")
    NO_URGENT_NEED = "no_urgent_need", gettext_lazy("No urgent need found")


URGENCY = list(TriageOutcome.values)


@dataclass(frozen=True)
class Question:
    id: str
    ask: str
    if_yes: str
    outcome: str


class ScriptProblem(ValueError):
    """The triage file is wrong: what, and where."""


@cache
def questions() -> tuple[Question, ...]:
    """The script's questions in the order they are asked (the file checked once)."""
    with SCRIPT.open("rb") as file:
        data = tomllib.load(file)
    asked = []
    for number, entry in enumerate(data.get("questions", []), start=1):
        try:
            question = Question(
                id=entry["id"], ask=entry["ask"], if_yes=entry["if_yes"], outcome=entry["outcome"]
            )
        except KeyError as missing:
            raise ScriptProblem(f"question {number}: {missing.args[0]} is missing") from None
        if question.outcome not in TriageOutcome.values:
            raise ScriptProblem(f"question '{question.id}': unknown outcome {question.outcome}")
        asked.append(question)
    if len({question.id for question in asked}) != len(asked):
        raise ScriptProblem("every question needs its own id")
    return tuple(asked)


def outcome_for(answers: dict[str, bool]) -> str:
    """The most urgent outcome a "yes" leads to; no urgent need when every answer is no."""
    led_to = [question.outcome for question in questions() if answers.get(question.id)]
    if not led_to:
        return TriageOutcome.NO_URGENT_NEED
    return min(led_to, key=URGENCY.index)


def leads_to(answers: dict[str, bool], outcome: str) -> bool:
    """Whether any "yes" leads to `outcome`, even when a more urgent one is the call's outcome
    (a priority case can still need its support need recorded)."""
    return any(answers.get(question.id) for question in questions() if question.outcome == outcome)


def check_answers(answers: dict[str, bool | None]) -> tuple[dict[str, bool], dict[str, str]]:
    """Answers to the whole script, or to none of it: (the answers kept, problems by question)."""
    given = {key: value for key, value in answers.items() if value is not None}
    if not given:
        return {}, {}
    unknown = set(given) - {question.id for question in questions()}
    if unknown:
        return {}, {sorted(unknown)[0]: str(gettext_lazy("This is not a triage question"))}
    missing = [question.id for question in questions() if question.id not in given]
    problems = {
        qid: str(gettext_lazy("Answer every triage question, or none of them"))
        for qid in missing[:1]
    }
    return (given if not problems else {}), problems
