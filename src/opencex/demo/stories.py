"""A case's life told in date order on an unsaved Case: the steps `cases.actions` takes, each
status change checked against `cases.workflow`, the due date from `cases.clock`."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from opencex.accounts.models import User
from opencex.cases.clock import case_deadline
from opencex.cases.models import (
    Case,
    CaseEvent,
    CaseKind,
    Channel,
    ClockPause,
    EventKind,
    PauseReason,
    Priority,
    Status,
)
from opencex.cases.workflow import RESIDENT, STAFF, check_transition
from opencex.clocks.calendars import received_on as date_of_receipt
from opencex.demo import texts
from opencex.demo.planning import Plan
from opencex.demo.world import LONDON, World

K, S, C = CaseKind, Status, Channel
INFORMATION_RIGHTS = frozenset({K.FOI, K.EIR, K.SAR, K.FOI_INTERNAL_REVIEW})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


class Story:
    """One case's life, told in date order on an unsaved Case."""

    def __init__(self, world: World, plan: Plan) -> None:
        self.w = world
        self.plan = plan
        self.pauses: list[ClockPause] = []
        self.events: list[CaseEvent] = []
        kind, resident = plan.kind, plan.resident
        is_priority = resident is not None and resident.is_priority
        name, email, phone = plan.contact
        self.case = Case(
            reference=world.reference(kind),
            kind=kind,
            status=S.RECEIVED,
            stage=1 if kind == K.COMPLAINT else None,
            channel=plan.channel,
            priority=Priority.HIGH if is_priority else Priority.NORMAL,
            resident=resident,
            property=plan.home,
            contact_name=name,
            contact_email=email,
            contact_phone=phone,
            service=plan.service,
            team=world.team_for(kind, plan.service),
            parent=plan.parent,
            subject=plan.subject[:200],
            description=plan.description,
            received_at=plan.received_at,
            received_on=date_of_receipt(plan.received_at),
            created_by=self._creator(),
        )
        self.case.clock_started_on = self.case.received_on
        self.last_at = plan.received_at
        self.event(
            EventKind.CREATED,
            plan.received_at,
            self.case.created_by,
            f"{K(kind).label} received by {C(plan.channel).label.lower()}",
            visible=True,
            data={"channel": plan.channel, "due_on": _iso(self.deadline())},
        )
        self.is_stalled = plan.is_stalled

    def _creator(self) -> User | None:
        plan, staff, rng = self.plan, self.w.staff, self.w.rng
        if plan.channel == C.PARTNER_API:
            return staff.partner
        if plan.channel == C.WEB:
            if plan.resident is not None and plan.resident.user_id is not None:
                return plan.resident.user
            return None
        if plan.channel == C.EMAIL:
            return None  # the council's mailbox opens a case for each new email by itself
        officers = staff.information_governance
        if plan.kind not in INFORMATION_RIGHTS or plan.channel != C.LETTER:
            officers = staff.contact_centre  # calls, visits and letters are logged by hand
        return rng.choice(officers) if officers else None

    @property
    def resident_user(self) -> User | None:
        """The resident's own account, if they have one: the actor of what they do."""
        resident = self.case.resident
        return resident.user if resident is not None and resident.user_id else None

    # The steps of a story -------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.w.today

    @property
    def first_working_day(self) -> date:
        """The first day an officer could act: the day of receipt if it came in during a
        working day, otherwise the next working day."""
        received = self.case.received_at.astimezone(LONDON)
        if received.hour < 16 and self.w.calendar.is_working_day(received.date()):
            return received.date()
        return self.w.working_day(received.date(), 1)

    def at(self, day: date) -> datetime:
        """A time in office hours on `day`, after everything so far and not after now."""
        minute = self.w.rng.randrange(9 * 60, 17 * 60)
        moment = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=LONDON)
        moment = max(moment, self.last_at + timedelta(minutes=self.w.rng.randint(1, 20)))
        return min(moment, self.w.now)

    def event(self, kind, moment, actor, summary, *, body="", visible=False, data=None) -> None:
        self.last_at = max(self.last_at, moment)
        self.events.append(
            CaseEvent(
                kind=kind,
                at=moment,
                actor=actor,
                summary=summary[:300],
                body=body,
                is_visible_to_resident=visible,
                data=data or {},
            )
        )

    def deadline(self) -> date | None:
        """The due date now, by `cases.clock.case_deadline`, which many cases share: the due
        date depends only on what is in this key, so it is worked out once per key."""
        case = self.case
        key = (
            case.kind,
            case.stage,
            case.clock_started_on,
            case.acknowledged_on,
            case.is_extended,
            case.extension_days,
            case.service.standard_days if case.service else None,
            tuple((p.reason, p.started_on, p.ended_on) for p in self.pauses),
        )
        if key not in self.w.due_dates:
            self.w.due_dates[key] = case_deadline(case, pauses=self.pauses).due
        return self.w.due_dates[key]

    def move(
        self, to: str, day: date, actor: User | None, body: str = "", *, by_resident=False
    ) -> None:
        party = RESIDENT if by_resident else STAFF
        check_transition(kind=self.case.kind, current=self.case.status, to=to, party=party)
        before, self.case.status = self.case.status, to
        summary = "Closed" if to == S.CLOSED else f"{S(before).label} → {S(to).label}"
        self.event(
            EventKind.STATUS_CHANGED,
            self.at(day),
            actor,
            summary,
            body=body,
            visible=True,
            data={"from": before, "to": to},
        )

    def assign(self, officer: User | None, day: date, actor: User | None = None) -> None:
        if officer is None:
            return
        before = {"team": self.case.team_id, "officer": self.case.assigned_to_id}
        self.case.assigned_to = officer
        self.event(
            EventKind.REASSIGNED,
            self.at(day),
            actor or officer,
            f"Assigned to {officer.full_name}",
            data={"before": before, "team": self.case.team_id, "officer": officer.pk},
        )

    def acknowledge(self, day: date, actor: User | None) -> None:
        check_transition(
            kind=self.case.kind, current=self.case.status, to=S.ACKNOWLEDGED, party=STAFF
        )
        self.case.status = S.ACKNOWLEDGED
        self.case.acknowledged_on = day
        self.event(
            EventKind.ACKNOWLEDGED,
            self.at(day),
            actor,
            "Acknowledged",
            visible=True,
            data={"on": _iso(day), "due_on": _iso(self.deadline())},
        )

    def pause(self, reason: str, day: date, actor: User | None, note: str) -> None:
        check_transition(
            kind=self.case.kind, current=self.case.status, to=S.AWAITING_RESIDENT, party=STAFF
        )
        self.pauses.append(ClockPause(reason=reason, started_on=day, note=note))
        self.case.status = S.AWAITING_RESIDENT
        self.event(
            EventKind.CLOCK_PAUSED,
            self.at(day),
            actor,
            f"Clock paused: {PauseReason(reason).label.lower()}",
            body=note,
            visible=True,
            data={"reason": reason, "on": _iso(day)},
        )

    def resume(self, day: date, *, restarts: bool) -> None:
        pause = self.pauses[-1]
        pause.ended_on = day
        if restarts:
            self.case.clock_started_on = day
        self.case.status = S.IN_PROGRESS
        label = PauseReason(pause.reason).label
        self.event(
            EventKind.CLOCK_RESTARTED if restarts else EventKind.CLOCK_RESUMED,
            self.at(day),
            None,
            f"{label} ended: the clock {'restarted' if restarts else 'resumed'}",
            visible=True,
            data={
                "reason": pause.reason,
                "paused_on": _iso(pause.started_on),
                "on": _iso(day),
                "due_on": _iso(self.deadline()),
            },
        )

    def extend(self, day: date, actor: User | None, days: int | None = None) -> None:
        self.case.is_extended = True
        if days is not None:
            self.case.extension_days = days
        due = self.deadline()
        self.event(
            EventKind.EXTENDED,
            self.at(day),
            actor,
            f"Deadline extended to {due:%d %B %Y}" if due else "Deadline extended",
            body=texts.EXTENSION_REASONS[self.case.kind],
            visible=True,
            data={"days": days, "due_on": _iso(due)},
        )

    def respond(self, day: date, actor: User | None, body: str) -> None:
        self.move(S.RESPONDED, day, actor, body)
        self.case.responded_on = day

    def escalate(self, day: date) -> None:
        """As `complaints.services.escalate_to_stage_two` does it: the resident asks for
        stage 2."""
        case = self.case
        case.begin_stage_two(day)
        self.event(
            EventKind.ESCALATED,
            self.at(day),
            self.resident_user,
            "Escalated to stage 2",
            body=self.w.rng.choice(texts.ESCALATION_REASONS),
            visible=True,
            data={"on": _iso(day), "due_on": _iso(self.deadline())},
        )

    def close(self, day: date, actor: User | None, outcome: str) -> None:
        self.move(S.CLOSED, day, actor, outcome)
        self.case.outcome = outcome
        self.case.closed_at = self.last_at

    def note(self, day: date, actor: User | None) -> None:
        if actor is not None and day <= self.today:
            body = self.w.rng.choice(texts.NOTES)
            self.event(EventKind.NOTE, self.at(day), actor, "Note added", body=body)

    def finish_day(self, due: date | None, earliest: date, in_time: float) -> date | None:
        """When the work is done: by the due date `in_time` of the time, late otherwise."""
        if due is None:
            return None
        rng = self.w.rng
        if rng.random() < in_time and earliest <= due:
            day = earliest + timedelta(days=rng.randint(0, (due - earliest).days))
        else:
            day = max(due, earliest) + timedelta(days=rng.randint(1, 15))
        return self.w.working_day(day, 0)

    def outcome(self) -> str:
        return self.w.rng.choice(texts.CLOSING_OUTCOMES[self.case.kind])
