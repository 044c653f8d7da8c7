"""Hostile requests stop at the door with a 4xx and a sentence, before any view or query runs.

PostgreSQL refuses a NUL character in text, and a JSON string can carry half a surrogate pair
that no database can store; either would otherwise surface deep in a view as a 500. A number in
a web address past the database's integer range matches no row. A body larger than the largest
thing the council accepts (an upload, or a form's fields) is refused from its Content-Length,
before it is read. Pages get a GOV.UK error page; the API (/api/) its own error shape.

The guard reads what Django would read anyway: the path, query string, cookies and headers, the
form fields (and uploaded files' names, never their contents), and a JSON body.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from opencex.cases.attachments import MAX_BYTES as LARGEST_UPLOAD

# The database's integers are 64-bit signed (BigAutoField, and SQLite's INTEGER).
LARGEST_DATABASE_INTEGER = 2**63 - 1
# An upload and the form fields around it: anything larger is not something we would keep.
LARGEST_MULTIPART_BODY = LARGEST_UPLOAD + 1024 * 1024
API_PREFIX = "/api/"


def database_id(text: str | None) -> int | None:
    """The row id in a query parameter or form field, or None if it cannot be one: not a whole
    number in ASCII digits ("²" passes str.isdigit), or past the database's range (a 5,000-digit
    string is too long even for Python's int())."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdecimal() and len(text) <= 19):
        return None
    number = int(text)
    return number if number <= LARGEST_DATABASE_INTEGER else None


class HostileInput(Exception):
    """What is wrong with the request, for the person or program that sent it."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        super().__init__(message)


# The same rule in the API's OpenAPI document, for every text without a pattern of its own.
TEXT_WITHOUT_NUL = r"^[^\x00]*$"


def _nul_refused(where: str | None) -> HostileInput:
    message = _(
        "The request contains a null character (\\0), which is not allowed. "
        "Remove it and try again."
    )
    return HostileInput(400, "bad_request", message, where)


def _unstorable(where: str | None) -> HostileInput:
    message = _("The request contains text that is not valid Unicode. Check it and try again.")
    return HostileInput(400, "bad_request", message, where)


def _check_text(text: str, where: str | None) -> None:
    if "\x00" in text:
        raise _nul_refused(where)


def _check_pairs(pairs: Iterable[tuple[str, Iterable[str]]], *, named: bool = True) -> None:
    for name, values in pairs:
        _check_text(name, None)
        for value in values:
            _check_text(value, name if named else None)


def _json_strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every key and string in a parsed JSON document, with the dotted path it sits at."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            yield path, key
            yield from _json_strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_strings(item, f"{path}.{index}" if path else str(index))


def _check_json(body: bytes) -> None:
    try:
        document = json.loads(body)
    except ValueError:
        return  # not JSON: the view says so in its own words
    except RecursionError:
        message = _("The JSON in the request is nested too deeply.")
        raise HostileInput(400, "bad_request", message) from None
    for where, text in _json_strings(document):
        _check_text(text, where or None)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise _unstorable(where or None) from None


def _is_json(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def _largest_body(request: HttpRequest) -> int:
    if request.content_type == "multipart/form-data":
        return LARGEST_MULTIPART_BODY
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or LARGEST_MULTIPART_BODY


def _too_large(limit: int) -> HostileInput:
    message = _("What you sent is too large. The most we accept is %(size)s MB.") % {
        "size": round(limit / (1024 * 1024), 1)
    }
    return HostileInput(413, "request_too_large", message)


def _check_size(request: HttpRequest) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = _largest_body(request)
    if length > limit:
        raise _too_large(limit)


def _check_body(request: HttpRequest) -> None:
    if _is_json(request):
        _check_json(request.body)
    elif request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        _check_pairs(request.POST.lists())
        for name, upload in request.FILES.items():
            _check_text(upload.name or "", name)


def _check_everything_but_the_size(request: HttpRequest) -> None:
    _check_text(request.path, None)
    _check_pairs(request.GET.lists())
    _check_pairs(((name, [value]) for name, value in request.COOKIES.items()), named=False)
    _check_pairs((name, [value]) for name, value in request.headers.items())
    if request.method not in {"GET", "HEAD", "OPTIONS"}:
        _check_body(request)


def check_request(request: HttpRequest) -> None:
    """Raise HostileInput if the request cannot be handled safely."""
    _check_size(request)
    try:
        _check_everything_but_the_size(request)
    except RequestDataTooBig:  # the form's fields alone, without its files, are over the limit
        raise _too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) from None
    except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
        message = _("The request's fields cannot be read (too many, or not well formed).")
        raise HostileInput(400, "bad_request", message) from None


def refusal(request: HttpRequest, problem: HostileInput) -> HttpResponse:
    """The answer to a hostile request: the API's error shape, or a GOV.UK error page."""
    if request.path.startswith(API_PREFIX):
        body = {"errors": [{"field": problem.field, "message": problem.message}]}
        return JsonResponse({**body, "code": problem.code}, status=problem.status)
    # The page is drawn without the request: its path or cookies may be what was refused.
    # Only the CSP nonce (set by the middleware before this one) comes from it.
    nonce = getattr(request, "csp_nonce", "")
    page = render_to_string(
        f"{problem.status}.html", {"problem": problem.message, "CSP_NONCE": nonce}
    )
    return HttpResponse(page, status=problem.status)


class RequestGuardMiddleware:
    """Refuse hostile requests (see the module's docstring). Goes early in MIDDLEWARE: before
    the session is read from its cookie, and before anything reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            check_request(request)
        except HostileInput as problem:
            return refusal(request, problem)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        """A whole number in the address past the database's range is no row: an `<int:pk>`, or
        digits in a text part such as the admin's object ids (a key that is also a relation,
        like an information request's case, is not range-checked by Django's lookups)."""
        for value in (*view_args, *view_kwargs.values()):
            digits = value.removeprefix("-") if isinstance(value, str) else ""
            if digits.isascii() and digits.isdecimal():
                out_of_range = database_id(digits) is None
            else:
                out_of_range = isinstance(value, int) and abs(value) > LARGEST_DATABASE_INTEGER
            if out_of_range:
                raise Http404(_("There is nothing at this address."))
