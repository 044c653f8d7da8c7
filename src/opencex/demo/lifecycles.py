"""How each kind of case goes, from receipt to today: who acts, when, and how often late."""

from __future__ import annotations

import random
from datetime import date, timedelta

from opencex.cases.models import CaseKind, Channel, EventKind, PauseReason, Priority, Status
from opencex.demo import texts
from opencex.demo.planning import Plan
from opencex.demo.stories import Story
from opencex.demo.world import World

K, S, C = CaseKind, Status, Channel
# Share answered within the deadline; complaints match the council's 2024/25 record at first
# and improve in the last six months, as the queues start to work.
IN_TIME = {
    K.SERVICE_REQUEST: 0.85,
    K.ENQUIRY: 0.9,
    K.COMPLIMENT: 0.95,
    K.COMMENT: 0.95,
    K.FOI: 0.98,
    K.EIR: 0.95,
    K.SAR: 0.9,
    K.FOI_INTERNAL_REVIEW: 0.9,
}
STAGE1_IN_TIME_BEFORE, STAGE1_IN_TIME_RECENTLY, STAGE2_IN_TIME = 0.49, 0.75, 0.84
ESCALATION_SHARE = 0.18


def tell(world: World, plan: Plan) -> Story:
    story = Story(world, plan)
    {
        K.SERVICE_REQUEST: _request,
        K.ENQUIRY: _request,
        K.COMPLIMENT: _feedback,
        K.COMMENT: _feedback,
        K.COMPLAINT: _complaint,
        K.FOI: _information_request,
        K.EIR: _information_request,
        K.FOI_INTERNAL_REVIEW: _information_request,
        K.SAR: _subject_access,
    }[plan.kind](story, world.rng)
    story.case.due_on = story.deadline()
    return story


def _withdraws(story: Story, rng: random.Random, share: float) -> bool:
    """Now and then the resident withdraws the request within a few days."""
    if rng.random() >= share or story.is_stalled:
        return False
    day = story.case.received_on + timedelta(days=rng.randint(1, 10))
    if day > story.today:
        return False
    story.move(S.WITHDRAWN, day, story.resident_user, "No longer needed.", by_resident=True)
    return True


def _request(story: Story, rng: random.Random) -> None:
    """Service requests and enquiries: picked up, worked, resolved, closed."""
    case, w = story.case, story.w
    creator = case.created_by
    at_first_contact = {K.ENQUIRY: 0.45, K.SERVICE_REQUEST: 0.05}[case.kind]
    in_person = case.channel in {C.PHONE, C.FACE_TO_FACE, C.OUTREACH}
    if in_person and creator is not None and rng.random() < at_first_contact:
        outcome = rng.choice(texts.FIRST_CONTACT_OUTCOMES)
        story.move(S.RESOLVED, case.received_on, creator, outcome)
        story.close(case.received_on, creator, outcome)
        return
    if _withdraws(story, rng, 0.01):
        return
    picked_up = w.working_day(story.first_working_day, rng.choice((0, 0, 1, 1, 2)))
    if picked_up > story.today:
        return
    officer = w.officer(case.team)
    story.assign(officer, picked_up)
    story.move(S.IN_PROGRESS, picked_up, officer)
    if case.service is not None and case.service.standard_days == 1:
        before, case.priority = case.priority, Priority.URGENT
        story.event(
            EventKind.PRIORITY_CHANGED,
            story.at(picked_up),
            officer,
            f"Priority {Priority(before).label.lower()} → urgent",
            body="Emergency: attend the same day.",
            data={"from": before, "to": Priority.URGENT},
        )
    earliest = picked_up
    if rng.random() < 0.05 and not story.is_stalled:
        asked = w.working_day(picked_up, rng.randint(0, 2))
        if asked > story.today:
            return
        story.pause(PauseReason.CLARIFICATION, asked, officer, texts.CLARIFICATION_NOTES[case.kind])
        answered = asked + timedelta(days=rng.randint(1, 12))
        if answered > story.today:
            return
        story.resume(answered, restarts=False)
        earliest = answered
    if rng.random() < 0.2:
        story.note(w.working_day(picked_up, rng.randint(0, 3)), officer)
    if rng.random() < 0.12:
        _exchange_messages(story, rng, picked_up, officer)
    if story.is_stalled:
        return
    done = story.finish_day(story.deadline(), earliest, IN_TIME[case.kind])
    if done is None or done > story.today:
        return
    kind_texts = texts.RESOLUTIONS[case.kind]
    story.move(S.RESOLVED, done, officer, rng.choice(kind_texts))
    if rng.random() < 0.02:  # "It is not fixed": the resident reopens it
        reopened = done + timedelta(days=rng.randint(1, 4))
        if reopened > story.today:
            return
        story.move(
            S.IN_PROGRESS, reopened, story.resident_user, "It is still not fixed.", by_resident=True
        )
        done = w.working_day(reopened, rng.randint(1, 4))
        if done > story.today:
            return
        story.move(S.RESOLVED, done, officer, rng.choice(kind_texts))
    closed = w.working_day(done, rng.randint(2, 7))
    if closed <= story.today:
        story.close(closed, officer, story.outcome())


def _exchange_messages(story: Story, rng: random.Random, day: date, officer) -> None:
    sent = story.w.working_day(day, rng.randint(0, 2))
    if officer is None or sent > story.today:
        return
    message = rng.choice(texts.MESSAGES_OUT)
    story.event(EventKind.MESSAGE_OUT, story.at(sent), officer, "Message sent", body=message,
                visible=True)  # fmt: skip
    replied = sent + timedelta(days=rng.randint(0, 3))
    if rng.random() < 0.6 and replied <= story.today:
        channel = C.WEB if story.case.contact_email else C.PHONE
        story.event(
            EventKind.MESSAGE_IN,
            story.at(replied),
            None,
            f"Message from the resident ({C(channel).label.lower()})",
            body=rng.choice(texts.MESSAGES_IN),
            visible=True,
            data={"channel": channel},
        )


def _feedback(story: Story, rng: random.Random) -> None:
    """Compliments and comments: acknowledged, passed on, closed."""
    case, w = story.case, story.w
    officer = w.officer(case.team)
    acknowledged = w.working_day(story.first_working_day, rng.randint(0, 1))
    if acknowledged > story.today:
        return
    story.assign(officer, acknowledged)
    story.acknowledge(acknowledged, officer)
    closed = w.working_day(acknowledged, rng.randint(0, 3) if rng.random() < 0.9 else 6)
    if closed <= story.today:
        story.close(closed, officer, story.outcome())


def _complaint(story: Story, rng: random.Random) -> None:
    """Stage 1, and for some an escalation to stage 2 handled by someone else."""
    case, w = story.case, story.w
    if _withdraws(story, rng, 0.02):
        return
    recent = (story.today - case.received_on).days < 183
    in_time = STAGE1_IN_TIME_RECENTLY if recent else STAGE1_IN_TIME_BEFORE
    officer = w.officer(case.team)
    responded = _complaint_stage(story, rng, officer, in_time=in_time, max_extension=10)
    if responded is None:
        return
    escalated = responded + timedelta(days=rng.randint(2, 28))
    if rng.random() < ESCALATION_SHARE and escalated <= story.today:
        story.escalate(escalated)
        senior = w.senior_officer(case.team, other_than=officer)
        responded = _complaint_stage(story, rng, senior, in_time=STAGE2_IN_TIME, max_extension=20)
        if responded is None:
            return
        officer = senior
    closed = w.working_day(responded, rng.randint(5, 15))
    if closed <= story.today:
        story.close(closed, officer, story.outcome())


def _complaint_stage(
    story: Story, rng: random.Random, officer, *, in_time: float, max_extension: int
) -> date | None:
    """Acknowledge, maybe extend, respond; returns the day of the response if it came."""
    case, w = story.case, story.w
    acknowledged = w.working_day(
        case.clock_started_on, rng.randint(1, 5) if rng.random() < 0.85 else rng.randint(6, 9)
    )
    if acknowledged > story.today:
        return None
    story.assign(officer, acknowledged)
    story.acknowledge(acknowledged, officer)
    started = w.working_day(acknowledged, rng.randint(1, 3))
    if rng.random() < 0.5 and started <= story.today:
        story.move(S.IN_PROGRESS, started, officer)
    if rng.random() < 0.1:
        extended_on = w.working_day(acknowledged, rng.randint(5, 9))
        if extended_on <= story.today:
            story.extend(extended_on, officer, days=rng.randint(max_extension // 2, max_extension))
    if rng.random() < 0.3:
        story.note(w.working_day(acknowledged, rng.randint(1, 4)), officer)
    responded = story.finish_day(story.deadline(), w.working_day(acknowledged, 2), in_time)
    if responded is None or responded > story.today:
        return None
    story.respond(responded, officer, rng.choice(texts.COMPLAINT_RESPONSES))
    return responded


def _information_request(story: Story, rng: random.Random) -> None:
    """FOI, EIR and internal reviews: acknowledged, perhaps clarified (which restarts the
    clock) or paused for a fee, perhaps extended, answered, closed."""
    case, w = story.case, story.w
    if _withdraws(story, rng, 0.015):
        return
    acknowledged = w.working_day(story.first_working_day, rng.randint(0, 2))
    if acknowledged > story.today:
        return
    officer = w.officer(case.team)
    story.assign(officer, acknowledged)
    story.acknowledge(acknowledged, officer)
    earliest = acknowledged
    roll = rng.random()
    if roll < 0.06:
        asked = w.working_day(acknowledged, rng.randint(0, 3))
        if asked > story.today:
            return
        story.pause(PauseReason.CLARIFICATION, asked, officer, texts.CLARIFICATION_NOTES[case.kind])
        answered = asked + timedelta(days=rng.randint(2, 25))
        if answered > story.today:
            return
        story.resume(answered, restarts=True)
        earliest = answered
    elif roll < 0.075 and case.kind != K.FOI_INTERNAL_REVIEW:
        issued = w.working_day(acknowledged, rng.randint(3, 8))
        if issued > story.today:
            return
        story.pause(PauseReason.FEES_NOTICE, issued, officer, texts.FEES_NOTICE)
        paid = issued + timedelta(days=rng.randint(5, 30))
        if paid > story.today:
            return
        story.resume(paid, restarts=False)
        earliest = paid
    else:
        started = w.working_day(acknowledged, rng.randint(1, 4))
        if started <= story.today:
            story.move(S.IN_PROGRESS, started, officer)
    share = {K.FOI: 0.04, K.EIR: 0.08, K.FOI_INTERNAL_REVIEW: 0.03}[case.kind]
    if rng.random() < share:
        extended_on = w.working_day(case.clock_started_on, rng.randint(12, 19))
        if extended_on <= story.today:
            story.extend(extended_on, officer)
    responded = story.finish_day(story.deadline(), earliest, IN_TIME[case.kind])
    if responded is None or responded > story.today:
        return
    outcome = story.outcome()
    story.respond(responded, officer, outcome)
    closed = responded + timedelta(days=rng.randint(0, 5))
    if closed <= story.today:
        story.close(closed, officer, outcome)


def _subject_access(story: Story, rng: random.Random) -> None:
    """Subject access: the month starts once identity is proved; a clarification stops it."""
    case, w = story.case, story.w
    if _withdraws(story, rng, 0.02):
        return
    acknowledged = w.working_day(story.first_working_day, rng.randint(0, 2))
    if acknowledged > story.today:
        return
    officer = w.officer(case.team)
    story.assign(officer, acknowledged)
    story.acknowledge(acknowledged, officer)
    earliest = acknowledged
    if rng.random() < 0.35:
        story.pause(PauseReason.IDENTITY, acknowledged, officer, texts.IDENTITY_NOTE)
        proved = acknowledged + timedelta(days=rng.randint(1, 20))
        if proved > story.today:
            return
        story.resume(proved, restarts=True)
        earliest = proved
    else:
        started = w.working_day(acknowledged, rng.randint(1, 4))
        if started <= story.today:
            story.move(S.IN_PROGRESS, started, officer)
    if rng.random() < 0.05:
        asked = case.clock_started_on + timedelta(days=rng.randint(5, 15))
        asked = max(asked, earliest)
        if asked > story.today:
            return
        story.pause(PauseReason.CLARIFICATION, asked, officer, texts.CLARIFICATION_NOTES[K.SAR])
        answered = asked + timedelta(days=rng.randint(3, 14))
        if answered > story.today:
            return
        story.resume(answered, restarts=False)
        earliest = answered
    if rng.random() < 0.06:
        extended_on = case.clock_started_on + timedelta(days=rng.randint(18, 27))
        if extended_on <= story.today:
            story.extend(extended_on, officer)
    responded = story.finish_day(story.deadline(), earliest, IN_TIME[K.SAR])
    if responded is None or responded > story.today:
        return
    outcome = story.outcome()
    story.respond(responded, officer, outcome)
    closed = responded + timedelta(days=rng.randint(0, 5))
    if closed <= story.today:
        story.close(closed, officer, outcome)
