"""Form drop-off against hand-counted sessions: started, sent, still open, and for each page how
many reached it and stopped there, with a page a condition hides and a page of an older version."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
import time_machine
from django.utils import timezone

from opencex.cases.models import Channel
from opencex.forms.models import FormDefinition, FormSession, FormVersion
from opencex.forms.selectors import CHECK_ANSWERS_TITLE, form_drop_off
from tests.factories import CaseFactory
from tests.webmeasures.conftest import london

pytestmark = pytest.mark.django_db

SINCE, UNTIL = london("2026-03-02", 0), london("2026-03-09", 0)


@pytest.fixture(autouse=True)
def _the_day_after_the_period():
    """Read the next day: a session made on the 3rd with 7 days to come back is still open."""
    with time_machine.travel(london("2026-03-09", 12), tick=False):
        yield


def _page(page_id, title, label, **extra):
    return {
        "id": page_id,
        "title": {"en": title, "pl": f"{title} (pl)"},
        "questions": [{"id": page_id, "type": "text", "label": label}],
        **extra,
    }


WHAT = _page("what", "What happened", "What happened?")
ONLY_FOR_OTHER = {"question": "what", "equals": "other"}
DETAILS = _page("details", "More detail", "Tell us more", show_if=ONLY_FOR_OTHER)
PHOTO = _page("photo", "A photo", "Add a photo")
CONTACT = _page("contact", "Your details", "Your email")
CASE = {"subject": "Report", "contact_name": "contact"}


def _version(definition, number, pages):
    return FormVersion.objects.create(
        definition=definition,
        number=number,
        schema={"pages": pages, "case": CASE},
        published_at=london("2026-01-01"),
    )


def _session(version, done, answers=None, *, day="2026-03-03", sent=False, open_=False, **kw):
    with time_machine.travel(london(day), tick=False):
        return FormSession.objects.create(
            token=secrets.token_urlsafe(16),
            version=version,
            channel=kw.get("channel", Channel.WEB),
            pages_done=done,
            answers=answers or {},
            case=CaseFactory() if sent == "case" else None,
            submitted_at=london(day) if sent else None,
            expires_at=timezone.now() + dt.timedelta(days=7 if open_ else 1),
        )


@pytest.fixture
def sessions():
    report = FormDefinition.objects.create(slug="report-it", title="Report it", case_kind="enquiry")
    old = _version(report, 1, [WHAT, PHOTO, CONTACT])
    new = _version(report, 2, [WHAT, DETAILS, CONTACT])
    bin_, other = {"what": "bin"}, {"what": "other"}
    _session(new, [], open_=True)  # A: stopped on the first page, can still come back
    _session(new, [])  # B
    _session(new, ["what"], bin_)  # C: "details" does not apply; stopped on "contact"
    _session(new, ["what"], other)  # D: stopped on "details"
    _session(new, ["what", "details"], other)  # E: stopped on "contact"
    _session(new, ["what", "contact"], bin_)  # F: every page done; stopped on check answers
    _session(new, ["what", "contact"], bin_, sent="case")  # G: sent
    _session(new, ["what", "details", "contact"], other, sent=True)  # H: sent, case since gone
    _session(old, ["what"], bin_)  # K: an older version's page: stopped on "photo"
    _session(new, [], channel=Channel.PHONE)  # an officer's: not counted
    _session(new, [], day="2026-03-01")  # before the period
    _session(new, [], day="2026-03-09")  # after it
    ask = FormDefinition.objects.create(slug="ask", title="Ask us", case_kind="enquiry")
    _session(_version(ask, 1, [WHAT]), ["what"], sent="case")
    FormDefinition.objects.create(slug="unused", title="Unused", case_kind="enquiry")


@pytest.mark.usefixtures("sessions")
def test_each_form_counts_its_sessions_started_sent_and_still_open():
    found = form_drop_off(since=SINCE, until=UNTIL)
    assert [(f.slug, f.started, f.submitted, f.unfinished, f.still_open) for f in found] == [
        ("report-it", 9, 2, 7, 1),
        ("ask", 1, 1, 0, 0),
    ]
    assert found[0].completion_rate == pytest.approx(2 / 9)


@pytest.mark.usefixtures("sessions")
def test_each_page_counts_who_reached_it_and_who_stopped_there():
    report = form_drop_off(since=SINCE, until=UNTIL)[0]
    rows = [(p.page_id, p.title, p.reached, p.stopped) for p in report.pages]
    assert rows == [
        ("what", "What happened", 9, 2),
        ("details", "More detail", 3, 1),
        ("contact", "Your details", 5, 2),
        ("photo", "A photo", 1, 1),
        ("check-your-answers", CHECK_ANSWERS_TITLE, 3, 1),
    ]
    assert [p.drop_off_rate for p in report.pages] == [
        pytest.approx(2 / 9), pytest.approx(1 / 3), pytest.approx(2 / 5), 1.0, pytest.approx(1 / 3)
    ]  # fmt: skip
    assert report.pages[0].questions == "What happened?"
    assert sum(p.stopped for p in report.pages) == report.unfinished


@pytest.mark.usefixtures("sessions")
def test_a_form_sent_by_everyone_stops_nobody():
    ask = form_drop_off(since=SINCE, until=UNTIL)[1]
    assert [(p.page_id, p.reached, p.stopped, p.drop_off_rate) for p in ask.pages] == [
        ("what", 1, 0, 0.0),
        ("check-your-answers", 1, 0, 0.0),
    ]


def test_no_sessions_gives_no_forms():
    assert form_drop_off(since=SINCE, until=UNTIL) == []
