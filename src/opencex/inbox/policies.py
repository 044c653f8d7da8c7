"""Who may see and act on emails held for an officer or that could not be read.

Information-governance officers (who run the FOI, EIR and SAR register from email) and
administrators see every email. Team managers see every email except those to a subject access
mailbox, which only information governance sees, as it sees subject access requests. Contact-centre
officers see the emails to a mailbox whose cases go to one of their teams (the profile's mailbox
names its kind and maybe a service, and `cases.routing` gives the team: customer services for the
general enquiries mailbox). An email that continues a case is shown only to those who may see that
case. `visible_inbound_emails` and `can_view_inbound_email` answer the same question for many and
for one; a test checks they agree for every role.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.cases.models import CaseKind
from opencex.cases.policies import RESTRICTED_KINDS, can_view_case, visible_cases
from opencex.cases.routing import team_for
from opencex.catalogue.models import Service
from opencex.inbox.models import WAITING_FOR_AN_OFFICER, InboundEmail

OVERSEERS = frozenset({Role.INFORMATION_GOVERNANCE, Role.ADMINISTRATOR})
# An internal review needs the FOI request it is about, which an email alone cannot name safely.
KINDS_NEEDING_A_PARENT = frozenset({CaseKind.FOI_INTERNAL_REVIEW})


def _restricted_mailboxes() -> set[str]:
    """Mailboxes whose emails are requests only information governance may see."""
    return {
        box.address
        for box in settings.COUNCIL_PROFILE.inbox.mailboxes
        if box.kind in RESTRICTED_KINDS
    }


def _team_mailboxes(actor) -> set[str]:
    """The mailboxes whose new cases go to one of `actor`'s teams (kept on the account object
    for the request, as the navigation asks on every page)."""
    cached = getattr(actor, "_opencex_team_mailboxes", None)
    if cached is not None:
        return cached
    team_ids = set(actor.teams.values_list("id", flat=True))
    addresses = set()
    for box in settings.COUNCIL_PROFILE.inbox.mailboxes:
        service = Service.objects.filter(slug=box.service).first() if box.service else None
        team = team_for(kind=box.kind, service=service)
        if team is not None and team.pk in team_ids:
            addresses.add(box.address)
    actor._opencex_team_mailboxes = addresses
    return addresses


def can_use_email_intake(actor) -> bool:
    """The held and unread emails screen, and a link to it."""
    if not is_signed_in(actor):
        return False
    if actor.role in OVERSEERS or actor.role == Role.TEAM_MANAGER:
        return True
    if actor.role == Role.CONTACT_CENTRE:
        return bool(_team_mailboxes(actor) - _restricted_mailboxes())
    return False


def visible_inbound_emails(actor) -> QuerySet[InboundEmail]:
    """Every kept email `actor` may see on the staff screen."""
    emails = InboundEmail.objects.all()
    if not is_signed_in(actor):
        return emails.none()
    if actor.role in OVERSEERS:
        return emails
    if actor.role == Role.TEAM_MANAGER:
        allowed = ~Q(mailbox__in=_restricted_mailboxes())
    elif actor.role == Role.CONTACT_CENTRE:
        allowed = Q(mailbox__in=_team_mailboxes(actor) - _restricted_mailboxes())
    else:
        return emails.none()
    return emails.filter(allowed & (Q(case__isnull=True) | Q(case__in=visible_cases(actor))))


def can_view_inbound_email(actor, email: InboundEmail) -> bool:
    if not is_signed_in(actor):
        return False
    if actor.role in OVERSEERS:
        return True
    if actor.role == Role.TEAM_MANAGER:
        allowed = email.mailbox not in _restricted_mailboxes()
    elif actor.role == Role.CONTACT_CENTRE:
        allowed = email.mailbox in _team_mailboxes(actor) - _restricted_mailboxes()
    else:
        return False
    return allowed and (email.case is None or can_view_case(actor, email.case))


def can_act_on_inbound_email(actor, email: InboundEmail) -> bool:
    """Add it to a case, open a case from it, read it again or set it aside: only while it waits
    for an officer."""
    return email.status in WAITING_FOR_AN_OFFICER and can_view_inbound_email(actor, email)


def kinds_to_open_from_email(actor) -> list[CaseKind]:
    """The kinds of case `actor` may open from an email: any that needs nothing but the email,
    except subject access requests for anyone who could not then see them."""
    kinds = [kind for kind in CaseKind if kind not in KINDS_NEEDING_A_PARENT]
    if not (is_signed_in(actor) and actor.role in OVERSEERS):
        kinds = [kind for kind in kinds if kind not in RESTRICTED_KINDS]
    return kinds
