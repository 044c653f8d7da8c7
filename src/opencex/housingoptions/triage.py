"""The homelessness triage of Housing Act 1996 Part 7 (as amended by the Homelessness Reduction
Act 2017), as a pure rule: from what a resident says, which duty is likely to apply and what an
officer must check first.

The form does not decide a homelessness application: the council decides eligibility, priority
need and the duties after its own inquiries (s184). The triage only says how urgently to act
and which 56-day clock is likely to run, so the case reaches the right officer in time.

No Django here: the rule takes plain answers and a date, so it is tested on every path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from opencex.clocks.calendars import uk_wide_calendar
from opencex.clocks.rules import DeadlineKind, compute_deadline

# s175(4) and (5): "threatened with homelessness" looks 56 days ahead.
THREATENED_WITHIN_DAYS = 56
# Someone who must leave this soon is seen before the rest of the queue (the catalogue's
# standard: "sooner if you must leave within 2 weeks").
SOON_DAYS = 14


class Outcome(StrEnum):
    URGENT = "urgent"
    PREVENTION = "prevention"
    RELIEF = "relief"
    ADVICE = "advice"


class Leaving(StrEnum):
    """What the resident says about having to leave their home (the form's options)."""

    NOTICE = "notice"  # a written notice from a landlord, lender or court
    TOLD = "told"  # told to leave, nothing in writing (family, friends, a lodger's landlord)
    ALREADY_LEFT = "already_left"
    NOT_SAFE = "not_safe"
    NO = "no"  # not asked to leave, but worried


class Flag(StrEnum):
    """Facts an officer weighs when assessing priority need (s189) and other duties; shown to
    the officer, never decided by the form."""

    DOMESTIC_ABUSE = "domestic_abuse"  # s177(1), s189(1)(e) (Domestic Abuse Act 2021)
    CARE_LEAVER = "care_leaver"  # Priority Need Order 2002 arts 3 and 4
    ARMED_FORCES = "armed_forces"  # Priority Need Order 2002 art 5(2); s199(2) local connection
    AGED_16_OR_17 = "aged_16_or_17"  # Priority Need Order 2002 art 3; Children Act 1989 s20
    PREGNANT = "pregnant"  # s189(1)(a)
    DEPENDENT_CHILDREN = "dependent_children"  # s189(1)(b)
    VULNERABLE = "vulnerable"  # s189(1)(c)
    LEAVING_INSTITUTION = "leaving_institution"  # Priority Need Order 2002 art 5(3), 6


FLAG_LABELS: dict[Flag, str] = {
    Flag.DOMESTIC_ABUSE: "Domestic abuse (s177(1), s189(1)(e))",
    Flag.CARE_LEAVER: "Care leaver (Priority Need Order 2002)",
    Flag.ARMED_FORCES: "Armed forces (Priority Need Order 2002 art 5(2))",
    Flag.AGED_16_OR_17: "Aged 16 or 17 (Priority Need Order 2002 art 3)",
    Flag.PREGNANT: "Pregnant (s189(1)(a))",
    Flag.DEPENDENT_CHILDREN: "Dependent children (s189(1)(b))",
    Flag.VULNERABLE: "Vulnerability: health, disability or support needs (s189(1)(c))",
    Flag.LEAVING_INSTITUTION: "Leaving hospital, prison or care (Priority Need Order 2002)",
}


@dataclass(frozen=True)
class Situation:
    """What the triage needs from the answers, in plain types."""

    safe_tonight: bool
    leaving: Leaving
    notice_type: str = ""  # "section_21", "section_8", ... when leaving is NOTICE
    notice_ends_on: date | None = None  # the notice's end (or the bailiffs' date)
    leave_on: date | None = None  # when told to leave without a notice
    no_fixed_home: bool = False  # sofa surfing or staying somewhere short term
    flags: frozenset[Flag] = frozenset()

    @property
    def homeless_on(self) -> date | None:
        """The date the resident is likely to become homeless: the notice's end, or the day
        they were told to leave by."""
        if self.leaving is Leaving.NOTICE:
            return self.notice_ends_on
        if self.leaving is Leaving.TOLD:
            return self.leave_on
        return None

    @property
    def is_section_21(self) -> bool:
        return self.leaving is Leaving.NOTICE and self.notice_type == "section_21"


@dataclass(frozen=True)
class Triage:
    outcome: Outcome
    basis: str  # the section the outcome rests on, for the officer
    homeless_on: date | None = None
    days_until_homeless: int | None = None
    # The likely duty's 56 days, if the council is satisfied on the day the form arrived.
    duty: DeadlineKind | None = None
    duty_starts_on: date | None = None
    duty_ends_on: date | None = None  # the first day after the 56 days (s195(8)(b), s189B(7)(b))
    # For advice: the day the resident comes within 56 days of losing their home.
    threatened_from: date | None = None
    flags: tuple[Flag, ...] = ()

    @property
    def is_soon(self) -> bool:
        """Homeless now or tonight, or within SOON_DAYS: to be seen before the rest."""
        if self.outcome in (Outcome.URGENT, Outcome.RELIEF):
            return True
        return self.days_until_homeless is not None and self.days_until_homeless <= SOON_DAYS


def triage(situation: Situation, *, today: date) -> Triage:
    """Which Part 7 path the resident's answers point to, on `today`:

    * nowhere safe to sleep tonight: urgent, whatever else is said (the council must secure
      interim accommodation if it has reason to believe the resident may be homeless, eligible
      and in priority need: s188(1));
    * already left, not safe to stay (s177(1): not reasonable to continue to occupy), or no
      settled home: homeless now (s175(1), (3)), the relief duty (s189B);
    * a valid section 21 notice that ends within 56 days (s175(5)), or any other date of
      leaving within 56 days (s175(4)), the end date included: threatened with homelessness,
      the prevention duty (s195) — a date already past counts too, as the resident is still
      there;
    * anything further away: advice and the housing register, and the day to come back.
    """
    flags = tuple(flag for flag in Flag if flag in situation.flags)
    if not situation.safe_tonight:
        return Triage(Outcome.URGENT, "s188(1) interim accommodation; s175(1)", flags=flags)
    if situation.leaving in (Leaving.ALREADY_LEFT, Leaving.NOT_SAFE) or (
        situation.no_fixed_home and situation.leaving is not Leaving.NOTICE
    ):
        basis = (
            "s175(1) homeless"
            if situation.leaving is not Leaving.NOT_SAFE
            else ("s175(3) and s177(1): not reasonable to continue to occupy")
        )
        return _with_duty(
            Triage(Outcome.RELIEF, f"{basis}; relief duty s189B", flags=flags),
            DeadlineKind.HOMELESSNESS_RELIEF,
            today,
        )
    homeless_on = situation.homeless_on
    if homeless_on is None:
        return Triage(Outcome.ADVICE, "No date of leaving given: advice", flags=flags)
    days = (homeless_on - today).days
    if days <= THREATENED_WITHIN_DAYS:
        basis = (
            "s175(5): section 21 notice ending within 56 days; check the notice is valid"
            if situation.is_section_21
            else "s175(4): likely to become homeless within 56 days"
        )
        return _with_duty(
            Triage(
                Outcome.PREVENTION,
                f"{basis}; prevention duty s195",
                homeless_on=homeless_on,
                days_until_homeless=days,
                flags=flags,
            ),
            DeadlineKind.HOMELESSNESS_PREVENTION,
            today,
        )
    return Triage(
        Outcome.ADVICE,
        "More than 56 days away (s175(4)): advice",
        homeless_on=homeless_on,
        days_until_homeless=days,
        threatened_from=homeless_on - timedelta(days=THREATENED_WITHIN_DAYS),
        flags=flags,
    )


def _with_duty(result: Triage, kind: DeadlineKind, today: date) -> Triage:
    deadline = compute_deadline(kind, today, region=uk_wide_calendar())
    return replace(result, duty=kind, duty_starts_on=today, duty_ends_on=deadline.due)


def duty_explanation(result: Triage) -> tuple[str, ...]:
    """How the duty's date was worked out, line by line (clocks' own wording)."""
    if result.duty is None or result.duty_starts_on is None:
        return ()
    return compute_deadline(
        result.duty, result.duty_starts_on, region=uk_wide_calendar()
    ).explanation
