"""Journey 7 end to end in Polish, emails included: a Polish-speaking resident switches the site to
Polish, reports fly-tipping with a photo, and gets the acknowledgement in Polish; an officer closes
the case, and the closing email, in Polish, leads them to rate it. And the acknowledgement in
Arabic, whose references and numbers read left to right.

Through Django's test client, the real queue and worker, and a real SMTP server on loopback. The
words come from the compiled catalogues (locale/pl, locale/ar) and the council's catalogue.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opencex.accounts.models import Role
from opencex.cases.actions.status import change_status, close_case
from opencex.cases.models import Case
from opencex.catalogue.loading import demo_catalogue_file, load_catalogue_file
from opencex.catalogue.models import Service
from opencex.feedback.models import Rating
from opencex.forms.loading import sync_form_definitions
from opencex.notify.models import Notification
from tests.factories import UserFactory
from tests.forms.conftest import tiny_png

pytestmark = pytest.mark.django_db(transaction=True)

# A Wednesday morning in Oxford; fly-tipping is cleared within 2 working days: by Friday.
WEDNESDAY = dt.datetime(2026, 9, 2, 9, 0, tzinfo=dt.UTC)
FRIDAY = dt.date(2026, 9, 4)
LRI, PDI = "\u2066", "\u2069"


@pytest.fixture
def oxford():
    """The council's own catalogue, with its translations, and its forms."""
    cache.clear()
    load_catalogue_file(demo_catalogue_file(settings.COUNCIL_PROFILE.slug))
    sync_form_definitions()
    yield
    cache.clear()


def subject_of(message) -> str:
    # A long non-ASCII subject is folded into encoded words; the parser keeps the fold's space.
    return str(message["Subject"]).strip()


def body_of(message) -> str:
    body = message.get_content().replace("\r\n", "\n")
    return body


def report_fly_tipping(client, language: str, *, email: str) -> Case:
    """Switch the site to `language` and send the fly-tipping form with a photo."""
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    slug = "report-fly-tipping"
    answers = {
        "location": {"location-description": "Przy Magdalen Road 20, obok latarni"},
        "what": {"what": ["furniture"], "how_much": "single"},
        "photo": {
            "photo": SimpleUploadedFile("fly-tipping.png", tiny_png(), content_type="image/png")
        },
        "contact": {"name": "Piotr Nowak", "email": email},
    }
    response = client.post(reverse("web:form-start", kwargs={"slug": slug}))
    while "/check" not in response.url:
        page_id = response.url.rstrip("/").rsplit("/", 1)[-1]
        response = client.post(response.url, {"action": "continue", **answers[page_id]})
        assert response.status_code == 302, response.content.decode()[:2000]
    sent = client.post(reverse("web:form-check-answers", kwargs={"slug": slug}))
    assert sent.status_code == 302
    return Case.objects.get(contact_email=email)


def test_a_polish_speaker_reports_fly_tipping_and_reads_every_email_in_polish(
    client, oxford, smtp_server, run_jobs
):
    with time_machine.travel(WEDNESDAY, tick=False):
        case = report_fly_tipping(client, "pl", email="piotr@example.org")
        run_jobs()

    assert case.language == "pl"
    assert case.attachments.get().original_name == "fly-tipping.png"
    assert case.due_on == FRIDAY
    [acknowledgement] = smtp_server.messages
    title = "Zgłoszenie nielegalnie porzuconych śmieci"
    assert subject_of(acknowledgement) == (
        f"Otrzymaliśmy Państwa sprawę: „{title}” ({case.reference})"
    )
    body = body_of(acknowledgement)
    assert body.startswith("Dzień dobry,\n")  # an address typed into a form: no name echoed
    assert f"Otrzymaliśmy Państwa sprawę: „{title}”." in body
    assert f"Numer referencyjny sprawy to {case.reference}." in body
    # The date as Polish writes it: the weekday in lower case, the month in the genitive.
    assert (
        "Staramy się w ciągu 2 dni roboczych załatwić sprawę. Termin: piątek 4 września 2026."
        in (body)
    )
    assert "Co dalej" in body
    assert f"/track/{case.reference}" in body
    assert Notification.objects.get(case=case).language == "pl"

    officer = UserFactory(role=Role.CASEWORKER, teams=[case.team])
    with time_machine.travel(WEDNESDAY + dt.timedelta(days=1), tick=False):
        change_status(actor=officer, case=case, to="in_progress")
        change_status(actor=officer, case=case, to="resolved")
        close_case(actor=officer, case=case, outcome="Cleared the mattress on Thursday morning.")
        run_jobs()

    closing = smtp_server.messages[-1]
    assert subject_of(closing) == f"Zamknęliśmy sprawę „{title}” ({case.reference})"
    body = body_of(closing)
    assert f"Zamknęliśmy sprawę „{title}” (numer referencyjny {case.reference})." in body
    # What the officer wrote stays as written.
    assert "Co zrobiliśmy: Cleared the mattress on Thursday morning." in body
    assert "Prosimy ocenić naszą pracę" in body
    feedback_url = re.search(r"\S+/track/\S+/feedback", body).group(0)
    assert not re.search(r"\b(We have|Please|Thank you|reference)\b", body)

    # The link in the email leads through proving the reference to the rating, in Polish.
    path = feedback_url.split("://", 1)[-1].split("/", 1)[1]
    response = client.get(f"/{path}")
    assert "then=feedback" in response.url
    found = client.post(
        reverse("web:track"),
        {"reference": case.reference, "email": "piotr@example.org", "then": "feedback"},
    )
    assert found.url == f"/{path}"
    page = client.get(found.url)
    assert page.headers["Content-Language"] == "pl"
    assert client.post(found.url, {"score": "5", "comment": "Szybko, dziękuję."}).status_code == 302
    rating = Rating.objects.get(case=case)
    assert (rating.score, rating.comment) == (5, "Szybko, dziękuję.")


def test_an_arabic_speaker_gets_the_acknowledgement_in_arabic_with_references_left_to_right(
    client, oxford, smtp_server, run_jobs
):
    with time_machine.travel(WEDNESDAY, tick=False):
        case = report_fly_tipping(client, "ar", email="amira@example.org")
        run_jobs()

    assert case.language == "ar"
    [acknowledgement] = smtp_server.messages
    title = Service.objects.get(slug="report-fly-tipping").text_in("title", "ar")
    assert title != "Report fly-tipping"
    subject = subject_of(acknowledgement)
    assert subject == f"استلمنا «{title}» ({LRI}{case.reference}{PDI})"
    body = body_of(acknowledgement)
    assert body.startswith("مرحبًا،\n")
    assert f"رقمك المرجعي هو {LRI}{case.reference}{PDI}." in body
    # The date in Arabic, and the phone number kept in one left-to-right run.
    assert f"بحلول الجمعة {LRI}4{PDI} سبتمبر {LRI}2026{PDI}." in body
    phone = settings.COUNCIL_PROFILE.main_phone.number
    assert f"{LRI}{phone}{PDI}" in body
    assert not re.search(r"\b(We have|Please|Thank you|reference)\b", body)
    assert Notification.objects.get(case=case).language == "ar"
