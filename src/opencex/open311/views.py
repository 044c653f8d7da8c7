"""The GeoReport v2 endpoints: parse the request, call the reading or the one door, render.

Every answer is in the format the address asks for (.json or .xml); every error is the
specification's `errors`/`error` with `code` and `description`. Reads are public, as the
specification has them; POST needs the partner's api_key (`opencex issue_api_token`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from opencex import ratelimits
from opencex.accounts.models import Role
from opencex.api.tokens import user_for_token
from opencex.cases.errors import CaseError, SubmissionConflict
from opencex.cases.references import normalise_reference
from opencex.clientaddress import client_address
from opencex.open311 import offered, reading
from opencex.open311.formats import GeoReportError, render, render_error, render_one
from opencex.open311.receiving import receive_request

# Per client address, in a fixed window (opencex.ratelimits): generous for a partner polling
# every few minutes, tight enough that nobody scrapes or floods.
READS_PER_WINDOW = 600
POSTS_PER_WINDOW = 120
WINDOW = timedelta(minutes=10)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _partner_or_none(request: HttpRequest):
    """The partner whose api_key came with the request; None without one; 403 for a bad one."""
    key = (request.POST if request.method == "POST" else request.GET).get("api_key", "").strip()
    if not key:
        return None
    user = user_for_token(key)
    if user is None or user.role != Role.PARTNER:
        raise GeoReportError(403, "api_key: not valid, or revoked, or not a partner system's")
    return user


def _check_jurisdiction(request: HttpRequest) -> None:
    given = (request.POST if request.method == "POST" else request.GET).get("jurisdiction_id", "")
    if not given.strip():
        return  # the specification: only needed where an endpoint serves several
    ours = settings.COUNCIL_PROFILE.open311
    if ours is None or given.strip() != ours.jurisdiction_id:
        raise GeoReportError(404, "jurisdiction_id provided was not found")


def georeport(*methods: str) -> Callable:
    """Wrap an endpoint: allowed methods, rate limit, jurisdiction, errors in the right format."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @csrf_exempt  # a partner's server posts with its api_key: there is no session to forge
        @wraps(view)
        def wrapped(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
            try:
                if request.method not in methods:
                    response = render_error(
                        fmt, GeoReportError(405, f"Use {' or '.join(methods)} here")
                    )
                    response["Allow"] = ", ".join(methods)
                    return response
                limit = POSTS_PER_WINDOW if request.method == "POST" else READS_PER_WINDOW
                scope = f"open311:{request.method.lower()}"
                count = ratelimits.count(scope=scope, value=client_address(request), window=WINDOW)
                if count > limit:
                    raise GeoReportError(429, "Too many requests: wait a few minutes")
                _check_jurisdiction(request)
                return view(request, *args, fmt=fmt, **kwargs)
            except GeoReportError as error:
                return render_error(fmt, error)
            except PermissionDenied as error:
                return render_error(fmt, GeoReportError(403, str(error) or "Not allowed"))
            except (CaseError, SubmissionConflict) as error:
                return render_error(fmt, GeoReportError(400, str(error)))

        return wrapped

    return decorate


@georeport("GET")
def service_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    entries = [offered.service_entry(service) for service in offered.offered_services()]
    return render(fmt, root="services", entry="service", entries=entries)


@georeport("GET")
def service_definition(request: HttpRequest, service_code: str, *, fmt: str) -> HttpResponse:
    found = offered.offered_service(service_code)
    if found is None:
        raise GeoReportError(404, f"service_code '{service_code}' was not found")
    return render_one(fmt, root="service_definition", value=offered.service_definition(found))


@georeport("GET", "POST")
def requests_(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    codes = offered.readable_service_codes()
    asked = request.GET
    found = reading.find_requests(
        reading.service_requests(codes),
        ids=[normalise_reference(ref) for ref in _split(asked.get("service_request_id", ""))],
        service_codes=_split(",".join(asked.getlist("service_code"))),
        start_text=asked.get("start_date", ""),
        end_text=asked.get("end_date", ""),
        statuses=_split(",".join(asked.getlist("status")).lower()),
    )
    partner = _partner_or_none(request)
    entries = [reading.request_entry(case, partner=partner) for case in found]
    return render(fmt, root="service_requests", entry="request", entries=entries)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    partner = _partner_or_none(request)
    if partner is None:
        raise GeoReportError(403, "api_key: send the api_key the council issued to you")
    code = request.POST.get("service_code", "").strip()
    if not code:
        raise GeoReportError(400, "service_code: send the code of the service")
    found = offered.offered_service(code)
    if found is None:
        raise GeoReportError(404, f"service_code '{code}' was not found")
    case, _created = receive_request(partner=partner, offered=found, data=request.POST)
    entry = {
        "service_request_id": case.reference,
        "service_notice": case.service.standard_text or None if case.service else None,
        "account_id": request.POST.get("account_id") or None,
    }
    return render(fmt, root="service_requests", entry="request", entries=[entry])


@georeport("GET")
def request_detail(request: HttpRequest, service_request_id: str, *, fmt: str) -> HttpResponse:
    codes = offered.readable_service_codes()
    case = (
        reading.service_requests(codes)
        .filter(reference=normalise_reference(service_request_id))
        .first()
    )
    if case is None:
        raise GeoReportError(404, f"service_request_id '{service_request_id}' was not found")
    entry = reading.request_entry(case, partner=_partner_or_none(request))
    return render(fmt, root="service_requests", entry="request", entries=[entry])


@georeport("GET")
def request_updates(request: HttpRequest, *, fmt: str) -> HttpResponse:
    codes = offered.readable_service_codes()
    cases = reading.service_requests(codes)
    partner = _partner_or_none(request)
    if partner is not None:
        cases = cases.filter(georeport_request__partner=partner)
    updates = reading.request_updates(
        cases,
        start_text=request.GET.get("start_date", ""),
        end_text=request.GET.get("end_date", ""),
    )
    return render(fmt, root="service_request_updates", entry="request_update", entries=updates)


@georeport("GET", "POST")
def not_found(request: HttpRequest, *, fmt: str) -> HttpResponse:
    raise GeoReportError(404, "There is no GeoReport v2 endpoint at this address")
