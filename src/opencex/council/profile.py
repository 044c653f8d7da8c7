"""Loads a council's profile (a TOML file) into typed, immutable values; no Django here."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
VALID_REGIONS = {"ENG", "WLS", "SCT", "NIR"}


class ProfileError(ValueError):
    """A council profile file is missing a value or holds one that makes no sense."""


@dataclass(frozen=True)
class PhoneLine:
    name: str
    number: str
    hours: str
    purpose: str = "general"  # "general" or "vulnerable"


@dataclass(frozen=True)
class OpeningHours:
    day: str
    opens: time
    closes: time


@dataclass(frozen=True)
class Place:
    """A face-to-face point: a customer service desk or an outreach session."""

    slug: str
    name: str
    kind: str  # "desk" or "outreach"
    address: str
    postcode: str
    hours: tuple[OpeningHours, ...]
    notes: str = ""


@dataclass(frozen=True)
class Branding:
    colour: str
    logo_text: str


@dataclass(frozen=True)
class UpperTier:
    name: str
    website: str
    phone: str


@dataclass(frozen=True)
class Routing:
    """Which team (by slug) receives cases that have no service of their own."""

    information_rights: str
    feedback: str
    general: str


@dataclass(frozen=True)
class Mailbox:
    """An address residents email that OpenCEX reads: what a new email to it becomes."""

    address: str  # lower case
    kind: str  # a case kind ("foi", "sar", "complaint", "enquiry", ...)
    service: str = ""  # a catalogue service slug, whose team then gets the cases


@dataclass(frozen=True)
class RequestSite:
    """A website that sends requests on the public's behalf (WhatDoTheyKnow): one sender address
    per request, which carries the site's own reference for it."""

    name: str
    address_pattern: re.Pattern[str]  # has a group named `reference`
    subject_pattern: re.Pattern[str] | None = None  # has a group named `title`

    def reference_in(self, address: str) -> str | None:
        match = self.address_pattern.fullmatch(address.strip().lower())
        return match["reference"] if match else None

    def title_in(self, subject: str) -> str | None:
        match = self.subject_pattern.match(subject.strip()) if self.subject_pattern else None
        return match["title"].strip() if match else None


@dataclass(frozen=True)
class Inbox:
    """The council's inbound mailboxes, the request sites it recognises, and where replies to
    its case emails go."""

    mailboxes: tuple[Mailbox, ...] = ()
    request_sites: tuple[RequestSite, ...] = ()
    reply_to: str = ""  # for case emails whose kind has no mailbox of its own

    def mailbox(self, address: str) -> Mailbox | None:
        address = address.strip().lower()
        return next((box for box in self.mailboxes if box.address == address), None)

    def reply_address_for(self, kind: str) -> str:
        """Where a resident's reply to an email about a case of `kind` should go."""
        return next((box.address for box in self.mailboxes if box.kind == kind), self.reply_to)


@dataclass(frozen=True)
class CouncilProfile:
    slug: str
    name: str
    short_name: str
    website: str
    email: str
    email_from: str
    holiday_region: tuple[str, ...]
    branding: Branding
    upper_tier: UpperTier | None
    phone_lines: tuple[PhoneLine, ...]
    places: tuple[Place, ...]
    is_landlord: bool
    routing: Routing
    closure_days: tuple[str, ...] = field(default=())
    reply_working_days: int = 5
    top_tasks: tuple[str, ...] = ()  # service slugs shown first on the home page
    inbox: Inbox = field(default_factory=Inbox)

    @property
    def vulnerable_line(self) -> PhoneLine | None:
        return next((line for line in self.phone_lines if line.purpose == "vulnerable"), None)

    @property
    def main_phone(self) -> PhoneLine:
        return next(
            (line for line in self.phone_lines if line.purpose == "general"), self.phone_lines[0]
        )


def _require(table: dict, key: str, where: str):
    try:
        return table[key]
    except KeyError:
        raise ProfileError(f"{where}: '{key}' is required") from None


def _parse_time(value: str, where: str) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ProfileError(f"{where}: '{value}' is not a time like 09:00") from None


def _parse_place(raw: dict) -> Place:
    slug = _require(raw, "slug", "place")
    where = f"place '{slug}'"
    hours = []
    for entry in _require(raw, "hours", where):
        day = _require(entry, "day", where).lower()
        if day not in WEEKDAYS:
            raise ProfileError(f"{where}: '{day}' is not a day of the week")
        opens = _parse_time(_require(entry, "opens", where), where)
        closes = _parse_time(_require(entry, "closes", where), where)
        if closes <= opens:
            raise ProfileError(f"{where}: on {day} it closes before it opens")
        hours.append(OpeningHours(day=day, opens=opens, closes=closes))
    kind = raw.get("kind", "desk")
    if kind not in {"desk", "outreach"}:
        raise ProfileError(f"{where}: kind must be 'desk' or 'outreach'")
    return Place(
        slug=slug,
        name=_require(raw, "name", where),
        kind=kind,
        address=_require(raw, "address", where),
        postcode=_require(raw, "postcode", where),
        hours=tuple(hours),
        notes=raw.get("notes", ""),
    )


def _parse_pattern(raw: dict, key: str, group: str, where: str) -> re.Pattern[str]:
    try:
        pattern = re.compile(raw[key], re.IGNORECASE)
    except re.error as error:
        raise ProfileError(f"{where}: '{key}' is not a valid pattern ({error})") from None
    if group not in pattern.groupindex:
        raise ProfileError(f"{where}: '{key}' needs a group named '{group}', as (?P<{group}>...)")
    return pattern


def _parse_inbox(raw: dict) -> Inbox:
    mailboxes: list[Mailbox] = []
    for entry in raw.get("mailboxes", ()):
        address = _require(entry, "address", "inbox mailbox").strip().lower()
        if "@" not in address:
            raise ProfileError(f"inbox mailbox: '{address}' is not an email address")
        if any(box.address == address for box in mailboxes):
            raise ProfileError(f"inbox mailbox: '{address}' is listed twice")
        where = f"inbox mailbox '{address}'"
        mailboxes.append(
            Mailbox(
                address=address,
                kind=_require(entry, "kind", where),
                service=entry.get("service", ""),
            )
        )
    sites = []
    for entry in raw.get("request_sites", ()):
        where = f"request site '{_require(entry, 'name', 'request site')}'"
        sites.append(
            RequestSite(
                name=entry["name"],
                address_pattern=_parse_pattern(entry, "address_pattern", "reference", where),
                subject_pattern=(
                    _parse_pattern(entry, "subject_pattern", "title", where)
                    if "subject_pattern" in entry
                    else None
                ),
            )
        )
    return Inbox(
        mailboxes=tuple(mailboxes),
        request_sites=tuple(sites),
        reply_to=raw.get("reply_to", "").strip().lower(),
    )


def parse_profile(raw: dict) -> CouncilProfile:
    council = _require(raw, "council", "profile")
    region = tuple(_require(council, "holiday_region", "council"))
    if not region or not set(region) <= VALID_REGIONS:
        raise ProfileError(f"council: holiday_region must be drawn from {sorted(VALID_REGIONS)}")
    phone_lines = tuple(
        PhoneLine(
            name=_require(line, "name", "phone line"),
            number=_require(line, "number", "phone line"),
            hours=_require(line, "hours", "phone line"),
            purpose=line.get("purpose", "general"),
        )
        for line in _require(raw, "phone_lines", "profile")
    )
    if not phone_lines:
        raise ProfileError("profile: at least one phone line is required")
    upper = raw.get("upper_tier")
    branding = _require(raw, "branding", "profile")
    return CouncilProfile(
        slug=_require(council, "slug", "council"),
        name=_require(council, "name", "council"),
        short_name=council.get("short_name", council["name"]),
        website=_require(council, "website", "council"),
        email=_require(council, "email", "council"),
        email_from=council.get("email_from", council["email"]),
        holiday_region=region,
        is_landlord=bool(council.get("is_landlord", False)),
        closure_days=tuple(council.get("closure_days", ())),
        reply_working_days=int(council.get("reply_working_days", 5)),
        top_tasks=tuple(council.get("top_tasks", ())),
        inbox=_parse_inbox(raw.get("inbox", {})),
        branding=Branding(
            colour=_require(branding, "colour", "branding"),
            logo_text=branding.get("logo_text", council["name"]),
        ),
        upper_tier=UpperTier(**upper) if upper else None,
        routing=Routing(**_require(raw, "routing", "profile")),
        phone_lines=phone_lines,
        places=tuple(_parse_place(place) for place in raw.get("places", ())),
    )


def load_profile(name_or_path: str) -> CouncilProfile:
    """Load a profile by name (a file in profiles/) or by a path to a TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = PROFILES_DIR / f"{name_or_path}.toml"
    if not path.is_file():
        raise ProfileError(f"no council profile at {path}")
    with path.open("rb") as handle:
        return parse_profile(tomllib.load(handle))
