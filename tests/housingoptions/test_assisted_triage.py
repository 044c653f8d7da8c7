"""An officer on the phone fills in the homelessness form for a caller: the triage runs through
the same door (forms.services.submit_form) and never lowers what the officer said."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from opencex.accounts.models import Role
from opencex.cases.models import Channel, Priority
from opencex.forms.models import FormDefinition
from opencex.forms.services import save_page, start_session, submit_form
from tests.factories import UserFactory
from tests.forms.conftest import CONTACT, date_parts

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC)


def send_for_caller(*, is_urgent: bool, notice_in_days: int):
    officer = UserFactory(role=Role.CASEWORKER)
    definition = FormDefinition.objects.get(slug="get-help-at-risk-of-homelessness")
    with time_machine.travel(NOW, tick=False):
        session = start_session(
            actor=officer, definition=definition, channel=Channel.PHONE, is_urgent=is_urgent
        )
        notice = dt.date(2027, 3, 1) + dt.timedelta(days=notice_in_days)
        pages = {
            "tonight": {"safe_tonight": "yes"},
            "home": {"living_now": "private_rent"},
            "leaving": {"leaving": "notice"},
            "notice": {"notice_type": "section_8", **date_parts("notice_ends", notice)},
            "reasons": {"reasons": ["rent_arrears"]},
            "household": {"household": ["alone"], "age": "25_plus"},
            "about-you": {"about_you": ["armed_forces"], "support_needs": ["mental_health"]},
            "contact": CONTACT,
        }
        for page_id, data in pages.items():
            assert save_page(session=session, page_id=page_id, data=data).is_valid, page_id
        return submit_form(actor=officer, session=session, channel=Channel.PHONE)


def test_a_call_the_officer_marks_urgent_stays_urgent_whatever_the_triage_says(housing_forms):
    case = send_for_caller(is_urgent=True, notice_in_days=40)
    assert case.answers["triage"]["outcome"] == "prevention"
    assert case.priority == Priority.URGENT


def test_a_phone_call_is_triaged_like_the_web_form(housing_forms):
    case = send_for_caller(is_urgent=False, notice_in_days=40)
    triage = case.answers["triage"]
    assert triage["basis"].startswith("s175(4)")
    assert triage["flags"] == ["armed_forces", "vulnerable"]
    assert case.priority == Priority.NORMAL
    assert case.events.filter(summary__contains="prevention duty").count() == 1
