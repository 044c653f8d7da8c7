"""Payments, refunds, their audit trail and the reconciliation runs.

A payment's status follows GOV.UK Pay's states; only `services` changes it, under a row lock, and
every change is an append-only `PaymentEvent`."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opencex.audit.records import REMOVED_UNDER_RETENTION, AuditQuerySet, AuditRecord


class PaymentStatus(models.TextChoices):
    """GOV.UK Pay's payment states (`state.status`)."""

    CREATED = "created", "Created"
    STARTED = "started", "Started"
    SUBMITTED = "submitted", "Submitted"
    CAPTURABLE = "capturable", "Capturable"
    SUCCESS = "success", "Paid"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
    ERROR = "error", "Error"


FINAL_STATUSES = frozenset(
    {PaymentStatus.SUCCESS, PaymentStatus.FAILED, PaymentStatus.CANCELLED, PaymentStatus.ERROR}
)
# Listed (not derived from FINAL_STATUSES) so that the constraint below reads the same in its
# migration; a test checks the two lists cover every status between them.
IN_PROGRESS_STATUSES = (
    PaymentStatus.CREATED,
    PaymentStatus.STARTED,
    PaymentStatus.SUBMITTED,
    PaymentStatus.CAPTURABLE,
)


class FailureCode(models.TextChoices):
    """GOV.UK Pay's `state.code` for a payment that did not succeed."""

    DECLINED = "P0010", "Payment method rejected"
    EXPIRED = "P0020", "Payment expired"
    CANCELLED_BY_USER = "P0030", "Payment cancelled by the user"
    CANCELLED_BY_SERVICE = "P0040", "Payment cancelled by the service"
    ERROR = "P0050", "Payment provider returned an error"


class PaymentChannel(models.TextChoices):
    """Who typed the card details: the resident online, or an officer for them."""

    WEB = "web", "Online"
    PHONE = "phone", "Phone"
    FACE_TO_FACE = "face_to_face", "Face to face"


class Payment(models.Model):
    """One attempt to take money for one purpose (a bill, a booking). Its amount never changes."""

    reference = models.CharField(max_length=32, unique=True, help_text="Our payment reference.")
    idempotency_key = models.CharField(max_length=200, unique=True)
    provider = models.CharField(max_length=32)
    provider_payment_id = models.CharField(max_length=100, blank=True)
    next_url = models.URLField(max_length=2000, blank=True)
    return_url = models.CharField(max_length=2000)
    amount_pence = models.PositiveIntegerField()
    description = models.CharField(max_length=255)
    purpose = models.CharField(max_length=64)
    purpose_id = models.CharField(max_length=100)
    # A payment is a financial record that outlives the resident's record (the demo's reset
    # deletes residents; in production they are anonymised): the email and reference stay.
    resident = models.ForeignKey(
        "people.Resident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payments",
    )
    email = models.EmailField(blank=True)
    channel = models.CharField(
        max_length=16, choices=PaymentChannel.choices, default=PaymentChannel.WEB
    )
    card_holder_present = models.BooleanField(
        default=True, help_text="False for a payment an officer takes by phone (GOV.UK Pay's moto)."
    )
    status = models.CharField(
        max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.CREATED
    )
    failure_code = models.CharField(max_length=8, choices=FailureCode.choices, blank=True)
    failure_message = models.CharField(max_length=255, blank=True)
    card_last_digits = models.CharField(max_length=4, blank=True)
    refunded_pence = models.PositiveIntegerField(
        default=0, help_text="Refunds submitted or made (an errored refund gives its amount back)."
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    settled_at = models.DateTimeField(
        null=True, blank=True, help_text="When the final state was recorded."
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["provider", "provider_payment_id"]),
            models.Index(fields=["purpose", "purpose_id"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["settled_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=Q(refunded_pence__lte=F("amount_pence")),
                name="payment_never_refunded_beyond_its_amount",
            ),
            models.CheckConstraint(
                condition=Q(refunded_pence=0) | Q(status=PaymentStatus.SUCCESS),
                name="payment_refunded_only_when_paid",
            ),
            # One payment in progress per purpose (a bill, a booking): the database decides, so
            # two starts at the same moment cannot both pass the services' check.
            models.UniqueConstraint(
                fields=["purpose", "purpose_id"],
                condition=Q(status__in=IN_PROGRESS_STATUSES),
                name="payment_one_in_progress_per_purpose",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def is_paid(self) -> bool:
        return self.status == PaymentStatus.SUCCESS

    @property
    def refundable_pence(self) -> int:
        return self.amount_pence - self.refunded_pence if self.is_paid else 0


class RefundStatus(models.TextChoices):
    """GOV.UK Pay's refund states."""

    SUBMITTED = "submitted", "Submitted"
    SUCCESS = "success", "Refunded"
    ERROR = "error", "Error"


class Refund(models.Model):
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_pence = models.PositiveIntegerField()
    reason = models.CharField(max_length=500)
    status = models.CharField(
        max_length=16, choices=RefundStatus.choices, default=RefundStatus.SUBMITTED
    )
    provider_refund_id = models.CharField(
        max_length=100, blank=True, help_text="Empty until the provider has answered the request."
    )
    # A finance officer's refund form carries a key: submitting it twice refunds once. A refund
    # the rules give has none (its purpose takes the amount due once, under its own lock).
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # A finance officer's refund is theirs; a refund the purpose's rules give has no officer,
    # and `because` says which rule gave it. A refund has one or the other (a constraint).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    because = models.CharField(
        max_length=64, blank=True, help_text="The rule that gave the refund when no officer did."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    settled_at = models.DateTimeField(
        null=True, blank=True, help_text="When the final state (refunded or error) was recorded."
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(
                condition=Q(requested_by__isnull=False) | ~Q(because=""),
                name="refund_asked_by_an_officer_or_the_rules",
            ),
        ]

    def __str__(self) -> str:
        return f"Refund of {self.amount_pence}p on {self.payment_id}"


class PaymentEventKind(models.TextChoices):
    STARTED = "started", "Payment started"
    STATUS_CHANGED = "status_changed", "Status changed"
    REFUND_REQUESTED = "refund_requested", "Refund requested"
    REFUND_STATUS_CHANGED = "refund_status_changed", "Refund status changed"


class PaymentEvent(AuditRecord):
    """Append-only: every payment state change and every refund, with who or what caused it."""

    REDACTION: ClassVar[dict[str, str]] = {"detail": REMOVED_UNDER_RETENTION}

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    refund = models.ForeignKey(
        Refund, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=32, choices=PaymentEventKind.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    because = models.CharField(
        max_length=64, blank=True, help_text="What caused it when no officer did."
    )
    detail = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.from_status}->{self.to_status}"


class ReconciliationRun(models.Model):
    """One run of `opencex reconcile_payments`: what it looked at and what it found."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    looked_at = models.PositiveIntegerField(default=0)
    settled = models.PositiveIntegerField(default=0)
    still_open = models.PositiveIntegerField(default=0)
    refunds_checked = models.PositiveIntegerField(default=0)
    problems = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Reconciliation at {self.started_at:%Y-%m-%d %H:%M}"


class TestProviderSession(models.Model):
    """The local test provider's own record of a payment: it plays the outside system, so what
    it knows lives apart from our `Payment` and is only read through its adapter."""

    __test__ = False  # not a pytest class

    class State(models.TextChoices):
        CREATED = "created"
        STARTED = "started"
        SUCCESS = "success"
        FAILED = "failed"
        CANCELLED = "cancelled"
        ERROR = "error"

    id = models.CharField(primary_key=True, max_length=40)
    amount_pence = models.PositiveIntegerField()
    reference = models.CharField(max_length=255)
    description = models.CharField(max_length=255)
    return_url = models.CharField(max_length=2000)
    email = models.EmailField(blank=True)
    moto = models.BooleanField(default=False)
    state = models.CharField(max_length=16, choices=State.choices, default=State.CREATED)
    code = models.CharField(max_length=8, blank=True)
    card_last_digits = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    refunded_pence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.id


class TestProviderRefund(models.Model):
    __test__ = False

    id = models.CharField(primary_key=True, max_length=40)
    session = models.ForeignKey(
        TestProviderSession, on_delete=models.CASCADE, related_name="refunds"
    )
    amount_pence = models.PositiveIntegerField()
    state = models.CharField(max_length=16, default="success")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.id


class BillPosting(models.Model):
    """A successful bill payment to be posted to the council's bills system: recorded as due in
    the payment's transaction, posted by a job afterwards (the payment's reference is the bills
    system's idempotency key), and left `gave_up` for finance to see if every try failed."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="bill_posting")
    posted_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    gave_up = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Posting of {self.payment_id}"


class DemoBill(models.Model):
    """A bill in the local stand-in for the council's bills system (`bills.system.DemoBills`):
    what `opencex demo` says the demo residents owe. A real council's system holds these."""

    kind = models.CharField(max_length=32)
    reference = models.CharField(max_length=32)
    resident = models.ForeignKey(
        "people.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.CharField(max_length=200)
    balance_pence = models.IntegerField(help_text="Below zero is a credit.")
    paid_pence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "reference"], name="demo_bill_unique_reference")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class DemoBillReceipt(models.Model):
    """The demo bills system's record of each payment posted to it: the same receipt posted again
    changes nothing, as a real bills system's idempotency key would."""

    receipt = models.CharField(max_length=32, unique=True)
    bill = models.ForeignKey(DemoBill, on_delete=models.CASCADE, related_name="receipts")
    amount_pence = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.receipt
