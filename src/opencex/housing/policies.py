"""Who may see or do what in the tenant portal: a tenant only their own tenancies, rent and
repairs; staff by role (the housing teams and the contact centre, who take tenants' calls)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from opencex.accounts.actors import is_signed_in
from opencex.accounts.models import Role
from opencex.housing.models import MemberRole, Repair, Tenancy

# Officers who answer a tenant about their home: the contact centre on the phone, the repairs and
# tenancy caseworkers and their managers, and administrators.
STAFF_WHO_SEE_TENANCIES = frozenset(
    {Role.CONTACT_CENTRE, Role.CASEWORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}
)
STAFF_WHO_IMPORT = frozenset({Role.ADMINISTRATOR})
NAMED_ROLES = (MemberRole.TENANT, MemberRole.JOINT_TENANT, MemberRole.LEASEHOLDER)


def is_resident(actor) -> bool:
    return is_signed_in(actor) and actor.role == Role.RESIDENT


def tenancies_of(actor) -> QuerySet[Tenancy]:
    """The current tenancies a signed-in resident is on (as tenant, leaseholder or member)."""
    if not is_resident(actor):
        return Tenancy.objects.none()
    return (
        Tenancy.objects.filter(members__resident__user=actor, ended_on__isnull=True)
        .select_related("property")
        .distinct()
    )


def tenancies_named_on(actor) -> QuerySet[Tenancy]:
    """Tenancies on which the resident is a tenant or leaseholder (not only a household member):
    they see the rent account and report repairs."""
    if not is_resident(actor):
        return Tenancy.objects.none()
    return (
        Tenancy.objects.filter(
            members__resident__user=actor,
            members__role__in=NAMED_ROLES,
            ended_on__isnull=True,
        )
        .select_related("property")
        .distinct()
    )


def repairs_of(actor) -> QuerySet[Repair]:
    """Repairs to homes the resident is named on: those the housing system sent, and those they
    or anyone reported (whose case they may already see as its resident)."""
    if not is_resident(actor):
        return Repair.objects.none()
    return Repair.objects.filter(
        Q(tenancy__in=tenancies_named_on(actor)) | Q(case__resident__user=actor)
    ).select_related("case", "tenancy__property")


def can_see_tenancies(actor) -> bool:
    return is_signed_in(actor) and actor.role in STAFF_WHO_SEE_TENANCIES


def can_import(actor) -> bool:
    return is_signed_in(actor) and actor.role in STAFF_WHO_IMPORT


def can_view_imports(actor) -> bool:
    """The import log: administrators, who run imports, and managers, who answer for the data."""
    return is_signed_in(actor) and actor.role in {Role.ADMINISTRATOR, Role.TEAM_MANAGER}
