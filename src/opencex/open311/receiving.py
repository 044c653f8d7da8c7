"""POST requests: a GeoReport v2 service request becomes a case through the one door.

The specification's fields are read as the form's answers (the contact questions from
first_name/last_name/email/phone, the location question from lat/long, address_string or
address_id, the rest from attribute[code]) and checked by `forms.answers.check_answers`, the
check the API and the form's pages use; the case is opened by
`cases.actions.opening.open_case` on the partner channel. A client that sends the same request
again (FixMyStreet retries a report whose answer it did not receive) gets the same case back:
the submission key is the partner and a digest of everything it sent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.http import QueryDict
from django.utils import translation

from opencex.cases.actions.opening import open_case
from opencex.cases.models import Case, Channel
from opencex.forms.answers import check_answers
from opencex.forms.services import clock_for, kind_and_service
from opencex.open311.formats import GeoReportError
from opencex.open311.models import GeoReportRequest
from opencex.open311.offered import OfferedService
from opencex.people.models import Property

DESCRIPTION_LIMIT = 4000  # the specification's limit
_SAFE_URL = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Point:
    lat: Decimal
    long: Decimal


@dataclass(frozen=True)
class Sent:
    """The specification's own fields of a request, each checked."""

    point: Point | None
    address_string: str
    address_id: str
    name: str
    email: str
    phone: str
    description: str
    media_url: str
    device_id: str
    account_id: str


def receive_request(*, partner, offered: OfferedService, data: QueryDict) -> tuple[Case, bool]:
    """Open the case for a GeoReport request from `partner` (the api_key's account); returns
    (case, created). Raises GeoReportError (400) naming each field that is wrong."""
    with translation.override("en"):  # the client's log and the officer read English
        sent = _read(data)
        answers, extras = _answers(offered, data, sent)
        kept, errors = check_answers(offered.schema, answers)
        if errors:
            raise GeoReportError(
                400, *(f"{_field_for(offered, qid)}: {message}" for qid, message in errors.items())
            )
    # Filed as the web form files the same answers (damp and mould on its own service).
    filed = kind_and_service(offered.form_version, kept)
    service = filed["service"]
    clock = clock_for(service, kept, version=offered.form_version)
    first_line = sent.description.splitlines()[0].strip() if sent.description else ""
    subject = f"{service.title}: {first_line}" if first_line else service.title
    with transaction.atomic():
        case, created = open_case(
            actor=partner,
            kind=filed["kind"],
            channel=Channel.PARTNER_API,
            subject=subject[:200],
            description=_description(sent, extras, default=service.title),
            contact_name=sent.name or "Not given",
            contact_email=sent.email,
            contact_phone=sent.phone,
            service=service,
            property=_property(kept, offered, sent.address_id),
            answers=kept,
            hazard_class=clock.hazard_class,
            standard_days=clock.standard_days,
            submission_key=_submission_key(partner, data),
        )
        GeoReportRequest.objects.get_or_create(
            case=case,
            defaults={
                "partner": partner,
                "lat": sent.point.lat if sent.point else None,
                "long": sent.point.long if sent.point else None,
                "address_string": sent.address_string,
                "address_id": sent.address_id,
                "media_url": sent.media_url,
                "device_id": sent.device_id,
                "account_id": sent.account_id,
            },
        )
    return case, created


def _read(data: QueryDict) -> Sent:
    point = _point(data)
    address_string = _text(data, "address_string", 250)
    address_id = _text(data, "address_id", 100)
    if point is None and not (address_string or address_id):
        raise GeoReportError(400, "Send where it is: lat and long, address_string or address_id")
    email = _text(data, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise GeoReportError(
                400, "email: enter an email address, like name@example.com"
            ) from None
    media_url = _text(data, "media_url", 500)
    if media_url:
        try:
            _SAFE_URL(media_url)
        except ValidationError:
            raise GeoReportError(400, "media_url: send an http or https address") from None
    names = (_text(data, "first_name", 100), _text(data, "last_name", 100))
    return Sent(
        point=point,
        address_string=address_string,
        address_id=address_id,
        name=" ".join(part for part in names if part),
        email=email,
        phone=_text(data, "phone", 32),
        description=_text(data, "description", DESCRIPTION_LIMIT),
        media_url=media_url,
        device_id=_text(data, "device_id", 100),
        account_id=_text(data, "account_id", 100),
    )


def _description(sent: Sent, extras: dict[str, str], *, default: str) -> str:
    """What the officer reads: the report, where it is, and anything else the client sent."""
    parts = [sent.description or default, _where(sent.point, sent.address_string, sent.address_id)]
    if extras:
        also = "\n".join(f"{code}: {value}" for code, value in sorted(extras.items()))
        parts.append("Also sent with the report:\n" + also)
    return "\n\n".join(part for part in parts if part)


def _text(data: QueryDict, name: str, limit: int) -> str:
    value = data.get(name, "").strip()
    if len(value) > limit:
        raise GeoReportError(400, f"{name}: {limit} characters at most")
    return value


def _point(data: QueryDict) -> Point | None:
    lat_text, long_text = data.get("lat", "").strip(), data.get("long", "").strip()
    if not (lat_text or long_text):
        return None
    if not (lat_text and long_text):
        raise GeoReportError(400, "lat and long: send both, or neither")
    try:
        lat, long = Decimal(lat_text), Decimal(long_text)
    except InvalidOperation:
        raise GeoReportError(
            400, "lat and long: send decimal degrees, like 51.7520 and -1.2577"
        ) from None
    if not (lat.is_finite() and long.is_finite() and -90 <= lat <= 90 and -180 <= long <= 180):
        raise GeoReportError(400, "lat and long: send decimal degrees on the Earth (WGS84)")
    return Point(round(lat, 6), round(long, 6))


def attributes_sent(data: QueryDict) -> dict[str, list[str]]:
    """attribute[code]=v (or, for a multivaluelist, attribute[code][]=v, repeated)."""
    sent: dict[str, list[str]] = {}
    for key in data:
        if not (key.startswith("attribute[") and key.endswith("]")):
            continue
        inner = key[len("attribute[") :]
        code = inner[: -len("][]")] if inner.endswith("][]") else inner[:-1]
        sent.setdefault(code, []).extend(value for value in data.getlist(key) if value != "")
    return sent


def _answers(
    offered: OfferedService, data: QueryDict, sent: Sent
) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers to the service's form, and the attributes that are none of its questions
    (FixMyStreet adds its own, such as fixmystreet_id and report_url), kept for the officer."""
    questions = {question["id"]: question for question in offered.attribute_questions()}
    answers: dict[str, Any] = {}
    extras: dict[str, str] = {}
    for code, values in attributes_sent(data).items():
        question = questions.get(code)
        if question is None:
            extras[code[:60]] = ", ".join(values)[:500]
        elif question["type"] == "checkboxes":
            answers[code] = values
        elif values:
            value = values[-1].strip()
            answers[code] = value[:10] if question["type"] == "date" else value
    contact = offered.contact_questions()
    given = {"contact_name": sent.name, "contact_email": sent.email, "contact_phone": sent.phone}
    for field, value in given.items():
        if field in contact and value:
            answers[contact[field]] = value
    location = offered.location_question()
    if location is not None:
        if location["type"] == "street_location":
            answers[location["id"]] = {
                "description": sent.address_string
                or (_map_point(sent.point) if sent.point else sent.address_id),
                "postcode": "",
            }
        elif sent.address_id:
            answers[location["id"]] = {"uprn": sent.address_id}
    return answers, extras


def _field_for(offered: OfferedService, qid: str) -> str:
    """The GeoReport field a client sends for a question, to name it in an error."""
    contact = {question: field for field, question in offered.contact_questions().items()}
    names = {"contact_name": "first_name", "contact_email": "email", "contact_phone": "phone"}
    if qid in contact:
        return names[contact[qid]]
    location = offered.location_question()
    if location is not None and location["id"] == qid:
        return "address_id" if location["type"] == "address" else "address_string"
    return f"attribute[{qid}]"


def _property(kept: dict[str, Any], offered: OfferedService, address_id: str) -> Property | None:
    location = offered.location_question()
    uprn = ""
    if location is not None and location["type"] == "address":
        uprn = (kept.get(location["id"]) or {}).get("uprn", "")
    uprn = uprn or address_id
    return Property.objects.filter(uprn=uprn).first() if uprn else None


def _map_point(point: Point) -> str:
    return f"Map point {point.lat}, {point.long}"


def _where(point: Point | None, address_string: str, address_id: str) -> str:
    """Where it is, for the officer reading the case."""
    lines = []
    if address_string:
        lines.append(f"Address given: {address_string}")
    if address_id:
        lines.append(f"Address id (UPRN): {address_id}")
    if point is not None:
        lines.append(
            f"{_map_point(point)}: https://www.openstreetmap.org/?mlat={point.lat}"
            f"&mlon={point.long}#map=18/{point.lat}/{point.long}"
        )
    return "\n".join(lines)


def _submission_key(partner, data: QueryDict) -> str:
    """The partner and a digest of everything it sent but its key: a resend is the same."""
    sent = sorted((key, value) for key in data if key != "api_key" for value in data.getlist(key))
    digest = hashlib.sha256(repr(sent).encode()).hexdigest()
    return f"open311:user-{partner.pk}:{digest}"
