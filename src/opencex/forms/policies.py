"""Who may do what with a form beyond filling it in for themselves."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in


def can_fill_in_for_someone(actor) -> bool:
    """Council officers fill forms in for residents on the phone, at a desk or at outreach, and
    only they may record a channel other than the website."""
    return is_signed_in(actor) and actor.is_council_staff
