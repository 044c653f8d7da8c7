"""Every error the API returns has one shape, with messages a person can act on:

    {"errors": [{"field": "contact.email", "message": "Enter an email address ..."}],
     "code": "validation_error"}

`field` is a dotted path into the request body (or a query parameter or header name), or null
when the error is about the request as a whole.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from opencex.cases.errors import CaseError, SubmissionConflict
from opencex.cases.workflow import TransitionNotAllowed

logger = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "Idempotency-Key"
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "rate_limited",
}
# Where pydantic's message would not help a resident, say what to do instead.
_MISSING = {
    "kind": "Choose the kind of request",
    "subject": "Enter a subject",
    "description": "Describe your request",
    "contact": "Enter your contact details: your name and an email address or phone number",
    "contact.name": "Enter your name",
    "q": "Enter what you are looking for",
}
NOT_FOUND = "Not found."


class FieldError(Exception):
    """A 422 found after parsing: a rule that needs the caller or the database to check."""

    def __init__(self, field: str | None, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


class FieldErrors(Exception):
    """Several 422s at once, [(field, message)]: each wrong answer in a form, for example."""

    def __init__(self, errors: list[tuple[str | None, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(message for _, message in errors))


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"errors": [{"field": field, "message": message}], "code": code}


def with_json_method_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap one of ninja's path views so that a wrong HTTP method gets the API's error shape
    (ninja answers it with plain text before any exception handler runs)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405 or isinstance(response, JsonResponse):
            return response
        allowed = response.get("Allow", "")
        message = f"This address does not accept {request.method}. Use {allowed}."
        json = JsonResponse(error_body("method_not_allowed", message), status=405)
        json["Allow"] = allowed
        return json

    return wrapped


def not_found_response(request: HttpRequest | None = None, exception=None) -> JsonResponse:
    """For URLs under /api/v1/ that match no endpoint (a plain Django view)."""
    return JsonResponse(error_body("not_found", NOT_FOUND), status=404)


def _field_name(loc: tuple | list) -> str | None:
    # ninja's loc is (source, [parameter name,] *path): ("body", "payload", "contact", "email"),
    # ("query", "limit") or ("header", "Idempotency-Key"). Keep the path within the request.
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] == "payload":
            parts.pop(0)
        if source == "query" and parts and parts[0] == "filters":
            parts.pop(0)
    return ".".join(parts) or None


def _name(field: str | None) -> str:
    if not field:
        return "The request"
    last = field.rsplit(".", 1)[-1].replace("_", " ")
    return last[:1].upper() + last[1:]


def plain_message(error: dict[str, Any], field: str | None) -> str:
    """Turn one pydantic error into a sentence a resident or a developer can act on."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    name = _name(field)
    if kind == "missing" or (kind == "string_too_short" and ctx.get("min_length") == 1):
        if field is None:
            return "Send a JSON object in the request body."
        return _MISSING.get(field, f"Enter {name.lower()}")
    if kind == "string_pattern_mismatch":
        return _MISSING.get(field or "", f"{name} is not in the right format")
    if kind == "string_too_short":
        return f"{name} must be at least {ctx['min_length']} characters"
    if kind == "string_too_long":
        if field == "q":
            return f"Enter {ctx['max_length']} characters or fewer"
        return f"{name} must be {ctx['max_length']} characters or fewer"
    if kind in {"enum", "literal_error"}:
        return f"{name} must be one of: {ctx.get('expected', '')}".rstrip(": ")
    if kind == "extra_forbidden":
        return f"Remove '{field}': it is not a field this request accepts"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "Send a JSON object." if field is None else f"{name} must be a JSON object"
    if kind in {"string_type", "string_unicode"}:
        return f"{name} must be text"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{name} must be a whole number"
    if kind.startswith("date_"):
        return f"{name} must be a real date, written as YYYY-MM-DD"
    if kind == "greater_than_equal":
        return f"{name} must be {ctx['ge']} or more"
    if kind == "less_than_equal":
        return f"{name} must be {ctx['le']} or less"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return str(error.get("msg", "This value is not valid"))


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request, status: int, code: str, message: str, field=None) -> HttpResponse:
        return api.create_response(request, error_body(code, message, field), status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            field = _field_name(error.get("loc", ()))
            errors.append({"field": field, "message": plain_message(error, field)})
        body = {"errors": errors, "code": "validation_error"}
        return api.create_response(request, body, status=422)

    @api.exception_handler(FieldError)
    def field_error(request, exc: FieldError) -> HttpResponse:
        return respond(request, 422, "validation_error", exc.message, exc.field)

    @api.exception_handler(FieldErrors)
    def field_errors(request, exc: FieldErrors) -> HttpResponse:
        errors = [{"field": field, "message": message} for field, message in exc.errors]
        body = {"errors": errors, "code": "validation_error"}
        return api.create_response(request, body, status=422)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError) -> HttpResponse:
        message = exc.message
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            message = "The request body is not valid JSON."
        return respond(request, exc.status_code, _CODES.get(exc.status_code, "error"), message)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc: AuthenticationError) -> HttpResponse:
        response = respond(request, 401, "unauthorized", exc.message)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request, exc: Throttled) -> HttpResponse:
        message = "Too many requests from your connection. Wait a few minutes and try again."
        return respond(request, 429, "rate_limited", message)

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404) -> HttpResponse:
        return respond(request, 404, "not_found", str(exc) or NOT_FOUND)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, "forbidden", str(exc) or "You cannot do that.")

    @api.exception_handler(SubmissionConflict)
    def key_reused(request, exc: SubmissionConflict) -> HttpResponse:
        return respond(request, 422, "idempotency_key_reused", str(exc), IDEMPOTENCY_HEADER)

    @api.exception_handler(CaseError)
    def case_error(request, exc: CaseError) -> HttpResponse:
        return respond(request, 422, "case_error", str(exc))

    @api.exception_handler(TransitionNotAllowed)
    def transition_not_allowed(request, exc: TransitionNotAllowed) -> HttpResponse:
        return respond(request, 409, "transition_not_allowed", str(exc))

    @api.exception_handler(Exception)
    def server_error(request, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in %s %s", request.method, request.path)
        message = "Something went wrong on our side. Try again later."
        return respond(request, 500, "server_error", message)
