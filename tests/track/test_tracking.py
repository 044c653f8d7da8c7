"""Finding and seeing a request: "Your requests", tracking by reference and email, and who may
see which request page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opencex.cases.actions.clock import pause_clock
from opencex.cases.models import PauseReason
from opencex.web import track_views
from tests.track.conftest import report_missed_bin

pytestmark = pytest.mark.django_db

GENERIC = "We could not find a request with that reference and email address."


def track(client, reference, email):
    return client.post(reverse("web:track"), {"reference": reference, "email": email})


def test_your_requests_shows_only_your_own_cases(
    client, resident_user, other_resident_user, missed_bin
):
    mine = report_missed_bin(resident_user, service=missed_bin)
    theirs = report_missed_bin(other_resident_user, service=missed_bin, email="bob@example.org")
    client.force_login(resident_user)

    page = client.get(reverse("web:your-requests")).content.decode()

    assert mine.reference in page
    assert theirs.reference not in page
    assert mine.due_on.strftime("%-d %B %Y") in page


def test_your_requests_needs_signing_in(client):
    assert client.get(reverse("web:your-requests")).url == reverse("web:sign-in")


def test_tracking_by_reference_and_email_opens_the_request_page(client, missed_bin):
    case = report_missed_bin(service=missed_bin)

    response = track(client, f" {case.reference.lower()} ", "ANN@example.org")

    assert response.url == reverse("web:track-case", kwargs={"reference": case.reference})
    page = client.get(response.url).content.decode()
    assert "Bin not emptied" in page
    assert "We aim to finish by" in page
    assert "We received your request" in page


@pytest.mark.parametrize("wrong", ["reference", "email"])
def test_a_wrong_pair_gets_one_generic_message(client, missed_bin, wrong):
    case = report_missed_bin(service=missed_bin)
    reference = "SR-ZZZZ-ZZZZ" if wrong == "reference" else case.reference
    email = "someone@example.org" if wrong == "email" else "ann@example.org"

    response = track(client, reference, email)

    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert not client.session.get(track_views.GRANTS_KEY)


def test_tracking_is_rate_limited(client, missed_bin):
    case = report_missed_bin(service=missed_bin)
    for _ in range(track_views.TRACK_LIMIT):
        track(client, case.reference, "guess@example.org")

    response = track(client, case.reference, "ann@example.org")  # even the right pair, now

    assert response.status_code == 429
    assert "You have tried too many times" in response.content.decode()


def test_access_by_reference_is_for_that_case_only(client, missed_bin):
    first = report_missed_bin(service=missed_bin)
    second = report_missed_bin(service=missed_bin)
    track(client, first.reference, "ann@example.org")

    assert client.get(reverse("web:track-case", args=[first.reference])).status_code == 200
    response = client.get(reverse("web:track-case", args=[second.reference]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("web:track"))


def test_another_residents_case_is_not_found(client, resident_user, other_resident_user):
    theirs = report_missed_bin(other_resident_user, email="bob@example.org")
    client.force_login(resident_user)

    assert client.get(reverse("web:track-case", args=[theirs.reference])).status_code == 404
    assert client.get(reverse("web:track-feedback", args=[theirs.reference])).status_code == 404
    response = client.post(reverse("web:track-reply", args=[theirs.reference]), {"message": "x"})
    assert response.status_code == 404


def test_a_visitor_without_access_is_sent_to_the_form_whether_or_not_the_case_exists(client):
    response = client.get(reverse("web:track-case", args=["SR-NONE-XIST"]))
    assert response.status_code == 302
    assert "reference=SR-NONE-XIST" in response.url


def test_a_paused_case_says_what_we_are_waiting_for(
    client, resident_user, missed_bin, waste_caseworker
):
    case = report_missed_bin(resident_user, service=missed_bin)
    pause_clock(actor=waste_caseworker, case=case, reason=PauseReason.CLARIFICATION)
    client.force_login(resident_user)

    page = client.get(reverse("web:track-case", args=[case.reference])).content.decode()

    assert "We need you to tell us more" in page
    assert "We will give you a new date when we hear from you" in page
    assert "Reply to our question" in page
