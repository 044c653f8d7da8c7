"""The only two writes to a slot's `taken`: take units if there is room, give them back.

Both are one conditional UPDATE, so the database decides: with two residents paying for the last
place at the same moment, PostgreSQL locks the row for the first UPDATE and re-checks the second's
WHERE after it commits, finding no room. The check constraint `slot_never_overbooked` backs it.
"""

from __future__ import annotations

from django.db.models import F

from opencex.bookings.models import Slot


def take(slot_id: int, units: int) -> bool:
    """Take `units` of the slot; False if it has no room for them (or is closed)."""
    return bool(
        Slot.objects.filter(pk=slot_id, is_closed=False, taken__lte=F("capacity") - units).update(
            taken=F("taken") + units
        )
    )


def give_back(slot_id: int, units: int) -> None:
    Slot.objects.filter(pk=slot_id, taken__gte=units).update(taken=F("taken") - units)
