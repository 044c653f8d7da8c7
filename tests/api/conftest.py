"""Fixtures shared by the API tests: callers in each role and a well-formed case request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from opencex.accounts.models import Role
from tests.factories import UserFactory

CASES_URL = "/api/v1/cases"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


def case_request(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "service_request",
        "subject": "Bin not emptied",
        "description": "My green bin was not emptied on Monday.",
        "contact": {"name": "Ada Resident", "email": "ada@example.org", "phone": ""},
    }
    body.update(overrides)
    return body


def post_json(client: Client, url: str, body: Any, **headers: str):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", headers=headers)


def open_case_via_api(client: Client, body: dict[str, Any] | None = None, **headers: str):
    return post_json(client, CASES_URL, body if body is not None else case_request(), **headers)


def signed_in_client(role: str = Role.RESIDENT, **user_fields: Any) -> tuple[Client, Any]:
    user = UserFactory(role=role, **user_fields)
    client = Client()
    client.force_login(user)
    return client, user


def field_errors(response) -> dict[str | None, str]:
    return {error["field"]: error["message"] for error in response.json()["errors"]}
