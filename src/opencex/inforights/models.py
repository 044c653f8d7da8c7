"""The information-rights register: one entry per FOI, EIR, subject access or review case, the
exemptions it relied on, complaints to the ICO, and the record of every subject access export."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from opencex.inforights.legislation import CODE_CHOICES


class Decision(models.TextChoices):
    # The first two have the disclosure log's values: only released information is published.
    RELEASED = "released", "Information released"
    PART_RELEASED = "part_released", "Information released in part"
    REFUSED = "refused", "Refused"
    NOT_HELD = "not_held", "Information not held"
    NEITHER_CONFIRM_NOR_DENY = "neither_confirm_nor_deny", "Neither confirm nor deny"


class InformationRequest(models.Model):
    """The register's entry for a case: how it was decided, any fee, and any flag an officer put
    on it. How it arrived is the case's channel; its dates are the case's clock."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="register_entry"
    )
    decision = models.CharField(max_length=32, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.TextField(blank=True, help_text="The response as sent to the requester.")

    fee_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    fees_notice_on = models.DateField(null=True, blank=True)
    fee_paid_on = models.DateField(null=True, blank=True)
    lapsed_on = models.DateField(
        null=True, blank=True, help_text="The fee was not paid within three months (FOIA s9(2))."
    )

    identity_verified_on = models.DateField(null=True, blank=True)
    identity_evidence = models.CharField(max_length=200, blank=True)

    extended_on = models.DateField(
        null=True, blank=True, help_text="The day the requester was told."
    )
    extension_reason = models.TextField(blank=True)

    duplicate_of = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    repeat_of = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The same requester's earlier, substantially similar request (FOIA s14(2)).",
    )
    is_vexatious = models.BooleanField(
        default=False, help_text="FOIA s14(1); under the EIR, manifestly unreasonable (12(4)(b))."
    )
    flag_reason = models.TextField(blank=True)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["decision", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                name="register_decision_has_a_day",
                condition=models.Q(decision="", decided_on__isnull=True)
                | (~models.Q(decision="") & models.Q(decided_on__isnull=False)),
            ),
            models.CheckConstraint(
                name="register_flag_has_a_reason",
                condition=models.Q(
                    duplicate_of__isnull=True, repeat_of__isnull=True, is_vexatious=False
                )
                | ~models.Q(flag_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return f"Register entry for case {self.case_id}"

    @property
    def is_flagged(self) -> bool:
        return bool(self.duplicate_of_id or self.repeat_of_id or self.is_vexatious)


class AppliedExemption(models.Model):
    """An exemption or exception a decision relied on, with the public interest reasoning that a
    qualified one needs."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.CASCADE, related_name="exemptions"
    )
    code = models.CharField(max_length=32, choices=CODE_CHOICES)
    public_interest = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "code"], name="one_use_of_each_exemption")
        ]


class IcoOutcome(models.TextChoices):
    PENDING = "pending", "Not decided yet"
    INFORMALLY_RESOLVED = "informally_resolved", "Resolved informally"
    NOT_UPHELD = "not_upheld", "Not upheld: the council's decision stands"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    UPHELD = "upheld", "Upheld: the council must act"
    WITHDRAWN = "withdrawn", "Withdrawn by the requester"


class IcoComplaint(models.Model):
    """The requester complained to the Information Commissioner about a request's handling."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="ico_complaints")
    ico_reference = models.CharField(max_length=40, unique=True)
    received_on = models.DateField(help_text="The day the ICO told the council.")
    outcome = models.CharField(
        max_length=24, choices=IcoOutcome.choices, default=IcoOutcome.PENDING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["received_on", "id"]


class SubjectAccessExport(models.Model):
    """One download of everything held about a resident: who made it, when, for which request.
    Itself personal data about the resident, so each export lists the ones before it."""

    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="subject_access_exports"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["resident", "at"])]
