"""Cases, their clock pauses, their append-only timeline and their attachments."""

from __future__ import annotations

import builtins
from typing import Any, ClassVar

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Greatest, Least

from opencex.audit.records import REMOVED_UNDER_RETENTION, AuditQuerySet, AuditRecord


class CaseKind(models.TextChoices):
    SERVICE_REQUEST = "service_request", "Service request"
    ENQUIRY = "enquiry", "Enquiry"
    COMPLAINT = "complaint", "Complaint"
    COMPLIMENT = "compliment", "Compliment"
    COMMENT = "comment", "Comment"
    FOI = "foi", "Freedom of Information request"
    EIR = "eir", "Environmental Information request"
    SAR = "sar", "Subject access request"
    FOI_INTERNAL_REVIEW = "foi_internal_review", "FOI internal review"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    IN_PROGRESS = "in_progress", "In progress"
    AWAITING_RESIDENT = "awaiting_resident", "Waiting for the resident"
    RESPONDED = "responded", "Responded"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = frozenset(
    {Status.RECEIVED, Status.ACKNOWLEDGED, Status.IN_PROGRESS, Status.AWAITING_RESIDENT}
)


class Channel(models.TextChoices):
    """How a contact reached the council."""

    WEB = "web", "Website"
    PHONE = "phone", "Phone"
    FACE_TO_FACE = "face_to_face", "Face to face"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    OUTREACH = "outreach", "Outreach"
    PARTNER_API = "partner_api", "Partner system"


class Priority(models.IntegerChoices):
    NORMAL = 0, "Normal"
    HIGH = 1, "High"
    URGENT = 2, "Urgent"


class HazardClass(models.TextChoices):
    """Awaab's Law: which hazard clock a repair to a council home runs on (RULES.md)."""

    NONE = "", "Not a hazard"
    EMERGENCY = "emergency", "Emergency hazard"
    SIGNIFICANT = "significant", "Significant hazard"


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> CaseQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def for_client_email(self, email: str) -> CaseQuerySet:
        """The cases `email` belongs to (see `Case.is_client_email`); none for a blank one."""
        email = email.strip()
        if not email:
            return self.none()
        return self.filter(
            models.Q(contact_email__iexact=email) | models.Q(resident__email__iexact=email)
        )


class Case(models.Model):
    reference = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=24, choices=CaseKind.choices)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.RECEIVED)
    stage = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Complaint stage (1 or 2); empty for other kinds."
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)

    resident = models.ForeignKey(
        "people.Resident", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    property = models.ForeignKey(
        "people.Property", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    # Contact details as given with the request; a request may come before we know the resident.
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)

    service = models.ForeignKey(
        "catalogue.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    team = models.ForeignKey(
        "catalogue.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_cases",
    )
    stage1_handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who handled stage 1: stage 2 must be handled by someone else.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The request an internal review is about.",
    )

    subject = models.CharField(max_length=200)
    description = models.TextField()
    answers = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    # The language the case was made in (the page's, the API's `lang`, or the one an officer
    # chose for the resident), one of settings.LANGUAGES: messages about it are written in it
    # when there is no resident record with a language of their own (notify.language).
    language = models.CharField(max_length=8, default="en")

    # The clock. received_on is the date of receipt in the council's local time (day 0);
    # clock_started_on moves when a clarification restarts the clock or, for subject access,
    # when identity or a fee arrives later than the request.
    received_at = models.DateTimeField()
    received_on = models.DateField()
    clock_started_on = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    is_extended = models.BooleanField(default=False)
    extension_days = models.PositiveSmallIntegerField(default=0)
    due_on = models.DateField(null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    # An officer's revised expected date for a request on a service standard (never a statutory
    # clock), with the reason the resident was told; cases.clock.case_deadline honours it.
    expected_on_revised = models.DateField(null=True, blank=True)
    expected_on_revised_reason = models.CharField(max_length=300, blank=True)
    new_reply_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the resident's latest reply arrived, until an officer handling the case "
        "acts on it.",
    )

    # Hazards in council homes (Awaab's Law): the clock starts when the council became aware, by
    # any channel (received_at unless an officer recorded an earlier moment); an emergency is
    # due at an hour (due_at), a significant hazard moves on to the summary and safety work
    # once the investigation concludes.
    hazard_class = models.CharField(
        max_length=16, choices=HazardClass.choices, blank=True, default=HazardClass.NONE
    )
    became_aware_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the council became aware of the hazard, if before the case was received.",
    )
    investigation_concluded_on = models.DateField(null=True, blank=True)
    significant_hazard_found = models.BooleanField(null=True, blank=True)
    # The steps after the investigation, as officers record them (cases.actions.hazard_steps);
    # the dates they were due are the clocks', never stored.
    summary_given_on = models.DateField(
        null=True, blank=True, help_text="When the tenant was given the written summary."
    )
    made_safe_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the home was made safe, or (an emergency) alternative accommodation "
        "was offered instead.",
    )
    alternative_accommodation_offered = models.BooleanField(default=False)
    further_work_began_on = models.DateField(null=True, blank=True)
    further_work_delay_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why the further work could not begin within 5 working days (the 12-week "
        "route); blank when it did.",
    )
    due_at = models.DateTimeField(
        null=True, blank=True, help_text="The time on the due date, for a clock counted in hours."
    )
    standard_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The service standard the answers chose (an urgent repair's 3 working days), "
        "when it is not the service's own.",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    submission_fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["team", "status", "due_on"]),
            models.Index(fields=["assigned_to", "status", "due_on"]),
            models.Index(fields=["kind", "status", "due_on"]),
            models.Index(fields=["resident", "-received_at"]),
            models.Index(fields=["status", "-priority", "due_on"]),
            models.Index(fields=["channel", "received_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="complaint_has_a_stage",
                condition=(models.Q(kind="complaint") & models.Q(stage__in=[1, 2]))
                | (~models.Q(kind="complaint") & models.Q(stage__isnull=True)),
            ),
            models.CheckConstraint(
                name="clock_starts_on_or_after_receipt",
                condition=models.Q(clock_started_on__gte=models.F("received_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    def begin_stage_two(self, on) -> None:
        """Set a stage 1 complaint's fields for stage 2: a fresh clock from the escalation day,
        no acknowledgement or extension yet, and someone other than the stage 1 handler."""
        self.stage1_handled_by = self.assigned_to
        self.assigned_to = None
        self.stage = 2
        self.status = Status.RECEIVED
        self.clock_started_on = max(on, self.clock_started_on)
        self.acknowledged_on = None
        self.responded_on = None
        self.closed_at = None
        self.is_extended = False
        self.extension_days = 0

    @builtins.property  # the field named `property` shadows the builtin in this class body
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    # The client's address: the one place that decides which email a case's messages go to and
    # which emails prove someone is the client (a reference grant, a reply, tracking by email).
    @builtins.property
    def client_email(self) -> str:
        """The address to write to: the resident's own when we hold one (their record is kept
        up to date), else the one given with the request."""
        resident_email = self.resident.email.strip() if self.resident is not None else ""
        return resident_email or self.contact_email.strip()

    def is_client_email(self, email: str) -> bool:
        """`email` is one the client gave us: with the request, or on their resident record."""
        email = email.strip().lower()
        known = {self.contact_email.strip().lower()}
        if self.resident is not None:
            known.add(self.resident.email.strip().lower())
        return bool(email) and email in known


class PauseReason(models.TextChoices):
    CLARIFICATION = "clarification", "Waiting for clarification"
    FEES_NOTICE = "fees_notice", "Waiting for a fee"
    IDENTITY = "identity", "Waiting for proof of identity"


def pause_is_open(path: str = "") -> models.Q:
    """The one definition of the open pause: a pause that has not ended. `path` reaches the
    pause from another model, e.g. `"pauses__"` from a case."""
    return models.Q(**{f"{path}ended_on__isnull": True})


class ClockPauseQuerySet(models.QuerySet["ClockPause"]):
    def open(self) -> ClockPauseQuerySet:
        """The pause still running (a case has at most one: see `one_open_pause`)."""
        return self.filter(pause_is_open())


class ClockPause(models.Model):
    """A stretch of days, both ends included, when a case's clock did not run."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(max_length=24, choices=PauseReason.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    objects = ClockPauseQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=pause_is_open(), name="one_open_pause"
            ),
            models.CheckConstraint(
                name="pause_ends_on_or_after_start",
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
            ),
        ]


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    NOTE = "note", "Internal note"
    MESSAGE_IN = "message_in", "Message from the resident"
    MESSAGE_OUT = "message_out", "Message to the resident"
    STATUS_CHANGED = "status_changed", "Status changed"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CLOCK_PAUSED = "clock_paused", "Clock paused"
    CLOCK_RESUMED = "clock_resumed", "Clock resumed"
    CLOCK_RESTARTED = "clock_restarted", "Clock restarted"
    EXTENDED = "extended", "Deadline extended"
    ESCALATED = "escalated", "Escalated"
    REASSIGNED = "reassigned", "Reassigned"
    PRIORITY_CHANGED = "priority_changed", "Priority changed"
    ATTACHMENT_ADDED = "attachment_added", "Attachment added"
    ATTACHMENT_OPENED = "attachment_opened", "Attachment opened"
    LINKED = "linked", "Linked to another case"
    MARKED_DUPLICATE = "marked_duplicate", "Marked as a duplicate"
    EXPECTED_DATE_REVISED = "expected_date_revised", "Expected date revised"
    HAZARD_RECORDED = "hazard_recorded", "Hazard recorded"
    INVESTIGATION_CONCLUDED = "investigation_concluded", "Hazard investigation concluded"
    SUMMARY_GIVEN = "hazard_summary_given", "Written summary of the findings given"
    MADE_SAFE = "hazard_made_safe", "Home made safe"
    FURTHER_WORK_BEGUN = "further_work_begun", "Further work begun"


class AppendOnlyQuerySet(AuditQuerySet):
    refusal = "The case timeline is append-only; add a new event instead."


class CaseEvent(AuditRecord):
    """One entry in a case's timeline; the timeline is also the audit trail, so never edited.

    Deleting its case is refused (PROTECT here, and triggers in the database): a case leaves
    by anonymisation, which redacts its events and keeps them."""

    REDACTION: ClassVar[dict[str, Any]] = {
        "summary": REMOVED_UNDER_RETENTION,
        "body": "",
        "data": {},
    }

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    is_visible_to_resident = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_visible_to_resident = models.BooleanField(default=True)


class LinkKind(models.TextChoices):
    RELATED = "related", "Related"
    DUPLICATE_OF = "duplicate_of", "Duplicate of"


class CaseLink(models.Model):
    """Two cases an officer linked: related to each other, or `case` a duplicate of `other_case`.

    One link per pair of cases whichever way round, so a pair is never both related and a
    duplicate, and a duplicate has one original."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_from")
    other_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="case_link_is_not_to_itself", condition=~models.Q(case=models.F("other_case"))
            ),
            models.UniqueConstraint(
                Least("case", "other_case"),
                Greatest("case", "other_case"),
                name="one_link_per_pair_of_cases",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(kind="duplicate_of"),
                name="a_duplicate_has_one_original",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.case.reference} {self.get_kind_display().lower()} {self.other_case.reference}"
        )
