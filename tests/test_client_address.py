"""The client's address behind 0, 1 or 2 trusted proxies, whatever the client writes in
X-Forwarded-For; and every rate limit counts by it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.api.throttles import ANONYMOUS_CASE_CREATION
from opencex.clientaddress import client_address
from opencex.staff.signin.attempts import MAX_FAILURES
from tests.api.conftest import CASES_URL, case_request
from tests.factories import TEST_PASSWORD, UserFactory

SRC = Path(__file__).resolve().parents[1] / "src" / "opencex"
PROXY = "10.0.0.2"  # nginx, as the application server sees it
BALANCER = "10.0.0.1"  # a load balancer in front of nginx
RESIDENT = "203.0.113.7"
SPOOFED = "198.51.100.66"  # what a client writes in the header itself


def address(hops: int, settings, *, forwarded: str | None, remote: str = PROXY) -> str:
    settings.OPENCEX_TRUSTED_PROXY_HOPS = hops
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_with_no_trusted_proxy_the_header_is_ignored(settings):
    assert address(0, settings, forwarded=SPOOFED, remote=RESIDENT) == RESIDENT


def test_behind_one_proxy_the_client_is_the_entry_it_added(settings):
    # The resident wrote SPOOFED; nginx appended the address it saw.
    assert address(1, settings, forwarded=f"{SPOOFED}, {RESIDENT}") == RESIDENT


def test_behind_one_proxy_a_header_with_many_spoofed_entries_changes_nothing(settings):
    forwarded = f"{SPOOFED}, 192.0.2.1,192.0.2.2 , {RESIDENT}"
    assert address(1, settings, forwarded=forwarded) == RESIDENT


def test_behind_two_proxies_the_client_is_second_from_the_right(settings):
    # The balancer appended the resident; nginx appended the balancer.
    forwarded = f"{SPOOFED}, {RESIDENT}, {BALANCER}"
    assert address(2, settings, forwarded=forwarded) == RESIDENT


def test_behind_two_proxies_the_leftmost_entry_is_never_taken(settings):
    # A request that skipped the balancer carries only what the client wrote and what nginx saw.
    assert address(2, settings, forwarded=f"{SPOOFED}") == PROXY


def test_a_request_without_the_header_is_known_by_its_connection(settings):
    assert address(1, settings, forwarded=None, remote=RESIDENT) == RESIDENT


def test_an_entry_that_is_not_an_address_is_not_believed(settings):
    assert address(1, settings, forwarded=f"{RESIDENT}, not-an-address") == PROXY
    assert address(1, settings, forwarded="<script>") == PROXY


def test_one_address_written_several_ways_is_one_client(settings):
    assert address(1, settings, forwarded="::ffff:203.0.113.7") == RESIDENT
    assert address(1, settings, forwarded="2001:DB8:0:0::1") == "2001:db8::1"


def test_a_connection_without_an_ip_address_gives_an_empty_address(settings):
    assert address(0, settings, forwarded=None, remote="unix:/run/opencex.sock") == ""


def test_no_code_reads_the_connecting_address_but_the_one_helper():
    readers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"REMOTE_ADDR|X_FORWARDED_FOR", path.read_text())
    ]
    assert readers == ["clientaddress.py"]


# ---- the rate limits count by it ------------------------------------------------------------


@pytest.fixture
def behind_one_proxy(settings):
    settings.OPENCEX_TRUSTED_PROXY_HOPS = 1
    cache.clear()
    yield
    cache.clear()


def open_case(client: Client, forwarded: str):
    return client.post(
        CASES_URL,
        data=json.dumps(case_request()),
        content_type="application/json",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
def test_a_client_changing_its_spoofed_entries_is_still_limited(client, behind_one_proxy):
    for number in range(ANONYMOUS_CASE_CREATION.requests):
        assert open_case(client, f"198.51.100.{number}, {RESIDENT}").status_code == 201

    assert open_case(client, f"198.51.100.250, {RESIDENT}").status_code == 429


@pytest.mark.django_db
def test_residents_behind_one_proxy_are_limited_separately(client, behind_one_proxy):
    for _ in range(ANONYMOUS_CASE_CREATION.requests):
        open_case(client, RESIDENT)

    assert open_case(client, "203.0.113.8").status_code == 201


@pytest.mark.django_db
def test_a_staff_lockout_behind_the_proxy_holds_only_the_guessing_address(behind_one_proxy):
    officer = UserFactory(role=Role.CONTACT_CENTRE)
    sign_in = reverse("staff:sign-in")

    def attempt(password: str, forwarded: str):
        return Client().post(
            sign_in,
            {"email": officer.email, "password": password},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for number in range(MAX_FAILURES):
        attempt("guess", f"198.51.100.{number}, {SPOOFED}")

    assert "too many times" in attempt(TEST_PASSWORD, f"192.0.2.1, {SPOOFED}").content.decode()
    assert attempt(TEST_PASSWORD, RESIDENT).status_code == 302
