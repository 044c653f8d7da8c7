"""The demo's accounts: one to sign in with for each role (staff with a password, the resident
by emailed link, the partner system with an API token), and synthetic officers in every team,
with their staff-directory details (job title, responsibilities, phone and office).

Accounts are upserted by email, so running the demo again changes nothing unless someone changed
a demo account, in which case it is put back (its password included) to match the printed table.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from opencex.accounts.models import STAFF_ROLES, Role, User
from opencex.catalogue.models import Team
from opencex.council.profile import CouncilProfile
from opencex.demo.config import DemoCouncil, DemoError
from opencex.demo.names import unique_local_part

DEMO_YEAR = 2026  # in the passwords, so that they read as demo passwords and are 12+ characters


def demo_password(role: str) -> str | None:
    """The password of the demo staff account for `role`, e.g. demo-caseworker-2026. None for a
    resident (who signs in by emailed link) or a partner system (an API token): their accounts
    have no usable password, as a real one would not."""
    if Role(role) not in STAFF_ROLES:
        return None
    return f"demo-{Role(role).value.replace('_', '-')}-{DEMO_YEAR}"


@dataclass(frozen=True)
class SignIn:
    role: Role
    name: str
    email: str
    password: str | None  # None: this account does not sign in with a password

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


@dataclass
class DemoStaff:
    """Who is who in the demo, for the history generator to give cases to."""

    accounts: dict[Role, User]
    sign_ins: list[SignIn]
    # Officers who work a team's cases, and those who may take a stage 2 complaint.
    officers_by_team: dict[int, list[User]] = field(default_factory=dict)
    managers_by_team: dict[int, list[User]] = field(default_factory=dict)
    contact_centre: list[User] = field(default_factory=list)
    information_governance: list[User] = field(default_factory=list)
    synthetic_count: int = 0

    @property
    def resident_user(self) -> User:
        return self.accounts[Role.RESIDENT]

    @property
    def partner(self) -> User:
        return self.accounts[Role.PARTNER]


def ensure_demo_staff(
    *, council: DemoCouncil, profile: CouncilProfile, teams: dict[str, Team], faker
) -> DemoStaff:
    """Upsert the named demo accounts and the synthetic officers, and their team memberships."""
    missing = sorted(council.team_slugs - teams.keys())
    if missing:
        raise DemoError(
            "The demo file names teams the catalogue does not have: "
            f"{', '.join(missing)}. Fix the demo file or the catalogue."
        )
    with transaction.atomic():
        accounts, sign_ins = _ensure_named_accounts(council)
        synthetic = _ensure_synthetic_officers(council, profile, teams, faker)
        memberships = [
            (teams[slug], accounts[account.role])
            for account in council.accounts
            for slug in account.teams
        ] + [(team, user) for team, user in synthetic]
        membership = Team.members.through
        membership.objects.bulk_create(
            [membership(team_id=team.pk, user_id=user.pk) for team, user in memberships],
            ignore_conflicts=True,
        )
    staff = DemoStaff(accounts=accounts, sign_ins=sign_ins, synthetic_count=len(synthetic))
    _index_by_team(staff, memberships)
    return staff


def _has_password(user: User, password: str | None) -> bool:
    """The account already has `password` (or, for None, no usable password at all)."""
    if password is None:
        return not user.has_usable_password()
    return check_password(password, user.password)


def _ensure_named_accounts(council: DemoCouncil) -> tuple[dict[Role, User], list[SignIn]]:
    emails = [council.email(account.local_part) for account in council.accounts]
    passwords = [demo_password(account.role) for account in council.accounts]
    existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    # Hashing is slow on purpose; the hash functions release the GIL, so hash side by side.
    with ThreadPoolExecutor() as pool:
        is_current = list(
            pool.map(
                lambda email, password: (
                    email in existing and _has_password(existing[email], password)
                ),
                emails,
                passwords,
            )
        )
        hashes = list(
            pool.map(
                lambda password, current: None if current else make_password(password),
                passwords,
                is_current,
            )
        )
    accounts: dict[Role, User] = {}
    sign_ins = []
    for account, email, password, encoded in zip(
        council.accounts, emails, passwords, hashes, strict=True
    ):
        wanted = {
            "full_name": account.full_name,
            "role": account.role,
            "job_title": account.job_title,
            "responsibilities": account.responsibilities,
            "work_phone": account.work_phone,
            "office": account.office,
            "is_active": True,
            "is_superuser": account.role == Role.ADMINISTRATOR,
        }
        if encoded is not None:
            wanted["password"] = encoded
        user = existing.get(email)
        if user is None:
            user = User.objects.create(email=email, **wanted)
        else:
            changed = [name for name, value in wanted.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, wanted[name])
            if changed:
                user.save(update_fields=changed)
        accounts[account.role] = user
        sign_ins.append(SignIn(account.role, account.full_name, email, password))
    return accounts, sign_ins


def _synthetic_role(team: Team, position: int, size: int, profile: CouncilProfile) -> Role:
    if team.slug == profile.routing.general:
        return Role.CONTACT_CENTRE
    if team.slug == profile.routing.information_rights:
        return Role.INFORMATION_GOVERNANCE
    return Role.TEAM_MANAGER if size >= 3 and position == 0 else Role.CASEWORKER


# Synthetic officers' phone numbers: Ofcom's drama range, after the named accounts' 01632 960001-.
FIRST_SYNTHETIC_PHONE = 960100
DIRECTORY_FIELDS = ("job_title", "responsibilities", "work_phone", "office")


def _directory_details(
    council: DemoCouncil, team: Team, role: Role, officer_number: int, phone: int
) -> dict[str, str]:
    """A synthetic officer's job title, responsibilities, phone and office, from the demo file's
    `directory` section (a plain title made from the team's name where the file has none).
    Officers take the team's titles in turn, counting from 0 after any manager."""
    entry = council.team_directory.get(team.slug)
    if role == Role.TEAM_MANAGER:
        title = (entry.manager_title if entry else "") or f"{team.name} Manager"
    else:
        titles = entry.officer_titles if entry else ()
        title = titles[officer_number % len(titles)] if titles else f"{team.name} Officer"
    return {
        "job_title": title,
        "responsibilities": entry.responsibilities if entry else "",
        "work_phone": f"01632 {phone}",
        "office": (entry.office if entry else "") or council.default_office,
    }


def _ensure_synthetic_officers(
    council: DemoCouncil, profile: CouncilProfile, teams: dict[str, Team], faker
) -> list[tuple[Team, User]]:
    """Officers with made-up names, a few in each team; they cannot sign in (no password).

    Their directory details follow the demo file: an officer made by an older demo gets them on
    the next run, and a run that changes nothing writes nothing.
    """
    wanted: list[tuple[Team, User]] = []
    taken = {a.local_part for a in council.accounts}
    phone = FIRST_SYNTHETIC_PHONE
    for slug in sorted(teams):
        if slug in council.teams_without_staff:
            continue
        team = teams[slug]
        size = council.staff_per_team.get(slug, 1)
        faker.seed_instance(f"staff:{slug}")  # a team's officers do not change when others do
        has_manager = _synthetic_role(team, 0, size, profile) == Role.TEAM_MANAGER
        for position in range(size):
            first, last = faker.first_name(), faker.last_name()
            email = council.email(unique_local_part(first, last, taken))
            role = _synthetic_role(team, position, size, profile)
            user = User(
                email=email,
                full_name=f"{first} {last}",
                role=role,
                password=make_password(None),
                **_directory_details(
                    council, team, role, position - 1 if has_manager else position, phone
                ),
            )
            phone += 1
            wanted.append((team, user))
    existing = {
        user.email: user
        for user in User.objects.filter(email__in=[user.email for _, user in wanted])
    }
    User.objects.bulk_create([user for _, user in wanted if user.email not in existing])
    _update_directory_details(
        [(existing[user.email], user) for _, user in wanted if user.email in existing]
    )
    return [(team, existing.get(user.email, user)) for team, user in wanted]


def _update_directory_details(pairs: list[tuple[User, User]]) -> None:
    """Put each existing officer's directory details back to what the demo file says."""
    changed = []
    for current, wanted in pairs:
        if any(getattr(current, name) != getattr(wanted, name) for name in DIRECTORY_FIELDS):
            for name in DIRECTORY_FIELDS:
                setattr(current, name, getattr(wanted, name))
            changed.append(current)
    User.objects.bulk_update(changed, DIRECTORY_FIELDS)


def _index_by_team(staff: DemoStaff, memberships: list[tuple[Team, User]]) -> None:
    officers, managers = defaultdict(list), defaultdict(list)
    for team, user in memberships:
        if user.role in {Role.CASEWORKER, Role.INFORMATION_GOVERNANCE, Role.CONTACT_CENTRE}:
            officers[team.pk].append(user)
        elif user.role == Role.TEAM_MANAGER:
            managers[team.pk].append(user)
        if user.role == Role.CONTACT_CENTRE and user not in staff.contact_centre:
            staff.contact_centre.append(user)
        if user.role == Role.INFORMATION_GOVERNANCE and user not in staff.information_governance:
            staff.information_governance.append(user)
    staff.officers_by_team = dict(officers)
    staff.managers_by_team = dict(managers)
