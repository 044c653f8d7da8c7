"""Residents, properties, who lives where, and special-category data with its purpose and audit."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from opencex.audit.records import REMOVED_UNDER_RETENTION, AuditQuerySet, AuditRecord
from opencex.languages import language_name
from opencex.people.communication import AccessibleFormat, interpreter_language_name


class ContactChannel(models.TextChoices):
    """How a resident wants to hear from the council."""

    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone call"


class ResidentQuerySet(models.QuerySet["Resident"]):
    def live(self) -> ResidentQuerySet:
        """Records not merged away: a merged record (a tombstone) is kept only so that the merge
        can be undone, and is never matched by email address or phone number."""
        return self.filter(merged_into__isnull=True)


class Resident(models.Model):
    """Anyone the council serves: resident, tenant, visitor or business contact."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    preferred_channel = models.CharField(
        max_length=16, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    preferred_language = models.CharField(max_length=16, default="en")
    needs_interpreter = models.BooleanField(default=False)
    accessibility_needs = models.TextField(
        blank=True, help_text="How to communicate well with this person, e.g. large print."
    )
    consents_to_email = models.BooleanField(default=True)
    consents_to_sms = models.BooleanField(default=False)
    # When they last agreed to text messages (PECR: consent is kept with its time).
    sms_consent_at = models.DateTimeField(null=True, blank=True)
    accessible_format = models.CharField(
        max_length=16, choices=AccessibleFormat.choices, blank=True
    )
    interpreter_language = models.CharField(
        max_length=16, blank=True, help_text="people.communication's codes; blank for none."
    )
    consents_to_research = models.BooleanField(default=False)
    # Set and cleared only by people.services from SensitiveInformation, so that queues can put
    # these residents first without reading (or revealing) the special-category details.
    is_priority = models.BooleanField(default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resident",
    )
    # Set only by matching.services.merge_residents: this record was found to be the same person
    # as `merged_into` and everything that could move went there; it is kept (a tombstone) so
    # that the merge can be undone and links to it lead to the kept record.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_residents",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        indexes = [
            models.Index(Lower("email"), name="resident_email_ci"),
            models.Index(fields=["phone"]),
            models.Index(fields=["full_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        """Agreeing to texts is kept with its time, whichever way the agreement is saved (the
        resident's preferences, an officer, an import); withdrawing it clears the time."""
        if self.consents_to_sms and self.sms_consent_at is None:
            self.sms_consent_at = timezone.now()
        elif not self.consents_to_sms:
            self.sms_consent_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "consents_to_sms" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sms_consent_at"}
        super().save(*args, **kwargs)

    def merged_records(self) -> list[Resident]:
        """Every record merged into this one, and into those, and so on (merges can chain): the
        tombstones whose unmoved rows (audit rows, a row this record had its own of) are this
        person's too. Read by the subject access export and by retention."""
        found: list[Resident] = []
        frontier = [self.pk]
        while frontier:
            step = list(Resident._base_manager.filter(merged_into__in=frontier).order_by("pk"))
            found += step
            frontier = [each.pk for each in step]
        return found

    @property
    def preferred_language_name(self) -> str:
        """The language they prefer, in its own name ("Polski"), never its code."""
        return language_name(self.preferred_language)

    @property
    def interpreter_language_name(self) -> str:
        return interpreter_language_name(self.interpreter_language)


class Property(models.Model):
    uprn = models.CharField("UPRN", max_length=12, unique=True)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, db_index=True)
    ward = models.CharField(max_length=100, blank=True)
    is_council_owned = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "properties"
        ordering = ["postcode", "address_line_1"]

    def __str__(self) -> str:
        return f"{self.address_line_1}, {self.town} {self.postcode}"


class Relationship(models.TextChoices):
    TENANT = "tenant", "Council tenant"
    LEASEHOLDER = "leaseholder", "Leaseholder"
    OWNER = "owner", "Owner-occupier"
    PRIVATE_TENANT = "private_tenant", "Private tenant"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    BUSINESS = "business", "Business occupier"


class Occupancy(models.Model):
    """A resident's link to a property, over a period."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="occupancies")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="occupancies")
    relationship = models.CharField(max_length=24, choices=Relationship.choices)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "occupancies"
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "property", "relationship"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_occupancy_per_relationship",
            ),
            models.CheckConstraint(
                name="occupancy_ends_after_it_starts",
                condition=models.Q(ended_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
            ),
        ]


class SensitiveCategory(models.TextChoices):
    """UK GDPR Art. 9 special-category data and vulnerability we may hold, for a purpose."""

    VULNERABILITY = "vulnerability", "Vulnerability"
    PHYSICAL_HEALTH = "physical_health", "Physical health"
    MENTAL_HEALTH = "mental_health", "Mental health"
    DISABILITY = "disability", "Disability"
    SAFEGUARDING = "safeguarding", "Safeguarding concern"


class LawfulBasis(models.TextChoices):
    """Why the council may hold special-category data (UK GDPR Art. 6 and Art. 9)."""

    CONSENT = "consent", "Explicit consent (Art. 9(2)(a))"
    VITAL_INTERESTS = "vital_interests", "Vital interests (Art. 9(2)(c))"
    PUBLIC_TASK = "public_task", "Public task with social care (Art. 6(1)(e), Art. 9(2)(h))"
    SUBSTANTIAL_PUBLIC_INTEREST = (
        "substantial_public_interest",
        "Substantial public interest (Art. 9(2)(g))",
    )


class PublicInterestCondition(models.TextChoices):
    """The Data Protection Act 2018 Schedule 1 Part 2 condition a substantial public interest
    basis rests on."""

    STATUTORY = "statutory", "Statutory and government purposes (para. 6)"
    EQUALITY = "equality", "Equality of opportunity or treatment (para. 8)"
    SUPPORT = "support", "Support for people with a disability or medical condition (para. 16)"
    SAFEGUARDING = "safeguarding", "Safeguarding of children and individuals at risk (para. 18)"
    ECONOMIC_WELLBEING = "economic_wellbeing", "Safeguarding of economic well-being (para. 19)"


class ConsentHow(models.TextChoices):
    """How the resident gave their consent."""

    SPOKEN = "spoken", "Spoken, on the phone"
    IN_PERSON = "in_person", "In person"
    IN_WRITING = "in_writing", "In writing (letter or email)"
    ONLINE = "online", "Online"


class SensitiveInformationQuerySet(models.QuerySet["SensitiveInformation"]):
    def current(self) -> SensitiveInformationQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class SensitiveInformation(models.Model):
    """Special-category data about a resident: held only with a purpose and a review date."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="sensitive_information"
    )
    category = models.CharField(max_length=24, choices=SensitiveCategory.choices)
    details = models.TextField()
    purpose = models.CharField(max_length=300, help_text="Why the council holds this.")
    lawful_basis = models.CharField(max_length=200)
    consent_given = models.BooleanField(default=False)
    raises_priority = models.BooleanField(
        default=True, help_text="Cases for this resident are triaged first."
    )
    review_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The structured record of why it is held (people.services.record_support_need); `lawful_basis`
    # above is its words, or the free text of entries recorded before there were choices.
    basis = models.CharField(max_length=32, choices=LawfulBasis.choices, blank=True)
    basis_condition = models.CharField(
        max_length=24, choices=PublicInterestCondition.choices, blank=True
    )
    basis_reason = models.TextField(
        blank=True, help_text="Why it is held without the resident's consent."
    )
    consent_how = models.CharField(max_length=16, choices=ConsentHow.choices, blank=True)
    team = models.ForeignKey(
        "catalogue.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The team that holds it and reviews it.",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(blank=True)
    # The review date the daily job last told the officer or team about: once per date.
    review_reminded_for = models.DateField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.CharField(max_length=300, blank=True)

    objects = SensitiveInformationQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "sensitive information"
        indexes = [models.Index(fields=["review_on"], name="sensitive_review_on")]

    def is_review_overdue(self, today) -> bool:
        return self.withdrawn_at is None and self.review_on < today


class AccessKind(models.TextChoices):
    """On what ground special-category data was read (people.policies)."""

    NEED_TO_KNOW = "need_to_know", "Need to know"
    BREAK_GLASS = "break_glass", "Break glass"
    # Writes are logged here too, so one list says everything done with a resident's data.
    RECORDED = "recorded", "Recorded"
    REVIEWED = "reviewed", "Reviewed, still needed"
    CHANGED = "changed", "Changed"
    REMOVED = "removed", "Removed"
    # Copied in by a data loader (the housing import, the demo) rather than an officer.
    IMPORTED = "imported", "Recorded by import"


class SensitiveAccess(AuditRecord):
    """One read of a resident's special-category data: who, when, and why. An audit record:
    never edited or deleted (a resident leaves by anonymisation, which redacts the purpose). A
    break-glass read's `purpose` is the officer's own reason, as they gave it."""

    REDACTION: ClassVar[dict[str, Any]] = {"purpose": REMOVED_UNDER_RETENTION}

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    purpose = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=16, choices=AccessKind.choices, default=AccessKind.NEED_TO_KNOW
    )
    # Which entry a write was about; a number, not a key, as erasure deletes the entry and an
    # audit row is never changed.
    information_number = models.PositiveIntegerField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["resident", "-at"]),
            # Information governance's list of break-glass reads, newest first.
            models.Index(fields=["kind", "-at"], name="people_sensitiveaccess_kind"),
        ]


class EqualityProfile(models.Model):
    """A resident's own answers to the equality-monitoring questions (people.equality), given
    with their consent, for reports of who the council reaches. Special-category data that no
    officer reads one by one: only insight.reach counts it, in groups of at least the council's
    small-number threshold; the resident's subject access export holds it, and it goes with
    their special-category data when they are anonymised or erased. Each answer is blank (not
    answered), "prefer_not_to_say", or a value of its question."""

    resident = models.OneToOneField(
        Resident, on_delete=models.CASCADE, related_name="equality_profile"
    )
    age_band = models.CharField(max_length=32, blank=True)
    sex = models.CharField(max_length=32, blank=True)
    gender_same_as_birth = models.CharField(max_length=32, blank=True)
    ethnic_group = models.CharField(max_length=32, blank=True)
    disability = models.CharField(max_length=32, blank=True)
    religion = models.CharField(max_length=32, blank=True)
    sexual_orientation = models.CharField(max_length=32, blank=True)
    main_language = models.CharField(max_length=32, blank=True)
    consent_given = models.BooleanField(default=False)
    consented_at = models.DateTimeField()
    purpose = models.CharField(max_length=400)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="equality_profile_held_with_consent", condition=models.Q(consent_given=True)
            )
        ]
