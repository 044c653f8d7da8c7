"""Save and come back later: the link arrives by real email and brings the answers back once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opencex.forms.models import FormSession
from opencex.forms.services import ResumeLinkInvalid, resume_session
from tests.forms.conftest import FormWalker, missed_bin_pages

pytestmark = pytest.mark.django_db(transaction=True)


def save_half_way(client) -> FormWalker:
    walker = FormWalker(client, "report-missed-bin")
    walker.start()
    for page_id, data in missed_bin_pages()[:3]:
        walker.answer(page_id, data)
    response = client.post(
        reverse("web:form-save", kwargs={"slug": "report-missed-bin"}),
        {"email": "amira@example.org"},
    )
    assert "We have sent a link to amira@example.org" in response.content.decode()
    return walker


def emailed_link(smtp_server) -> str:
    (message,) = smtp_server.messages
    assert message["To"] == "amira@example.org"
    assert message["Subject"] == "Your saved answers: Report a missed bin collection"
    return re.search(r"http://\S+/forms/resume/\S+/", message.get_content()).group(0)


def test_the_link_arrives_by_email_and_brings_the_answers_back(forms, smtp_server, run_jobs):
    save_half_way(Client())
    run_jobs()
    link = emailed_link(smtp_server)
    path = link.split("://", 1)[1].partition("/")[2]

    elsewhere = Client()  # another browser, another day
    assert "Come back to your form" in elsewhere.get(f"/{path}").content.decode()
    response = elsewhere.post(f"/{path}")
    walker = FormWalker(elsewhere, "report-missed-bin")
    assert response.url == walker.page_url("details")  # the first page not yet answered
    page = elsewhere.get(walker.page_url("which-bin") + "?change=1").content.decode()
    assert 'value="recycling" checked' in page


def test_the_link_works_only_once(forms, smtp_server, run_jobs):
    save_half_way(Client())
    run_jobs()
    path = "/" + emailed_link(smtp_server).split("://", 1)[1].partition("/")[2]
    Client().post(path)
    response = Client().post(path)
    assert response.status_code == 400
    assert "This link has been used already" in response.content.decode()


def test_a_link_older_than_7_days_has_expired(forms, smtp_server, run_jobs, monkeypatch):
    save_half_way(Client())
    run_jobs()
    token = emailed_link(smtp_server).rstrip("/").rsplit("/", 1)[1]
    later = timezone.now() + dt.timedelta(days=7, minutes=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    with pytest.raises(ResumeLinkInvalid, match="expired"):
        resume_session(token=token)


def test_saving_keeps_the_answers_for_7_days(forms, smtp_server):
    save_half_way(Client())
    session = FormSession.objects.get()
    assert session.expires_at - timezone.now() > dt.timedelta(days=6, hours=23)
    assert session.saved_for_email == "amira@example.org"
