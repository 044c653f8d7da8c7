"""Loads a council's profile (a TOML file) into typed, immutable values; no Django here.

The values are pydantic dataclasses: the file is checked against them as it loads (an unknown or
missing key, a bad time, region or pattern is a `ProfileError` naming the field), and they stay
ordinary frozen dataclasses for their readers (`dataclasses.replace` works, and checks again).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import field
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal

from django.utils.text import slugify
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass

from opencex.languages import ENGLISH, in_current_language, is_translatable_text, text_in

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
VALID_REGIONS = {"ENG", "WLS", "SCT", "NIR"}

# Every table of the file refuses keys it does not know, so a misspelt key is an error, not a
# silently missing value.
_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ProfileError(ValueError):
    """A council profile file is missing a value or holds one that makes no sense."""


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]


class _Texts(dict):
    """Texts by language that hash, as the frozen profile must (it is a cache key), and that a
    page or message shows in its own language, else English (`{{ line.hours }}`, the same as
    `{{ line.hours|in_language }}`)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))

    def __str__(self) -> str:
        return in_current_language(self)


def _has_english(value: str | dict[str, str]) -> str | dict[str, str]:
    if not is_translatable_text(value) or (
        isinstance(value, dict) and not all(isinstance(text, str) for text in value.values())
    ):
        raise ValueError('must be text, or texts by language with English: {"en": "...", ...}')
    return _Texts(value) if isinstance(value, dict) else value


# A text residents read: English, or texts by language ({"en", "pl", "ar"}, opencex.languages).
# Which languages the site offers is not known while the settings load this file.
TranslatableText = Annotated[str | dict[str, str], AfterValidator(_has_english)]
Weekday = Annotated[
    Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    BeforeValidator(lambda value: value.lower() if isinstance(value, str) else value),
]
Region = Literal["ENG", "WLS", "SCT", "NIR"]


@dataclass(frozen=True, config=_STRICT)
class PhoneLine:
    name: TranslatableText
    number: Text
    hours: TranslatableText
    purpose: Literal["general", "vulnerable"] = "general"

    @property
    def slug(self) -> str:
        """The line as records name it (`contacts.lines`): from its English name, the same
        whatever the language of the page."""
        return slugify(text_in(self.name, ENGLISH))


@dataclass(frozen=True, config=_STRICT)
class OpeningHours:
    day: Weekday
    opens: time
    closes: time

    @model_validator(mode="after")
    def _opens_before_it_closes(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(f"on {self.day} it closes before it opens")
        return self


@dataclass(frozen=True, config=_STRICT)
class Place:
    """A face-to-face point: a customer service desk or an outreach session."""

    slug: Text
    name: Text
    address: Text
    postcode: Text
    hours: tuple[OpeningHours, ...]
    kind: Literal["desk", "outreach"] = "desk"
    notes: str = ""
    # Staff there help residents use the council's online services (assisted digital).
    helps_online: bool = False
    # The days and hours are on the council's public record; otherwise pages mark them as demo.
    hours_confirmed: bool = False

    def hours_in_words(self) -> str:
        """The opening hours in English, as the directory's schedule text reads them."""
        return "; ".join(
            f"{h.day.capitalize()}, {_clock(h.opens)} to {_clock(h.closes)}" for h in self.hours
        )


def _clock(moment: time) -> str:
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    if moment.hour == 12 and not moment.minute:
        return "12 noon"
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


@dataclass(frozen=True, config=_STRICT)
class Branding:
    colour: Text
    logo_text: str = ""


@dataclass(frozen=True, config=_STRICT)
class UpperTier:
    name: Text
    website: Text
    phone: Text


@dataclass(frozen=True, config=_STRICT)
class Open311:
    """The council's Open311 GeoReport v2 endpoint (/open311/v2/): the `jurisdiction_id` a
    report-it service such as FixMyStreet sends, which the endpoint checks."""

    jurisdiction_id: Text


@dataclass(frozen=True, config=_STRICT)
class Reporting:
    """How the council counts its reporting year: `year_starts_in`, the month its year begins
    (4, April, for the financial year from April to March that councils and the Tenant
    Satisfaction Measures use; 1 for the calendar year). Its quarters run from that month, three
    months each (Q1 of an April year is April to June)."""

    year_starts_in: Annotated[int, Field(ge=1, le=12)] = 4


@dataclass(frozen=True, config=_STRICT)
class Routing:
    """Which team (by slug) receives cases that have no service of their own."""

    information_rights: Text
    feedback: Text
    general: Text


@dataclass(frozen=True, config=_STRICT)
class OutOfHoursRoute:
    """How a resident reaches the council in an emergency when its offices are closed; for the
    `services` named (catalogue slugs), or for any service when none are named."""

    name: TranslatableText
    number: Text
    hours: TranslatableText
    services: tuple[str, ...] = ()


@dataclass(frozen=True, config=_STRICT)
class EmergencyNumber:
    """A national emergency line a resident must call themselves, such as the gas emergency
    number: the council cannot take the call for them."""

    name: TranslatableText
    number: Text
    hours: TranslatableText


@dataclass(frozen=True, config=_STRICT)
class Emergencies:
    gas: EmergencyNumber


@dataclass(frozen=True, config=_STRICT)
class Mailbox:
    """An address residents email that OpenCEX reads: what a new email to it becomes."""

    address: Annotated[str, AfterValidator(lambda value: value.lower())]  # lower case
    kind: Text  # a case kind ("foi", "sar", "complaint", "enquiry", ...)
    service: str = ""  # a catalogue service slug, whose team then gets the cases

    @model_validator(mode="after")
    def _is_an_email_address(self) -> Mailbox:
        if "@" not in self.address:
            raise ValueError(f"'{self.address}' is not an email address")
        return self


def _pattern(group: str):
    """A regular expression (case ignored) that must have a group named `group`."""

    def compile_it(value: Any) -> re.Pattern[str]:
        if isinstance(value, re.Pattern):
            pattern = value
        else:
            try:
                pattern = re.compile(value, re.IGNORECASE)
            except (re.error, TypeError) as error:
                raise ValueError(f"not a valid pattern ({error})") from None
        if group not in pattern.groupindex:
            raise ValueError(f"needs a group named '{group}', as (?P<{group}>...)")
        return pattern

    return Annotated[re.Pattern[str], BeforeValidator(compile_it)]


@dataclass(frozen=True, config=_STRICT)
class RequestSite:
    """A website that sends requests on the public's behalf (WhatDoTheyKnow): one sender address
    per request, which carries the site's own reference for it."""

    name: Text
    address_pattern: _pattern("reference")  # type: ignore[valid-type]
    subject_pattern: _pattern("title") | None = None  # type: ignore[valid-type]

    def reference_in(self, address: str) -> str | None:
        match = self.address_pattern.fullmatch(address.strip().lower())
        return match["reference"] if match else None

    def title_in(self, subject: str) -> str | None:
        match = self.subject_pattern.match(subject.strip()) if self.subject_pattern else None
        return match["title"].strip() if match else None


@dataclass(frozen=True, config=_STRICT)
class Inbox:
    """The council's inbound mailboxes, the request sites it recognises, and where replies to
    its case emails go."""

    mailboxes: tuple[Mailbox, ...] = ()
    request_sites: tuple[RequestSite, ...] = ()
    reply_to: Annotated[str, AfterValidator(lambda value: value.lower())] = ""

    @model_validator(mode="after")
    def _each_mailbox_once(self) -> Inbox:
        seen: set[str] = set()
        for box in self.mailboxes:
            if box.address in seen:
                raise ValueError(f"mailbox '{box.address}' is listed twice")
            seen.add(box.address)
        return self

    def mailbox(self, address: str) -> Mailbox | None:
        address = address.strip().lower()
        return next((box for box in self.mailboxes if box.address == address), None)

    def reply_address_for(self, kind: str) -> str:
        """Where a resident's reply to an email about a case of `kind` should go."""
        return next((box.address for box in self.mailboxes if box.kind == kind), self.reply_to)


StaffRole = Literal[
    "contact_centre", "caseworker", "team_manager", "information_governance", "administrator"
]


@dataclass(frozen=True, config=_STRICT)
class Security:
    """How staff must sign in: the roles (accounts.Role values) that need a second factor, an
    authenticator app, every time. Applied when the deployment enforces it
    (OPENCEX_ENFORCE_TWO_FACTOR, on by default in production)."""

    two_factor_required_for: tuple[StaffRole, ...] = ()


@dataclass(frozen=True, config=_STRICT)
class Panels:
    """The council's Residents Panel and Youth Panel (opencex.panels): how many members each
    takes, who may join, when the yearly "still happy to be on the panel?" is asked and how
    long a member has to answer, and the gap (in percentage points below the city's share) at
    which a group counts as under-represented."""

    residents_capacity: Annotated[int, AfterValidator(lambda n: _at_least_one(n))] = 1000
    residents_min_age: int = 18
    youth_capacity: Annotated[int, AfterValidator(lambda n: _at_least_one(n))] = 200
    youth_min_age: int = 13
    youth_max_age: int = 24
    # Under this age a Youth Panel member needs a parent's or carer's agreement.
    parental_consent_under: int = 16
    refresh_after_months: Annotated[int, AfterValidator(lambda n: _at_least_one(n))] = 12
    refresh_answer_days: Annotated[int, AfterValidator(lambda n: _at_least_one(n))] = 28
    under_represented_gap: float = 5.0
    # Also under-represented when the panel's share is below this fraction of the city's, so
    # that a small group (a ward with 4% of the city) can be under-represented too.
    under_represented_ratio: float = 0.5

    @model_validator(mode="after")
    def _youth_ages_make_sense(self) -> Panels:
        if not 0 < self.youth_min_age <= self.youth_max_age:
            raise ValueError("youth_min_age must be 1 or more and not above youth_max_age")
        return self


# ---- retention ---------------------------------------------------------------------------------
# How long the council keeps what it holds, written as a council's retention schedule says it:
# "6 years", "18 months", "90 days".

_PERIOD = re.compile(r"^(?P<count>\d+)\s+(?P<unit>day|days|month|months|year|years)$")


@dataclass(frozen=True)
class Period:
    """A length of time in whole days, months or years (a month after 31 January is the end of
    February, as the calendar reads it)."""

    count: int
    unit: Literal["days", "months", "years"]

    def __str__(self) -> str:
        unit = self.unit if self.count != 1 else self.unit.removesuffix("s")
        return f"{self.count} {unit}"


def _period(value: Any) -> Period:
    if isinstance(value, Period):
        return value
    match = _PERIOD.match(value.strip().lower()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(
            f"'{value}' is not a period: write a whole number then days, months or years, "
            "as in '6 years'"
        )
    count = int(match["count"])
    if count < 1:
        raise ValueError(f"'{value}' must be at least 1 day")
    unit = match["unit"] if match["unit"].endswith("s") else match["unit"] + "s"
    return Period(count, unit)  # type: ignore[arg-type]


RetentionPeriod = Annotated[Period, BeforeValidator(_period)]


@dataclass(frozen=True, config=_STRICT)
class CaseRetention:
    """How long after a case of each kind ends (closed, or withdrawn) it is kept in full; then
    its personal details are removed and the rest kept for statistics. One entry per kind of
    case (cases.CaseKind), so a new kind cannot be forgotten."""

    service_request: RetentionPeriod = Period(2, "years")
    enquiry: RetentionPeriod = Period(2, "years")
    # The Ombudsmen look back twelve months, claims six years (Limitation Act 1980).
    complaint: RetentionPeriod = Period(6, "years")
    compliment: RetentionPeriod = Period(1, "years")
    comment: RetentionPeriod = Period(1, "years")
    foi: RetentionPeriod = Period(3, "years")
    eir: RetentionPeriod = Period(3, "years")
    sar: RetentionPeriod = Period(2, "years")
    foi_internal_review: RetentionPeriod = Period(3, "years")

    def for_kind(self, kind: str) -> Period:
        return getattr(self, kind)


@dataclass(frozen=True, config=_STRICT)
class RecordRetention:
    """How long the council keeps records that are not cases; then they are deleted, or
    anonymised where a comment says so (residents, payments, bookings)."""

    # The raw message, after it was read onto a case or set aside (the case keeps what it said).
    inbound_emails: RetentionPeriod = Period(90, "days")
    # A form started and not sent (with its uploads), after it was last touched.
    form_sessions: RetentionPeriod = Period(30, "days")
    # Every message sent to a resident or an officer, after it was written.
    notifications: RetentionPeriod = Period(18, "months")
    # A resident's sign-in link, after it was used or ran out.
    sign_in_links: RetentionPeriod = Period(7, "days")
    # A background job that finished, after it finished.
    finished_tasks: RetentionPeriod = Period(30, "days")
    # A resident with no case left, after their record was last changed.
    inactive_residents: RetentionPeriod = Period(2, "years")
    # (retention2, issue 12) A payment, its refunds and audit trail, after the end of the
    # financial year of its last change (paid, or last refunded): then anonymised, the amount,
    # dates, purpose and reference kept for the accounts. Reconciliation runs are deleted.
    payments: RetentionPeriod = Period(6, "years")
    # A booking, after the day it took place: then anonymised (contact, address, benefit).
    bookings: RetentionPeriod = Period(2, "years")
    # An outbound event, after it was recorded, once every subscription has had it delivered or
    # dead-lettered: deleted with its deliveries. Receivers can replay this far back.
    outbound_events: RetentionPeriod = Period(90, "days")
    # A housing import's record (its refused rows may name people), after it started.
    housing_imports: RetentionPeriod = Period(1, "years")
    # A tenancy copied from the housing system, after it ended: deleted here with its members,
    # rent account and repairs (the housing system keeps its own record).
    ended_tenancies: RetentionPeriod = Period(6, "years")
    # (issue 14) A search kept for the web measures (its term without personal data), after its day.
    search_records: RetentionPeriod = Period(2, "years")


@dataclass(frozen=True, config=_STRICT)
class Retention:
    """The council's retention schedule. `erasable_on_request` names the kinds of case a
    resident may have erased before their time is up (the council keeps the others for the
    whole period, with a legal basis to refuse erasure)."""

    cases: CaseRetention = field(default_factory=CaseRetention)
    records: RecordRetention = field(default_factory=RecordRetention)
    erasable_on_request: tuple[str, ...] = ("compliment", "comment", "enquiry")
    # The month the council's financial year starts in (1 April: 4); financial records are kept
    # counted from the end of a financial year.
    financial_year_starts_in: Annotated[int, Field(ge=1, le=12)] = 4

    @model_validator(mode="after")
    def _erasable_kinds_are_kinds(self) -> Retention:
        kinds = {f.name for f in dataclasses.fields(CaseRetention)}
        unknown = [kind for kind in self.erasable_on_request if kind not in kinds]
        if unknown:
            raise ValueError(
                f"erasable_on_request: {', '.join(unknown)} is not a kind of case "
                f"(one of {', '.join(sorted(kinds))})"
            )
        return self


# ---- payments ---------------------------------------------------------------------------------
# What residents may pay with a reference, and how each reference is written. The check digit's
# arithmetic lives in opencex.payments.bills.check_digits; the profile names which one applies.

CheckDigit = Literal["none", "modulus_11", "luhn"]


def _pattern_compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"'{value}' is not a regular expression: {error}") from None
    return value


@dataclass(frozen=True, config=_STRICT)
class PayableBill:
    """Something a resident pays with a reference from a bill or notice: `pattern` is the whole
    reference once spaces are taken out and letters made capitals; `check_digit` which scheme the
    last digit follows (over the digits before it); `example` is shown in the hint and must
    match; `amount_from` is "bill" where the council's system says what is due (the reference must
    be found) or "resident" where the resident says how much; `services` are the catalogue
    services whose "pay online" leads here. `name`, `reference_name` and `format_hint` are
    English or texts by language, shown with `opencex.languages.in_current_language`."""

    kind: Literal["council_tax", "parking_pcn", "invoice", "business_rates"]
    name: TranslatableText
    reference_name: TranslatableText
    pattern: Annotated[str, AfterValidator(_pattern_compiles)]
    example: Text
    format_hint: TranslatableText
    check_digit: CheckDigit = "none"
    amount_from: Literal["bill", "resident"] = "bill"
    services: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _example_matches(self) -> PayableBill:
        if not re.fullmatch(self.pattern, self.example):
            raise ValueError(f"example '{self.example}' does not match pattern '{self.pattern}'")
        return self


@dataclass(frozen=True, config=_STRICT)
class Surveys:
    """How often the council may ask one person to answer a survey (issue 15): no one is
    invited more often than every `min_days_between_invitations` days, whatever the route (a
    panel sample, after a case, a reminder is not a new invitation); one reminder goes
    `reminder_after_days` after an invitation not yet answered."""

    min_days_between_invitations: Annotated[int, Field(ge=0)] = 90
    reminder_after_days: Annotated[int, Field(ge=1)] = 7
    # The after-case survey is sent this many days after the case closed (the closing message
    # has already asked for a rating; a case whose resident rated it gets no survey).
    after_case_days: Annotated[int, Field(ge=0)] = 3


@dataclass(frozen=True, config=_STRICT)
class Ai:
    """Which of the suggestions that models make (issue 16) are on. Each model has its
    governance record (`aigovernance/records/<key>.toml`, published for residents); turning one
    off here stops its suggestions at once and the work goes on by hand, as it did before. A
    model only ever suggests: an officer decides."""

    routing: bool = True  # which service and team a free text is for
    urgency_cues: bool = True  # words that need a human to look now (no heating, gas, ...)
    duplicate_reports: bool = True  # reports of the same problem proposed as one job
    resident_matching: bool = True  # "is this someone we already know?", duplicate residents
    completion_prediction: bool = True  # when a request is likely to be finished


@dataclass(frozen=True, config=_STRICT)
class Payments:
    bills: tuple[PayableBill, ...] = ()

    def bill(self, kind: str) -> PayableBill | None:
        return next((bill for bill in self.bills if bill.kind == kind), None)


@dataclass(frozen=True, config=_STRICT)
class CouncilProfile:
    slug: Text
    name: Text
    short_name: Text
    website: Text
    email: Text
    email_from: Text
    holiday_region: Annotated[tuple[Region, ...], AfterValidator(_not_blank)]
    branding: Branding
    upper_tier: UpperTier | None
    phone_lines: Annotated[tuple[PhoneLine, ...], AfterValidator(_not_blank)]
    places: tuple[Place, ...]
    is_landlord: bool
    routing: Routing
    emergencies: Emergencies
    out_of_hours: tuple[OutOfHoursRoute, ...] = ()
    closure_days: tuple[str, ...] = field(default=())
    reply_working_days: int = 5
    top_tasks: tuple[str, ...] = ()  # service slugs shown first on the home page
    # The council's electoral wards, as residents and councillors name them (consultations are
    # planned for wards; a property's ward is one of these).
    wards: tuple[str, ...] = ()
    inbox: Inbox = field(default_factory=Inbox)
    security: Security = field(default_factory=Security)

    retention: Retention = field(default_factory=Retention)
    payments: Payments = field(default_factory=Payments)
    open311: Open311 | None = None
    surveys: Surveys = field(default_factory=Surveys)
    panels: Panels = field(default_factory=Panels)
    reporting: Reporting = field(default_factory=Reporting)
    ai: Ai = field(default_factory=Ai)

    @property
    def online_help_places(self) -> tuple[Place, ...]:
        """Places where staff help residents use the council's online services."""
        return tuple(place for place in self.places if place.helps_online)

    @property
    def vulnerable_line(self) -> PhoneLine | None:
        return next((line for line in self.phone_lines if line.purpose == "vulnerable"), None)

    @property
    def main_phone(self) -> PhoneLine:
        return next(
            (line for line in self.phone_lines if line.purpose == "general"), self.phone_lines[0]
        )

    @property
    def gas_emergency(self) -> EmergencyNumber:
        return self.emergencies.gas

    def out_of_hours_route(self, service_slug: str | None = None) -> OutOfHoursRoute | None:
        """The route for an emergency about `service_slug` out of office hours: the one named
        for that service, else the one for every service, else none."""
        named = [route for route in self.out_of_hours if service_slug in route.services]
        general = [route for route in self.out_of_hours if not route.services]
        return next(iter(named + general), None)


# ---- the file ---------------------------------------------------------------------------------
# The file's [council] table holds what the profile keeps at its top level; the rest of the
# tables are the values above, as they are.


@dataclass(frozen=True, config=_STRICT)
class _CouncilTable:
    slug: Text
    name: Text
    website: Text
    email: Text
    holiday_region: Annotated[tuple[Region, ...], AfterValidator(_not_blank)]
    short_name: str = ""
    email_from: str = ""
    is_landlord: bool = False
    closure_days: tuple[str, ...] = ()
    reply_working_days: Annotated[int, AfterValidator(lambda days: _at_least_one(days))] = 5
    top_tasks: tuple[str, ...] = ()
    wards: tuple[str, ...] = ()


def _at_least_one(days: int) -> int:
    if days < 1:
        raise ValueError("must be 1 or more")
    return days


def parse_profile(raw: dict) -> CouncilProfile:
    """The profile in `raw` (a TOML document), or a ProfileError naming each field that is
    wrong."""
    council = None
    try:
        unknown = sorted(set(raw) - _TABLES)
        if unknown:
            raise ProfileError(f"profile: unknown table(s) {', '.join(unknown)}")
        if "council" not in raw:
            raise ProfileError("profile: 'council' is required")
        council = _CouncilTable(**raw["council"])
        rest = {key: value for key, value in raw.items() if key != "council"}
        branding = rest.pop("branding", None)
        if isinstance(branding, dict):
            branding = {"logo_text": council.name, **branding}
        return CouncilProfile(
            slug=council.slug,
            name=council.name,
            short_name=council.short_name or council.name,
            website=council.website,
            email=council.email,
            email_from=council.email_from or council.email,
            holiday_region=council.holiday_region,
            is_landlord=council.is_landlord,
            closure_days=council.closure_days,
            reply_working_days=council.reply_working_days,
            top_tasks=council.top_tasks,
            wards=council.wards,
            branding=branding,
            upper_tier=rest.pop("upper_tier", None),
            places=rest.pop("places", ()),
            **rest,
        )
    except ValidationError as error:
        # Until the [council] table is read, a fault is in it; after, in the profile's own tables.
        raise ProfileError(_describe(error, table="council" if council is None else "")) from None
    except TypeError as error:  # a table that is not a table, e.g. `council = "Oxford"`
        raise ProfileError(f"profile: {error}") from None


_TABLES = frozenset(
    {
        "council",
        "branding",
        "routing",
        "upper_tier",
        "phone_lines",
        "places",
        "inbox",
        "emergencies",
        "out_of_hours",
        "security",
        "retention",
        "payments",
        "open311",
        "surveys",
        "panels",
        "reporting",
        "ai",
    }
)


def _describe(error: ValidationError, *, table: str) -> str:
    """One line per fault: where in the file (e.g. `places[0].hours[0]`) and what is wrong."""
    lines = []
    for fault in error.errors():
        path = table
        for part in fault["loc"]:
            path += f"[{part}]" if isinstance(part, int) else f".{part}"
        path = path.removeprefix(".")
        message = fault["msg"].removeprefix("Value error, ")
        if fault["type"] == "missing":
            message = "is required"
        elif fault["type"] in {"unexpected_keyword_argument", "extra_forbidden"}:
            message = "is not a setting a profile has"
        lines.append(f"{path}: {message}")
    return "\n".join(lines)


def load_profile(name_or_path: str) -> CouncilProfile:
    """Load a profile by name (a file in profiles/) or by a path to a TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ProfileError(f"no council profile at {path}")
    with path.open("rb") as handle:
        try:
            return parse_profile(tomllib.load(handle))
        except ProfileError as error:
            raise ProfileError(f"{path.name}: {error}") from None
