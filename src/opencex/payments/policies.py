"""Who may take, see and refund payments: one function per question."""

from __future__ import annotations

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role

# Officers who take payments for a resident on the phone or at the desk.
TAKING_ROLES = frozenset(
    {Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}
)
# The finance view and refunds: a refund gives council money back, so it is for managers and
# administrators, not for every officer who can take a payment.
FINANCE_ROLES = frozenset({Role.TEAM_MANAGER, Role.ADMINISTRATOR})


def _role(actor) -> str | None:
    return getattr(actor, "role", None) if is_signed_in(actor) else None


def can_take_payment_for_resident(actor) -> bool:
    """Card holder not present (phone) or at the desk: staff in a taking role."""
    return _role(actor) in TAKING_ROLES


def can_view_finance(actor) -> bool:
    return _role(actor) in FINANCE_ROLES


def can_refund(actor) -> bool:
    return _role(actor) in FINANCE_ROLES


def can_view_payment(actor, payment) -> bool:
    """A signed-in resident sees their own payments; finance and the officer who took it, too."""
    if can_view_finance(actor):
        return True
    if not is_signed_in(actor):
        return False
    if payment.taken_by_id == actor.pk:
        return True
    resident = getattr(actor, "resident", None) if _role(actor) == Role.RESIDENT else None
    return resident is not None and payment.resident_id == resident.pk


def payments_of_resident(actor):
    """A signed-in resident's own payments (none for anyone else): the "Your payments" list."""
    from opencex.payments.models import Payment

    resident = getattr(actor, "resident", None) if _role(actor) == Role.RESIDENT else None
    if resident is None:
        return Payment.objects.none()
    return Payment.objects.filter(resident=resident)
