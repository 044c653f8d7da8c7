"""Which statutory or service clock a case runs on, and its due date with the reasons.

The arithmetic lives in `opencex.clocks`; this module only reads a case (its kind, stage,
acknowledgement, pauses and extension) and asks the right question.
"""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.utils import timezone

from opencex.cases.models import Case, CaseKind, HazardClass, PauseReason
from opencex.clocks.calendars import WorkingDayCalendar, received_on
from opencex.clocks.rules import (
    Deadline,
    DeadlineKind,
    Pause,
    compute_deadline,
    compute_hour_deadline,
    working_days_of,
)
from opencex.clocks.wording import long_date
from opencex.council.calendar import council_calendar

K = CaseKind
R = PauseReason

# A pause that *restarts* the clock when it ends: FOIA s1(3) and EIR reg 9 clarification;
# for subject access, proof of identity (and a fee) start the month (UK GDPR Art 12A).
RESTARTING_PAUSES: dict[str, frozenset[str]] = {
    K.FOI: frozenset({R.CLARIFICATION}),
    K.EIR: frozenset({R.CLARIFICATION}),
    K.FOI_INTERNAL_REVIEW: frozenset({R.CLARIFICATION}),
    K.SAR: frozenset({R.IDENTITY, R.FEES_NOTICE}),
}
# A pause whose days simply do not count: FOIA s9/s10(2) fees notice; SAR stop-the-clock for
# clarification; a service request waiting for the resident.
STOPPING_PAUSES: dict[str, frozenset[str]] = {
    K.FOI: frozenset({R.FEES_NOTICE}),
    K.EIR: frozenset({R.FEES_NOTICE}),
    K.SAR: frozenset({R.CLARIFICATION}),
    K.SERVICE_REQUEST: frozenset({R.CLARIFICATION}),
    K.ENQUIRY: frozenset({R.CLARIFICATION}),
}
EXTENDABLE_KINDS = frozenset({K.FOI, K.EIR, K.SAR, K.FOI_INTERNAL_REVIEW, K.COMPLAINT})

_EXTENDED: dict[str, tuple[DeadlineKind, DeadlineKind]] = {
    K.FOI: (DeadlineKind.FOI, DeadlineKind.FOI_PIT_EXTENDED),
    K.EIR: (DeadlineKind.EIR, DeadlineKind.EIR_EXTENDED),
    K.SAR: (DeadlineKind.SAR, DeadlineKind.SAR_EXTENDED),
    K.FOI_INTERNAL_REVIEW: (
        DeadlineKind.FOI_INTERNAL_REVIEW,
        DeadlineKind.FOI_INTERNAL_REVIEW_EXTENDED,
    ),
}
_COMPLAINT: dict[tuple[int | None, bool], DeadlineKind] = {
    (1, False): DeadlineKind.COMPLAINT_STAGE1_ACK,
    (1, True): DeadlineKind.COMPLAINT_STAGE1_RESPONSE,
    (2, False): DeadlineKind.COMPLAINT_STAGE2_ACK,
    (2, True): DeadlineKind.COMPLAINT_STAGE2_RESPONSE,
}


def allowed_pause_reasons(kind: str) -> frozenset[str]:
    return RESTARTING_PAUSES.get(kind, frozenset()) | STOPPING_PAUSES.get(kind, frozenset())


def pause_restarts_clock(kind: str, reason: str) -> bool:
    return reason in RESTARTING_PAUSES.get(kind, frozenset())


def reply_working_days(case: Case) -> int:
    """The working days a service request or correspondence should take: the standard its
    answers chose (an urgent repair's), the service's standard, or the council's reply
    standard."""
    if case.standard_days:
        return case.standard_days
    if case.kind == K.SERVICE_REQUEST and case.service and case.service.standard_days:
        return case.service.standard_days
    return settings.COUNCIL_PROFILE.reply_working_days


def clock_kind(kind: str, *, is_hazard: bool = False) -> DeadlineKind:
    """The clock a case of `kind` first runs on (a hazard report's: the investigation's)."""
    if is_hazard:
        return DeadlineKind.HAZARD_INVESTIGATION
    if kind in _EXTENDED:
        return _EXTENDED[kind][0]
    if kind == K.COMPLAINT:
        return _COMPLAINT[(1, False)]
    return DeadlineKind.SERVICE_STANDARD


def clock_calendar(kind: str, *, is_hazard: bool = False) -> WorkingDayCalendar:
    """The working days a case of `kind` counts its clock in (the same for every stage and
    extension of that kind), for reading many cases at once without reading each one's clock."""
    return working_days_of(clock_kind(kind, is_hazard=is_hazard), region=council_calendar())


def case_deadline(case: Case, pauses=None) -> Deadline:
    """The due date of `case` now, with every reason, from what is stored on it."""
    if case.hazard_class:
        return hazard_deadline(case)
    if pauses is None:
        pauses = list(case.pauses.all())
    started = case.clock_started_on
    extension_days = 0
    standard_days = None
    if case.kind in _EXTENDED:
        kind = _EXTENDED[case.kind][case.is_extended]
    elif case.kind == K.COMPLAINT:
        kind = _COMPLAINT[(case.stage, case.acknowledged_on is not None)]
        if case.acknowledged_on is not None:
            started = case.acknowledged_on
            extension_days = case.extension_days
    else:
        kind = DeadlineKind.SERVICE_STANDARD
        standard_days = reply_working_days(case)

    counted = []
    for pause in pauses:
        if pause.started_on < started:
            continue  # before a restart: superseded by the new start
        if pause_restarts_clock(case.kind, pause.reason) and pause.ended_on is not None:
            continue  # its end already became clock_started_on
        counted.append(Pause(start=pause.started_on, end=pause.ended_on, reason=pause.reason))

    deadline = compute_deadline(
        kind,
        started,
        pauses=counted,
        extension_days=extension_days,
        standard_days=standard_days,
        region=council_calendar(),
    )
    if started != case.received_on and case.kind != K.COMPLAINT:
        restart = (
            f"Received {long_date(case.received_on)}; the clock restarted on {long_date(started)}."
        )
        deadline = Deadline(
            kind=deadline.kind,
            received=deadline.received,
            due=deadline.due,
            explanation=(restart, *deadline.explanation),
            stopped_since=deadline.stopped_since,
        )
    if kind == DeadlineKind.SERVICE_STANDARD:
        deadline = _revised_by_an_officer(case, deadline)
    return deadline


def _revised_by_an_officer(case: Case, deadline: Deadline) -> Deadline:
    """A service standard's date as an officer revised it (cases.actions.expected_date), with
    the reason. Only a running clock has a date: while it is stopped, the revision waits."""
    if case.expected_on_revised is None or deadline.due is None:
        return deadline
    lines = [line for line in deadline.explanation if not line.startswith("Due: ")]
    lines.append(
        f"The service standard gave {long_date(deadline.due)}; an officer revised the expected "
        f"date to {long_date(case.expected_on_revised)}. The reason: "
        f"{case.expected_on_revised_reason.strip()}"
    )
    lines.append(f"Due: {long_date(case.expected_on_revised)}.")
    return replace(deadline, due=case.expected_on_revised, explanation=tuple(lines))


def apply_deadline(case: Case, deadline: Deadline) -> None:
    """Store `deadline` on `case` for the queues: the date, and the hour of a clock in hours.
    The caller saves the case."""
    case.due_on = deadline.due
    case.due_at = deadline.due_at


# ---- hazards in council homes (Awaab's Law) ---------------------------------------------------


def became_aware_at(case: Case):
    """When the council became aware of the hazard: the moment an officer recorded, else when
    the case was received, whichever the channel."""
    return case.became_aware_at or case.received_at


def hazard_deadline(case: Case) -> Deadline:
    """The hazard clock of a case with a hazard class: the next step the law dates that is not
    yet recorded done (`cases.actions.hazard_steps`). An emergency: made safe within 24 clock
    hours of becoming aware. A significant hazard: the investigation, then (once it concludes)
    the written summary and, where a significant hazard was found, the safety work; while the
    home is not yet made safe the case is due when the safety work is (the later of the two),
    then when the further work must begin, then the summary if it is still owed. Once every
    dated step is done there is no legal date left: the work is completed in a reasonable time.
    Nothing pauses these clocks."""
    aware = became_aware_at(case)
    if case.hazard_class == HazardClass.EMERGENCY:
        emergency = compute_hour_deadline(DeadlineKind.HAZARD_EMERGENCY, aware)
        if case.made_safe_at is None:
            return emergency
        return _every_step_done(emergency, "The home was made safe")
    region = council_calendar()
    concluded = case.investigation_concluded_on
    if concluded is None:
        return compute_deadline(
            DeadlineKind.HAZARD_INVESTIGATION, received_on(aware), region=region
        )
    summary = compute_deadline(DeadlineKind.HAZARD_SUMMARY, concluded, region=region)
    given = case.summary_given_on
    summary_owed = given is None
    if not case.significant_hazard_found:
        if not summary_owed:
            return _every_step_done(summary, "The written summary was given")
        return _after_investigation(summary, "No significant hazard was found.")
    safety = compute_deadline(DeadlineKind.HAZARD_SAFETY_WORK, concluded, region=region)
    assert summary.due is not None
    assert safety.due is not None
    summary_line = (
        f"Written summary due: {long_date(summary.due)}."
        if given is None
        else f"Written summary given {long_date(given)}."
    )
    if case.made_safe_at is None:
        # Both count from the same day in the same calendar: say the start and skips once.
        return Deadline(
            kind=safety.kind,
            received=concluded,
            due=safety.due,
            explanation=(
                f"Investigation concluded {long_date(concluded)}: a significant hazard was found.",
                summary.explanation[0],
                *safety.explanation[:-1],
                summary_line,
                safety.explanation[-1],
            ),
        )
    made_safe = f"Made safe {long_date(timezone.localdate(case.made_safe_at))}."
    if case.further_work_began_on is None:
        further = (
            compute_deadline(DeadlineKind.HAZARD_FURTHER_WORK, concluded, region=region)
            if case.further_work_delay_reason
            else safety
        )
        return replace(
            further,
            explanation=(made_safe, summary_line, *further.explanation),
        )
    if summary_owed:
        return replace(summary, explanation=(made_safe, *summary.explanation))
    return _every_step_done(safety, "Every step Awaab's Law dates was recorded done")


def _every_step_done(deadline: Deadline, what: str) -> Deadline:
    """No legal date is left: the case has none, and says why."""
    return replace(
        deadline,
        due=None,
        due_at=None,
        explanation=(f"{what}: no step Awaab's Law dates is still owed.",),
    )


def _after_investigation(summary: Deadline, finding: str) -> Deadline:
    assert summary.due is not None
    return Deadline(
        kind=summary.kind,
        received=summary.received,
        due=summary.due,
        explanation=(
            f"Investigation concluded {long_date(summary.received)}. {finding}",
            *summary.explanation,
        ),
    )
