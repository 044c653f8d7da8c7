"""The homelessness form's answers through the Part 7 triage (housingoptions.triage): the case's
priority, the note the officer reads first, and what the resident is told happens next.

Registered as the form triage rule "homelessness" (forms.triage); a form names it in its
schema's "case.triage". The question ids below are those of get-help-at-risk-of-homelessness.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opencex.cases.models import Priority
from opencex.clocks.wording import long_date as english_date
from opencex.dates_in_language import long_date
from opencex.forms.triage import TriageResult
from opencex.housingoptions.triage import (
    FLAG_LABELS,
    Flag,
    Leaving,
    Outcome,
    Situation,
    Triage,
    duty_explanation,
    triage,
)
from opencex.languages import in_current_language

_OUTCOME_TITLES = {
    Outcome.URGENT: "Homelessness triage: urgent, nowhere safe to sleep tonight",
    Outcome.PREVENTION: "Homelessness triage: threatened with homelessness, prevention duty",
    Outcome.RELIEF: "Homelessness triage: homeless now, relief duty",
    Outcome.ADVICE: "Homelessness triage: advice, not yet within 56 days",
}


def situation_from(answers: Mapping[str, Any]) -> Situation:
    """The triage's facts from the form's answers (question ids of the homelessness form)."""
    household = set(answers.get("household") or ())
    reasons = set(answers.get("reasons") or ())
    about_you = set(answers.get("about_you") or ())
    support = set(answers.get("support_needs") or ()) - {"none"}
    flags = {
        Flag.DOMESTIC_ABUSE: "domestic_abuse" in reasons,
        Flag.CARE_LEAVER: "care_leaver" in about_you,
        Flag.ARMED_FORCES: "armed_forces" in about_you,
        Flag.AGED_16_OR_17: answers.get("age") == "16_17",
        Flag.PREGNANT: "pregnant" in household,
        Flag.DEPENDENT_CHILDREN: "children" in household,
        Flag.VULNERABLE: bool(support),
        Flag.LEAVING_INSTITUTION: answers.get("living_now") == "institution"
        or "leaving_institution" in reasons,
    }
    leaving = answers.get("leaving")
    return Situation(
        safe_tonight=answers.get("safe_tonight") != "no",
        leaving=Leaving(leaving) if leaving in set(Leaving) else Leaving.NO,
        notice_type=answers.get("notice_type") or "",
        notice_ends_on=_date(answers.get("notice_ends")),
        leave_on=_date(answers.get("leave_date")),
        no_fixed_home=answers.get("living_now") == "no_fixed_home",
        flags=frozenset(flag for flag, is_set in flags.items() if is_set),
    )


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def triage_homelessness_form(
    answers: Mapping[str, Any], *, today: date, service=None
) -> TriageResult:
    situation = situation_from(answers)
    result = triage(situation, today=today)
    priority = None
    if result.outcome is Outcome.URGENT:
        priority = Priority.URGENT
    elif result.is_soon:
        priority = Priority.HIGH
    return TriageResult(
        priority=priority,
        summary=_OUTCOME_TITLES[result.outcome],
        details=officer_lines(result),
        record=record_of(result, leaving=situation.leaving),
        next_steps=next_steps(result, leaving=situation.leaving, service=service),
    )


def record_of(result: Triage, *, leaving: Leaving | None = None) -> dict[str, Any]:
    """What the case keeps (answers["triage"]): JSON-ready, and enough to word the next steps
    again in any language (next_steps_of_record)."""
    return {
        "rule": "homelessness",
        "outcome": str(result.outcome),
        "leaving": str(leaving) if leaving else "",
        "basis": result.basis,
        "homeless_on": _iso(result.homeless_on),
        "days_until_homeless": result.days_until_homeless,
        "duty": str(result.duty) if result.duty else "",
        "duty_starts_on": _iso(result.duty_starts_on),
        "duty_ends_on": _iso(result.duty_ends_on),
        "threatened_from": _iso(result.threatened_from),
        "flags": [str(flag) for flag in result.flags],
    }


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def officer_lines(result: Triage) -> list[str]:
    """The note the officer reads on the case, in English."""
    lines = [f"Basis: {result.basis}."]
    if result.homeless_on is not None:
        lines.append(
            f"Date the resident must leave: {english_date(result.homeless_on)} "
            f"({_days(result.days_until_homeless)})."
        )
    if result.duty_ends_on is not None:
        lines.append(
            f"If satisfied on the day the form arrived, the 56 days end on "
            f"{english_date(result.duty_ends_on)}."
        )
        lines += duty_explanation(result)[2:-1]
    if result.threatened_from is not None:
        lines.append(
            f"Within 56 days of losing their home (s175(4)) from "
            f"{english_date(result.threatened_from)}."
        )
    if result.outcome is Outcome.URGENT:
        lines.append(
            "Call the resident now: interim accommodation if there is reason to believe they "
            "may be homeless, eligible and in priority need (s188(1))."
        )
    if result.flags:
        lines.append(
            "For the priority need assessment (not decided by the form): "
            + "; ".join(FLAG_LABELS[flag] for flag in result.flags)
            + "."
        )
    else:
        lines.append("For the priority need assessment: nothing flagged by the form.")
    return lines


def _days(days: int | None) -> str:
    if days is None:
        return ""
    if days < 0:
        return f"{-days} days ago"
    if days == 0:
        return "today"
    return f"in {days} day{'s' if days != 1 else ''}"


def _isolated(number: str) -> str:
    """A phone number that reads left to right inside a right-to-left sentence."""
    return f"\u2066{number}\u2069"


def next_steps_of_record(record: Mapping[str, Any], *, service=None) -> list[str]:
    """The next steps of a case's kept triage (record_of), in the current language: the
    confirmation page's and the acknowledgement's, each in its own language."""
    leaving = record.get("leaving")
    result = Triage(
        outcome=Outcome(record["outcome"]),
        basis=record.get("basis", ""),
        homeless_on=_date(record.get("homeless_on")),
        days_until_homeless=record.get("days_until_homeless"),
        threatened_from=_date(record.get("threatened_from")),
    )
    return next_steps(
        result, leaving=Leaving(leaving) if leaving in set(Leaving) else None, service=service
    )


def next_steps(result: Triage, *, leaving: Leaving | None = None, service=None) -> list[str]:
    """What the resident is told happens next, in the current language. Only a tenant with a
    notice is told a landlord needs a court order: someone living with family or friends, or a
    lodger, may be told to leave without one, so they are told to talk to us first."""
    profile = settings.COUNCIL_PROFILE
    day_line = profile.main_phone
    day = {
        "number": _isolated(in_current_language(day_line.number)),
        "hours": in_current_language(day_line.hours),
    }
    out_of_hours = profile.out_of_hours_route(service.slug if service else None)
    standard = getattr(service, "standard_days", None) or 10
    if result.outcome is Outcome.URGENT:
        steps = [
            _(
                "You told us you have nowhere safe to sleep tonight. Call us now on %(number)s "
                "(%(hours)s)."
            )
            % day,
        ]
        if out_of_hours is not None:
            steps.append(
                _("When our offices are closed, call %(number)s (%(hours)s).")
                % {
                    "number": _isolated(in_current_language(out_of_hours.number)),
                    "hours": in_current_language(out_of_hours.hours),
                }
            )
        steps.append(_("If you are in danger now, call 999."))
        return steps
    if result.outcome is Outcome.ADVICE:
        steps = [
            _(
                "You do not need to leave your home yet. We will send you advice about your "
                "options, including joining the housing register."
            ),
        ]
        if result.threatened_from is not None:
            steps.append(
                _(
                    "Ask us for help again by %(date)s, 8 weeks before you have to leave, or "
                    "sooner if anything changes."
                )
                % {"date": long_date(result.threatened_from)}
            )
        return steps
    steps = [
        ngettext(
            "A housing adviser will contact you within %(days)s working day to help you keep "
            "your home or find somewhere else to live.",
            "A housing adviser will contact you within %(days)s working days to help you keep "
            "your home or find somewhere else to live.",
            standard,
        )
        % {"days": standard}
    ]
    if result.outcome is Outcome.PREVENTION and result.is_soon:
        steps.append(_("You must leave within 2 weeks, so we will contact you sooner."))
    if result.outcome is Outcome.PREVENTION and leaving is Leaving.NOTICE:
        steps.append(
            _(
                "Do not leave your home before you have to. A landlord needs a court order to "
                "make a tenant leave."
            )
        )
    elif result.outcome is Outcome.PREVENTION:
        steps.append(_("Do not leave your home before you talk to us."))
    steps.append(_("If you have nowhere safe to sleep tonight, call us now on %(number)s.") % day)
    return steps
