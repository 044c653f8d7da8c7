"""Who may prepare, publish and withdraw disclosure log entries, and which entries staff see.

Information-governance officers and administrators publish and withdraw; caseworkers may prepare
drafts from requests they can see; nobody else touches the log (everyone may read what is
published, on the public site).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases.models import Case
from opencex.cases.policies import can_view_case, visible_cases
from opencex.disclosure.models import DisclosureEntry, EntryStatus

PUBLISHERS = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})
PREPARERS = PUBLISHERS | {Role.CASEWORKER}


def _has_role(actor, roles: frozenset[str]) -> bool:
    return is_signed_in(actor) and actor.role in roles


def can_prepare_disclosure(actor, case: Case) -> bool:
    return _has_role(actor, PREPARERS) and can_view_case(actor, case)


def can_edit_draft(actor, entry: DisclosureEntry) -> bool:
    if not _has_role(actor, PREPARERS) or entry.status != EntryStatus.DRAFT:
        return False
    if entry.case is None:
        return actor.role in PUBLISHERS
    return can_view_case(actor, entry.case)


def can_publish_disclosure(actor) -> bool:
    return _has_role(actor, PUBLISHERS)


def can_withdraw_disclosure(actor) -> bool:
    return _has_role(actor, PUBLISHERS)


def can_use_disclosure_log(actor) -> bool:
    """The staff pages of the log: its list and the drafts."""
    return _has_role(actor, PREPARERS)


def visible_entries(actor) -> QuerySet[DisclosureEntry]:
    """The entries an officer sees on the staff side: every published or withdrawn one, and the
    drafts of requests they may see."""
    entries = DisclosureEntry.objects.all()
    if not can_use_disclosure_log(actor):
        return entries.none()
    if actor.role in PUBLISHERS:
        return entries
    return entries.filter(~Q(status=EntryStatus.DRAFT) | Q(case__in=visible_cases(actor)))
