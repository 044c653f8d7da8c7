"""A local imitation of GOV.UK Notify's v2 API for sending email and text messages.

It checks what the real service checks for these two endpoints (the API key's JWT, the JSON body,
the template and its placeholders) and answers in Notify's documented shapes:
https://docs.notifications.service.gov.uk/rest-api.html
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import jwt

# A team-only API key can only send to the service's team members.
TEAM_ONLY_MESSAGE = "Can't send to this recipient using a team-only API key"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()-]{10,20}$")
# Notify accepts tokens issued within 30 seconds either side of its clock.
IAT_TOLERANCE_SECONDS = 30

REQUEST_SHAPES = {
    "email": {
        "recipient": "email_address",
        "optional": {
            "personalisation",
            "reference",
            "email_reply_to_id",
            "one_click_unsubscribe_url",
        },
    },
    "sms": {
        "recipient": "phone_number",
        "optional": {"personalisation", "reference", "sms_sender_id"},
    },
}


class NotifyError(Exception):
    def __init__(self, status_code: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = {"status_code": status_code, "errors": [{"error": error, "message": message}]}


@dataclass
class Template:
    id: str
    type: str
    placeholders: tuple[str, ...]
    version: int = 1


@dataclass
class FakeNotify:
    service_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    secret: str = field(default_factory=lambda: str(uuid.uuid4()))
    email_template: Template = field(
        default_factory=lambda: Template(str(uuid.uuid4()), "email", ("subject", "body"))
    )
    sms_template: Template = field(
        default_factory=lambda: Template(str(uuid.uuid4()), "sms", ("body",))
    )
    rejected_recipients: set[str] = field(default_factory=set)
    # Every accepted notification: the JSON sent, the JWT claims and the id we answered with.
    sent: list[dict[str, Any]] = field(default_factory=list)
    base_url: str = ""

    @property
    def api_key(self) -> str:
        return f"opencex_tests-{self.service_id}-{self.secret}"

    def start(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def handle(self, channel: str, headers: Any, raw_body: bytes) -> dict[str, Any]:
        claims = self._check_token(headers.get("Authorization", ""))
        if headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            raise NotifyError(400, "BadRequestError", "Content-Type must be application/json")
        try:
            body = json.loads(raw_body)
        except ValueError:
            raise NotifyError(
                400, "BadRequestError", "Invalid JSON supplied in POST data"
            ) from None
        self._check_body(channel, body)
        template = self._check_template(channel, body)
        recipient = body[REQUEST_SHAPES[channel]["recipient"]]
        if recipient in self.rejected_recipients:
            raise NotifyError(400, "BadRequestError", TEAM_ONLY_MESSAGE)

        notification_id = str(uuid.uuid4())
        self.sent.append(
            {"channel": channel, "json": body, "claims": claims, "id": notification_id}
        )
        personalisation = body.get("personalisation", {})
        content: dict[str, Any] = {"body": personalisation["body"]}
        if channel == "email":
            content |= {
                "subject": personalisation["subject"],
                "from_email": "oxford.city.council@notifications.service.gov.uk",
                "one_click_unsubscribe_url": body.get("one_click_unsubscribe_url"),
            }
        else:
            content["from_number"] = "OxfordCC"
        return {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": content,
            "uri": f"{self.base_url}/v2/notifications/{notification_id}",
            "template": {
                "id": template.id,
                "version": template.version,
                "uri": f"{self.base_url}/services/{self.service_id}/templates/{template.id}",
            },
            "scheduled_for": None,
        }

    def _check_token(self, authorization: str) -> dict[str, Any]:
        scheme, _, token = authorization.partition(" ")
        if scheme != "Bearer" or not token:
            raise NotifyError(
                401, "AuthError", "Unauthorized: authentication token must be provided"
            )
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(
                token, self.secret, algorithms=["HS256"], options={"require": ["iss", "iat"]}
            )
        except jwt.PyJWTError as error:
            raise NotifyError(403, "AuthError", f"Invalid token: {error}") from None
        if header.get("typ") != "JWT":
            raise NotifyError(403, "AuthError", "Invalid token: type is not JWT")
        if claims["iss"] != self.service_id:
            raise NotifyError(403, "AuthError", "Invalid token: service not found")
        if abs(time.time() - int(claims["iat"])) > IAT_TOLERANCE_SECONDS:
            raise NotifyError(403, "AuthError", "Error: Your system clock must be accurate")
        return claims

    def _check_body(self, channel: str, body: Any) -> None:
        if not isinstance(body, dict):
            raise NotifyError(400, "ValidationError", "Request body must be a JSON object")
        shape = REQUEST_SHAPES[channel]
        required = {shape["recipient"], "template_id"}
        if missing := sorted(required - body.keys()):
            raise NotifyError(400, "ValidationError", f"{missing[0]} is a required property")
        if unexpected := sorted(body.keys() - required - shape["optional"]):
            raise NotifyError(
                400,
                "ValidationError",
                f"Additional properties are not allowed ({unexpected[0]} was unexpected)",
            )
        recipient = body[shape["recipient"]]
        pattern = EMAIL_PATTERN if channel == "email" else PHONE_PATTERN
        if not isinstance(recipient, str) or not pattern.match(recipient):
            raise NotifyError(
                400, "ValidationError", f"{shape['recipient']} Not a valid {channel} address"
            )
        try:
            uuid.UUID(str(body["template_id"]))
        except ValueError:
            raise NotifyError(400, "ValidationError", "template_id is not a valid UUID") from None
        personalisation = body.get("personalisation", {})
        if not isinstance(personalisation, dict):
            raise NotifyError(400, "ValidationError", "personalisation is not of type object")
        if "reference" in body and not isinstance(body["reference"], str):
            raise NotifyError(400, "ValidationError", "reference is not of type string")

    def _check_template(self, channel: str, body: dict[str, Any]) -> Template:
        template = next(
            (t for t in (self.email_template, self.sms_template) if t.id == body["template_id"]),
            None,
        )
        if template is None or template.type != channel:
            raise NotifyError(400, "BadRequestError", "Template not found")
        personalisation = body.get("personalisation", {})
        missing = [name for name in template.placeholders if name not in personalisation]
        if missing:
            raise NotifyError(
                400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}"
            )
        return template


def _handler_for(fake: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # GET /v2/notifications?reference=...: the notifications sent with that reference.
            path, _, query = self.path.partition("?")
            try:
                if path != "/v2/notifications":
                    raise NotifyError(404, "NotFound", "Not found")
                fake._check_token(self.headers.get("Authorization", ""))
                reference = parse_qs(query).get("reference", [None])[0]
                found = [
                    {"id": sent["id"], "reference": sent["json"].get("reference")}
                    for sent in reversed(fake.sent)
                    if reference is None or sent["json"].get("reference") == reference
                ]
                self._answer(200, {"notifications": found, "links": {"current": self.path}})
            except NotifyError as error:
                self._answer(error.status_code, error.body)

        def do_POST(self) -> None:
            channel = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}.get(
                self.path
            )
            raw_body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                if channel is None:
                    raise NotifyError(404, "NotFound", "Not found")
                self._answer(201, fake.handle(channel, self.headers, raw_body))
            except NotifyError as error:
                self._answer(error.status_code, error.body)

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

    return Handler
