"""The request and response shapes of the API (the OpenAPI schema is generated from these)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from opencex.cases.models import CaseKind, Channel
from opencex.catalogue.models import Provider

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
PHONE_FORMAT = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
_UK_NUMBER = re.compile(r"0\d{9,10}")

# Far past the end of any list, and an offset every database can take.
MAX_OFFSET = 1_000_000
# How a case can reach the council through the API; partner systems' cases are always
# "partner_api", which the API sets itself.
IntakeChannel = Literal[tuple(c.value for c in Channel if c != Channel.PARTNER_API)]  # type: ignore[valid-type]


class Strict(Schema):
    """An input that refuses unknown fields (a typo should fail loudly, not be ignored)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# Services


class ServiceFilters(Strict):
    topic: str | None = Field(None, max_length=100, description="A topic's slug.")
    provider: Provider | None = None
    q: str | None = Field(None, max_length=200, description="Words in the service's title.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class TopicOut(Schema):
    slug: str
    name: str


class ServiceStandardOut(Schema):
    days: int
    text: str
    if_late: str


class ServiceOut(Schema):
    slug: str
    title: str
    summary: str
    provider: str
    external_url: str
    topic: TopicOut
    channels: list[str]
    cost: str
    eligibility: str
    lgsl_code: int | None
    standard: ServiceStandardOut | None = Field(
        description="How long the service takes; null when it has no published standard."
    )
    url: str

    @staticmethod
    def resolve_standard(service) -> dict[str, Any] | None:
        if not service.standard_days:
            return None
        return {
            "days": service.standard_days,
            "text": service.standard_text,
            "if_late": service.if_late,
        }

    @staticmethod
    def resolve_url(service) -> str:
        return f"/services/{service.slug}/"


class ServiceListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ServiceOut]


# Cases


class ContactIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=32)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError(EMAIL_FORMAT) from None
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if not value:
            return value
        number = _PHONE_PUNCTUATION.sub("", value)
        if number.startswith("+44"):
            number = "0" + number[3:].removeprefix("0")
        if not _UK_NUMBER.fullmatch(number):
            raise ValueError(PHONE_FORMAT)
        return number


class CommunicationIn(Strict):
    interpreter_language: str = Field(
        "",
        max_length=16,
        description="The language the resident needs an interpreter for, as a code ('pl').",
    )
    accessible_format: str = Field(
        "",
        max_length=32,
        description="The format the resident needs information in (a people AccessibleFormat).",
    )


class CaseIn(Strict):
    kind: CaseKind
    subject: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=5000)
    contact: ContactIn
    service: str | None = Field(None, max_length=120, description="A live service's slug.")
    answers: dict[str, Any] | None = Field(
        None,
        description=(
            "Answers to the service's form, by question id, checked as its pages check them: "
            'text as a string, a number, a date as "2026-03-31", checkboxes as a list of '
            "option values, an address as {uprn} or {line_1, line_2, town, postcode}, a street "
            "location as {description, postcode}. Only for a service with a live form."
        ),
    )
    channel: IntakeChannel | None = Field(
        None,
        description=(
            "How the resident contacted the council. Staff must give it; residents may only "
            "use 'web' (the default); partner systems leave it out."
        ),
    )
    communication: CommunicationIn | None = Field(
        None,
        description=(
            "An interpreter or information in another format, as a form's check your answers "
            "page asks: give `interpreter_language`, `accessible_format` or both. Kept with the "
            "case's answers for the officer."
        ),
    )


class LinksOut(Schema):
    self: str


class CaseCreatedOut(Schema):
    reference: str
    kind: str
    status: str
    received_on: date
    due_on: date | None
    due_at: datetime | None = Field(
        None,
        description=(
            "On a clock counted in hours (an emergency hazard in a council home, made safe within "
            "24 hours), the moment it is due, in UK time with its offset; null on a clock counted "
            "in days, which is due by the end of `due_on`."
        ),
    )
    links: LinksOut


class StatusOut(Schema):
    value: str
    label: str


class ServiceRefOut(Schema):
    slug: str
    title: str


class TimelineEventOut(Schema):
    at: datetime
    kind: str
    summary: str
    body: str


class CaseOut(Schema):
    reference: str
    kind: str
    status: StatusOut
    stage: int | None
    channel: str
    service: ServiceRefOut | None
    received_on: date
    due_on: date | None
    due_at: datetime | None = Field(
        None,
        description=(
            "On a clock counted in hours (an emergency hazard in a council home, made safe within "
            "24 hours), the moment it is due, in UK time with its offset; null on a clock counted "
            "in days, which is due by the end of `due_on`."
        ),
    )
    deadline_explanation: list[str] | None = Field(
        None, description="Why the case is due when it is. Staff only: absent for others."
    )
    timeline: list[TimelineEventOut]


class ErrorOut(Schema):
    field: str | None
    message: str


class ErrorsOut(Schema):
    errors: list[ErrorOut]
    code: str
