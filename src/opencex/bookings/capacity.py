"""The only two writes to a slot's `taken`: take units if there is room, give them back.

Both are one conditional UPDATE, so the database decides: with two residents paying for the last
place at the same moment, PostgreSQL locks the row for the first UPDATE and re-checks the second's
WHERE after it commits, finding no room. The check constraint `slot_never_overbooked` backs it.
"""

from __future__ import annotations

import logging

from django.db.models import F

from opencex.bookings.models import Slot

logger = logging.getLogger(__name__)


def take(slot_id: int, units: int) -> bool:
    """Take `units` of the slot; False if it has no room for them (or is closed)."""
    return bool(
        Slot.objects.filter(pk=slot_id, is_closed=False, taken__lte=F("capacity") - units).update(
            taken=F("taken") + units
        )
    )


def give_back(slot_id: int, units: int) -> None:
    """Give back `units` of the slot. A slot that has fewer taken than that has drifted from its
    bookings (never expected): it is left as it is, and the error logged so that someone looks."""
    if not Slot.objects.filter(pk=slot_id, taken__gte=units).update(taken=F("taken") - units):
        logger.error(
            "Slot %s could not give back %s units: it has fewer taken (or does not exist)",
            slot_id,
            units,
        )
