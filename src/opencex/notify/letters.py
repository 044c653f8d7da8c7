"""What every message to a resident says about their case, worked out in one place: what the case
is in plain English, the date that now holds, how to reply, and whether the message may repeat
the words the sender typed.

**Which wording.** A message template is a folder under `templates/notify/<event>/`; a kind of
case or a family of kinds may have its own version of a part, in `<event>/<kind>/<part>` or
`<event>/<family>/<part>` (the families are `FAMILIES` below), found before the event's default.
So the complaint acknowledgement lives in `case_status_changed/complaint/`, not in an `if`.

**The date.** `promised` is the case's due date from `cases.clock.case_deadline` (the date the
tracking page shows), with the sentence that names it; it is the only due date a message names.
Where the clock's Deadline carries a time of day (a hazard made safe within 24 hours), the time
is part of it.

**Replies.** Where the council profile's `[inbox]` gives a reply address for the case's kind, the
email's Reply-To is that address (`reply_address_for`, which delivery uses too) and the message
says "reply to this email". Without one, the message says not to reply, except to people who
wrote through a request site (WhatDoTheyKnow), whose only way to answer is email: they are given
the council's address instead.

**Proven addresses (no echo of free text).** Anyone can type any address into a form, so a
message that repeated what they typed (subject, description, answers, even the name they gave)
would let a stranger send the council's words plus their own to anybody: a phishing relay with the
council's name on it. A message repeats the sender's own words only to an address that is proven:

* the email address of the resident's own account (they signed in by a link sent to it); or
* a contact taken by an officer on an assisted channel (phone, face to face, letter, outreach):
  the officer heard the person and typed the words and the address themselves.

Everything else is unproven: an anonymous web form, the API, and email intake (a From address is
easily forged, and a request site's address belongs to the site). Those messages give the kind of
case, the reference, the dates and what happens next, greet the person without the name they
typed, and link to the tracking page, where the details show once the person proves the reference
with their email address. Words written by officers (a message, an outcome, a reason) are the
council's own and are always sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from opencex.cases.clock import case_deadline, reply_working_days
from opencex.cases.models import Case, CaseKind, Channel, EventKind
from opencex.clocks.rules import RULES, DeadlineKind
from opencex.clocks.wording import count
from opencex.dates_in_language import clock_time, long_date
from opencex.languages import ENGLISH, current_language
from opencex.notify import conf
from opencex.notify.next_steps import case_next_steps

if TYPE_CHECKING:
    from opencex.notify.models import NotificationChannel

K = CaseKind
D = DeadlineKind

# The families of kinds whose letters share wording (as the tracking page groups them).
FAMILIES: dict[str, str] = {
    K.SERVICE_REQUEST: "request",
    K.ENQUIRY: "request",
    K.COMPLAINT: "complaint",
    K.COMPLIMENT: "feedback",
    K.COMMENT: "feedback",
    K.FOI: "information_request",
    K.EIR: "information_request",
    K.SAR: "information_request",
    K.FOI_INTERNAL_REVIEW: "information_request",
}

# "Your ..." for each kind, in the words a resident uses.
KIND_WORDS: dict[str, str] = {
    K.SERVICE_REQUEST: "your request",
    K.ENQUIRY: "your enquiry",
    K.COMPLAINT: "your complaint",
    K.COMPLIMENT: "your compliment",
    K.COMMENT: "your comment",
    K.FOI: "your Freedom of Information request",
    K.EIR: "your request for environmental information",
    K.SAR: "your request for the personal information we hold about you",
    K.FOI_INTERNAL_REVIEW: "your request for an internal review",
}
# What each kind is called, in other languages than English, where a message names the case
# by its name rather than with "your ..." (see `what_it_is`).
KIND_NAMES: dict[str, Any] = {
    K.SERVICE_REQUEST: _("Request"),
    K.ENQUIRY: _("Enquiry"),
    K.COMPLAINT: _("Complaint"),
    K.COMPLIMENT: _("Compliment"),
    K.COMMENT: _("Comment"),
    K.FOI: _("Freedom of Information request"),
    K.EIR: _("Request for environmental information"),
    K.SAR: _("Request for the personal information we hold about you"),
    K.FOI_INTERNAL_REVIEW: _("Request for an internal review"),
}
# Kinds a service's title may name more exactly ("your report of a missed bin collection").
NAMED_BY_SERVICE = frozenset({K.SERVICE_REQUEST, K.ENQUIRY})

# A service's title starts with what the resident does; the letter names what they sent. Longest
# first, so "Ask for" wins over "Ask".
SERVICE_VERBS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            ("Report ", "report of "),
            ("Request ", "request for "),
            ("Apply for ", "application for "),
            ("Apply to ", "application to "),
            ("Ask for ", "request for "),
            ("Ask about ", "question about "),
            ("Ask a question about ", "question about "),
            ("Ask to ", "request to "),
            ("Ask us to ", "request for us to "),
            ("Ask permission to ", "request for permission to "),
            ("Book or change ", "booking for "),
            ("Book ", "booking for "),
            ("Order ", "order for "),
            ("Tell us about ", "report about "),
            ("Tell us ", "message telling us "),
            ("Get help with ", "request for help with "),
            ("Get help ", "request for help "),
            ("Get ", "request to get "),
            ("Claim ", "claim for "),
            ("Complain about ", "complaint about "),
            ("Challenge ", "challenge to "),
            ("Comment on ", "comment on "),
            ("Arrange ", "request to arrange "),
            ("Remove ", "request to remove "),
            ("End ", "request to end "),
            ("Update ", "update to "),
        ),
        key=lambda pair: -len(pair[0]),
    )
)

# What the council will have done by the due date, for each clock.
DUE_ACTS: dict[DeadlineKind, Any] = {
    D.FOI: _("send you the information you asked for, or tell you why we cannot"),
    D.FOI_PIT_EXTENDED: _("send you the information you asked for, or tell you why we cannot"),
    D.EIR: _("send you the information you asked for, or tell you why we cannot"),
    D.EIR_EXTENDED: _("send you the information you asked for, or tell you why we cannot"),
    D.FOI_INTERNAL_REVIEW: _("send you the result of our internal review"),
    D.FOI_INTERNAL_REVIEW_EXTENDED: _("send you the result of our internal review"),
    D.SAR: _("send you your personal information"),
    D.SAR_EXTENDED: _("send you your personal information"),
    D.COMPLAINT_STAGE1_ACK: _("write to confirm we have your complaint and who is looking into it"),
    D.COMPLAINT_STAGE2_ACK: _(
        "write to confirm we have your stage 2 complaint and who is looking into it"
    ),
    D.COMPLAINT_STAGE1_RESPONSE: _("send you our stage 1 response"),
    D.COMPLAINT_STAGE2_RESPONSE: _("send you our stage 2 response, which is our final response"),
    D.SERVICE_STANDARD: _("deal with it"),
    # Awaab's Law: the council as landlord of the home.
    D.HAZARD_EMERGENCY: _("make your home safe, or offer you somewhere safe to stay"),
    D.HAZARD_INVESTIGATION: _("inspect the problem in your home"),
    D.HAZARD_SUMMARY: _("send you a written summary of what we found"),
    # The law gives the same 5 working days to make safe and to begin any further work.
    D.HAZARD_SAFETY_WORK: _("make your home safe and start any further work it needs"),
    D.HAZARD_FURTHER_WORK: _("start the further work your home needs"),
}
# The same, in the few words a text message has room for.
DUE_ACTS_BRIEFLY: dict[DeadlineKind, Any] = {
    **dict.fromkeys(DUE_ACTS, _("reply")),
    D.COMPLAINT_STAGE1_ACK: _("confirm we have it"),
    D.COMPLAINT_STAGE2_ACK: _("confirm we have it"),
    D.COMPLAINT_STAGE1_RESPONSE: _("send our stage 1 response"),
    D.COMPLAINT_STAGE2_RESPONSE: _("send our final response"),
    D.SERVICE_STANDARD: _("deal with it"),
    D.HAZARD_EMERGENCY: _("make your home safe"),
    D.HAZARD_INVESTIGATION: _("inspect it"),
    D.HAZARD_SUMMARY: _("write to you"),
    D.HAZARD_SAFETY_WORK: _("make your home safe"),
    D.HAZARD_FURTHER_WORK: _("start the work"),
}
# How long a complaint's response takes once acknowledged, at each stage.
COMPLAINT_RESPONSE_CLOCKS = {1: D.COMPLAINT_STAGE1_RESPONSE, 2: D.COMPLAINT_STAGE2_RESPONSE}
STATUTORY = frozenset(
    {
        D.FOI,
        D.FOI_PIT_EXTENDED,
        D.EIR,
        D.EIR_EXTENDED,
        D.FOI_INTERNAL_REVIEW,
        D.FOI_INTERNAL_REVIEW_EXTENDED,
        D.SAR,
        D.SAR_EXTENDED,
        D.HAZARD_EMERGENCY,
        D.HAZARD_INVESTIGATION,
        D.HAZARD_SUMMARY,
        D.HAZARD_SAFETY_WORK,
        D.HAZARD_FURTHER_WORK,
    }
)
COMPLAINT_RESPONSES = frozenset({D.COMPLAINT_STAGE1_RESPONSE, D.COMPLAINT_STAGE2_RESPONSE})

# A contact an officer took and typed in themselves (see the module docstring).
ASSISTED_CHANNELS = frozenset(
    {Channel.PHONE, Channel.FACE_TO_FACE, Channel.LETTER, Channel.OUTREACH}
)

# What the latest timeline event says happened, for "case_status_changed".
HAPPENINGS: dict[str, str] = {
    EventKind.ACKNOWLEDGED: "acknowledged",
    EventKind.CLOCK_PAUSED: "paused",
    EventKind.CLOCK_RESUMED: "resumed",
    EventKind.CLOCK_RESTARTED: "resumed",
    EventKind.EXTENDED: "extended",
    EventKind.ESCALATED: "escalated",
    EventKind.HAZARD_RECORDED: "hazard",
    EventKind.INVESTIGATION_CONCLUDED: "investigation",
    EventKind.MADE_SAFE: "made_safe",
    EventKind.FURTHER_WORK_BEGUN: "further_work",
}


@dataclass(frozen=True)
class Promise:
    """The date (and, on a clock in hours, the time) that now holds for a case, as every message
    names it: `{{ promised }}` is the date alone, `{{ promised.sentence }}` says what we will do
    by then and under which rule."""

    on: date
    act: str
    act_briefly: str
    within: str = ""  # "20 working days", "one calendar month"; empty when extended by days
    rule: str = ""  # "the law gives us", "under the Complaint Handling Code", "we aim to"
    at: datetime | None = None  # a time of day, for a clock counted in hours

    def __str__(self) -> str:
        """The date (and time) in the language of the message being written."""
        if self.at is not None:
            local = timezone.localtime(self.at) if timezone.is_aware(self.at) else self.at
            return gettext("%(time)s on %(date)s") % {
                "time": clock_time(local),
                "date": long_date(self.on),
            }
        return long_date(self.on)

    @property
    def sentence(self) -> str:
        words = {"act": str(self.act), "within": self.within, "date": str(self)}
        if self.rule == "law":
            return gettext("The law gives us %(within)s: we will %(act)s by %(date)s.") % words
        if self.rule == "code":
            if self.within:
                return (
                    gettext(
                        "Under the Complaint Handling Code we will %(act)s within %(within)s: "
                        "by %(date)s."
                    )
                    % words
                )
            return (
                gettext("Under the Complaint Handling Code we will %(act)s: by %(date)s.") % words
            )
        if self.within:
            return gettext("We aim to %(act)s within %(within)s: by %(date)s.") % words
        return gettext("We aim to %(act)s: by %(date)s.") % words


@dataclass(frozen=True)
class Reply:
    """How the person can answer this message."""

    address: str = ""  # the Reply-To: replies are read onto the case
    via_request_site: bool = False
    write_to: str = ""  # where to write when replies are not read, for request-site users

    @property
    def by_email(self) -> bool:
        return bool(self.address)


@dataclass(frozen=True)
class Letter:
    """The facts every resident message about a case is built from."""

    what: str
    family: str
    promised: Promise | None
    stopped_since: date | None
    shows_details: bool
    greeting: str
    name: str
    reply: Reply
    happened: str


def family_of(kind: str) -> str:
    return FAMILIES.get(kind, "request")


def what_it_is(case: Case) -> str:
    """The case in plain English: "your complaint", "your report of a missed bin collection".

    In another language (the one active), the case's name: the service's title in that language
    ("Zgłoszenie nielegalnie porzuconych śmieci") or the kind's name ("Skarga"), which the
    translated sentences quote, as "your ..." cannot be built from a title in every grammar.
    """
    language = current_language()
    if language != ENGLISH:
        if case.kind in NAMED_BY_SERVICE and case.service is not None:
            return case.service.text_in("title", language).strip()
        return str(KIND_NAMES.get(case.kind, KIND_NAMES[K.SERVICE_REQUEST]))
    if case.kind in NAMED_BY_SERVICE and case.service is not None:
        title = case.service.title.strip()
        for verb, noun in SERVICE_VERBS:
            if title.startswith(verb):
                return f"your {noun}{title[len(verb) :]}"
    return KIND_WORDS.get(case.kind, "your request")


def promise_for(case: Case) -> tuple[Promise | None, date | None]:
    """The date that now holds, or (None, the day it stopped) while the clock is stopped."""
    deadline = case_deadline(case, pauses=[] if case.pk is None else None)
    if deadline.due is None:
        return None, deadline.stopped_since
    act = DUE_ACTS[deadline.kind], DUE_ACTS_BRIEFLY[deadline.kind]
    rule_of_clock = RULES[deadline.kind]
    # A clock counted in hours (hazards) gives a time as well as a date.
    due_at: datetime | None = getattr(deadline, "due_at", None)
    if deadline.kind in STATUTORY:
        within = period(rule_of_clock.amount or 0, rule_of_clock.unit.value)
        return Promise(deadline.due, *act, within, "law", due_at), None
    if deadline.kind in COMPLAINT_RESPONSES:
        within = (
            ""
            if case.extension_days
            else gettext("%(period)s of acknowledging it")
            % {"period": period(rule_of_clock.amount or 0, rule_of_clock.unit.value)}
        )
        return Promise(deadline.due, *act, within, "code", due_at), None
    if deadline.kind == D.SERVICE_STANDARD:
        within = period(reply_working_days(case), "working day")
        return Promise(deadline.due, *act, within, "aim", due_at), None
    within = period(rule_of_clock.amount or 0, rule_of_clock.unit.value)
    return Promise(deadline.due, *act, within, "code", due_at), None


def response_within(case: Case) -> str:
    """A complaint's response time once acknowledged: "10 working days" at stage 1."""
    clock = COMPLAINT_RESPONSE_CLOCKS.get(case.stage or 0)
    if case.kind != K.COMPLAINT or clock is None:
        return ""
    return period(RULES[clock].amount or 0, RULES[clock].unit.value)


def period(n: int, unit: str) -> str:
    """ "10 working days", "one calendar month" (clocks.wording) in English; in other languages
    the number and the unit in the form that follows "within" ("w ciągu 10 dni roboczych")."""
    if current_language() == ENGLISH:
        return count(n, unit)
    if unit == "working day":
        words = ngettext("%(count)s working day", "%(count)s working days", n)
    elif unit == "calendar month":
        words = ngettext("%(count)s calendar month", "%(count)s calendar months", n)
    elif unit == "week":
        words = ngettext("%(count)s week", "%(count)s weeks", n)
    elif unit == "hour":
        words = ngettext("%(count)s hour", "%(count)s hours", n)
    else:
        return count(n, unit)
    return words % {"count": n}


def is_proven_address(case: Case, recipient: str) -> bool:
    """May a message to `recipient` repeat what the sender typed? (See the module docstring.)"""
    recipient = recipient.strip().lower()
    resident = case.resident
    user = getattr(resident, "user", None) if resident is not None else None
    if user is not None and user.is_active and user.email.strip().lower() == recipient:
        return True
    creator = case.created_by
    return (
        case.channel in ASSISTED_CHANNELS
        and creator is not None
        and creator.is_council_staff
        and recipient in _addresses_given_for(case)
    )


def _addresses_given_for(case: Case) -> set[str]:
    given = {case.contact_email, case.contact_phone}
    if case.resident is not None:
        given |= {case.resident.email, case.resident.phone}
    return {address.strip().lower() for address in given if address}


def is_from_request_site(case: Case) -> bool:
    return bool((case.answers or {}).get("request_site"))


def reply_address_for(case: Case, recipient: str) -> str:
    """Where a reply to an email to `recipient` about `case` should go: the council's mailbox for
    that kind of case (from the profile), which reads replies onto the case; "" for anyone who is
    not the person the case is for, or where the council reads no replies."""
    if not case.is_client_email(recipient):
        return ""
    return settings.COUNCIL_PROFILE.inbox.reply_address_for(case.kind)


def happened_on(case: Case) -> str:
    """What the latest thing the resident can see on the timeline was: "acknowledged", "paused",
    "resumed", "extended", "escalated", or "status" for anything else."""
    if case.pk is None:
        return "status"
    latest = case.events.order_by("-at", "-pk").values_list("kind", flat=True).first()
    return HAPPENINGS.get(latest or "", "status")


def _lazy_happened_on(case: Case) -> Any:
    """`happened_on(case)`, read from the timeline the first time a template asks, then kept
    (a plain `lazy` would read it again at every use)."""
    return SimpleLazyObject(lambda: happened_on(case))


def letter_for(case: Case, *, recipient: str, channel: NotificationChannel | str) -> Letter:
    """Everything a resident message about `case` to `recipient` needs to say."""
    promised, stopped_since = promise_for(case)
    shows_details = is_proven_address(case, recipient)
    given_name = case.resident.full_name if case.resident else case.contact_name
    name = given_name if shows_details and given_name else ""
    reply_to = reply_address_for(case, recipient) if channel == "email" else ""
    via_request_site = is_from_request_site(case)
    reply = Reply(
        address=reply_to,
        via_request_site=via_request_site,
        write_to=settings.COUNCIL_PROFILE.email if via_request_site and not reply_to else "",
    )
    return Letter(
        what=what_it_is(case),
        family=family_of(case.kind),
        promised=promised,
        stopped_since=stopped_since,
        shows_details=shows_details,
        greeting=gettext("Dear %(name)s,") % {"name": name} if name else gettext("Hello,"),
        name=name or gettext("Sir or Madam"),
        reply=reply,
        # Read from the timeline only when a template words it (case_status_changed): every
        # other message, such as the acknowledgement of each new case, saves the query.
        happened=_lazy_happened_on(case),
    )


def resident_context(case: Case, *, recipient: str, channel: str) -> dict[str, Any]:
    """The context every resident message template gets: the case, the council, the links and
    the Letter's facts (`what`, `promised`, `shows_details`, `greeting`, `reply`, ...)."""
    letter = letter_for(case, recipient=recipient, channel=channel)
    return {
        "council": settings.COUNCIL_PROFILE,
        "case": case,
        "what": letter.what,
        "family": letter.family,
        "promised": letter.promised,
        "stopped_since": letter.stopped_since,
        "shows_details": letter.shows_details,
        "greeting": letter.greeting,
        "name": letter.name,
        "reply": letter.reply,
        "happened": letter.happened,
        "response_within": response_within(case),
        # The service's texts (its title, standard, what to do if late) in the message's language.
        "service": case.service.in_language(current_language()) if case.service else None,
        # A triage's next steps (notify.next_steps), worded now, in the message's language.
        "next_steps": case_next_steps(case),
        "track_url": conf.case_tracking_url(case.reference),
        "feedback_url": conf.case_feedback_url(case.reference),
        "complain_url": conf.case_complaint_url(case.reference),
    }


def variants(case: Case | None) -> list[str]:
    """The sub-folders a message part is looked for in, most specific first."""
    if case is None:
        return []
    return [str(case.kind), family_of(case.kind)]
