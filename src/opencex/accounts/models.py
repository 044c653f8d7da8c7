"""The user account: one per person who signs in, staff or resident, identified by email."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    RESIDENT = "resident", "Resident"
    CONTACT_CENTRE = "contact_centre", "Contact-centre officer"
    CASEWORKER = "caseworker", "Caseworker"
    TEAM_MANAGER = "team_manager", "Team manager"
    INFORMATION_GOVERNANCE = "information_governance", "Information-governance officer"
    ADMINISTRATOR = "administrator", "Administrator"
    PARTNER = "partner", "Partner system"


STAFF_ROLES = frozenset(Role) - {Role.RESIDENT, Role.PARTNER}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def active_staff(self):
        """Council staff who can work now: the people the staff directory lists."""
        return self.filter(is_active=True, role__in=STAFF_ROLES)

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.setdefault("role", Role.ADMINISTRATOR)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.RESIDENT)
    # The staff directory: what an officer does and how colleagues reach them. Residents and
    # partner systems leave these empty.
    job_title = models.CharField(max_length=200, blank=True)
    responsibilities = models.TextField(
        blank=True, help_text="What they look after, in the words a colleague would search for."
    )
    work_phone = models.CharField(max_length=32, blank=True)
    office = models.CharField(
        max_length=200, blank=True, help_text="Where they usually work, for example Town Hall."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        indexes = [models.Index(fields=["role"])]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def is_staff(self) -> bool:
        """Django's admin flag, derived from the role so there is one source of truth."""
        return self.role == Role.ADMINISTRATOR

    @property
    def is_council_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def has_role(self, *roles: Role) -> bool:
        return self.is_active and self.role in roles


class SignInLink(models.Model):
    """A single-use emailed link that signs a resident in without a password.

    Only a hash of the token is kept: someone who reads the database cannot use a link.
    """

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Asked for from the tracking page (after too many wrong guesses there): the case the link
    # then opens, if its email address is the link's (checked when the link is used).
    reference = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email", "-created_at"])]

    def __str__(self) -> str:
        return f"Sign-in link for {self.email} ({'used' if self.used_at else 'unused'})"
