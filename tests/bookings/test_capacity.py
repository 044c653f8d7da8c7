"""A slot's `taken` only moves through capacity: giving back more than was taken is drift, and
it is logged as an error rather than passing unseen."""

from __future__ import annotations

import logging

import pytest

from opencex.bookings import capacity
from opencex.bookings.models import Slot

pytestmark = pytest.mark.django_db


def test_giving_back_what_was_taken_frees_the_place(slots, caplog):
    slot = Slot.objects.filter(capacity__gte=2).first()
    assert capacity.take(slot.pk, 2)
    capacity.give_back(slot.pk, 2)
    slot.refresh_from_db()
    assert slot.taken == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_giving_back_more_than_was_taken_is_logged_as_an_error(slots, caplog):
    slot = Slot.objects.filter(capacity__gte=2).first()
    assert capacity.take(slot.pk, 1)
    with caplog.at_level(logging.ERROR, logger="opencex.bookings.capacity"):
        capacity.give_back(slot.pk, 2)
    slot.refresh_from_db()
    assert slot.taken == 1  # left as it was, never below zero
    assert any(
        r.levelno == logging.ERROR and f"Slot {slot.pk}" in r.getMessage() for r in caplog.records
    )
