"""Who may read the staff directory."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in


def can_view_staff_directory(actor) -> bool:
    """Colleagues' phone numbers and offices are for council staff, not residents or partners."""
    return is_signed_in(actor) and actor.is_council_staff
