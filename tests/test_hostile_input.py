"""Hostile input gets a 4xx with a sentence, never a 500: NUL characters (PostgreSQL refuses them
in text), whole numbers past the database's range, and bodies over the size limit.

Every staff page and action (the permissions matrix's rows) and every citizen page is tried with
the hostile values, so a new page is covered without a new test. Run these once on PostgreSQL
too (DATABASE_URL=postgres://...), where NUL and integer range bite.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from opencex.accounts.models import Role
from opencex.forms.loading import sync_form_definitions
from opencex.requestguard import LARGEST_MULTIPART_BODY
from opencex.staff.queues.paging import LAST_PAGE, page_number
from tests.factories import ServiceFactory, UserFactory
from tests.staff.test_permissions_matrix import ROW_BY_NAME, World

pytestmark = pytest.mark.django_db

PAST_THE_DATABASE = str(2**64)  # a bigint holds up to 2**63 - 1
HOSTILE_NUMBERS = [PAST_THE_DATABASE, f"-{PAST_THE_DATABASE}", "²", "1e999", "9" * 5000]
# Query parameters the pages read: pages, lists, filters, ids.
QUERY_NAMES = [
    "page", "limit", "offset", "service", "year", "resident", "case", "show", "status", "theme",
    "area", "queue", "q", "kind", "priority", "team", "assignee", "clock", "from", "to", "then",
]  # fmt: skip
NUL_REFUSED = "null character"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def administrator(client, world) -> Client:
    client.force_login(UserFactory(role=Role.ADMINISTRATOR, teams=[world.team]))
    return client


def _citizen_urls(patterns=None, prefix="") -> list[str]:
    """Every citizen page address without parameters (the staff ones come from the matrix)."""
    urls = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(("staff/", "api/", "i18n/")) or "<" in route:
            continue
        if isinstance(pattern, URLResolver):
            urls += _citizen_urls(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            urls.append("/" + route)
    return urls


def _hostile_query(value: str) -> dict[str, str]:
    return dict.fromkeys(QUERY_NAMES, value)


# ---- NUL characters ---------------------------------------------------------------------------


def test_a_nul_in_the_query_string_is_refused_with_a_page_that_says_why(client):
    response = client.get("/search", {"q": "bins\x00"})

    assert response.status_code == 400
    assert NUL_REFUSED in response.content.decode()
    assert "govuk-heading-l" in response.content.decode()


def test_a_nul_in_a_form_field_is_refused(client):
    response = client.post(reverse("web:track"), {"reference": "AB\x00CD", "email": "a@b.org"})

    assert response.status_code == 400
    assert NUL_REFUSED in response.content.decode()


def test_a_nul_in_the_address_is_refused(client):
    response = client.get("/track/AB%00CD")

    assert response.status_code == 400


def test_a_nul_in_the_session_cookie_is_refused_before_the_session_is_read(client):
    client.cookies["sessionid"] = "abc\x00def"

    assert client.get("/").status_code == 400


def test_a_nul_in_a_header_is_refused_in_the_apis_error_shape(client):
    response = client.get("/api/v1/services", headers={"Authorization": "Bearer abc\x00"})

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert response.json()["errors"][0]["field"] == "Authorization"


def test_a_nul_in_a_json_string_is_refused_with_the_field_it_is_in(client):
    body = {
        "kind": "service_request",
        "subject": "Bin\x00",
        "description": "Missed.",
        "contact": {"name": "Ada", "email": "ada@example.org"},
    }

    response = client.post("/api/v1/cases", json.dumps(body), content_type="application/json")

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "subject"
    assert NUL_REFUSED in error["message"]


def test_half_a_surrogate_pair_in_a_json_string_is_refused(client):
    body = '{"kind": "service_request", "subject": "Bin \\ud800", "description": "x", ' + (
        '"contact": {"name": "Ada", "email": "ada@example.org"}}'
    )

    response = client.post("/api/v1/cases", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "subject"


# ---- Whole numbers past the database's range ---------------------------------------------------


def _int_routes(patterns=None, prefix="") -> list[str]:
    routes = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _int_routes(pattern.url_patterns, route)
        elif "<int:" in route:
            routes.append(route)
    return routes


@pytest.mark.parametrize("route", _int_routes())
def test_a_number_in_the_address_past_the_databases_range_is_not_found(administrator, route):
    url = "/" + "/".join(
        PAST_THE_DATABASE if part.startswith("<int:") else ("x" if part.startswith("<") else part)
        for part in route.split("/")
    )

    assert administrator.get(url).status_code == 404
    assert administrator.post(url, {}).status_code == 404


@pytest.fixture
def missed_bin_form(db):
    service = ServiceFactory(slug="report-missed-bin", case_kind="service_request")
    sync_form_definitions()
    return service


@pytest.mark.parametrize("url", _citizen_urls())
def test_every_citizen_page_survives_hostile_numbers_in_its_query(client, url):
    for value in HOSTILE_NUMBERS:
        assert client.get(url, _hostile_query(value)).status_code < 500, value


@pytest.mark.parametrize("url", ["/forms/report-missed-bin/", *_citizen_urls()])
def test_every_citizen_page_survives_hostile_numbers_from_an_officer(
    administrator, missed_bin_form, url
):
    for value in HOSTILE_NUMBERS:
        assert administrator.get(url, _hostile_query(value)).status_code < 500, value


@pytest.mark.parametrize("name", sorted(ROW_BY_NAME))
def test_every_staff_page_and_action_survives_hostile_numbers(administrator, world, name):
    row = ROW_BY_NAME[name]
    url = reverse(f"staff:{row.name}", args=row.args(world))
    for value in HOSTILE_NUMBERS:
        if row.method == "post":
            response = administrator.post(url, dict.fromkeys(row.data(world), value))
        else:
            response = administrator.get(url, _hostile_query(value))
        assert response.status_code < 500, value


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.DOTALL)
_FIELD = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"")
_ATTRIBUTE = r'\b{}="([^"]*)"'


def _forms_on(page: str, url: str) -> list[tuple[str, str, list[str]]]:
    """(method, action, field names) of every form on a page."""
    found = []
    for attributes, body in _FORM.findall(page):
        method = re.search(_ATTRIBUTE.format("method"), attributes)
        action = re.search(_ATTRIBUTE.format("action"), attributes)
        names = sorted(set(_FIELD.findall(body)) - {"csrfmiddlewaretoken"})
        target = html.unescape(action.group(1)) if action and action.group(1) else url
        found.append(((method.group(1) if method else "get").lower(), target, names))
    return found


@pytest.mark.parametrize(
    "name", sorted(name for name, row in ROW_BY_NAME.items() if row.method == "get")
)
def test_every_form_on_every_staff_page_survives_hostile_numbers(administrator, world, name):
    row = ROW_BY_NAME[name]
    url = reverse(f"staff:{row.name}", args=row.args(world))
    page = administrator.get(url)
    if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
        return
    for method, action, names in _forms_on(page.content.decode(), url):
        if not action.startswith("/staff/") or action.startswith("/staff/sign-out"):
            continue
        for value in HOSTILE_NUMBERS:
            data = dict.fromkeys(names, value)
            send = administrator.post if method == "post" else administrator.get
            assert send(action, data).status_code < 500, (method, action, value)


def test_every_page_of_a_citizen_form_survives_hostile_numbers(client, missed_bin_form):
    client.post(reverse("web:form-start", kwargs={"slug": "report-missed-bin"}))
    for page_id in ("address", "which-bin", "collection-day", "details", "contact"):
        url = reverse("web:form-page", kwargs={"slug": "report-missed-bin", "page_id": page_id})
        for _method, _action, names in _forms_on(client.get(url).content.decode(), url):
            for value in HOSTILE_NUMBERS:
                data = {**dict.fromkeys(names, value), "action": "continue"}
                assert client.post(url, data).status_code < 500, (url, value)


def test_every_admin_list_and_change_page_survives_hostile_numbers(administrator):
    for model in admin.site._registry:
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[1])
        for value in HOSTILE_NUMBERS:
            query = {"p": value, "id": value, "id__gt": value, "o": value}
            assert administrator.get(changelist, query).status_code < 500, (changelist, value)
            url = change.replace("/1/", f"/{value}/")
            assert administrator.get(url).status_code < 500, (url, value)


# ---- Bodies over the size limit ----------------------------------------------------------------


def test_a_form_body_over_the_limit_gets_the_too_large_page(client, settings):
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(reverse("web:track"), {"reference": padding})

    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert "govuk-heading-l" in response.content.decode()


def test_an_upload_over_the_limit_gets_the_too_large_page(client):
    big = b"%PDF-1.4\n" + b"0" * LARGEST_MULTIPART_BODY
    upload = SimpleUploadedFile("big.pdf", big, content_type="application/pdf")

    response = client.post(reverse("web:track"), {"file": upload})

    assert response.status_code == 413


def test_an_api_body_over_the_limit_gets_the_error_shape(client, settings):
    body = json.dumps({"subject": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = client.post("/api/v1/cases", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert response.json()["errors"][0]["field"] is None


@pytest.mark.parametrize("text", [PAST_THE_DATABASE, "9" * 5000, "²", "-1"])
def test_a_page_number_no_database_can_offset_to_is_a_page_it_can(text):
    assert 1 <= page_number(text) <= LAST_PAGE


def test_form_data_that_cannot_be_read_is_refused_in_the_apis_error_shape(client):
    response = client.post("/api/v1/cases", b"--x\r\n", content_type="multipart/form-data")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_a_query_string_with_too_many_fields_is_refused_in_the_apis_error_shape(client):
    query = "&".join(f"f{number}=1" for number in range(2000))

    response = client.get(f"/api/v1/services?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
