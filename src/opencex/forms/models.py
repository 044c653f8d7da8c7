"""Forms as data: a definition, its published versions, and a person's answers while they fill
one in (kept on the server, so nothing is lost on an error or when they come back later)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from opencex.audit.records import AuditQuerySet, AuditRecord
from opencex.languages import text_in


class FormDefinition(models.Model):
    """A form the council offers, e.g. "Report a missed bin"; its questions live in versions."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    case_kind = models.CharField(
        max_length=24, help_text="The kind of case a submission opens (see cases.CaseKind)."
    )
    service = models.ForeignKey(
        "catalogue.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forms",
    )
    is_live = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> FormVersion | None:
        """The newest published version: the one new sessions use."""
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()


class FormVersion(models.Model):
    """One published schema of a form. Never edited once published: a change is a new version,
    so every submission can be read against the questions the person actually saw."""

    definition = models.ForeignKey(
        FormDefinition, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    schema = models.JSONField()
    checksum = models.CharField(
        max_length=64, blank=True, help_text="SHA-256 of the schema, to see if a file changed."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["definition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "number"], name="one_number_per_form")
        ]

    def __str__(self) -> str:
        return f"{self.definition.title}, version {self.number}"

    def title_in(self, language: str) -> str:
        """The form's title as residents read it in `language`: the schema's "title" where it
        has one (it may be translated), else the definition's English title."""
        return text_in(self.schema.get("title"), language) or self.definition.title


class FormSessionQuerySet(models.QuerySet["FormSession"]):
    def active(self) -> FormSessionQuerySet:
        return self.filter(expires_at__gt=timezone.now())


class FormSession(models.Model):
    """One person's way through one form: their answers so far, the version they started on,
    the channel, and (once sent) the case it became."""

    token = models.CharField(max_length=64, unique=True)
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="sessions")
    channel = models.CharField(max_length=16)
    answers = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    pages_done = models.JSONField(default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_for_email = models.EmailField(blank=True)
    # Assisted digital: who an officer is filling the form in for, where the contact came in
    # (a phone line or a place from the council profile) and the priority the case will get.
    resident = models.ForeignKey(
        "people.Resident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone_line = models.CharField(max_length=64, blank=True)
    place = models.CharField(max_length=64, blank=True)
    priority = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty: the case's usual priority (cases.services)."
    )
    # The one "come back later" link that still works; cleared when it is used.
    resume_nonce = models.CharField(max_length=64, blank=True)
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="form_session"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField()

    objects = FormSessionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return f"{self.version} ({self.channel})"

    @property
    def is_submitted(self) -> bool:
        return self.case_id is not None


class FormUpload(models.Model):
    """A file given in answer to a question, checked on arrival and kept privately (the default
    storage is never served) until the form is sent and it becomes a case attachment."""

    session = models.ForeignKey(FormSession, on_delete=models.CASCADE, related_name="uploads")
    question = models.CharField(max_length=64)
    file = models.FileField(upload_to="form-uploads/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class FormChange(AuditRecord):
    """One change an administrator made to a form in the form builder (a page or question added,
    a draft published, a version rolled back, the form taken offline): who, when and what. An
    audit record: never edited or deleted."""

    definition = models.ForeignKey(FormDefinition, on_delete=models.PROTECT, related_name="changes")
    version_number = models.PositiveIntegerField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=32)
    detail = models.CharField(max_length=500, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.definition}: {self.action}"
