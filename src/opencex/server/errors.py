"""Optional error reporting to Sentry (or a compatible service such as GlitchTip), started only
when `OPENCEX_SENTRY_DSN` is set. A report carries the code's failure, never a resident's data:
no request body, cookies, query string, user or local variables, and what is left (exception
messages, the address, breadcrumbs) is scrubbed of email addresses, phone numbers, postcodes and
the secret tokens in sign-in and saved-form links."""

from __future__ import annotations

import re
from typing import Any

from opencex.server.logs import current_request_id

# Field names whose values are dropped wherever they appear in a report.
RESIDENT_FIELDS = [
    "email", "client_email", "phone", "mobile", "name", "first_name", "last_name", "full_name",
    "address", "postcode", "uprn", "date_of_birth", "answers", "body", "message", "details",
    "description", "token", "reference_email",
]  # fmt: skip

# Headers kept on a report's request; the rest (cookies, authorisation, forwarded addresses) go.
KEPT_HEADERS = {"content-type", "accept", "x-request-id", "host"}

PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE), "[postcode]"),
    (re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b"), "[phone]"),
    # A sign-in link's or a saved form's token, whatever follows the path that carries it (a
    # signed token is `value:timestamp:signature`, a saved form's `token.nonce:...`).
    (re.compile(r"(?<=/account/sign-in/)[^/?#\s]+|(?<=/forms/resume/)[^/?#\s]+"), "[token]"),
    # Any other path segment as long as a random token.
    (re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=/|$|\?)"), "[token]"),
]


def scrub_text(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def scrub_resident_data(
    event: dict[str, Any], hint: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Sentry's `before_send`: what may leave the council's servers about a failure."""
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for part in ("data", "cookies", "query_string", "env"):
            request.pop(part, None)
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    for crumb in (event.get("breadcrumbs") or {}).get("values", []):
        crumb.pop("data", None)  # a query's parameters, a request's address
    for part in ("request", "logentry", "message", "breadcrumbs", "extra"):
        if part in event:
            event[part] = _scrub(event[part])
    # The exception's message only: its frames name our code, not residents.
    for exception in (event.get("exception") or {}).get("values", []):
        if isinstance(exception.get("value"), str):
            exception["value"] = scrub_text(exception["value"])
    event.setdefault("tags", {})["request_id"] = current_request_id.get()
    return event


def start_error_reporting(*, dsn: str, environment: str, release: str | None) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        event_scrubber=EventScrubber(denylist=DEFAULT_DENYLIST + RESIDENT_FIELDS, recursive=True),
        before_send=scrub_resident_data,  # type: ignore[arg-type]
        traces_sample_rate=0.0,
    )
