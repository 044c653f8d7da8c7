"""A resident locked out of tracking their case by someone else's wrong guesses at its reference
still gets in, by a sign-in link emailed to the case's address; and the guess limit itself holds
under concurrent guessing."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from opencex import ratelimits
from opencex.accounts.models import SignInLink
from opencex.web import track_views
from tests.track.conftest import report_missed_bin

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://\S+/account/sign-in/(\S+)")


def track(client, reference, email, **extra):
    return client.post(reverse("web:track"), {"reference": reference, "email": email}, **extra)


def lock_out(reference: str) -> None:
    """Someone else, from addresses of their own, guesses at the reference until it locks."""
    for number in range(track_views.TRACK_LIMIT):
        track(Client(), reference, f"guess{number}@example.org", REMOTE_ADDR=f"203.0.113.{number}")


def test_guesses_at_a_reference_lock_the_resident_out_of_the_form(client, missed_bin):
    case = report_missed_bin(service=missed_bin)
    lock_out(case.reference)
    response = track(client, case.reference, "ann@example.org")
    assert response.status_code == 429
    page = response.content.decode()
    assert "ask us to email you a link to your request" in page
    assert reverse("web:track-link") in page


def test_the_emailed_link_opens_the_locked_case(client, missed_bin, smtp_server):
    case = report_missed_bin(service=missed_bin)
    lock_out(case.reference)
    track(client, case.reference, "ann@example.org")

    response = client.post(
        reverse("web:track-link"), {"reference": case.reference, "email": "ann@example.org"}
    )
    assert response.url == reverse("web:sign-in-sent")
    [message] = smtp_server.messages
    assert message["To"] == "ann@example.org"
    token = LINK.search(message.get_content()).group(1)

    opened = client.post(reverse("web:sign-in-link", kwargs={"token": token}))

    assert opened.url == reverse("web:track-case", args=[case.reference])
    page = client.get(opened.url)
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    # The guess limit still stands for everyone else.
    assert track(Client(), case.reference, "ann@example.org").status_code == 429


def test_the_link_does_not_open_a_case_whose_email_is_not_the_links(
    client, missed_bin, smtp_server
):
    case = report_missed_bin(service=missed_bin)
    lock_out(case.reference)

    client.post(
        reverse("web:track-link"), {"reference": case.reference, "email": "mallory@example.org"}
    )
    [message] = smtp_server.messages
    assert message["To"] == "mallory@example.org"
    token = LINK.search(message.get_content()).group(1)
    opened = client.post(reverse("web:sign-in-link", kwargs={"token": token}))

    assert opened.url == reverse("web:your-requests")
    assert client.get(reverse("web:track-case", args=[case.reference])).status_code == 404


def test_asking_for_a_link_answers_the_same_whether_or_not_the_pair_matches(
    missed_bin, smtp_server
):
    case = report_missed_bin(service=missed_bin)
    pages = []
    for email in ("ann@example.org", "mallory@example.org"):
        response = Client().post(
            reverse("web:track-link"), {"reference": case.reference, "email": email}
        )
        pages.append((response.status_code, response.url))
    assert pages[0] == pages[1]
    assert list(SignInLink.objects.values_list("reference", flat=True)) == [case.reference] * 2


def test_asking_for_links_from_the_tracking_page_is_limited_like_any_sign_in_link(missed_bin):
    case = report_missed_bin(service=missed_bin)
    client = Client()
    data = {"reference": case.reference, "email": "ann@example.org"}
    statuses = [client.post(reverse("web:track-link"), data).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_a_right_pair_is_not_counted_as_a_guess(client, missed_bin):
    case = report_missed_bin(service=missed_bin)
    for _ in range(track_views.TRACK_LIMIT + 2):
        assert track(Client(), case.reference, "ann@example.org").status_code == 302
    assert ratelimits.current(scope="track-reference", value=case.reference) == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_guesses_cannot_slip_past_the_limit(missed_bin):
    """Fifty guesses at once: exactly TRACK_LIMIT are looked up, the rest refused."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database is in memory, one connection: threads cannot share it")
    case = report_missed_bin(service=missed_bin)

    def guess(number: int) -> int:
        try:
            return track(Client(), case.reference, f"guess{number}@example.org").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(guess, range(50)))

    assert statuses.count(200) == track_views.TRACK_LIMIT
    assert statuses.count(429) == 50 - track_views.TRACK_LIMIT
