"""Who may do what with a form beyond filling it in for themselves."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role


def can_fill_in_for_someone(actor) -> bool:
    """Council officers fill forms in for residents on the phone, at a desk or at outreach, and
    only they may record a channel other than the website."""
    return is_signed_in(actor) and actor.is_council_staff


def can_build_forms(actor) -> bool:
    """Build, preview and publish forms in the form builder: administrators (the roles model has
    no narrower "form editor" role)."""
    return is_signed_in(actor) and actor.role == Role.ADMINISTRATOR
