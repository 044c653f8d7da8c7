"""Residents with and without equality answers, and their cases, for the reach tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opencex.accounts.models import Role
from opencex.cases.models import Channel
from opencex.insight.periods import Period
from opencex.people.services import save_equality_answers
from tests.factories import CaseFactory, ResidentFactory, UserFactory

# Monday 2 to Sunday 8 March 2026.
WEEK = Period(dt.date(2026, 3, 2), dt.date(2026, 3, 8))


def on(day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, 3, day, 12))


def resident_answering(**answers):
    """A resident with an account who gave `answers` (none: no equality answers at all)."""
    user = UserFactory(role=Role.RESIDENT)
    resident = ResidentFactory(user=user)
    if answers:
        save_equality_answers(actor=user, resident=resident, answers=answers, consent_given=True)
    return resident


def case_for(resident, channel=Channel.WEB, day: int = 3):
    return CaseFactory(resident=resident, channel=channel, received_at=on(day))


@pytest.fixture
def reached(db):
    """13 residents with cases in the week, hand-counted by sex and channel:

    - female: 6 by web, 1 by web and phone (web 7, phone 1, any 7)
    - male: 2 by phone
    - a profile without sex answered: 1 by phone
    - no equality answers: 3 by web
    Not counted: a case the week before, and a case with no resident record."""
    for _ in range(6):
        case_for(resident_answering(sex="female", religion="none"))
    both = resident_answering(sex="female", religion="none")
    case_for(both, Channel.WEB)
    case_for(both, Channel.PHONE, day=4)
    for _ in range(2):
        case_for(resident_answering(sex="male", religion="none"), Channel.PHONE)
    case_for(resident_answering(religion="prefer_not_to_say"), Channel.PHONE)
    for _ in range(3):
        case_for(resident_answering())
    case_for(resident_answering(sex="male"), Channel.EMAIL, day=1)  # before the week
    CaseFactory(resident=None, channel=Channel.LETTER, received_at=on(5))
